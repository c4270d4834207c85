import { localeOf } from "../../i18n/format.ts";
import { vietnamLocalOf } from "./calendar-model.ts";

/** The time of day (14:30) of an instant, in Vietnam. */
export function timeOf(at: string): string {
  return vietnamLocalOf(at).slice(11, 16);
}

/** The short weekday names from Monday, for the calendar's column heads. */
export function weekdayNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(localeOf(language), {
    weekday: "short",
    timeZone: "UTC",
  });
  // 2024-01-01 was a Monday.
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

/** A day in full (weekday and dd/mm/yyyy), for a day's heading and a drop target's name. */
export function dayTitle(day: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    weekday: "long",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
    timeZone: "UTC",
  }).format(new Date(`${day}T00:00:00Z`));
}

/** A day as dd/mm. */
export function shortDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}
