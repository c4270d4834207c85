/**
 * Canonical keys for official channels (websites, Facebook pages and groups, Zalo, YouTube, TikTok).
 *
 * Citizens paste a link to check whether it belongs to an official unit; units register their channels.
 * The same channel must give the same key however its URL was typed or shared, so this module:
 * accepts a missing scheme, `http`, upper case, pasted punctuation, percent-encoding, mobile hosts,
 * tracking parameters and fragments, then reduces the URL to the channel it names.
 *
 * Pure: no network, no clock, no I/O. We never follow short links or share links.
 */

import { facebookGroup, facebookPage, facebookUrl } from "./channel-url/facebook.ts";
import { cleanInput, hostMatches, parseInput, pathSegments } from "./channel-url/input.ts";
import {
  type CanonicalResult,
  type ChannelPlatform,
  type Failure,
  genericInvalid,
  invalid,
  notAChannel,
  shortLink,
  unsupported,
} from "./channel-url/result.ts";
import { tiktokUrl, tiktokUser } from "./channel-url/tiktok.ts";
import { websiteChannel } from "./channel-url/website.ts";
import { youtubeHandle, youtubeUrl } from "./channel-url/youtube.ts";
import { zaloGroup, zaloOa, zaloUrl } from "./channel-url/zalo.ts";

export {
  type CanonicalChannel,
  type CanonicalResult,
  type ChannelPlatform,
  channelPlatforms,
} from "./channel-url/result.ts";
export { isTrackingParameter } from "./channel-url/tracking-parameters.ts";

const maxInputLength = 2000;
const maxRedirectDepth = 3;

/**
 * Canonicalises a URL (or a bare host/handle typed by a person) to the channel it names.
 *
 * `hint` is the platform the person chose. What the URL says wins whenever it is unambiguous; the hint only
 * decides a bare handle ("@vtv24", "congan.tuyenquang") and facebook.com/<number>, which opens a page,
 * a profile or a group alike (with "facebook_group" it is read as the group, as /groups/<number> would be).
 * Never throws; never fetches anything.
 */
export function canonicalChannelKey(input: string, hint?: ChannelPlatform): CanonicalResult {
  try {
    return canonicalise(input, hint, 0);
  } catch {
    // Defensive: this module must never throw on user input.
    return genericInvalid(hint);
  }
}

/**
 * The platform a pasted address belongs to, as the registry would key it, or null while it names no
 * channel yet (half typed, a bare name, a post or a short link). Forms use it to choose the platform
 * for the person; an address of any other site is a website.
 */
export function detectChannelPlatform(input: string): ChannelPlatform | null {
  const result = canonicalChannelKey(input);
  return result.ok ? result.channel.platform : null;
}

