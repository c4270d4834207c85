import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  type CanonicalResult,
  type ChannelPlatform,
  canonicalChannelKey,
  channelPlatforms,
} from "./canonical-url.ts";

function keyOf(result: CanonicalResult): string {
  if (!result.ok) {
    throw new Error(`expected a channel, got ${result.code}: ${result.messages.en}`);
  }
  return result.channel.key;
}

/** Real-world shapes of links, as typed or shared, and the key each must give. */
const keyCases: [input: string, key: string, platform: ChannelPlatform][] = [
  // Facebook pages
  [
    "https://www.facebook.com/CongAnTinhTuyenQuang/?locale=vi_VN",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  [
    "m.facebook.com/congantinhtuyenquang?mibextid=ZbWKwL",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  ["https://facebook.com/cong.an.tinh.tuyen.quang", "facebook:page:congantinhtuyenquang", "facebook_page"],
  ["http://mbasic.facebook.com/CongAnTinhTuyenQuang/", "facebook:page:congantinhtuyenquang", "facebook_page"],
  [
    "https://web.facebook.com/congantinhtuyenquang/?_rdc=1&_rdr",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  ["touch.facebook.com/congantinhtuyenquang#top", "facebook:page:congantinhtuyenquang", "facebook_page"],
  [
    "https://business.facebook.com/congantinhtuyenquang/",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  ["fb.com/CongAnTinhTuyenQuang", "facebook:page:congantinhtuyenquang", "facebook_page"],
  ["https://fb.me/congantinhtuyenquang", "facebook:page:congantinhtuyenquang", "facebook_page"],
  ["https://m.me/congantinhtuyenquang", "facebook:page:congantinhtuyenquang", "facebook_page"],
  [
    "  https://www.facebook.com/congantinhtuyenquang).  ",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  ["<https://www.facebook.com/congantinhtuyenquang>", "facebook:page:congantinhtuyenquang", "facebook_page"],
  ["WWW.FACEBOOK.COM/CONGANTINHTUYENQUANG", "facebook:page:congantinhtuyenquang", "facebook_page"],
  ["https://www.facebook.com/%63ongantinhtuyenquang", "facebook:page:congantinhtuyenquang", "facebook_page"],
  [
    "https://www.facebook.com/congantinhtuyenquang?fbclid=IwAR0abc&__tn__=kC-R&__cft__[0]=AZX",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/congantinhtuyenquang/posts/pfbid02abcXYZ",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/congantinhtuyenquang/about",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/congantinhtuyenquang/videos/1234567890123/",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/congantinhtuyenquang/photos/a.111/222/?type=3",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/pg/congantinhtuyenquang/about/",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/pages/category/Government-Organization/congantinhtuyenquang/",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  ["https://www.facebook.com/thanhnien", "facebook:page:thanhnien", "facebook_page"],
  // Facebook ids
  ["https://fb.com/profile.php?id=100064562315124&ref=xyz", "facebook:id:100064562315124", "facebook_page"],
  [
    "https://www.facebook.com/profile.php?id=100064562315124&sk=about",
    "facebook:id:100064562315124",
    "facebook_page",
  ],
  ["https://m.facebook.com/profile.php/?id=100064562315124", "facebook:id:100064562315124", "facebook_page"],
  ["https://www.facebook.com/100064562315124", "facebook:id:100064562315124", "facebook_page"],
  [
    "https://www.facebook.com/people/C%C3%B4ng-an-x%C3%A3-A/100087123456789/",
    "facebook:id:100087123456789",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/pages/Cong-An-Xa-B/123456789012345",
    "facebook:id:123456789012345",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/p/C%C3%B4ng-an-x%C3%A3-A-100087123456789/",
    "facebook:id:100087123456789",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/C%C3%B4ng-an-t%E1%BB%89nh-103456789012/",
    "facebook:id:103456789012",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/permalink.php?story_fbid=pfbid0abc&id=100064562315124",
    "facebook:id:100064562315124",
    "facebook_page",
  ],
  [
    "https://m.facebook.com/story.php?story_fbid=123&id=100064562315124&mibextid=Nif5oz",
    "facebook:id:100064562315124",
    "facebook_page",
  ],
  [
    "https://l.facebook.com/l.php?u=https%3A%2F%2Fwww.facebook.com%2Fcongantinhtuyenquang%3Ffbclid%3Dx&h=AT0",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  [
    "https://www.facebook.com/login/?next=https%3A%2F%2Fwww.facebook.com%2Fcongantinhtuyenquang%2F",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  ["https://vi-vn.facebook.com/congantinhtuyenquang/", "facebook:page:congantinhtuyenquang", "facebook_page"],
  ["https:\\\\www.facebook.com\\congantinhtuyenquang", "facebook:page:congantinhtuyenquang", "facebook_page"],
  [
    "\u200bhttps://www.facebook.com/congantinhtuyenquang\u200b",
    "facebook:page:congantinhtuyenquang",
    "facebook_page",
  ],
  ["“https://www.facebook.com/congantinhtuyenquang”", "facebook:page:congantinhtuyenquang", "facebook_page"],
  // Facebook groups
  ["https://www.facebook.com/groups/tuyenquangquetoi/", "facebook:group:tuyenquangquetoi", "facebook_group"],
  [
    "https://www.facebook.com/groups/TuyenQuangQueToi/permalink/123/",
    "facebook:group:tuyenquangquetoi",
    "facebook_group",
  ],
  ["m.facebook.com/groups/123456789012345?ref=share", "facebook:group:123456789012345", "facebook_group"],
  [
    "https://www.facebook.com/groups/123456789012345/posts/987/",
    "facebook:group:123456789012345",
    "facebook_group",
  ],
  // Zalo
  ["zalo.me/2384729384712", "zalo:oa:2384729384712", "zalo_oa"],
  ["https://zalo.me/2384729384712/?zarsrc=30&utm_source=zalo", "zalo:oa:2384729384712", "zalo_oa"],
  ["http://www.zalo.me/2384729384712", "zalo:oa:2384729384712", "zalo_oa"],
  ["https://oa.zalo.me/home?id=2384729384712", "zalo:oa:2384729384712", "zalo_oa"],
  ["https://zalo.me/s/2384729384712/", "zalo:oa:2384729384712", "zalo_oa"],
  ["https://zalo.me/g/abcXYZ123", "zalo:group:abcXYZ123", "zalo_group"],
  ["zalo.me/g/abcXYZ123/#join", "zalo:group:abcXYZ123", "zalo_group"],
  // YouTube
  ["https://www.youtube.com/@THVLi/videos", "youtube:handle:@thvli", "youtube"],
  ["youtube.com/@vtv24", "youtube:handle:@vtv24", "youtube"],
  ["https://m.youtube.com/@VTV24/featured?si=abc", "youtube:handle:@vtv24", "youtube"],
  ["https://music.youtube.com/@vtv24", "youtube:handle:@vtv24", "youtube"],
  ["https://www.youtube.com/%40vtv24/streams", "youtube:handle:@vtv24", "youtube"],
  [
    "https://www.youtube.com/@truy%E1%BB%81nh%C3%ACnhtuy%C3%AAnquang",
    "youtube:handle:@truyềnhìnhtuyênquang",
    "youtube",
  ],
  ["youtube.com/channel/UCabcdefghijklmnopqrstuv", "youtube:channel:UCabcdefghijklmnopqrstuv", "youtube"],
  [
    "https://www.youtube.com/channel/UCabcdefghijklmnopqrstuv/shorts?feature=shared",
    "youtube:channel:UCabcdefghijklmnopqrstuv",
    "youtube",
  ],
  ["https://www.youtube.com/c/VTV24/about", "youtube:custom:vtv24", "youtube"],
  ["https://www.youtube.com/vtv24", "youtube:custom:vtv24", "youtube"],
  ["https://www.youtube.com/user/VTVonline", "youtube:user:vtvonline", "youtube"],
  // TikTok
  ["https://www.tiktok.com/@congan.tuyenquang/video/123?_r=1", "tiktok:@congan.tuyenquang", "tiktok"],
  ["tiktok.com/@CongAn.TuyenQuang?is_from_webapp=1&sender_device=pc", "tiktok:@congan.tuyenquang", "tiktok"],
  ["https://m.tiktok.com/@congan.tuyenquang/", "tiktok:@congan.tuyenquang", "tiktok"],
  ["https://www.tiktok.com/@baotuyenquang_official?_t=8abc", "tiktok:@baotuyenquang_official", "tiktok"],
  // Websites
  [
    "https://www.youtube.com/redirect?q=https%3A%2F%2Ftuyenquang.gov.vn%2F&v=abc",
    "web:tuyenquang.gov.vn",
    "website",
  ],
  ["HTTPS://TuyenQuang.gov.vn/", "web:tuyenquang.gov.vn", "website"],
  ["tuyenquang.gov.vn/tin-tuc/", "web:tuyenquang.gov.vn/tin-tuc", "website"],
  ["http://www.tuyenquang.gov.vn", "web:tuyenquang.gov.vn", "website"],
  ["www.tuyenquang.gov.vn.", "web:tuyenquang.gov.vn", "website"],
  [
    "https://tuyenquang.gov.vn:443/Tin-Tuc/?utm_source=zalo&fbclid=1#muc-1",
    "web:tuyenquang.gov.vn/Tin-Tuc",
    "website",
  ],
  ["https://congan.tuyenquang.gov.vn//gioi-thieu//", "web:congan.tuyenquang.gov.vn/gioi-thieu", "website"],
  ["https://chinhphu.vn/?pageid=1&lang=vi", "web:chinhphu.vn?lang=vi&pageid=1", "website"],
  ["https://chinhphu.vn/?lang=vi&pageid=1&gclid=zz", "web:chinhphu.vn?lang=vi&pageid=1", "website"],
  ["http://example.gov.vn:8080/portal", "web:example.gov.vn:8080/portal", "website"],
  ["https://tuyenquang.gov.vn/tin-t%E1%BB%A9c", "web:tuyenquang.gov.vn/tin-tức", "website"],
  ["https://tuyenquang.gov.vn/tin-tức", "web:tuyenquang.gov.vn/tin-tức", "website"],
  ["https://tuyênquang.vn/", "web:xn--tuynquang-n4a.vn", "website"],
  ["https://facebook.com.vn/congantinhtuyenquang", "web:facebook.com.vn/congantinhtuyenquang", "website"],
  ["https://www.facebook.com@gia-mao.vn/congan", "web:gia-mao.vn/congan", "website"],
  // A look-alike with a Cyrillic "а" is another host, never Facebook.
  [
    "https://www.f\u0430cebook.com/congantinhtuyenquang",
    "web:xn--fcebook-2fg.com/congantinhtuyenquang",
    "website",
  ],
  ["https://www.facebook.com./congantinhtuyenquang", "facebook:page:congantinhtuyenquang", "facebook_page"],
  [
    "https://www.google.com/url?q=https://tuyenquang.gov.vn/tin-tuc&sa=D",
    "web:tuyenquang.gov.vn/tin-tuc",
    "website",
  ],
];

const unsupportedCases = [
  "https://www.facebook.com/share/p/1AbCdEfGh/",
  "https://www.facebook.com/share/19abcDEF/?mibextid=wwXIfr",
  "https://www.facebook.com/watch/?v=123456789",
  "https://www.facebook.com/photo/?fbid=123&set=a.456",
  "https://www.facebook.com/story.php?story_fbid=123",
  "https://www.facebook.com/",
  "https://www.facebook.com/groups/feed/",
  "https://fb.watch/abcDEF/",
  "https://chat.zalo.me/",
  "https://zalo.me/",
  "https://zalo.me/pc",
  "https://youtu.be/dQw4w9WgXcQ",
  "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
  "https://www.youtube.com/shorts/abc123",
  "https://www.youtube.com/channel/UCshort",
  "https://www.youtube.com/",
  "https://vt.tiktok.com/ZSabc123/",
  "https://vm.tiktok.com/ZMabc123/",
  "https://www.tiktok.com/t/ZTabc/",
  "https://www.tiktok.com/",
  "https://l.facebook.com/l.php?h=AT0",
  "https://www.facebook.com/login/",
  "https://www.facebook.com/reel/123456789",
  "https://www.facebook.com/events/123456789/",
  "https://www.facebook.com/hashtag/antoangiaothong",
  "https://www.facebook.com/Cong-An-Tinh-Tuyen-Quang",
  "https://developers.facebook.com/docs",
  "https://m.me/j/AbCdEf/",
  "https://www.youtube.com/playlist?list=PL123",
  "https://www.youtube.com/results?search_query=vtv24",
  "https://studio.youtube.com/channel/UCabcdefghijklmnopqrstuv",
  "https://www.tiktok.com/video/123",
  "https://oa.zalo.me/home",
];

const invalidCases = [
  "",
  "   ",
  "javascript:alert(1)",
  "mailto:congan@tuyenquang.gov.vn",
  "ftp://tuyenquang.gov.vn/file",
  "data:text/html,hi",
  "tuyen quang.gov.vn",
  "https://tuyen quang.gov.vn/",
  "asdfgh",
  "http://",
  "https://.vn",
  "https://a..vn/",
  "localhost:8080",
  "https://123/",
  `https://tuyenquang.gov.vn/${"a".repeat(2001)}`,
  "https://0x7f.1/",
];

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

// ---------------------------------------------------------------------------------------------
// Generators for the property tests

const lowerLetters = "abcdefghijklmnopqrstuvwxyz".split("");
const digits = "0123456789".split("");
const vietnameseLetters = "ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ".split("");

const chars = (alphabet: string[], minLength: number, maxLength: number) =>
  fc.array(fc.constantFrom(...alphabet), { minLength, maxLength }).map((list) => list.join(""));

/** Facebook usernames: letters and digits (periods are added as a variation, since they don't count). */
const facebookUsername = chars([...lowerLetters, ...digits], 5, 30).filter((name) => /[a-z]/.test(name));
/** YouTube handles without "@": letters of any script, digits, "_", "-", "."; never a final "." (see report). */
const youtubeHandle = chars([...lowerLetters, ...digits, ...vietnameseLetters, "_", "-", "."], 3, 30).filter(
  (name) => !name.endsWith("."),
);
/** TikTok usernames without "@": letters, digits, "_", "."; never a final ".". */
const tiktokUsername = chars([...lowerLetters, ...digits, "_", "."], 2, 24).filter(
  (name) => !name.endsWith("."),
);
const hostLabel = chars([...lowerLetters, ...digits], 1, 12);
const websiteHost = fc
  .tuple(
    fc.array(hostLabel, { minLength: 1, maxLength: 3 }),
    fc.constantFrom("vn", "gov.vn", "com.vn", "org.vn", "org", "net"),
  )
  .map(([labels, tld]) => `${labels.join(".")}.${tld}`)
  .filter(
    (host) => !host.startsWith("www.") && !/(^|\.)(facebook|fb|youtube|tiktok|zalo|google)\./.test(host),
  );
const pathSegment = chars(
  [...lowerLetters, ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(""), ...digits, "-", "_", "~"],
  1,
  12,
);

const schemes = fc.constantFrom("", "http://", "https://", "HTTPS://", "Http://", "//");
const trackingParameter = fc.tuple(
  fc.constantFrom(
    "utm_source",
    "utm_medium",
    "UTM_Campaign",
    "utm_content",
    "fbclid",
    "gclid",
    "mibextid",
    "ref",
    "refsrc",
    "__tn__",
    "__cft__[0]",
    "si",
    "feature",
    "is_from_webapp",
    "sender_device",
    "_t",
    "_r",
    "igshid",
    "zarsrc",
  ),
  chars([...lowerLetters, ...digits, "-", "_"], 0, 12),
);
const trackingQuery = fc
  .array(trackingParameter, { maxLength: 4 })
  .map((pairs) =>
    pairs.length === 0 ? "" : `?${pairs.map(([name, value]) => `${name}=${value}`).join("&")}`,
  );
const fragment = fc.option(
  chars([...lowerLetters, ...digits, "-", "="], 0, 10).map((text) => `#${text}`),
  {
    nil: "",
  },
);
const trailingSlashes = fc.integer({ min: 0, max: 3 }).map((count) => "/".repeat(count));
const pasteNoise = fc.tuple(
  fc.constantFrom("", " ", "\t", "  ", "\u200b"),
  fc.constantFrom("", " ", ".", ",", ")", "\n"),
);

/** Randomly upper-cases characters (each character by a boolean drawn from the seed). */
function randomCase(text: string, seed: boolean[]): string {
  return [...text]
    .map((char, index) => (seed[index % Math.max(seed.length, 1)] ? char.toUpperCase() : char))
    .join("");
}

/** Percent-encodes some characters (UTF-8, with random hex case), as browsers and share sheets do. */
function randomPercentEncoding(text: string, seed: boolean[]): string {
  return [...text]
    .map((char, index) => {
      if (!seed[index % Math.max(seed.length, 1)]) {
        return char;
      }
      const encoded = [...new TextEncoder().encode(char)]
        .map((byte) => `%${byte.toString(16).padStart(2, "0")}`)
        .join("");
      return index % 2 === 0 ? encoded.toUpperCase() : encoded;
    })
    .join("");
}

const bits = fc.array(fc.boolean(), { minLength: 1, maxLength: 40 });

interface Variation {
  scheme: string;
  query: string;
  fragment: string;
  slashes: string;
  caseSeed: boolean[];
  encodeSeed: boolean[];
  noise: [string, string];
}

const variation: fc.Arbitrary<Variation> = fc.record({
  scheme: schemes,
  query: trackingQuery,
  fragment,
  slashes: trailingSlashes,
  caseSeed: bits,
  encodeSeed: bits,
  noise: pasteNoise,
});

function assemble(host: string, path: string, v: Variation): string {
  return `${v.noise[0]}${v.scheme}${host}/${path}${v.slashes}${v.query}${v.fragment}${v.noise[1]}`;
}

const facebookHosts = fc.constantFrom(
  "facebook.com",
  "www.facebook.com",
  "m.facebook.com",
  "mbasic.facebook.com",
  "web.facebook.com",
  "touch.facebook.com",
  "fb.com",
);
const youtubeHosts = fc.constantFrom("youtube.com", "www.youtube.com", "m.youtube.com", "music.youtube.com");
const tiktokHosts = fc.constantFrom("tiktok.com", "www.tiktok.com", "m.tiktok.com");

/** Inserts periods between some characters of a Facebook username (they don't count). */
function withPeriods(name: string, seed: boolean[]): string {
  return [...name]
    .map((char, index) => (index > 0 && seed[index % seed.length] ? `.${char}` : char))
    .join("");
}

/** A generated channel: its plain canonical link and a messy link to the same channel. */
const facebookPair = fc
  .record({
    name: facebookUsername,
    host: facebookHosts,
    v: variation,
    dots: bits,
    tab: fc.constantFrom("", "/about", "/posts/123", "/videos/456"),
  })
  .map(({ name, host, v, dots, tab }) => ({
    plain: `https://www.facebook.com/${name}`,
    messy: assemble(
      randomCase(host, v.caseSeed),
      `${randomPercentEncoding(randomCase(withPeriods(name, dots), v.caseSeed), v.encodeSeed)}${tab}`,
      v,
    ),
  }));
const facebookGroupPair = fc
  .record({ name: facebookUsername, host: facebookHosts, v: variation })
  .map(({ name, host, v }) => ({
    plain: `https://www.facebook.com/groups/${name}`,
    messy: assemble(host, `groups/${randomPercentEncoding(randomCase(name, v.caseSeed), v.encodeSeed)}`, v),
  }));
const youtubePair = fc
  .record({
    name: youtubeHandle,
    host: youtubeHosts,
    v: variation,
    tab: fc.constantFrom("", "/videos", "/featured", "/streams", "/shorts", "/about"),
  })
  .map(({ name, host, v, tab }) => ({
    plain: `https://www.youtube.com/@${name}`,
    messy: assemble(
      randomCase(host, v.caseSeed),
      `@${randomPercentEncoding(randomCase(name, v.caseSeed), v.encodeSeed)}${tab}`,
      v,
    ),
  }));
const tiktokPair = fc
  .record({
    name: tiktokUsername,
    host: tiktokHosts,
    v: variation,
    tab: fc.constantFrom("", "/video/7312345678901234567"),
  })
  .map(({ name, host, v, tab }) => ({
    plain: `https://www.tiktok.com/@${name}`,
    messy: assemble(host, `@${randomPercentEncoding(randomCase(name, v.caseSeed), v.encodeSeed)}${tab}`, v),
  }));
const websitePair = fc
  .record({
    host: websiteHost,
    path: fc.array(pathSegment, { maxLength: 3 }),
    v: variation,
    www: fc.boolean(),
    port: fc.boolean(),
  })
  .map(({ host, path, v, www, port }) => {
    const scheme = v.scheme === "" || v.scheme === "//" ? "https://" : v.scheme;
    const defaultPort = scheme.toLowerCase().startsWith("https") ? ":443" : ":80";
    const messyHost = `${www ? "www." : ""}${randomCase(host, v.caseSeed)}${port ? defaultPort : ""}`;
    return {
      plain: `https://${host}/${path.join("/")}`,
      messy: assemble(
        messyHost,
        path.map((segment) => randomPercentEncoding(segment, v.encodeSeed)).join("/"),
        {
          ...v,
          scheme,
        },
      ),
    };
  });
const zaloPair = fc
  .record({ id: chars(digits, 10, 19), v: variation })
  .map(({ id, v }) => ({ plain: `https://zalo.me/${id}`, messy: assemble("zalo.me", id, v) }));

/** Zalo group codes are case-sensitive: no case variation. */
const zaloGroupPair = fc
  .record({
    code: chars([...lowerLetters, ..."ABCDEFGHIJKLMNOPQRSTUVWXYZ".split(""), ...digits], 6, 16),
    v: variation,
  })
  .map(({ code, v }) => ({
    plain: `https://zalo.me/g/${code}`,
    messy: assemble("zalo.me", `g/${randomPercentEncoding(code, v.encodeSeed)}`, v),
  }));

const channelPair = fc.oneof(
  facebookPair,
  facebookGroupPair,
  youtubePair,
  tiktokPair,
  websitePair,
  zaloPair,
  zaloGroupPair,
);
const anyHint = fc.option(fc.constantFrom(...channelPlatforms), { nil: undefined });

describe("canonicalChannelKey: properties", () => {
  it("is idempotent: canonicalising channel.url gives the same channel", () => {
    const inputs = fc.oneof(
      channelPair.map((pair) => pair.messy),
      fc.webUrl({ withQueryParameters: true, withFragments: true }),
      fc.constantFrom(...keyCases.map(([input]) => input)),
    );
    fc.assert(
      fc.property(inputs, anyHint, (input, hint) => {
        const first = canonicalChannelKey(input, hint);
        if (!first.ok) {
          return;
        }
        const second = canonicalChannelKey(first.channel.url, hint);
        expect(second.ok && second.channel).toEqual(first.channel);
      }),
      { numRuns: 3000 },
    );
  });

  it("is invariant under scheme, mobile hosts, tracking parameters, fragments, slashes, case and percent-encoding", () => {
    fc.assert(
      fc.property(channelPair, ({ plain, messy }) => {
        const expected = canonicalChannelKey(plain);
        fc.pre(expected.ok);
        expect(keyOf(canonicalChannelKey(messy))).toBe(keyOf(expected));
      }),
      { numRuns: 3000 },
    );
  });

  it("gives distinct keys to distinct usernames", () => {
    const platforms: [string, fc.Arbitrary<string>, (name: string) => string, (name: string) => string][] = [
      ["facebook", facebookUsername, (n) => `https://www.facebook.com/${n}`, (n) => n.toLowerCase()],
      [
        "facebook group",
        facebookUsername,
        (n) => `https://www.facebook.com/groups/${n}`,
        (n) => n.toLowerCase(),
      ],
      ["youtube", youtubeHandle, (n) => `https://www.youtube.com/@${n}`, (n) => n.toLowerCase()],
      ["tiktok", tiktokUsername, (n) => `https://www.tiktok.com/@${n}`, (n) => n.toLowerCase()],
    ];
    for (const [, name, link, normalise] of platforms) {
      fc.assert(
        fc.property(name, name, (a, b) => {
          fc.pre(normalise(a) !== normalise(b));
          const first = canonicalChannelKey(link(a));
          const second = canonicalChannelKey(link(b));
          fc.pre(first.ok && second.ok);
          expect(keyOf(first)).not.toBe(keyOf(second));
        }),
        { numRuns: 1000 },
      );
    }
    fc.assert(
      fc.property(websiteHost, websiteHost, (a, b) => {
        fc.pre(a !== b);
        expect(keyOf(canonicalChannelKey(a))).not.toBe(keyOf(canonicalChannelKey(b)));
      }),
      { numRuns: 1000 },
    );
  });

  it("never throws on arbitrary strings or URLs", () => {
    const noisyUrl = fc
      .tuple(
        fc.constantFrom(
          "",
          "https://",
          "facebook.com/",
          "youtube.com/@",
          "zalo.me/g/",
          "l.facebook.com/l.php?u=",
        ),
        fc.string({ unit: "binary" }),
      )
      .map(([prefix, rest]) => prefix + rest);
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.webUrl({ withQueryParameters: true, withFragments: true }),
          noisyUrl,
        ),
        anyHint,
        (input, hint) => {
          const result = canonicalChannelKey(input, hint);
          expect(typeof result.ok).toBe("boolean");
          if (!result.ok) {
            expect(result.messages.vi.length).toBeGreaterThan(0);
            expect(result.messages.en.length).toBeGreaterThan(0);
          }
        },
      ),
      { numRuns: 5000 },
    );
  });
});
