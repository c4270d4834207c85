import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../../platform/errors.ts";
import { indicatorErrors } from "./errors.ts";

/* The scam indicators' and metrics' failures, as the reader sees them. */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = { indicatorErrors };

const samples: Record<string, readonly object[]> = {
  "indicatorErrors.valueRefused": [
    {
      refusal: {
        vi: "Số điện thoại Việt Nam bắt đầu bằng 0 hoặc +84.",
        en: "A Vietnamese phone number starts with 0 or +84.",
      },
    },
  ],
  "indicatorErrors.alreadyListed": [
    { kind: "phone", value: "0912 345 678" },
    { kind: "bank_account", value: "0123456789" },
    { kind: "domain", value: "lua-dao.com" },
    { kind: "account_url", value: "https://www.facebook.com/gia.mao" },
  ],
  "indicatorErrors.periodTooLong": [{ maxDays: 366 }],
};

describe("error catalogue of the scam indicators and metrics", () => {
  const built = buildErrors(qualifiedThrowers(catalogues), samples);

  it("words every failure in both languages, asks with Vui lòng and shows no raw code", () => {
    expect(built.length).toBeGreaterThanOrEqual(Object.keys(indicatorErrors).length);
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(/undefined|NaN|\[object |\b[a-z]+_[a-z_]+\b/);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });
});
