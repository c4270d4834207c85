import { decodePathSegmentForKey } from "./input.ts";
import { type CanonicalResult, type ChannelPlatform, ok } from "./result.ts";
import { isTrackingParameter } from "./tracking-parameters.ts";

/* Websites (and channels on platforms we do not model): the address itself, without what only tracks a click. */

/** A website's key: host without "www.", path, and the query without tracking parameters, sorted. */
export function websiteChannel(url: URL, host: string, hint: ChannelPlatform | undefined): CanonicalResult {
  const keyHost = host.startsWith("www.") ? host.slice(4) : host;
  const port = url.port === "" ? "" : `:${url.port}`;

  const kept = [...url.searchParams.entries()].filter(([name]) => !isTrackingParameter(name));
  kept.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const query = new URLSearchParams(kept).toString();

  // Punctuation at the very end of what was pasted belongs to the sentence, not the URL (see cleanInput);
  // when tracking parameters or a fragment followed it, it is now at the end too and must go the same way.
  const pathname = query === "" ? url.pathname.replace(/[/.,;:!?)\]}'"]+$/, "") : url.pathname;
  const rawSegments = pathname.split("/").filter((segment) => segment.length > 0);
  const keyPath = rawSegments.map(decodePathSegmentForKey).join("/");
  const urlPath = rawSegments.join("/");

  const key = `web:${keyHost}${port}${keyPath === "" ? "" : `/${keyPath}`}${query === "" ? "" : `?${query}`}`;
  const display = `https://${host}${port}/${urlPath}${query === "" ? "" : `?${query}`}`;
  return ok({
    platform: hint === "other" ? "other" : "website",
    key,
    url: display,
    handle: null,
    platformId: null,
  });
}
