import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../test/helpers/error-catalogue.ts";
import type { AppError } from "../../platform/errors.ts";
import { advocacyErrors } from "../advocacy/errors.ts";
import { healthErrors } from "../health/errors.ts";
import { mediaErrors } from "../media/errors.ts";
import { declarationErrors } from "./errors.ts";

/*
 * The error catalogues of declarations, advocacy, media and health, checked as the reader sees them:
 * every failure is built with sample values so parameterised messages are read in full.
 */

const catalogues: Record<string, Record<string, (...args: never[]) => AppError>> = {
  declarationErrors,
  advocacyErrors,
  mediaErrors,
  healthErrors,
};

/** Values for the messages that name something; a new parameterised failure needs its samples here. */
const samples: Record<string, readonly object[]> = {
  "declarationErrors.alreadyDeclared": [{ displayName: "Thông tin Tuyên Quang" }],
  "declarationErrors.dateInFuture": [{ field: "happenedAt" }, { field: "since" }],
  "advocacyErrors.periodTooLong": [{ maxDays: 366 }],
  "mediaErrors.tooLarge": [
    { kind: "file", maxBytes: 200 * 1024 * 1024 },
    { kind: "image", maxBytes: 20 * 1024 * 1024 },
    { kind: "video", maxBytes: 200 * 1024 * 1024 },
  ],
  "mediaErrors.quotaExceeded": [{ usedBytes: 300 * 1024 * 1024, quotaBytes: 500 * 1024 * 1024 }],
  "mediaErrors.altTextTooShort": [{ min: 5 }],
  "mediaErrors.altTextTooLong": [{ max: 500 }],
  "mediaErrors.tooManyPixels": [{ width: 30_000, height: 30_000, maxPixels: 40_000_000 }],
  "mediaErrors.imageShape": [{ width: 1, height: 39_000, maxEdge: 20_000, maxAspectRatio: 50 }],
};

const buildAll = () => buildErrors(qualifiedThrowers(catalogues), samples);

describe("error catalogues of declarations, advocacy, media and health", () => {
  const built = buildAll();

  it("gives each failure its own code", () => {
    const codeOf = new Map<string, string>();
    for (const { name, error } of built) {
      const thrower = codeOf.get(error.code);
      expect(thrower === undefined || thrower === name, `${error.code}: ${thrower} and ${name}`).toBe(true);
      codeOf.set(error.code, name);
    }
    const throwerCount = Object.values(catalogues).reduce((sum, c) => sum + Object.keys(c).length, 0);
    expect(codeOf.size).toBe(throwerCount);
  });

  it("words every failure in both languages, with the sample values filled in", () => {
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message.trim(), name).not.toBe("");
        expect(message, name).not.toMatch(/undefined|NaN|\[object /);
      }
      expect(error.messages.vi, name).not.toBe(error.messages.en);
    }
  });

  it('asks with "Vui lòng", never "Hãy" or "Xin hãy"', () => {
    for (const { name, error } of built) {
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });

  it("shows the reader no raw code", () => {
    for (const { name, error } of built) {
      for (const message of [error.messages.vi, error.messages.en]) {
        expect(message, name).not.toMatch(/\b[a-z]+_[a-z_]+\b/);
        expect(message, name).not.toContain(error.code);
      }
    }
  });
});
