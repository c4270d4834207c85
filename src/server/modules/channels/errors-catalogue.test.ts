import { describe, expect, it } from "vitest";
import { buildErrors } from "../../../../test/helpers/error-catalogue.ts";
import { canonicalChannelKey } from "./canonical-url.ts";
import { channelErrors } from "./errors.ts";

/*
 * The channel registry's error catalogue, checked as the reader sees it: every failure is built with
 * sample values so parameterised messages are read in full. The canonicaliser's refusals are
 * passed through, so they are sampled from real links.
 */

/** The canonicaliser's own words for a link it refuses. */
function refusalOf(url: string) {
  const result = canonicalChannelKey(url);
  if (result.ok) {
    throw new Error(`${url} was expected to be refused`);
  }
  return { refusal: result.messages };
}

/** Values for the messages that name something; a new parameterised failure needs its samples here. */
const samples: Record<string, readonly object[]> = {
  linkInvalid: [refusalOf("không phải liên kết")],
  linkUnsupported: [refusalOf("https://www.facebook.com/share/p/1AbCdEfGh/")],
  keyTaken: [{ url: "https://www.facebook.com/thanhnien", ownerName: "Tỉnh đoàn Tuyên Quang" }],
};

const buildAll = () => buildErrors(channelErrors, samples);

describe("error catalogue of channels", () => {
  const built = buildAll();

  it("gives each failure its own code", () => {
    const codeOf = new Map<string, string>();
    for (const { name, error } of built) {
      const thrower = codeOf.get(error.code);
      expect(thrower === undefined || thrower === name, `${error.code}: ${thrower} and ${name}`).toBe(true);
      codeOf.set(error.code, name);
    }
    expect(codeOf.size).toBe(Object.keys(channelErrors).length);
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
    // The canonicaliser's refusals are its own words, passed through (see src/shared/channel-url/result.ts).
    const passedThrough = new Set(["linkInvalid", "linkUnsupported"]);
    for (const { name, error } of built.filter(({ name }) => !passedThrough.has(name))) {
      expect(error.messages.vi, name).not.toMatch(/(^|[^\p{L}])hãy(?!\p{L})/iu);
    }
  });

  it("says a date is not in the future without “tương lai”", () => {
    for (const { name, error } of built) {
      expect(error.messages.vi, name).not.toContain("tương lai");
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

  it("passes the canonicaliser's refusal through unchanged", () => {
    const refusal = { vi: "Liên kết không hợp lệ.", en: "This link is not valid." };
    expect(channelErrors.linkInvalid({ refusal }).messages).toEqual(refusal);
    expect(channelErrors.linkUnsupported({ refusal }).messages).toEqual(refusal);
  });

  it("keeps the status each failure has always had", () => {
    const statusOf = Object.fromEntries(built.map(({ error }) => [error.code, error.status]));
    expect(statusOf).toEqual({
      "url.invalid": 400,
      "url.unsupported": 400,
      "channel.key_taken": 409,
      "channel.name_required": 400,
      "channel.person_unknown": 400,
      "channel.status_in_future": 400,
      "channel.status_unchanged": 409,
      "channel.hand_over_same_unit": 400,
    });
  });
});
