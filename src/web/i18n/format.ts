import { useTranslation } from "react-i18next";
import { ApiError, NetworkError } from "../backend/client.ts";

/** Times are always shown in Vietnam's time zone, whatever the device's setting. */
export const displayTimeZone = "Asia/Ho_Chi_Minh";

/**
 * The Intl locale of the UI's language, named outright so that neither the browser's language
 * nor its region ever decides a format: Vietnamese 24/11/2026 and 1.234.567, English (British:
 * day first, 24-hour clock) 24/11/2026 and 1,234,567.
 */
export function localeOf(language: string): string {
  return language === "en" ? "en-GB" : "vi-VN";
}

/** Date and time, e.g. "14:05 24/11/2026" in Vietnamese, "24/11/2026, 14:05" in English. */
export function formatDateTime(iso: string | null | undefined, language: string): string {
  if (!iso) {
    return "";
  }
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: displayTimeZone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  }).format(new Date(iso));
}

/** Date only, e.g. "24/11/2026". */
export function formatDate(iso: string | null | undefined, language: string): string {
  if (!iso) {
    return "";
  }
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: displayTimeZone,
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }).format(new Date(iso));
}

/** A number with the language's grouping, e.g. "1.234.567" or "2,5" in Vietnamese. */
export function formatNumber(value: number, language: string, maximumFractionDigits?: number): string {
  return new Intl.NumberFormat(localeOf(language), { maximumFractionDigits }).format(value);
}

/**
 * A percentage as the language writes it: "28,2 %" in Vietnamese (a no-break space before the sign, so
 * it never wraps alone), "28.2%" in English. `value` is already in percent (28.2, not 0.282).
 */
export function formatPercent(value: number, language: string, maximumFractionDigits = 1): string {
  const number = formatNumber(value, language, maximumFractionDigits);
  return language === "en" ? `${number}%` : `${number}\u00a0%`;
}

/**
 * An ISO instant from a `datetime-local` value read as Vietnam time (UTC+7 all year, no summer
 * time), so filters mean the same thing whatever time zone the browser is in.
 */
export function vietnamLocalToIso(localValue: string): string {
  const withSeconds = localValue.length === 16 ? `${localValue}:00` : localValue;
  return new Date(`${withSeconds}+07:00`).toISOString();
}

/** The end of a calendar day (YYYY-MM-DD) in Vietnam, as an ISO instant. */
export function endOfVietnamDay(day: string): string {
  return new Date(`${day}T23:59:59.999+07:00`).toISOString();
}

/** Today's date in Vietnam as YYYY-MM-DD. */
export function vietnamToday(): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: displayTimeZone }).format(new Date());
}

/** How a day is typed and shown in date fields, in both languages: 24/11/2026. */
export const dayInputFormat = "DD/MM/YYYY";

function validDay(year: number, month: number, day: number): string | null {
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return null;
  }
  return date.toISOString().slice(0, 10);
}

/**
 * A day typed into a date field, as YYYY-MM-DD: "24/11/2026", "24-11-2026", "24.11.2026", or the
 * ISO form a pasted value or a test brings ("2026-11-24", "2026-11-24T08:30"). Null otherwise,
 * including impossible days (31/02).
 */
export function parseDayInput(text: string): string | null {
  const value = text.trim();
  const vietnamese = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(value);
  if (vietnamese) {
    return validDay(Number(vietnamese[3]), Number(vietnamese[2]), Number(vietnamese[1]));
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ]\d{2}:\d{2}(?::\d{2})?)?$/.exec(value);
  return iso ? validDay(Number(iso[1]), Number(iso[2]), Number(iso[3])) : null;
}

/** A time of day typed on a 24-hour clock, as HH:mm: "8:30", "08.30", "8h30", "0830", "8". */
export function parseTimeInput(text: string): string | null {
  const match = /^(\d{1,2})(?:\s*[:.hg]\s*(\d{2})?|(\d{2}))?$/i.exec(text.trim());
  if (!match) {
    return null;
  }
  const hours = Number(match[1]);
  const minutes = Number(match[2] ?? match[3] ?? "0");
  if (hours > 23 || minutes > 59) {
    return null;
  }
  return `${String(hours).padStart(2, "0")}:${String(minutes).padStart(2, "0")}`;
}

/** A calendar day (YYYY-MM-DD) as people read it: "24/11/2026". */
export function formatDay(day: string | null | undefined): string {
  const [year, month, date] = (day ?? "").split("-");
  return year && month && date ? `${date}/${month}/${year}` : "";
}

const englishMonths = new Intl.DateTimeFormat("en-GB", { month: "long", timeZone: "UTC" });

/** The English name of a month, 1 → "January". */
function englishMonthName(monthNumber: number): string {
  return englishMonths.format(new Date(Date.UTC(2024, monthNumber - 1, 1)));
}

/**
 * A month ("2026-12") as a page's heading names it: "Tháng 12/2026" in Vietnamese, "December 2026"
 * in English, where "12/2026" reads as a fraction or a card's expiry date.
 */
export function formatMonth(month: string, language: string): string {
  const [year, monthNumber] = month.split("-");
  if (!year || !monthNumber) {
    return "";
  }
  return language === "en"
    ? `${englishMonthName(Number(monthNumber))} ${year}`
    : `Tháng ${monthNumber}/${year}`;
}

/**
 * A run of days (YYYY-MM-DD, e.g. a week) as a heading: "07/12 – 13/12/2026" in Vietnamese,
 * "7–13 December 2026" in English. The year is written once unless the run crosses into another.
 */
export function formatDayRange(from: string, to: string, language: string): string {
  const [fromYear, fromMonth, fromDate] = from.split("-");
  const [toYear, toMonth, toDate] = to.split("-");
  if (!fromYear || !fromMonth || !fromDate || !toYear || !toMonth || !toDate) {
    return "";
  }
  const sameYear = fromYear === toYear;
  if (language !== "en") {
    const start = sameYear ? `${fromDate}/${fromMonth}` : formatDay(from);
    return `${start} – ${formatDay(to)}`;
  }
  const end = `${Number(toDate)} ${englishMonthName(Number(toMonth))} ${toYear}`;
  if (sameYear && fromMonth === toMonth) {
    return `${Number(fromDate)}–${end}`;
  }
  const start = `${Number(fromDate)} ${englishMonthName(Number(fromMonth))}${sameYear ? "" : ` ${fromYear}`}`;
  return `${start} – ${end}`;
}

/** Turns any failure into a sentence in the current language, preferring the server's own message. */
export function useErrorText(): (error: unknown) => string {
  const { t, i18n } = useTranslation();
  return (error) => {
    if (error instanceof ApiError && error.messages) {
      return i18n.language === "en" ? error.messages.en : error.messages.vi;
    }
    if (error instanceof NetworkError) {
      return t("errors.network");
    }
    return t("errors.unknown");
  };
}
