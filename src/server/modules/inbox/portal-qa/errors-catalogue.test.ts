import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import { questionErrors } from "./errors.ts";

/* The Hỏi đáp's failures as an asker reads them, on the portal's form or from the API. */

describe("the Hỏi đáp's error catalogue", () => {
  const built = buildErrors(qualifiedThrowers({ questionErrors }), {});

  it("gives each failure its own inbox code, worded in both languages", () => {
    expect(new Set(built.map(({ error }) => error.code)).size).toBe(Object.keys(questionErrors).length);
    for (const { name, error } of built) {
      expect(error.code, name).toMatch(/^inbox\./);
      expect(error.messages.vi.trim(), name).not.toBe("");
      expect(error.messages.en.trim(), name).not.toBe("");
      expect(error.messages.vi, name).not.toBe(error.messages.en);
      expect(`${error.messages.vi} ${error.messages.en}`, name).not.toMatch(/undefined|NaN|\[object /);
    }
  });

  it('asks with "Vui lòng", and shows no raw code', () => {
    for (const { name, error } of built) {
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message, name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      }
    }
  });

  it("tells the asker why the e-mail is needed, and the length allowed", () => {
    expect(questionErrors.emailMissing().messages.vi).toContain("câu trả lời");
    expect(questionErrors.textTooLong().messages.vi).toContain("5.000 ký tự");
  });
});
