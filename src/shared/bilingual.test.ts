import { describe, expect, it } from "vitest";
import { inLanguage } from "./bilingual.ts";

describe("a failure written in both languages", () => {
  it("gives each reader their language's half, keeping the platform's reference and words", () => {
    const text =
      "Nền tảng từ chối nội dung này. / The platform refused this content. — Facebook #368: “Bài viết vi phạm”";
    expect(inLanguage(text, "vi")).toBe("Nền tảng từ chối nội dung này. — Facebook #368: “Bài viết vi phạm”");
    expect(inLanguage(text, "en")).toBe(
      "The platform refused this content. — Facebook #368: “Bài viết vi phạm”",
    );
    expect(inLanguage("Chưa có mã truy cập của Trang. / The Page has no access token.", "vi")).toBe(
      "Chưa có mã truy cập của Trang.",
    );
  });

  it("leaves a platform's own words, and a lone slash, as they came", () => {
    expect(inLanguage("(#200) Permissions error", "vi")).toBe("(#200) Permissions error");
    expect(inLanguage("Input / output error", "vi")).toBe("Input / output error");
  });
});
