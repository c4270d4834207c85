import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../../platform/errors.ts";
import { conversationAccessErrors } from "../errors.ts";
import { conversationErrors } from "./errors.ts";

/* The conversations desk's failures, as the duty officer reads them. */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = {
  conversationErrors,
  conversationAccessErrors,
};

const samples: Record<string, readonly object[]> = {
  "conversationErrors.shortcutTaken": [{ shortcut: "chao" }, { shortcut: "cảm-ơn" }],
};

describe("error catalogue of the inbox's conversations", () => {
  const built = buildErrors(qualifiedThrowers(catalogues), samples);

  it("words every failure in both languages, asks with Vui lòng and shows no raw code", () => {
    expect(built.length).toBeGreaterThanOrEqual(
      Object.keys(conversationErrors).length + Object.keys(conversationAccessErrors).length,
    );
    for (const { name, error } of built) {
      expect(error.code, name).toMatch(/^inbox\./);
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(/undefined|NaN|\[object |\b[a-z]+_[a-z_]+\b/);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });
});
