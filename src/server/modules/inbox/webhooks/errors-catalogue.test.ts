import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../../platform/errors.ts";
import { webhookErrors } from "./errors.ts";

/* The webhooks' failures, as a platform (or whoever probes the address) is answered. */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = { webhookErrors };

describe("error catalogue of the inbox's webhooks", () => {
  const built = buildErrors(qualifiedThrowers(catalogues), {});

  it("words every failure in both languages, asks with Vui lòng and shows no raw code", () => {
    expect(built.length).toBe(Object.keys(webhookErrors).length);
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(/undefined|NaN|\[object |\b[a-z]+_[a-z_]+\b/);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
      expect(error.code, name).toMatch(/^inbox\./);
    }
  });
});
