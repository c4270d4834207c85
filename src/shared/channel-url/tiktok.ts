import { pathSegments } from "./input.ts";
import { type CanonicalResult, notAChannel, ok, shortLink, unsupported } from "./result.ts";

/* TikTok: accounts by @username. */

export function tiktokUrl(url: URL, host: string): CanonicalResult {
  if (host === "vt.tiktok.com" || host === "vm.tiktok.com") {
    return shortLink();
  }
  if (host !== "tiktok.com" && host !== "www.tiktok.com" && host !== "m.tiktok.com") {
    return notAChannel();
  }
  const [first] = pathSegments(url);
  if (first === undefined) {
    return notAChannel();
  }
  if (first.startsWith("@")) {
    return tiktokUser(first);
  }
  if (first.toLowerCase() === "t") {
    return shortLink();
  }
  return notAChannel();
}

/** TikTok usernames: letters, digits, "_" and "."; case-insensitive (periods do count). */
export function tiktokUser(raw: string): CanonicalResult {
  const handle = raw.toLowerCase();
  if (!/^@[a-z0-9_.]{1,64}$/.test(handle)) {
    return unsupported(
      "Tên tài khoản TikTok (@…) chỉ gồm chữ cái không dấu, chữ số, dấu gạch dưới và dấu chấm.",
      "A TikTok username (@…) has only letters, digits, underscores and periods.",
    );
  }
  return ok({
    platform: "tiktok",
    key: `tiktok:${handle}`,
    url: `https://www.tiktok.com/${handle}`,
    handle,
    platformId: null,
  });
}
