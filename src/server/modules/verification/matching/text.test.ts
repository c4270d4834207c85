import { describe, expect, it } from "vitest";
import { bandCount, foldText, jaccard, shinglesOf, textBands } from "./text.ts";
import { normaliseUrl, urlKeysOf } from "./url-key.ts";

describe("folding and text bands", () => {
  it("folds tone marks, đ, case and punctuation away", () => {
    expect(foldText("  Điện lực THÔNG BÁO: cắt điện!!! ")).toBe("dien luc thong bao cat dien");
  });

  it("gives a retyped copy the same bands and a different rumour none of them", () => {
    const a = textBands("Thủy điện Hòa Bình sắp xả lũ khẩn cấp toàn bộ 12 cửa đáy trong đêm nay.");
    expect(a).toHaveLength(bandCount);
    expect(textBands("thuy dien hoa binh sap xa lu khan cap toan bo 12 cua day trong dem nay")).toEqual(a);
    const other = textBands(
      "Đê sông Hồng đoạn qua quận Long Biên bị vỡ lúc 3 giờ sáng, nhiều khu dân cư ngập sâu.",
    );
    expect(other.filter((band) => a.includes(band))).toEqual([]);
  });

  it("measures 2-word shingles, so word order inside a sentence counts", () => {
    expect(jaccard(shinglesOf("a b c d"), shinglesOf("a b c d"))).toBe(1);
    expect(jaccard(shinglesOf("a b c d"), shinglesOf("d c b a"))).toBe(0);
    expect(shinglesOf("")).toEqual(new Set());
  });
});

describe("link keys", () => {
  it("normalises an article's address: host case, www, fragment, tracking parameters, trailing slash", () => {
    expect(normaliseUrl("HTTPS://WWW.Bao.example.vn/tin/Bai-1/?utm_source=zalo&fbclid=x&id=3#top")).toBe(
      "bao.example.vn/tin/Bai-1?id=3",
    );
    expect(normaliseUrl("javascript:alert(1)")).toBeNull();
  });

  it("keys a page by the registry's channel key, however it was typed", () => {
    const a = urlKeysOf("https://m.facebook.com/congan.tuyenquang/?fbclid=1");
    expect(a).toEqual(urlKeysOf("facebook.com/congantuyenquang"));
    expect(a?.exact).toBe("facebook:page:congantuyenquang");
  });

  it("keys a post by its own address, with its page only as the owner", () => {
    const post = urlKeysOf("https://www.facebook.com/congan.tuyenquang/posts/123?mibextid=abc");
    expect(post).toEqual({
      exact: "url:facebook.com/congan.tuyenquang/posts/123",
      owner: "facebook:page:congantuyenquang",
    });
    expect(urlKeysOf("https://facebook.com/congan.tuyenquang/posts/456")?.exact).not.toBe(post?.exact);
  });

  it("keeps an article's path (two articles of one newspaper are different links)", () => {
    expect(urlKeysOf("https://vnexpress.net/a-1.html")?.exact).not.toBe(
      urlKeysOf("https://vnexpress.net/b-2.html")?.exact,
    );
  });
});
