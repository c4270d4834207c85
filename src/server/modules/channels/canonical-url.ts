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

type Failure = Extract<CanonicalResult, { ok: false }>;

const maxInputLength = 2000;
const maxRedirectDepth = 3;

function invalid(vi: string, en: string): Failure {
  return { ok: false, code: "url.invalid", messages: { vi, en } };
}

function unsupported(vi: string, en: string): Failure {
  return { ok: false, code: "url.unsupported", messages: { vi, en } };
}

const genericInvalid = (): Failure =>
  invalid(
    "Liên kết không hợp lệ. Hãy dán địa chỉ đầy đủ, ví dụ https://www.facebook.com/tenfanpage hoặc https://tenmien.gov.vn.",
    "This link is not valid. Paste the full address, e.g. https://www.facebook.com/pagename or https://domain.gov.vn.",
  );

const notAChannel = (): Failure =>
  unsupported(
    "Liên kết này không chỉ ra một kênh (trang, nhóm, tài khoản). Hãy dán liên kết tới trang chủ của kênh.",
    "This link does not identify a channel (page, group, account). Paste the link to the channel's own page.",
  );

const shortLink = (): Failure =>
  unsupported(
    "Liên kết rút gọn hoặc liên kết chia sẻ không cho biết kênh nếu không mở nó. Hãy mở liên kết rồi dán địa chỉ trang của kênh.",
    "A short or share link does not tell which channel it is without opening it. Open it and paste the channel's own address.",
  );

function ok(channel: CanonicalChannel): CanonicalResult {
  // A final "." would be taken for pasted punctuation when the URL is canonicalised again ("…/@abc." → "@abc").
  const url = channel.url.endsWith(".") ? `${channel.url.slice(0, -1)}%2E` : channel.url;
  return { ok: true, channel: { ...channel, url } };
}

// ---------------------------------------------------------------------------------------------
// Input clean-up

/** Zero-width characters, BOM, bidi marks and soft hyphens that ride along with copied text. */
const invisibleCharacters = /[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\ufeff]/g;
const leadingJunk = /^[\s"'“”‘’«»<([{]+/u;
const trailingJunk = /[\s"'“”‘’«»>)\]}.,;:!?…。，、]+$/u;

function cleanInput(input: string): string {
  return input.replace(invisibleCharacters, "").trim().replace(leadingJunk, "").replace(trailingJunk, "");
}

/** Query parameters that only track where a click came from; never part of a channel's identity. */
const trackingParameters = new Set([
  "fbclid",
  "gclid",
  "gclsrc",
  "dclid",
  "gbraid",
  "wbraid",
  "msclkid",
  "yclid",
  "twclid",
  "ttclid",
  "li_fat_id",
  "mc_cid",
  "mc_eid",
  "igshid",
  "igsh",
  "mibextid",
  "ref",
  "refsrc",
  "ref_src",
  "ref_url",
  "fref",
  "hc_ref",
  "hc_location",
  "rdid",
  "sfnsn",
  "wtsid",
  "extid",
  "paipv",
  "_rdc",
  "_rdr",
  "si",
  "feature",
  "is_from_webapp",
  "sender_device",
  "is_copy_url",
  "_t",
  "_r",
  "_gl",
  "_ga",
  "_hsenc",
  "_hsmi",
  "zarsrc",
]);
const trackingPrefixes = ["utm_", "__tn__", "__cft__", "__xts__", "__eep__", "_hs"];

export function isTrackingParameter(name: string): boolean {
  const lower = name.toLowerCase();
  return trackingParameters.has(lower) || trackingPrefixes.some((prefix) => lower.startsWith(prefix));
}

/**
 * Decodes percent-escapes run by run, keeping a run that is not valid UTF-8 as it is (hex upper-cased),
 * then NFC so that composed and decomposed Vietnamese agree.
 */
function decodeSegment(segment: string): string {
  return segment
    .replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run);
      } catch {
        return run.toUpperCase();
      }
    })
    .normalize("NFC");
}

/** Percent-encodes one character for a key; a lone surrogate (not encodable) becomes U+FFFD. */
function escapeCharacter(char: string): string {
  return /^[\ud800-\udfff]$/.test(char) ? "%EF%BF%BD" : encodeURIComponent(char);
}

/**
 * Decodes a path segment for use in a website key, keeping the escapes that change meaning
 * (`%2F` would merge segments, `%25` would turn into another escape, `%3F`/`%23` into a query/fragment)
 * and escaping white space and control characters so that a key never contains them.
 */
