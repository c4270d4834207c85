import type { CanonicalResult, ChannelPlatform } from "./canonical-url.ts";

/* The canonicaliser's table of real-world links, shared by its example tests and its property tests. */

/** The key of a canonicalised link; fails the test when the link was refused. */
export function keyOf(result: CanonicalResult): string {
  if (!result.ok) {
    throw new Error(`expected a channel, got ${result.code}: ${result.messages.en}`);
  }
  return result.channel.key;
}

/** Real-world shapes of links, as typed or shared, and the key each must give. */
export const keyCases: [input: string, key: string, platform: ChannelPlatform][] = [
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

/** Links that are valid but name no channel we can key. */
export const unsupportedCases = [
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

/** What is not a usable web link at all. */
export const invalidCases = [
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
