import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi as mock } from "vitest";
import { en } from "./en.ts";
import {
  endOfVietnamDay,
  formatDate,
  formatDateTime,
  formatDay,
  formatDayRange,
  formatMonth,
  formatNumber,
  formatPercent,
  parseDayInput,
  parseTimeInput,
  vietnamLocalToIso,
} from "./format.ts";
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

describe("dates and numbers on a browser set to American English", () => {
  const RealDateTimeFormat = Intl.DateTimeFormat;
  const RealNumberFormat = Intl.NumberFormat;
  beforeAll(() => {
    // What an English Chrome in the United States gives a page that does not name a locale.
    mock.stubGlobal("navigator", { language: "en-US", languages: ["en-US", "en"] });
    mock.stubGlobal("Intl", {
      ...Intl,
      DateTimeFormat: class extends RealDateTimeFormat {
        constructor(locales?: Intl.LocalesArgument, options?: Intl.DateTimeFormatOptions) {
          super(locales ?? "en-US", { timeZone: "America/New_York", ...options });
        }
      },
      NumberFormat: class extends RealNumberFormat {
        constructor(locales?: Intl.LocalesArgument, options?: Intl.NumberFormatOptions) {
          super(locales ?? "en-US", options);
        }
      },
    });
  });
  afterAll(() => {
    mock.unstubAllGlobals();
  });

  it("is set up as an American browser would be", () => {
    expect(new Intl.DateTimeFormat().format(new Date("2026-01-02T12:00:00Z"))).toBe("1/2/2026");
    expect(new Intl.NumberFormat().format(1234567)).toBe("1,234,567");
  });

  it("shows Vietnamese dates as dd/mm/yyyy with a 24-hour time in Vietnam", () => {
    expect(formatDateTime("2026-01-02T13:05:00Z", "vi")).toBe("20:05 02/01/2026");
    expect(formatDate("2026-11-24T03:00:00Z", "vi")).toBe("24/11/2026");
    expect(formatDay("2026-11-24")).toBe("24/11/2026");
  });

  it("groups Vietnamese numbers with dots and English ones with commas", () => {
    expect(formatNumber(1234567, "vi")).toBe("1.234.567");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
  });

  it("writes Vietnamese percentages with a no-break space before the sign, English ones without", () => {
    expect(formatPercent(28.23, "vi")).toBe("28,2\u00a0%");
    expect(formatPercent(12.5, "vi")).toBe("12,5\u00a0%");
    expect(formatPercent(100, "vi")).toBe("100\u00a0%");
    expect(formatPercent(28.23, "en")).toBe("28.2%");
    expect(formatPercent(1234.5, "en", 0)).toBe("1,235%");
  });

  it("shows English dates day first with a 24-hour time, never the American month first", () => {
    expect(formatDateTime("2026-01-02T13:05:00Z", "en")).toBe("02/01/2026, 20:05");
    expect(formatDate("2026-01-02T13:05:00Z", "en")).toBe("02/01/2026");
  });

  it("heads a month with its name in English and as 'Tháng 12/2026' in Vietnamese", () => {
    // The calendar and the duty roster showed "12/2026" in English.
    expect(formatMonth("2026-12", "en")).toBe("December 2026");
    expect(formatMonth("2027-01", "en")).toBe("January 2027");
    expect(formatMonth("2026-12", "vi")).toBe("Tháng 12/2026");
    expect(formatMonth("2027-01", "vi")).toBe("Tháng 01/2027");
  });

  it("heads a week with its days, writing the year once unless the week crosses into another", () => {
    expect(formatDayRange("2026-12-07", "2026-12-13", "en")).toBe("7–13 December 2026");
    expect(formatDayRange("2026-09-28", "2026-10-04", "en")).toBe("28 September – 4 October 2026");
    expect(formatDayRange("2026-12-28", "2027-01-03", "en")).toBe("28 December 2026 – 3 January 2027");
    expect(formatDayRange("2026-12-07", "2026-12-13", "vi")).toBe("07/12 – 13/12/2026");
    expect(formatDayRange("2026-12-28", "2027-01-03", "vi")).toBe("28/12/2026 – 03/01/2027");
  });

  it("reads days typed as dd/mm/yyyy, never as mm/dd", () => {
    expect(parseDayInput("02/01/2026")).toBe("2026-01-02");
    expect(parseDayInput("2/1/2026")).toBe("2026-01-02");
    expect(parseDayInput("24.11.2026")).toBe("2026-11-24");
    expect(parseDayInput("2026-11-24")).toBe("2026-11-24");
    expect(parseDayInput("2026-11-24T08:30")).toBe("2026-11-24");
    expect(parseDayInput("11/24/2026")).toBeNull();
    expect(parseDayInput("31/02/2026")).toBeNull();
    expect(parseDayInput("24/11/26")).toBeNull();
  });

  it("reads times on a 24-hour clock", () => {
    expect(parseTimeInput("8:30")).toBe("08:30");
    expect(parseTimeInput("20.05")).toBe("20:05");
    expect(parseTimeInput("8h30")).toBe("08:30");
    expect(parseTimeInput("0830")).toBe("08:30");
    expect(parseTimeInput("17")).toBe("17:00");
    expect(parseTimeInput("24:00")).toBeNull();
    expect(parseTimeInput("8:30 PM")).toBeNull();
  });
});

describe("the pages' own formatting", () => {
  it("never names a locale of its own, so the English UI gets English numbers and dates", () => {
    // A page that wrote `toLocaleString("vi-VN")` showed "5.000" in the English UI.
    const webRoot = fileURLToPath(new URL("..", import.meta.url));
    const offences = (readdirSync(webRoot, { recursive: true }) as string[])
      .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
      .filter((name) => name !== join("i18n", "format.ts"))
      .flatMap((name) => {
        const source = readFileSync(join(webRoot, name), "utf8");
        return [...source.matchAll(/\.toLocale(?:Date|Time)?String\(\s*["'][^"']+["']/g)].map(
          (match) => `${relative(webRoot, join(webRoot, name))}: ${match[0]}`,
        );
      });
    expect(offences).toEqual([]);
  });
});
