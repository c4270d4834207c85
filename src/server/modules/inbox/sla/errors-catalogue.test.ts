import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../../platform/errors.ts";
import { targetErrors } from "./errors.ts";

/* The response targets' and figures' failures, as the reader sees them. */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = { targetErrors };

const samples: Record<string, readonly object[]> = {
  "targetErrors.warnNotBeforeTarget": [{ firstResponseMinutes: 60 }],
  "targetErrors.autoReplyUnknownVariable": [{ variable: "{ten}" }],
  "targetErrors.periodTooLong": [{ maxDays: 366 }],
  "targetErrors.dayInvalid": [{ day: "2031-02-30" }],
};

describe("error catalogue of the response targets and figures", () => {
  const built = buildErrors(qualifiedThrowers(catalogues), samples);

  it("words every failure in both languages, asks with Vui lòng and shows no raw code", () => {
    expect(built.length).toBeGreaterThanOrEqual(Object.keys(targetErrors).length);
    for (const { name, error } of built) {
      expect(error.code, name).toMatch(/^inbox\.[a-z_]+$/);
      for (const message of [error.messages.vi, error.messages.en]) {
        // The auto-reply's variables ({gio_mo_cua}) are what the reader types, not codes.
        const words = message.replace(/\{[a-z_]+\}/g, "");
        expect(words.trim(), name).not.toBe("");
        expect(words, name).not.toMatch(/undefined|NaN|\[object |\b[a-z]+_[a-z_]+\b/);
        expect(message, name).not.toContain(error.code);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
      expect(error.messages.vi, name).toMatch(/Vui lòng/);
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });
});