function decodePathSegmentForKey(segment: string): string {
  return segment
    .split(/(%(?:2[fF]|25|3[fF]|23))/)
    .map((part, index) =>
      index % 2 === 1 ? part.toUpperCase() : decodeSegment(part).replace(/[\s\p{C}]/gu, escapeCharacter),
    )
    .join("");
}

const ipv4Host = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const hostLabel = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const topLevelLabel = /^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/;

function isAcceptableHost(host: string): boolean {
  if (host.length === 0 || host.length > 253) {
    return false;
  }
  if (ipv4Host.test(host) || (host.startsWith("[") && host.endsWith("]"))) {
    return true;
  }
  const labels = host.split(".");
  if (labels.length < 2) {
    return false;
  }
  const top = labels[labels.length - 1] ?? "";
  return topLevelLabel.test(top) && labels.every((label) => hostLabel.test(label));
}

const schemePrefix = /^([a-z][a-z0-9+.-]*):/i;

/** Parses what a person typed into a URL, or returns why not. */
function parseInput(text: string): URL | Failure {
  let candidate = text;
  const scheme = schemePrefix.exec(candidate)?.[1]?.toLowerCase();
  if (candidate.startsWith("//")) {
    candidate = `https:${candidate}`;
  } else if (scheme === "http" || scheme === "https") {
    // keep as typed; the WHATWG parser copes with "https:/x" and backslashes
  } else if (scheme !== undefined && !scheme.includes(".") && !/^:\d/.test(candidate.slice(scheme.length))) {
    // javascript:, mailto:, ftp:, data:, tel:, fb:, zalo:… (but not "host.vn:8080" or "localhost:80")
    return invalid(
      "Chỉ nhận liên kết web (http hoặc https). Hãy dán địa chỉ trang của kênh.",
      "Only web links (http or https) are accepted. Paste the address of the channel's page.",
    );
  } else {
    candidate = `https://${candidate}`;
  }
  let url: URL;
  try {
    url = new URL(candidate);
  } catch {
    return genericInvalid();
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    return genericInvalid();
  }
  const host = url.hostname.replace(/\.$/, "");
  if (!isAcceptableHost(host)) {
    return genericInvalid();
  }
  // The WHATWG parser reads "https://123" or "0x7f.1" as IPv4; only a dotted quad typed as such is an address.
  if (ipv4Host.test(host) && !candidate.includes(host)) {
    return genericInvalid();
  }
  return url;
}

// ---------------------------------------------------------------------------------------------
// Entry point

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
    return genericInvalid();
  }
}

function canonicalise(input: string, hint: ChannelPlatform | undefined, depth: number): CanonicalResult {
  if (typeof input !== "string") {
    return genericInvalid();
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
    return genericInvalid();
  }
  const parsed = parseInput(text);
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
        "Hãy dán liên kết đầy đủ, hoặc chọn nền tảng (Facebook, YouTube, TikTok, Zalo) trước khi nhập tên tài khoản.",
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

function hostMatches(host: string, domain: string): boolean {
  return host === domain || host.endsWith(`.${domain}`);
}

function pathSegments(url: URL): string[] {
  return url.pathname
    .split("/")
    .filter((segment) => segment.length > 0)
    .map(decodeSegment);
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
      "Đây là liên kết tới một video, không phải kênh YouTube. Hãy dán liên kết kênh (youtube.com/@tenkenh).",
      "This is a link to a video, not a YouTube channel. Paste the channel link (youtube.com/@name).",
    );
  }
  if (hostMatches(host, "youtube.com")) {
    return youtubeUrl(url, host);
  }
  if (hostMatches(host, "tiktok.com")) {
    return tiktokUrl(url, host);
  }
  return website(url, host, hint);
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

// ---------------------------------------------------------------------------------------------
// Facebook

const facebookHosts = new Set([
  "facebook.com",
  "www.facebook.com",
  "m.facebook.com",
  "mbasic.facebook.com",
  "web.facebook.com",
  "touch.facebook.com",
  "business.facebook.com",
  "mobile.facebook.com",
  "free.facebook.com",
  "d.facebook.com",
  "x.facebook.com",
  "p.facebook.com",
  "h.facebook.com",
  "iphone.facebook.com",
  "fb.com",
  "www.fb.com",
  "m.fb.com",
]);

