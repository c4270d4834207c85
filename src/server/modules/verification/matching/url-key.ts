import { createHash } from "node:crypto";
import { canonicalChannelKey, isTrackingParameter } from "../../../../shared/channel-url.ts";

/*
 * The keys a tip's link is matched by. The registry's canonicalisation reduces a link to the channel
 * it names, which is right for "this page is fake" but too coarse for a rumour: every post of one
 * Facebook page has the page's key. So a link to a post keeps its own normalised address as its
 * exact key (certain match) and the page's key only as its owner key (likely match).
 */
export interface UrlKeys {
  /** Two tips with the same exact key point at the same thing. */
  exact: string;
  /** The channel a post belongs to, when the link is a post of a registry-known platform. */
  owner: string | null;
}

/** Path segments and query keys that make a social link a post rather than the channel itself. */
const contentSegments = new Set([
  "posts",
  "videos",
  "video",
  "photos",
  "photo",
  "photo.php",
  "permalink.php",
  "story.php",
  "watch",
  "reel",
  "reels",
  "shorts",
  "live",
  "events",
  "permalink",
  "p",
  "status",
  "share",
]);
const contentQueryKeys = ["story_fbid", "fbid", "v", "multi_permalinks"];

/** Lower-case host without www/m, no scheme, fragment, tracking parameters or trailing slash. */
export function normaliseUrl(input: string): string | null {
  let url: URL;
  try {
    url = new URL(/^[a-z][a-z0-9+.-]*:/i.test(input.trim()) ? input.trim() : `https://${input.trim()}`);
  } catch {
    return null;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return null;
  }
  const host = url.hostname.toLowerCase().replace(/^(www|m|mobile)\./, "");
  const params = [...url.searchParams.entries()]
    .filter(([name]) => !/^utm_/i.test(name) && !isTrackingParameter(name.toLowerCase()))
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = params.length ? `?${new URLSearchParams(params).toString()}` : "";
  const path = url.pathname.replace(/\/+$/, "");
  return `${host}${path}${query}`;
}

/** The keys of a link, or null for something that is not an http(s) link. */
export function urlKeysOf(url: string | null | undefined, urlKey?: string | null): UrlKeys | null {
  if (!url) {
    return urlKey ? { exact: urlKey, owner: null } : null;
  }
  const normalised = normaliseUrl(url);
  if (!normalised) {
    return null;
  }
  const canonical = canonicalChannelKey(url);
  if (!canonical.ok) {
    return { exact: `url:${normalised}`, owner: null };
  }
  const channelKey = canonical.channel.key;
  if (canonical.channel.platform === "website") {
    // A website's key already keeps the page's path: it names the article itself.
    return { exact: channelKey, owner: null };
  }
  const parsed = new URL(`https://${normalised}`);
  const isPost =
    parsed.pathname
      .toLowerCase()
      .split("/")
      .some((segment) => contentSegments.has(segment)) ||
    contentQueryKeys.some((key) => parsed.searchParams.has(key));
  return isPost
    ? { exact: `url:${normalised}`, owner: channelKey }
    : { exact: channelKey, owner: channelKey };
}

/** A signed 64-bit value of a string key: the first 8 bytes of its SHA-256. */
export function keyValue(namespace: string, key: string): bigint {
  return createHash("sha256").update(`${namespace}\u0000${key}`).digest().readBigInt64BE(0);
}

/** The `url` fingerprint values of a link: its exact key, and its owner's key when it has one. */
export function urlFingerprints(keys: UrlKeys): { exact: bigint; owner: bigint | null } {
  return {
    exact: keyValue("exact", keys.exact),
    owner: keys.owner ? keyValue("owner", keys.owner) : null,
  };
}
