import { describe, expect, it } from "vitest";
import { canonicalChannelKey } from "./canonical-url.ts";
import { invalidCases, keyCases, keyOf, unsupportedCases } from "./canonical-url-cases.ts";

describe("canonicalChannelKey: real-world links", () => {
  it.each(keyCases)("%s → %s", (input, key, platform) => {
    const result = canonicalChannelKey(input);
    expect(keyOf(result)).toBe(key);
    expect(result.ok && result.channel.platform).toBe(platform);
  });

  it.each(unsupportedCases)("%s is url.unsupported", (input) => {
    const result = canonicalChannelKey(input);
    expect(result.ok ? result.channel.key : result.code).toBe("url.unsupported");
    expect(!result.ok && result.messages.vi.length > 0 && result.messages.en.length > 0).toBe(true);
  });

  it.each(invalidCases.map((input) => [input]))("%#: %j is url.invalid", (input) => {
    const result = canonicalChannelKey(input);
    expect(result.ok ? result.channel.key : result.code).toBe("url.invalid");
    expect(!result.ok && result.messages.vi.length > 0 && result.messages.en.length > 0).toBe(true);
  });
});

describe("canonicalChannelKey: fields of the channel", () => {
  it("fills handle, platformId and a clean https url", () => {
    expect(canonicalChannelKey("m.facebook.com/Cong.An.Tinh.Tuyen.Quang?mibextid=ZbWKwL")).toEqual({
      ok: true,
      channel: {
        platform: "facebook_page",
        key: "facebook:page:congantinhtuyenquang",
        url: "https://www.facebook.com/congantinhtuyenquang",
        handle: "congantinhtuyenquang",
        platformId: null,
      },
    });
    expect(canonicalChannelKey("https://fb.com/profile.php?id=100064562315124&ref=xyz")).toEqual({
      ok: true,
      channel: {
        platform: "facebook_page",
        key: "facebook:id:100064562315124",
        url: "https://www.facebook.com/profile.php?id=100064562315124",
        handle: null,
        platformId: "100064562315124",
      },
    });
    expect(canonicalChannelKey("https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv/videos")).toEqual({
      ok: true,
      channel: {
        platform: "youtube",
        key: "youtube:channel:UCabcdefghijklmnopqrstuv",
        url: "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv",
        handle: null,
        platformId: "UCabcdefghijklmnopqrstuv",
      },
    });
    expect(canonicalChannelKey("https://www.youtube.com/@THVLi/videos")).toMatchObject({
      channel: { url: "https://www.youtube.com/@thvli", handle: "@thvli", platformId: null },
    });
    expect(canonicalChannelKey("https://www.tiktok.com/@CongAn.TuyenQuang/video/1?_r=1")).toMatchObject({
      channel: { url: "https://www.tiktok.com/@congan.tuyenquang", handle: "@congan.tuyenquang" },
    });
    expect(canonicalChannelKey("zalo.me/g/abcXYZ123")).toMatchObject({
      channel: {
        platform: "zalo_group",
        url: "https://zalo.me/g/abcXYZ123",
        platformId: "abcXYZ123",
        handle: null,
      },
    });
    expect(canonicalChannelKey("zalo.me/2384729384712")).toMatchObject({
      channel: { platform: "zalo_oa", url: "https://zalo.me/2384729384712", platformId: "2384729384712" },
    });
    expect(canonicalChannelKey("http://www.TuyenQuang.gov.vn:80/Tin-Tuc/?utm_source=fb#a")).toEqual({
      ok: true,
      channel: {
        platform: "website",
        key: "web:tuyenquang.gov.vn/Tin-Tuc",
        url: "https://www.tuyenquang.gov.vn/Tin-Tuc",
        handle: null,
        platformId: null,
      },
    });
  });

  it("gives the url as a Vietnamese domain's punycode and keeps Vietnamese paths readable in the key", () => {
    const result = canonicalChannelKey("https://tuyênquang.vn/tin-tức/");
    expect(result).toMatchObject({
      ok: true,
      channel: {
        key: "web:xn--tuynquang-n4a.vn/tin-tức",
        url: "https://xn--tuynquang-n4a.vn/tin-t%E1%BB%A9c",
      },
    });
  });

  it("keeps escapes that change a path's meaning and encodes spaces in the key", () => {
    expect(keyOf(canonicalChannelKey("https://x.gov.vn/a%2Fb/c%3Fd"))).toBe("web:x.gov.vn/a%2Fb/c%3Fd");
    expect(keyOf(canonicalChannelKey("https://x.gov.vn/a%2fb"))).toBe("web:x.gov.vn/a%2Fb");
    expect(keyOf(canonicalChannelKey("https://x.gov.vn/a%20b"))).toBe("web:x.gov.vn/a%20b");
    // A malformed escape does not stop the valid ones around it from being decoded.
    expect(keyOf(canonicalChannelKey("https://x.gov.vn/tin-t%E1%BB%A9c%ZZ"))).toBe("web:x.gov.vn/tin-tức%ZZ");
    expect(keyOf(canonicalChannelKey("https://x.gov.vn/tin-tức%zz"))).toBe("web:x.gov.vn/tin-tức%zz");
    expect(keyOf(canonicalChannelKey("https://x.gov.vn/%e1%bb"))).toBe("web:x.gov.vn/%E1%BB");
    expect(keyOf(canonicalChannelKey("https://x.gov.vn/a/b"))).not.toBe(
      keyOf(canonicalChannelKey("https://x.gov.vn/a%2Fb")),
    );
  });
});

