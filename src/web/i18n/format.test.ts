import { describe, expect, it } from "vitest";
import { en } from "./en.ts";
import { endOfVietnamDay, formatDateTime, vietnamLocalToIso } from "./format.ts";
import { vi } from "./vi.ts";

/** Every key path of a nested message object, e.g. "units.kind.cell". */
function keysOf(value: object, prefix = ""): string[] {
  return Object.entries(value).flatMap(([key, inner]) =>
    typeof inner === "string" ? [`${prefix}${key}`] : keysOf(inner as object, `${prefix}${key}.`),
  );
}

/** The {{placeholders}} a message uses. */
function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1] ?? "").sort();
}

describe("times and languages", () => {
  it("reads filter times as Vietnam time, whatever the browser's zone", () => {
    expect(vietnamLocalToIso("2026-01-02T08:30")).toBe("2026-01-02T01:30:00.000Z");
    expect(endOfVietnamDay("2026-01-02")).toBe("2026-01-02T16:59:59.999Z");
  });

  it("shows instants in Vietnam time", () => {
    expect(formatDateTime("2026-01-01T17:05:00Z", "vi")).toContain("02/01/2026");
    expect(formatDateTime("2026-01-01T17:05:00Z", "vi")).toContain("00:05");
  });

  it("has the same messages and placeholders in Vietnamese and English", () => {
    const viKeys = keysOf(vi);
    expect(keysOf(en)).toEqual(viKeys);
    const lookup = (messages: object, path: string) =>
      path
        .split(".")
        .reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], messages) as string;
    for (const key of viKeys) {
      expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(vi, key)));
    }
  });
});