function canonicalise(input: string, hint: ChannelPlatform | undefined, depth: number): CanonicalResult {
  if (typeof input !== "string") {
    return genericInvalid(hint);
  }
  if (input.length > maxInputLength * 2) {
    return tooLong();
  }
  const text = cleanInput(input);
  if (text.length === 0) {
    return invalid("Chưa nhập liên kết.", "No link was entered.");
  }
  if (text.length > maxInputLength) {
    return tooLong();
  }
  const bare = bareHandle(text, hint);
  if (bare !== null) {
    return bare;
  }
  if (/\s/.test(text.replace(/[?#].*$/s, ""))) {
    return genericInvalid(hint);
  }
  const parsed = parseInput(text, hint);
  if (!(parsed instanceof URL)) {
    return parsed;
  }
  return fromUrl(parsed, hint, depth);
}

function tooLong(): Failure {
  return invalid(
    `Liên kết quá dài (tối đa ${maxInputLength} ký tự).`,
    `The link is too long (at most ${maxInputLength} characters).`,
  );
}

/**
 * A handle typed without a URL: "@vtv24" for YouTube or TikTok, "congantinhtuyenquang" for a Facebook page,
 * digits for a Zalo OA, a group code for a Zalo group. Only used when the person chose the platform.
 */
function bareHandle(text: string, hint: ChannelPlatform | undefined): CanonicalResult | null {
  if (text.includes("/") || text.includes(":") || /\s/.test(text)) {
    return null;
  }
  if (!text.startsWith("@") && text.includes(".") && !handleHints.has(hint)) {
    return null;
  }
  if (!text.startsWith("@") && looksLikeDomain(text)) {
    return null;
  }
  switch (hint) {
    case "facebook_page":
      return facebookPage(text.replace(/^@/, ""));
    case "facebook_group":
      return facebookGroup(text.replace(/^@/, ""));
    case "youtube":
      return youtubeHandle(text.startsWith("@") ? text : `@${text}`);
    case "tiktok":
      return tiktokUser(text.startsWith("@") ? text : `@${text}`);
    case "zalo_oa":
      return /^\d+$/.test(text) ? zaloOa(text) : notAChannel();
    case "zalo_group":
      return zaloGroup(text);
    default:
      return invalid(
        "Vui lòng dán liên kết đầy đủ, hoặc chọn nền tảng (Facebook, YouTube, TikTok, Zalo) trước khi nhập tên tài khoản.",
        "Paste the full link, or choose the platform (Facebook, YouTube, TikTok, Zalo) before typing an account name.",
      );
  }
}

/** Platforms whose usernames may contain periods, so "congan.tuyenquang" is a username when one of them was chosen. */
const handleHints = new Set<ChannelPlatform | undefined>([
  "facebook_page",
  "facebook_group",
  "tiktok",
  "youtube",
]);

/**
 * Top-level domains that a person typing a bare name most likely meant as a website. Facebook forbids
 * extensions such as ".com" and ".net" in usernames, so these never end a username we would accept.
 */
const commonTopLevelDomains = new Set([
  "vn",
  "com",
  "net",
  "org",
  "gov",
  "edu",
  "info",
  "biz",
  "io",
  "me",
  "asia",
  "site",
  "online",
  "xyz",
  "top",
  "app",
  "dev",
  "co",
  "tv",
  "link",
  "store",
  "shop",
]);

function looksLikeDomain(text: string): boolean {
  const labels = text.toLowerCase().split(".");
  return labels.length >= 2 && commonTopLevelDomains.has(labels[labels.length - 1] ?? "");
}

function fromUrl(url: URL, hint: ChannelPlatform | undefined, depth: number): CanonicalResult {
  const host = url.hostname.replace(/\.$/, "").toLowerCase();
  const redirect = redirectTarget(url, host);
  if (redirect !== null) {
    if (redirect === "" || depth >= maxRedirectDepth) {
      return shortLink();
    }
    return canonicalise(redirect, hint, depth + 1);
  }
  if (hostMatches(host, "facebook.com") || hostMatches(host, "fb.com")) {
    return facebookUrl(url, host, hint);
  }
  if (host === "fb.me" || host === "m.me" || host === "www.m.me") {
    const [first, second] = pathSegments(url);
    if (first === undefined || second !== undefined || first.toLowerCase() === "e") {
      return shortLink();
    }
    return facebookPage(first);
  }
  if (host === "fb.watch" || host === "fb.gg") {
    return shortLink();
  }
  if (hostMatches(host, "zalo.me")) {
    return zaloUrl(url, host);
  }
  if (host === "youtu.be" || host === "www.youtu.be") {
    return unsupported(
      "Đây là liên kết tới một video, không phải kênh YouTube. Vui lòng dán liên kết kênh (youtube.com/@tenkenh).",
      "This is a link to a video, not a YouTube channel. Paste the channel link (youtube.com/@name).",
    );
  }
  if (hostMatches(host, "youtube.com")) {
    return youtubeUrl(url, host);
  }
  if (hostMatches(host, "tiktok.com")) {
    return tiktokUrl(url, host);
  }
  return websiteChannel(url, host, hint);
}

/** Redirect wrappers whose target is in the query: unwrap and canonicalise the target instead. "" = no target. */
function redirectTarget(url: URL, host: string): string | null {
  const params = url.searchParams;
  const path = url.pathname.toLowerCase().replace(/(?<=.)\/+$/, "");
  if (host === "l.facebook.com" || host === "lm.facebook.com" || host === "l.messenger.com") {
    return params.get("u") ?? "";
  }
  // Logged-out visitors get "facebook.com/login/?next=<the page>": the page is what they meant.
  if (hostMatches(host, "facebook.com") && (path === "/login" || path === "/login.php")) {
    const next = params.get("next");
    if (next === null || next.length === 0) {
      return null;
    }
    return next.startsWith("/") && !next.startsWith("//") ? `https://www.facebook.com${next}` : next;
  }
  if (hostMatches(host, "facebook.com") && (path === "/l.php" || path.startsWith("/flx/warn"))) {
    return params.get("u") ?? "";
  }
  if (hostMatches(host, "youtube.com") && path === "/redirect") {
    return params.get("q") ?? "";
  }
  if (
    (host === "google.com" ||
      host === "www.google.com" ||
      host === "google.com.vn" ||
      host === "www.google.com.vn") &&
    path === "/url"
  ) {
    return params.get("q") ?? params.get("url") ?? "";
  }
  return null;
}