describe("canonicalChannelKey: the platform the person chose", () => {
  it("reads a bare handle by the chosen platform", () => {
    expect(keyOf(canonicalChannelKey("@VTV24", "youtube"))).toBe("youtube:handle:@vtv24");
    expect(keyOf(canonicalChannelKey("vtv24", "youtube"))).toBe("youtube:handle:@vtv24");
    expect(keyOf(canonicalChannelKey("@CongAn.TuyenQuang", "tiktok"))).toBe("tiktok:@congan.tuyenquang");
    expect(keyOf(canonicalChannelKey("congan.tuyenquang", "tiktok"))).toBe("tiktok:@congan.tuyenquang");
    expect(keyOf(canonicalChannelKey("Cong.An.Tinh.Tuyen.Quang", "facebook_page"))).toBe(
      "facebook:page:congantinhtuyenquang",
    );
    expect(keyOf(canonicalChannelKey("TuyenQuangQueToi", "facebook_group"))).toBe(
      "facebook:group:tuyenquangquetoi",
    );
    expect(keyOf(canonicalChannelKey("2384729384712", "zalo_oa"))).toBe("zalo:oa:2384729384712");
    expect(keyOf(canonicalChannelKey("abcXYZ123", "zalo_group"))).toBe("zalo:group:abcXYZ123");
  });

  it("asks for a link or a platform when a bare name comes without one", () => {
    for (const input of ["@vtv24", "congantinhtuyenquang"]) {
      const result = canonicalChannelKey(input);
      expect(result.ok ? result.channel.key : result.code).toBe("url.invalid");
    }
    expect(canonicalChannelKey("vtv24", "website")).toMatchObject({ ok: false, code: "url.invalid" });
  });

  it("reads a bare domain as a website whatever was chosen", () => {
    expect(canonicalChannelKey("tuyenquang.gov.vn", "facebook_page")).toMatchObject({
      ok: true,
      channel: { platform: "website", key: "web:tuyenquang.gov.vn" },
    });
    expect(keyOf(canonicalChannelKey("vtv24.com", "youtube"))).toBe("web:vtv24.com");
  });

  it("lets the URL win when it is unambiguous", () => {
    expect(
      canonicalChannelKey("https://www.facebook.com/groups/tuyenquangquetoi", "facebook_page"),
    ).toMatchObject({
      channel: { platform: "facebook_group", key: "facebook:group:tuyenquangquetoi" },
    });
    expect(
      canonicalChannelKey("https://www.facebook.com/congantinhtuyenquang", "facebook_group"),
    ).toMatchObject({
      channel: { platform: "facebook_page", key: "facebook:page:congantinhtuyenquang" },
    });
    expect(canonicalChannelKey("https://zalo.me/2384729384712", "zalo_group")).toMatchObject({
      channel: { platform: "zalo_oa" },
    });
    expect(canonicalChannelKey("https://tuyenquang.gov.vn", "youtube")).toMatchObject({
      channel: { platform: "website" },
    });
  });

  it("uses the choice where the URL is ambiguous", () => {
    // facebook.com/<number> opens a page, a profile or a group alike.
    expect(keyOf(canonicalChannelKey("https://www.facebook.com/123456789012345", "facebook_group"))).toBe(
      "facebook:group:123456789012345",
    );
    expect(keyOf(canonicalChannelKey("https://www.facebook.com/123456789012345", "facebook_page"))).toBe(
      "facebook:id:123456789012345",
    );
    // "other" is for channels on platforms we do not model: same key as a website, kept as "other".
    expect(canonicalChannelKey("https://www.instagram.com/congantinhtuyenquang/", "other")).toMatchObject({
      channel: { platform: "other", key: "web:instagram.com/congantinhtuyenquang" },
    });
  });
});