/** First path segments on facebook.com that are features, not pages. */
const facebookReserved = new Set([
  "share",
  "sharer",
  "sharer.php",
  "watch",
  "photo",
  "photo.php",
  "photos",
  "video.php",
  "videos",
  "reel",
  "reels",
  "story.php",
  "stories",
  "permalink.php",
  "events",
  "hashtag",
  "search",
  "login",
  "login.php",
  "logout.php",
  "home.php",
  "index.php",
  "marketplace",
  "gaming",
  "help",
  "policies",
  "policy.php",
  "privacy",
  "settings",
  "notifications",
  "messages",
  "friends",
  "bookmarks",
  "dialog",
  "plugins",
  "live",
  "ads",
  "adsmanager",
  "legal",
  "terms",
  "terms.php",
  "fundraisers",
  "donate",
  "saved",
  "memories",
  "places",
  "latest",
  "business",
  "recover",
  "checkpoint",
  "r.php",
  "reg",
  "signup",
  "media",
  "notes",
  "jobs",
  "games",
  "instantgames",
  "apps",
  "developers",
  "careers",
  "about",
  "ufi",
  "ajax",
  "tr",
  "comment",
  "composer",
  "feed",
  "feeds",
  "me",
  "campaign",
  "lite",
  "mobile",
  "page",
  "pages_reaction_units",
  "unsupportedbrowser",
  "watchparty",
  "messenger_media",
  "audiencenetwork",
  "careers",
  "privacy_sandbox",
  "profile",
  "home",
  "find-friends",
  "communitystandards",
]);

/** Routes that show a post or media: the owner's id is in `id=` when the link carries it. */
const facebookContentRoutes = new Set([
  "share",
  "watch",
  "photo",
  "photo.php",
  "photos",
  "video.php",
  "story.php",
  "permalink.php",
  "reel",
  "media",
]);

const facebookGroupReserved = new Set(["feed", "discover", "joins", "create", "search", "notifications"]);

function facebookUrl(url: URL, host: string, hint: ChannelPlatform | undefined): CanonicalResult {
  const isKnownHost = facebookHosts.has(host) || /^[a-z]{2}-[a-z]{2}\.facebook\.com$/.test(host);
  if (!isKnownHost) {
    return notAChannel();
  }
  const segments = pathSegments(url);
  const [firstRaw, second, third, fourth] = segments;
  if (firstRaw === undefined) {
    return notAChannel();
  }
  const first = firstRaw.toLowerCase();
  const queryId = url.searchParams.get("id");
  const ownerId = queryId !== null && /^\d+$/.test(queryId) ? queryId : null;

  if (first === "profile.php") {
    return ownerId !== null ? facebookId(ownerId) : notAChannel();
  }
  if (first === "groups") {
    if (second === undefined || facebookGroupReserved.has(second.toLowerCase())) {
      return notAChannel();
    }
    return facebookGroup(second);
  }
  if (first === "people") {
    return third !== undefined && /^\d+$/.test(third) ? facebookId(third) : notAChannel();
  }
  if (first === "pages") {
    if (second?.toLowerCase() === "category" && fourth !== undefined) {
      return facebookPageSegment(fourth, hint);
    }
    return third !== undefined && /^\d+$/.test(third) ? facebookId(third) : notAChannel();
  }
  if (first === "pg") {
    return second !== undefined ? facebookPageSegment(second, hint) : notAChannel();
  }
  if (first === "p") {
    return second !== undefined ? facebookPageSegment(second, hint) : notAChannel();
  }
  if (facebookContentRoutes.has(first) || facebookReserved.has(first)) {
    if (ownerId !== null && facebookContentRoutes.has(first)) {
      return facebookId(ownerId);
    }
    return first === "share" ? shortLink() : notAChannel();
  }
  return facebookPageSegment(firstRaw, hint);
}

/** A first path segment that names a page: a username, a numeric id, or the "Name-With-Hyphens-<id>" form. */
function facebookPageSegment(segment: string, hint: ChannelPlatform | undefined): CanonicalResult {
  if (/^\d+$/.test(segment)) {
    return hint === "facebook_group" ? facebookGroup(segment) : facebookId(segment);
  }
  const nameWithId = /^.+-(\d{8,})$/su.exec(segment);
  if (nameWithId?.[1] !== undefined) {
    return facebookId(nameWithId[1]);
  }
  return facebookPage(segment);
}

function facebookId(id: string): CanonicalResult {
  return ok({
    platform: "facebook_page",
    key: `facebook:id:${id}`,
    url: `https://www.facebook.com/profile.php?id=${id}`,
    handle: null,
    platformId: id,
  });
}

