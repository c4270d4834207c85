import { describe, expect, it } from "vitest";
import { slugOf } from "./vietnamese-text.ts";

describe("slugOf (addresses people can read and type)", () => {
  it.each([
    ["Cảnh báo lừa đảo", "canh-bao-lua-dao"],
    ["  Đường   Hồ Chí Minh!  ", "duong-ho-chi-minh"],
    ["Chuyển đổi số", "chuyen-doi-so"],
    ["Hòa bình / Hoà bình", "hoa-binh-hoa-binh"],
    ["Thủy lợi — 2025", "thuy-loi-2025"],
    ["ỦY BAN NHÂN DÂN", "uy-ban-nhan-dan"],
    ["???", ""],
  ])("%s → %s", (text, slug) => {
    expect(slugOf(text)).toBe(slug);
  });

  it("keeps to the length asked, never ending on a hyphen", () => {
    expect(slugOf("Hội nghị triển khai chuyển đổi số cấp xã", 20)).toBe("hoi-nghi-trien-khai");
  });
});
