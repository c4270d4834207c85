import type { DeclarationPlatform } from "../../../shared/api/declarations.ts";
import { normalizeVietnamesePhone } from "../../../shared/vietnamese-text.ts";
import { canonicalOrThrow } from "../channels/index.ts";

/** A declared account as it is stored: its kind, the key that makes it one account however typed, its address. */
export interface DeclaredAccount {
  platform: DeclarationPlatform;
  key: string;
  url: string;
}

/**
 * Reads the address a member typed for the kind of account they chose, as the channel registry reads
 * addresses. What the address says wins where it is unambiguous (a /groups/ address is a group); the
 * member's choice decides what an address cannot tell: facebook.com/<name> opens a profile or a page
 * alike, zalo.me/<number> a personal account or an OA. Nothing is fetched from the account.
 */
export function declaredAccountOf(input: string, platform: DeclarationPlatform): DeclaredAccount {
  if (platform === "facebook_profile") {
    const channel = canonicalOrThrow(input, "facebook_page");
    return channel.platform === "facebook_page" ? { ...channel, platform } : channel;
  }
  if (platform === "zalo_account") {
    // A personal Zalo account is found by its phone number: typed as a number or pasted as zalo.me/<number>.
    const channel = canonicalOrThrow(normalizeVietnamesePhone(input) ?? input, "zalo_oa");
    return channel.platform === "zalo_oa"
      ? { platform, key: `zalo:account:${channel.platformId}`, url: channel.url }
      : channel;
  }
  return canonicalOrThrow(input, platform);
}

/** Each kind of account in words, for files a member downloads (never a raw code such as facebook_profile). */
export const declarationPlatformWords: Record<DeclarationPlatform, string> = {
  facebook_profile: "Tài khoản Facebook cá nhân",
  zalo_account: "Tài khoản Zalo cá nhân",
  tiktok: "Tài khoản TikTok",
  youtube: "Kênh YouTube",
  facebook_page: "Trang Facebook",
  facebook_group: "Nhóm Facebook",
  zalo_oa: "Zalo OA",
  zalo_group: "Nhóm Zalo",
  website: "Trang web",
  other: "Khác",
};