/**
 * Facebook usernames are letters, digits and periods; case-insensitive, and periods don't count
 * ("cong.an.tinh" and "congantinh" are the same username).
 */
function facebookPage(name: string): CanonicalResult {
  const normalised = name.toLowerCase().replace(/\./g, "");
  if (!/^[a-z0-9.]+$/.test(name.toLowerCase()) || normalised.length === 0) {
    return unsupported(
      "Tên trang Facebook chỉ gồm chữ cái không dấu, chữ số và dấu chấm. Hãy dán liên kết trang lấy từ Facebook.",
      "A Facebook username has only letters, digits and periods. Paste the page link copied from Facebook.",
    );
  }
  if (/^\d+$/.test(normalised)) {
    return facebookId(normalised);
  }
  return ok({
    platform: "facebook_page",
    key: `facebook:page:${normalised}`,
    url: `https://www.facebook.com/${normalised}`,
    handle: normalised,
    platformId: null,
  });
}

function facebookGroup(nameOrId: string): CanonicalResult {
  const normalised = nameOrId.toLowerCase();
  if (!/^[a-z0-9._-]+$/.test(normalised)) {
    return unsupported(
      "Không nhận ra tên hoặc mã nhóm Facebook trong liên kết.",
      "The Facebook group name or id in this link was not recognised.",
    );
  }
  const isId = /^\d+$/.test(normalised);
  return ok({
    platform: "facebook_group",
    key: `facebook:group:${normalised}`,
    url: `https://www.facebook.com/groups/${normalised}`,
    handle: isId ? null : normalised,
    platformId: isId ? normalised : null,
  });
}

// ---------------------------------------------------------------------------------------------
// Zalo

function zaloUrl(url: URL, host: string): CanonicalResult {
  const segments = pathSegments(url);
  const [first, second] = segments;
  if (host === "zalo.me" || host === "www.zalo.me") {
    if (first === undefined) {
      return notAChannel();
    }
    if (first === "g") {
      return second !== undefined ? zaloGroup(second) : notAChannel();
    }
    if (first === "s" && second !== undefined && /^\d+$/.test(second)) {
      return zaloOa(second);
    }
    if (/^\d+$/.test(first)) {
      return zaloOa(first);
    }
    return notAChannel();
  }
  if (host === "oa.zalo.me") {
    const id = url.searchParams.get("id");
    if (id !== null && /^\d+$/.test(id)) {
      return zaloOa(id);
    }
    if (first !== undefined && /^\d+$/.test(first)) {
      return zaloOa(first);
    }
    return notAChannel();
  }
  if (host === "chat.zalo.me") {
    return unsupported(
      "Liên kết chat.zalo.me là trang trò chuyện, không chỉ ra kênh. Hãy dán liên kết zalo.me/… của Official Account hoặc nhóm.",
      "A chat.zalo.me link is the chat app and does not identify a channel. Paste the zalo.me/… link of the Official Account or group.",
    );
  }
  return notAChannel();
}

function zaloOa(id: string): CanonicalResult {
  return ok({
    platform: "zalo_oa",
    key: `zalo:oa:${id}`,
    url: `https://zalo.me/${id}`,
    handle: null,
    platformId: id,
  });
}

/** Group invite codes are case-sensitive. */
function zaloGroup(code: string): CanonicalResult {
  if (!/^[A-Za-z0-9_-]+$/.test(code)) {
    return unsupported(
      "Mã nhóm Zalo trong liên kết không hợp lệ.",
      "The Zalo group code in this link is not valid.",
    );
  }
  return ok({
    platform: "zalo_group",
    key: `zalo:group:${code}`,
    url: `https://zalo.me/g/${code}`,
    handle: null,
    platformId: code,
  });
}

// ---------------------------------------------------------------------------------------------
// YouTube

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
    "Đây là liên kết tới một video hoặc danh sách phát, không phải kênh YouTube. Hãy dán liên kết kênh (youtube.com/@tenkenh).",
    "This is a link to a video or playlist, not a YouTube channel. Paste the channel link (youtube.com/@name).",
  );

function youtubeUrl(url: URL, host: string): CanonicalResult {
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
function youtubeHandle(raw: string): CanonicalResult {
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

// ---------------------------------------------------------------------------------------------
// TikTok

function tiktokUrl(url: URL, host: string): CanonicalResult {
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
function tiktokUser(raw: string): CanonicalResult {
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

// ---------------------------------------------------------------------------------------------
// Websites

function website(url: URL, host: string, hint: ChannelPlatform | undefined): CanonicalResult {
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
