import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type DiffPart, diffWords, htmlToText, tokenize } from "./word-diff.ts";

const side = (parts: DiffPart[], keep: "removed" | "added") =>
  parts
    .filter((part) => part.kind === "same" || part.kind === keep)
    .map((part) => part.text)
    .join("");

describe("word diff", () => {
  it("keeps the text when split into words and spaces", () => {
    expect(tokenize("Xin  chào\nbà con")).toEqual(["Xin", "  ", "chào", "\n", "bà", " ", "con"]);
    expect(tokenize("")).toEqual([]);
  });

  it("marks a changed word and leaves the rest alone", () => {
    expect(diffWords("Lịch tiếp công dân tháng 11", "Lịch tiếp công dân tháng 12")).toEqual([
      { kind: "same", text: "Lịch tiếp công dân tháng " },
      { kind: "removed", text: "11" },
      { kind: "added", text: "12" },
    ]);
  });

  it("finds insertions and deletions in the middle", () => {
    const parts = diffWords(
      "Người dân không cung cấp mã OTP.",
      "Người dân tuyệt đối không cung cấp mã OTP cho ai.",
    );
    expect(parts.filter((part) => part.kind === "added").map((part) => part.text.trim())).toEqual([
      "tuyệt đối",
      "OTP cho ai.",
    ]);
    expect(parts.filter((part) => part.kind === "removed").map((part) => part.text)).toEqual(["OTP."]);
  });

  it("says nothing changed for equal texts, and handles empty sides", () => {
    expect(diffWords("giống nhau", "giống nhau")).toEqual([{ kind: "same", text: "giống nhau" }]);
    expect(diffWords("", "mới")).toEqual([{ kind: "added", text: "mới" }]);
    expect(diffWords("cũ", "")).toEqual([{ kind: "removed", text: "cũ" }]);
    expect(diffWords("", "")).toEqual([]);
  });

  it("reports a rewrite beyond the edit limit as one replacement", () => {
    const before = Array.from({ length: 50 }, (_, i) => `a${i}`).join(" ");
    const after = Array.from({ length: 50 }, (_, i) => `b${i}`).join(" ");
    expect(diffWords(before, after, 10)).toEqual([
      { kind: "removed", text: before },
      { kind: "added", text: after },
    ]);
  });

  it("always rebuilds both sides exactly and never splits a word", () => {
    const words = fc.constantFrom("tỉnh", "xã", "Tân", "Trào", "đoàn", "viên", "  ", "\n", " ", ".");
    const text = fc.array(words, { maxLength: 40 }).map((list) => list.join(" "));
    fc.assert(
      fc.property(text, text, (before, after) => {
        const parts = diffWords(before, after);
        expect(side(parts, "removed")).toBe(before);
        expect(side(parts, "added")).toBe(after);
        for (let i = 1; i < parts.length; i++) {
          expect(parts[i]?.kind).not.toBe(parts[i - 1]?.kind);
        }
      }),
      { numRuns: 300 },
    );
  });

  it("is minimal on a known case (one word moved is one removal and one insertion)", () => {
    const parts = diffWords("a b c d", "b c d a");
    expect(parts.filter((part) => part.kind !== "same").map((part) => part.text.trim())).toEqual(["a", "a"]);
  });
});

describe("post body as text", () => {
  it("keeps paragraphs and list items, drops tags and decodes entities", () => {
    expect(
      htmlToText(
        "<p>Thời gian gần đây &amp; <strong>tin nhắn</strong></p><h2>Cách nhận biết</h2><ul><li>Đường dẫn lạ</li><li>Mã&nbsp;OTP</li></ul>",
      ),
    ).toBe("Thời gian gần đây & tin nhắn\n\nCách nhận biết\n\n• Đường dẫn lạ\n\n• Mã OTP");
    expect(htmlToText("a<br>b &#273;&#x1EA1;")).toBe("a\nb đạ");
  });
});
