import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../../platform/errors.ts";
import { verdictErrors } from "./errors.ts";

/* The verdicts' refusals as the reader meets them: each its own code, both languages, no raw code. */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = { verdictErrors };
const built = buildErrors(qualifiedThrowers(catalogues), {});

describe("the verdicts' error catalogue", () => {
  it("gives each failure its own code under verification.", () => {
    const codes = new Set(built.map(({ error }) => error.code));
    expect(codes.size).toBe(Object.keys(verdictErrors).length);
    for (const code of codes) {
      expect(code).toMatch(/^verification\.verdict_/);
    }
  });

  it('words every failure in both languages, asks with "Vui lòng" and shows no raw code', () => {
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });
});
