import { pathSegments } from "./input.ts";
import { type CanonicalResult, notAChannel, ok, unsupported } from "./result.ts";

/* Zalo: Official Accounts by number and groups by invite code. */

export function zaloUrl(url: URL, host: string): CanonicalResult {
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
      "Liên kết chat.zalo.me là trang trò chuyện, không chỉ ra kênh. Vui lòng dán liên kết zalo.me/… của Zalo OA hoặc Nhóm Zalo.",
      "A chat.zalo.me link is the chat app and does not identify a channel. Paste the zalo.me/… link of the Official Account or group.",
    );
  }
  return notAChannel();
}

export function zaloOa(id: string): CanonicalResult {
  return ok({
    platform: "zalo_oa",
    key: `zalo:oa:${id}`,
    url: `https://zalo.me/${id}`,
    handle: null,
    platformId: id,
  });
}

/** Group invite codes are case-sensitive. */
export function zaloGroup(code: string): CanonicalResult {
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
