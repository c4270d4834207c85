/* What canonicalising a link answers: the channel it names, or why it names none, in vi and en. */

export const channelPlatforms = [
  "website",
  "facebook_page",
  "facebook_group",
  "zalo_oa",
  "zalo_group",
  "youtube",
  "tiktok",
  "other",
] as const;
export type ChannelPlatform = (typeof channelPlatforms)[number];

export interface CanonicalChannel {
  /** Detected from the URL (Facebook pages vs groups: /groups/ → facebook_group). */
  platform: ChannelPlatform;
  /** Stable unique key, e.g. "facebook:page:congantinhtuyenquang", "web:tuyenquang.gov.vn/path". */
  key: string;
  /** A clean canonical https URL for display and links. */
  url: string;
  /** Username/handle when the URL carries one. */
  handle: string | null;
  /** Numeric/opaque id when the URL carries one (profile.php?id=N, /channel/UC…, Zalo id). */
  platformId: string | null;
}

export type CanonicalResult =
  | { ok: true; channel: CanonicalChannel }
  | { ok: false; code: "url.invalid" | "url.unsupported"; messages: { vi: string; en: string } };

export type Failure = Extract<CanonicalResult, { ok: false }>;

/** A refusal: what was typed is not a usable web link. */
export function invalid(vi: string, en: string): Failure {
  return { ok: false, code: "url.invalid", messages: { vi, en } };
}

/** A refusal: a valid link that does not name a channel we can key. */
export function unsupported(vi: string, en: string): Failure {
  return { ok: false, code: "url.unsupported", messages: { vi, en } };
}

/** An example address for the platform a person chose (vi, en); with none chosen, one of several kinds. */
const examples: Record<ChannelPlatform, { vi: string; en: string }> = {
  website: { vi: "https://tenmien.gov.vn", en: "https://domain.gov.vn" },
  facebook_page: { vi: "https://www.facebook.com/ten-trang", en: "https://www.facebook.com/page-name" },
  facebook_group: {
    vi: "https://www.facebook.com/groups/ten-nhom",
    en: "https://www.facebook.com/groups/group-name",
  },
  zalo_oa: { vi: "https://zalo.me/…", en: "https://zalo.me/…" },
  zalo_group: { vi: "https://zalo.me/g/…", en: "https://zalo.me/g/…" },
  youtube: { vi: "https://www.youtube.com/@ten-kenh", en: "https://www.youtube.com/@channel-name" },
  tiktok: { vi: "https://www.tiktok.com/@ten-tai-khoan", en: "https://www.tiktok.com/@account-name" },
  other: {
    vi: "https://www.facebook.com/ten-trang, https://zalo.me/… hoặc https://tenmien.gov.vn",
    en: "https://www.facebook.com/page-name, https://zalo.me/… or https://domain.gov.vn",
  },
};

/** The refusal for a link that cannot be parsed at all, with an example for the platform chosen, if any. */
export const genericInvalid = (platform?: ChannelPlatform): Failure => {
  const example = examples[platform ?? "other"];
  return invalid(
    `Liên kết không hợp lệ. Vui lòng dán địa chỉ đầy đủ, ví dụ ${example.vi}.`,
    `This link is not valid. Paste the full address, e.g. ${example.en}.`,
  );
};

/** The refusal for a link to a platform feature or a post rather than a channel. */
export const notAChannel = (): Failure =>
  unsupported(
    "Liên kết này không chỉ ra một kênh (trang, nhóm, tài khoản). Vui lòng dán liên kết tới trang chủ của kênh.",
    "This link does not identify a channel (page, group, account). Paste the link to the channel's own page.",
  );

/** The refusal for a short or share link, which names a channel only once it is opened. */
export const shortLink = (): Failure =>
  unsupported(
    "Liên kết rút gọn hoặc liên kết chia sẻ không cho biết kênh nếu không mở nó. Vui lòng mở liên kết rồi dán địa chỉ trang của kênh.",
    "A short or share link does not tell which channel it is without opening it. Open it and paste the channel's own address.",
  );

/** The channel a link names. */
export function ok(channel: CanonicalChannel): CanonicalResult {
  // A final "." would be taken for pasted punctuation when the URL is canonicalised again ("…/@abc." → "@abc").
  const url = channel.url.endsWith(".") ? `${channel.url.slice(0, -1)}%2E` : channel.url;
  return { ok: true, channel: { ...channel, url } };
}
