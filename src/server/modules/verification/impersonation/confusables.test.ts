import { beforeAll, describe, expect, it } from "vitest";
import { compactKey, confusableKey, plainKey } from "./confusables.ts";
import { domainOf, embedsDomain } from "./domains.ts";
import { differentPlaces, type Gazetteer, loadGazetteer, placesOf } from "./place-names.ts";
import { editDistance, editDistanceWithin, tokenSimilarity } from "./similarity.ts";

let gazetteer: Gazetteer;
beforeAll(async () => {
  gazetteer = await loadGazetteer();
});

describe("the confusable-aware key", () => {
  const table: [what: string, input: string, key: string][] = [
    ["plain Vietnamese", "Công an tỉnh Đồng Nai", "cong an tinh dong nai"],
    ["zero-width space inside a word", "Công\u200B an tỉnh Đồng\u200D Nai", "cong an tinh dong nai"],
    ["word joiner, BOM and soft hyphen", "Cô\u2060ng \uFEFFan tỉ\u00ADnh", "cong an tinh"],
    ["Cyrillic о, а, е, с, і", "Сông аn tỉnh Đồng Nаі", "cong an tinh dong nai"],
    ["Cyrillic р, у, х, к, м, н, т, в", "рухкмнтв", "pyxkmhtb"],
    ["Greek ο, α, ε, ι, κ, ν, ρ, τ, υ, χ", "οαειKνρτυχ", "oaeikvptux"],
    ["Greek capitals", "ΑΝ ΤΙΝΗ", "an tinh"],
    ["full-width letters", "ＣÔＮＧ ＡＮ", "cong an"],
    ["đ, Đ and Ð all fold to d", "đồng Đồng Ðồng", "dong dong dong"],
    ["tone marks, old and new placement", "Hoà Hòa Thuỷ Thủy", "hoa hoa thuy thuy"],
    ["leet between letters", "C0ng an t1nh Đ0ng Th4p", "cong an tlnh dong thap"],
    ["leet signs between letters", "C@ng cơ$ở", "cang coso"],
    ["numbers of wards and districts stay numbers", "Phường 12, Quận 1", "phuong 12 quan 1"],
    ["a trailing number stays", "congantinh2024", "congantinh2024"],
    ["punctuation and separators become one space", "Công an tỉnh X - Tin tức!!", "cong an tinh x tin tuc"],
  ];
  it.each(table)("%s", (_what, input, key) => {
    expect(confusableKey(input)).toBe(key);
  });

  it("tells a disguised name from a plain one", () => {
    expect(plainKey("Công an tỉnh")).toBe(confusableKey("Công an tỉnh"));
    expect(plainKey("Сông аn tỉnh")).not.toBe(confusableKey("Сông аn tỉnh"));
    expect(plainKey("C0ng an")).not.toBe(confusableKey("C0ng an"));
  });

  it("compacts handles", () => {
    expect(compactKey("C0ngAn.TinhX_official")).toBe("congantinhxofficial");
    expect(compactKey("@congan.dongthap")).toBe("congandongthap");
  });
});

describe("place names and the sibling-place rule", () => {
  const places = (text: string) => placesOf(gazetteer, text).map((place) => place.name);

  it("reads places after their prefixes, bare provinces and numbered wards", () => {
    expect(places("Công an tỉnh Đồng Nai")).toEqual(["dong nai"]);
    expect(places("Công an xã Tân Phú, tỉnh Đồng Nai")).toEqual(["tan phu", "dong nai"]);
    expect(places("Công an TP Hồ Chí Minh")).toEqual(["ho chi minh"]);
    expect(places("Tin tức TP.HCM")).toEqual(["ho chi minh"]);
    expect(places("Phường 12 Quận Gò Vấp")).toEqual(["phuong 12", "go vap"]);
    expect(places("Công an Quảng Bình")).toEqual(["quang binh"]);
    expect(places("Сông аn tỉnh Ðồng Nаі")).toEqual(["dong nai"]);
  });

  it("reads no place in everyday words", () => {
    expect(places("Bảo hiểm xã hội")).toEqual([]);
    expect(places("Đài phát thanh địa phương")).toEqual([]);
    expect(places("Trung tâm Văn hóa")).toEqual([]);
    expect(places("Công an tỉnh")).toEqual([]);
  });

  const rule: [candidate: string, registered: string, different: boolean][] = [
    ["Công an tỉnh Đồng Nai", "Công an tỉnh Đồng Tháp", true],
    ["Công an xã A", "Công an xã B", true],
    ["Công an phường 12", "Công an phường 14", true],
    ["UBND xã Tân Phú", "UBND xã Tân Phước", true],
    ["Công an tỉnh Đồng Tháp - Tin tức", "Công an tỉnh Đồng Tháp", false],
    ["Công an xã Tân Phú", "Công an xã Tân Phú, tỉnh Đồng Nai", false],
    ["Công an tỉnh Đồng Thápp", "Công an tỉnh Đồng Tháp", false],
    ["Công an xã A", "Công an xã A", false],
    ["Trang tin Công an", "Công an tỉnh Đồng Tháp", false],
  ];
  it.each(rule)("%s vs registered %s → different place: %s", (candidate, registered, different) => {
    expect(differentPlaces(placesOf(gazetteer, candidate), placesOf(gazetteer, registered)) !== null).toBe(
      different,
    );
  });
});

describe("similarities and domains", () => {
  it("measures edits and shared words", () => {
    expect(editDistance("congantinhx", "c0ngantinhx")).toBe(1);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(tokenSimilarity(["cong", "an", "tinh", "x"], ["cong", "an", "tinh", "x"])).toBe(1);
    expect(tokenSimilarity(["thongtin"], ["thongtinn"])).toBe(1);
  });

  it("takes the registrable domain, not the official host worn in front of it", () => {
    expect(domainOf("https://tuyenquang.gov.vn.tin-tuc.com/bai-viet")?.registrable).toBe("tin-tuc.com");
    expect(domainOf("xa1.tuyenquang.gov.vn")?.registrable).toBe("tuyenquang.gov.vn");
    expect(embedsDomain("tuyenquang.gov.vn.tin-tuc.com", "tuyenquang.gov.vn")).toBe(true);
    expect(embedsDomain("xa1.tuyenquang.gov.vn", "tuyenquang.gov.vn")).toBe(false);
    expect(embedsDomain("tuyenquang-gov.vn", "tuyenquang.gov.vn")).toBe(false);
  });
});

describe("the bounded edit distance", () => {
  it("agrees with the full one within its bound and says 'more' beyond it", () => {
    const words = [
      "congantinhx",
      "c0ngantinhx",
      "congantinhxofficial",
      "congantinh",
      "kitten",
      "sitting",
      "",
      "a",
    ];
    for (const a of words) {
      for (const b of words) {
        const full = editDistance(a, b);
        for (const max of [0, 1, 2, 5]) {
          expect(editDistanceWithin(a, b, max)).toBe(full <= max ? full : max + 1);
        }
      }
    }
  });
});
