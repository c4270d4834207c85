import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../../platform/errors.ts";
import { rosterErrors } from "./errors.ts";

/* The duty roster's failures, as the reader sees them. */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = { rosterErrors };

const samples: Record<string, readonly object[]> = {
  "rosterErrors.notDutyOfficer": [{ names: "Hội Viên Thường" }, { names: "Nguyễn Văn A, Trần Thị B" }],
};

describe("error catalogue of the duty roster", () => {
  const built = buildErrors(qualifiedThrowers(catalogues), samples);

  it("words every failure in both languages, asks with Vui lòng and shows no raw code", () => {
    expect(built.length).toBeGreaterThanOrEqual(Object.keys(rosterErrors).length);
    for (const { name, error } of built) {
      expect(error.code, name).toMatch(/^inbox\.roster_/);
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(/undefined|NaN|\[object |\b[a-z]+_[a-z_]+\b/);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });
});
