import { describe, expect, it } from "vitest";
import { detectChannelPlatform } from "./channel-url.ts";

describe("detectChannelPlatform (the registration form chooses the platform from a pasted address)", () => {
  it.each([
    ["https://www.facebook.com/CongAnTinhTuyenQuang/?locale=vi_VN", "facebook_page"],
    ["m.facebook.com/groups/thanhnientuyenquang", "facebook_group"],
    ["https://zalo.me/1234567890123456789", "zalo_oa"],
    ["https://zalo.me/g/abcXYZ123", "zalo_group"],
    ["https://www.youtube.com/@truyenhinhtuyenquang", "youtube"],
    ["tiktok.com/@congantuyenquang?lang=vi", "tiktok"],
    ["https://tuyenquang.gov.vn/", "website"],
  ] as const)("%s is a %s", (address, platform) => {
    expect(detectChannelPlatform(address)).toBe(platform);
  });

  it("names no platform while the address names no channel yet", () => {
    for (const address of [
      "",
      "h",
      "congantinhtuyenquang",
      "https://youtu.be/dQw4w9WgXcQ",
      "https://fb.me/e/abc",
    ]) {
      expect(detectChannelPlatform(address)).toBeNull();
    }
  });
});
