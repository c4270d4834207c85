import { useTranslation } from "react-i18next";
import { ApiError, NetworkError } from "../backend/client.ts";

/** Times are always shown in Vietnam's time zone, whatever the device's setting. */
export const displayTimeZone = "Asia/Ho_Chi_Minh";

function localeOf(language: string): string {
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

/** A number with the language's grouping, e.g. "2.700" in Vietnamese. */
export function formatNumber(value: number, language: string): string {
  return new Intl.NumberFormat(localeOf(language)).format(value);
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
