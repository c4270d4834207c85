import type { FormatterModule } from "i18next";

/**
 * Placeholders whose number names something rather than counts it: a year is written 2026, never
 * 2.026, and a spreadsheet row as the spreadsheet shows it. Every other number a message is given
 * is grouped the reader's way.
 */
const namingPlaceholders = new Set(["year", "row"]);

/**
 * i18next's formatter, replaced so that every number put into a message is written in the
 * language's own way ("1.234 dòng" in Vietnamese, "1,234 rows" in English) without each message
 * having to ask for it, since a count of rows or members can pass a thousand anywhere.
 * `localeOf` maps the UI language to its Intl locale, so the browser's language never decides.
 */
export function numberGroupingFormatter(localeOf: (language: string) => string): FormatterModule {
  const cache = new Map<string, Intl.NumberFormat>();
  const numberFormat = (language: string): Intl.NumberFormat => {
    let format = cache.get(language);
    if (!format) {
      format = new Intl.NumberFormat(localeOf(language), { maximumFractionDigits: 2 });
      cache.set(language, format);
    }
    return format;
  };
  return {
    type: "formatter",
    init() {},
    add() {},
    addCached() {},
    format(value, _format, language, options) {
      const key = typeof options?.interpolationkey === "string" ? options.interpolationkey : "";
      if (typeof value !== "number" || !Number.isFinite(value) || namingPlaceholders.has(key)) {
        return value;
      }
      return numberFormat(language ?? "vi").format(value);
    },
  };
}
