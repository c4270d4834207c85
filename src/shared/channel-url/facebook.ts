import { pathSegments } from "./input.ts";
import {
  type CanonicalResult,
  type ChannelPlatform,
  notAChannel,
  ok,
  shortLink,
  unsupported,
} from "./result.ts";

/* Facebook: pages by username or number, groups, and the many hosts and routes around them. */

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

export function facebookUrl(url: URL, host: string, hint: ChannelPlatform | undefined): CanonicalResult {
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
export function facebookPage(name: string): CanonicalResult {
  const normalised = name.toLowerCase().replace(/\./g, "");
  if (!/^[a-z0-9.]+$/.test(name.toLowerCase()) || normalised.length === 0) {
    return unsupported(
      "Tên trang Facebook chỉ gồm chữ cái không dấu, chữ số và dấu chấm. Vui lòng dán liên kết trang lấy từ Facebook.",
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

export function facebookGroup(nameOrId: string): CanonicalResult {
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
