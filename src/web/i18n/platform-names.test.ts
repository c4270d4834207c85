import { describe, expect, it } from "vitest";
import { vi } from "./vi.ts";

/*
 * ../shared/VIETNAMESE.md names the platforms "Trang Facebook, Nhóm Facebook, Zalo OA, Nhóm Zalo, Kênh
 * YouTube, Tài khoản TikTok"; every badge and list that names a channel's platform says it so.
 */
describe("platform names in Vietnamese", () => {
  it("are the glossary's on a post's channel badges, the registry and the inbox", () => {
    expect(vi.posts.target).toMatchObject({
      facebook_page: "Trang Facebook",
      zalo_oa: "Zalo OA",
      youtube: "Kênh YouTube",
      tiktok: "Tài khoản TikTok",
    });
    expect(vi.channels.platform).toMatchObject({
      facebook_page: "Trang Facebook",
      facebook_group: "Nhóm Facebook",
      zalo_oa: "Zalo OA",
      zalo_group: "Nhóm Zalo",
      youtube: "Kênh YouTube",
      tiktok: "Tài khoản TikTok",
    });
    expect(vi.inbox.conversations.source.facebook).toBe("Trang Facebook");
    expect(vi.inbox.targets.sources.facebook).toBe("Trang Facebook");
  });
});
