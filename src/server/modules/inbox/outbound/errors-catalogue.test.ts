import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../../platform/errors.ts";
import { replyErrors } from "./errors.ts";
import { graphFailure } from "./messenger.ts";
import { zaloFailure } from "./zalo-cs.ts";

/* The replies' failures, as the officer reads them: refusals before sending and the platforms' refusals. */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = { replyErrors };

const samples: Record<string, readonly object[]> = {
  "replyErrors.windowClosed": [
    { window: "messenger_24h" },
    { window: "messenger_7d" },
    { window: "zalo_48h" },
  ],
  "replyErrors.hideRefused": [
    { vi: "Facebook tạm thời gặp lỗi. (Graph 2)", en: "Facebook had a temporary failure. (Graph 2)" },
  ],
};

const rawCode = /undefined|NaN|\[object |\b[a-z]+_[a-z_]+\b/;
const hay = /(^|[^\p{L}])hãy(?!\p{L})/iu;

describe("error catalogue of the inbox replies", () => {
  it("words every refusal in both languages, asks with Vui lòng and shows no raw code", () => {
    const built = buildErrors(qualifiedThrowers(catalogues), samples);
    expect(built.length).toBeGreaterThanOrEqual(Object.keys(replyErrors).length);
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(rawCode);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
      expect(error.messages.vi, name).not.toMatch(hay);
    }
  });

  it("words each documented platform refusal so the officer knows what to do", () => {
    const graph = [
      [190, 463, {}, "kết nối lại"],
      [10, 2018278, {}, "24 giờ"],
      [10, 2018278, { privateReply: true }, "trả lời công khai"],
      [10, 0, { tagged: true }, "Human Agent"],
      [551, 1545041, {}, "chặn Trang"],
      [613, 0, {}, "chờ vài phút"],
      [4, 0, {}, "chờ vài phút"],
      [32, 0, {}, "chờ vài phút"],
      [2, 0, {}, "Gửi lại"],
    ] as const;
    for (const [code, subcode, context, words] of graph) {
      const failure = graphFailure(400, { error: { code, error_subcode: subcode, message: "x" } }, context);
      expect(failure.vi, `${code}/${subcode}`).toContain(words);
      expect(failure.vi).not.toMatch(hay);
      expect(failure.en).not.toBe(failure.vi);
    }
    expect(graphFailure(400, { error: { code: 190 } }).reconnect).toBe(true);
    const zalo = [
      [-216, "kết nối lại"],
      [-124, "kết nối lại"],
      [-230, "tương tác"],
      [-213, "chặn OA"],
      [-32, "chờ vài phút"],
      [-999, "Gửi lại"],
    ] as const;
    for (const [code, words] of zalo) {
      expect(zaloFailure({ error: code, message: "x" }).vi, String(code)).toContain(words);
    }
  });
});
