import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../test/helpers/error-catalogue.ts";
import { notificationErrors } from "./errors.ts";

/* The notifications module's failures, read as the person meets them. */

const built = buildErrors(qualifiedThrowers({ notificationErrors }), {});

describe("error catalogue of notifications", () => {
  it("gives each failure its own code, worded in both languages", () => {
    expect(new Set(built.map(({ error }) => error.code)).size).toBe(Object.keys(notificationErrors).length);
    for (const { name, error } of built) {
      expect(error.code, name).toMatch(/^notifications\./);
      expect(error.messages.vi.trim(), name).not.toBe("");
      expect(error.messages.en.trim(), name).not.toBe("");
      expect(error.messages.vi, name).not.toBe(error.messages.en);
    }
  });

  it('asks with "Vui lòng", never "Hãy", and shows no raw code', () => {
    for (const { name, error } of built) {
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message, name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
      }
    }
  });
});
