import { describe, expect, it } from "vitest";
import { canonicalChannelKey, detectChannelPlatform } from "./channel-url.ts";

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

describe("the example in a refusal (shown for any platform, also for a member's personal Zalo)", () => {
  const refusal = (platform?: Parameters<typeof canonicalChannelKey>[1]) => {
    const result = canonicalChannelKey("không phải địa chỉ", platform);
    return result.ok ? "" : `${result.messages.vi} | ${result.messages.en}`;
  };

  it("names no fanpage, and with no platform chosen shows several kinds of address", () => {
    expect(refusal()).not.toMatch(/fanpage/iu);
    expect(refusal()).toContain(
      "https://www.facebook.com/ten-trang, https://zalo.me/… hoặc https://tenmien.gov.vn.",
    );
  });

  it("shows an address of the platform the person chose", () => {
    expect(refusal("zalo_oa")).toContain("ví dụ https://zalo.me/….");
    expect(refusal("zalo_oa")).not.toContain("facebook");
    expect(refusal("facebook_group")).toContain("https://www.facebook.com/groups/ten-nhom");
    expect(refusal("tiktok")).toContain("https://www.tiktok.com/@account-name");
    expect(refusal("website")).toContain("ví dụ https://tenmien.gov.vn.");
  });
});
