import { describe, expect, it } from "vitest";
import { buildErrors, qualifiedThrowers } from "../../../../../test/helpers/error-catalogue.ts";
import { tipErrors } from "./errors.ts";

/* The tip intake's failures as a reporter reads them, on the public form or from the API. */

const samples: Record<string, readonly object[]> = {
  "tipErrors.imageTooLarge": [{ name: "man-hinh.jpg" }],
  "tipErrors.notAnImage": [{ name: "ghi-chu.png" }],
  "tipErrors.imageTooManyPixels": [{ name: "anh-lon.png", megapixels: 24 }],
};

describe("the tip intake's error catalogue", () => {
  const built = buildErrors(qualifiedThrowers({ tipErrors }), samples);

  it("gives each failure its own code, worded in both languages", () => {
    expect(new Set(built.map(({ error }) => error.code)).size).toBe(Object.keys(tipErrors).length);
    for (const { name, error } of built) {
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

  it("names the file a refusal is about", () => {
    const tooLarge = tipErrors.imageTooLarge({ name: "man-hinh.jpg" });
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.messages.vi).toContain("“man-hinh.jpg”");
    expect(tooLarge.messages.vi).toContain("10 MB");
  });
});
