import { pathSegments } from "./input.ts";
import { type CanonicalResult, type Failure, notAChannel, ok, unsupported } from "./result.ts";

/* YouTube: channels by @handle, by UC… id, or by their legacy /c/ and /user/ names. */

const youtubeHosts = new Set(["youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com"]);

/** First path segments on youtube.com that are features, not channels. */
const youtubeReserved = new Set([
  "watch",
  "shorts",
  "live",
  "embed",
  "playlist",
  "results",
  "feed",
  "hashtag",
  "post",
  "premium",
  "gaming",
  "kids",
  "music",
  "account",
  "redirect",
  "t",
  "about",
  "signin",
  "logout",
  "upload",
  "channel",
  "c",
  "user",
  "attribution_link",
  "clip",
  "v",
  "e",
  "howyoutubeworks",
  "creators",
  "ads",
  "jobs",
  "source",
  "browse",
  "trending",
  "supported_browsers",
  "yt",
  "new",
  "index",
  "oops",
  "select_site",
  "iframe_api",
  "robots.txt",
  "favicon.ico",
  "sw.js",
  "reporthistory",
  "paid_memberships",
  "handle",
]);

const videoNotChannel = (): Failure =>
  unsupported(
    "Đây là liên kết tới một video hoặc danh sách phát, không phải kênh YouTube. Vui lòng dán liên kết kênh (youtube.com/@tenkenh).",
    "This is a link to a video or playlist, not a YouTube channel. Paste the channel link (youtube.com/@name).",
  );

export function youtubeUrl(url: URL, host: string): CanonicalResult {
  if (!youtubeHosts.has(host)) {
    return notAChannel();
  }
  const [first, second] = pathSegments(url);
  if (first === undefined) {
    return notAChannel();
  }
  if (first.startsWith("@")) {
    return youtubeHandle(first);
  }
  const lower = first.toLowerCase();
  if (lower === "channel") {
    return second !== undefined ? youtubeChannelId(second) : notAChannel();
  }
  if (lower === "c" || lower === "user") {
    return second !== undefined
      ? youtubeLegacyName(lower === "c" ? "custom" : "user", second)
      : notAChannel();
  }
  if (["watch", "shorts", "live", "embed", "playlist", "v", "e", "clip"].includes(lower)) {
    return videoNotChannel();
  }
  if (youtubeReserved.has(lower)) {
    return notAChannel();
  }
  // youtube.com/<name> is the legacy custom URL form.
  return youtubeLegacyName("custom", first);
}

/** Handles: 3–30 letters (any script), digits, "_", "-", "." or "·"; case-insensitive. */
export function youtubeHandle(raw: string): CanonicalResult {
  const handle = raw.normalize("NFC").toLowerCase();
  if (!/^@[\p{L}\p{M}\p{N}_.·-]{3,30}$/u.test(handle)) {
    return unsupported(
      "Tên kênh YouTube (@…) không hợp lệ: 3–30 ký tự gồm chữ, số, dấu gạch dưới, gạch ngang, dấu chấm.",
      "The YouTube handle (@…) is not valid: 3–30 letters, digits, underscores, hyphens or periods.",
    );
  }
  return ok({
    platform: "youtube",
    key: `youtube:handle:${handle}`,
    url: `https://www.youtube.com/@${encodeURIComponent(handle.slice(1))}`,
    handle,
    platformId: null,
  });
}

/** Channel ids: "UC" then 22 characters of base64url; case-sensitive. */
function youtubeChannelId(id: string): CanonicalResult {
  if (!/^UC[A-Za-z0-9_-]{22}$/.test(id)) {
    return unsupported(
      "Mã kênh YouTube không hợp lệ (phải bắt đầu bằng UC và dài 24 ký tự).",
      "The YouTube channel id is not valid (it starts with UC and is 24 characters long).",
    );
  }
  return ok({
    platform: "youtube",
    key: `youtube:channel:${id}`,
    url: `https://www.youtube.com/channel/${id}`,
    handle: null,
    platformId: id,
  });
}

function youtubeLegacyName(kind: "custom" | "user", raw: string): CanonicalResult {
  const name = raw.normalize("NFC").toLowerCase();
  if (!/^[\p{L}\p{M}\p{N}_.-]{1,100}$/u.test(name)) {
    return unsupported(
      "Không nhận ra tên kênh YouTube trong liên kết.",
      "The YouTube channel name in this link was not recognised.",
    );
  }
  return ok({
    platform: "youtube",
    key: `youtube:${kind}:${name}`,
    url: `https://www.youtube.com/${kind === "custom" ? "c" : "user"}/${encodeURIComponent(name)}`,
    handle: name,
    platformId: null,
  });
}
