import type { ResponseOf } from "../../../backend/typed-client.ts";
import { displayTimeZone, localeOf } from "../../../i18n/format.ts";

/** The roster's answers as the web receives them (dates as ISO strings). */
export type RosterMonth = ResponseOf<"GET", "/api/roster/month">;
export type RosterShift = RosterMonth["shifts"][number];
export type RosterSlot = RosterMonth["slots"][number];
export type RosterSwap = ResponseOf<"GET", "/api/roster/swaps">["items"][number];

/** The key a shift is found under in a month: its day and its slot. */
export function shiftKey(day: string, slotId: string | null): string {
  return `${day}|${slotId ?? ""}`;
}

/** "2026-12" → every day of that month, "2026-12-01" … "2026-12-31". */
export function daysOfMonth(month: string): string[] {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const count = new Date(Date.UTC(year, monthNumber, 0)).getUTCDate();
  return Array.from({ length: count }, (_, i) => `${month}-${String(i + 1).padStart(2, "0")}`);
}

/** The month before or after "2026-12" ("2026-11", "2027-01"). */
export function shiftMonth(month: string, by: number): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const date = new Date(Date.UTC(year, monthNumber - 1 + by, 1));
  return date.toISOString().slice(0, 7);
}

/** Monday 1 … Sunday 7 of a calendar day. */
export function weekdayOf(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The Monday of the week a day falls in. */
export function mondayOf(day: string): string {
  return addDays(day, 1 - weekdayOf(day));
}

/** A calendar day moved by whole days. */
export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The Mondays of the weeks that touch a month, for choosing which week to copy into. */
export function mondaysOfMonth(month: string): string[] {
  const days = daysOfMonth(month);
  const first = mondayOf(days[0] ?? `${month}-01`);
  const last = days[days.length - 1] ?? first;
  const mondays: string[] = [];
  for (let monday = first; monday <= last; monday = addDays(monday, 7)) {
    mondays.push(monday);
  }
  return mondays;
}

/** The weekday's short name in the UI's language: "T2"… "CN", "Mon"… "Sun". */
export function weekdayName(day: string, language: string): string {
  if (language !== "en") {
    const weekday = weekdayOf(day);
    return weekday === 7 ? "CN" : `T${weekday + 1}`;
  }
  return new Intl.DateTimeFormat("en-GB", { weekday: "short", timeZone: "UTC" }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

/** "01/12" for a day inside a month view. */
export function shortDay(day: string): string {
  return `${day.slice(8, 10)}/${day.slice(5, 7)}`;
}

/** The time of day of an instant in Vietnam, "07:00". */
export function clockOf(iso: string, language: string): string {
  return new Intl.DateTimeFormat(localeOf(language), {
    timeZone: displayTimeZone,
    hour: "2-digit",
    minute: "2-digit",
    hour12: false,
  }).format(new Date(iso));
}

/** This month in Vietnam, "2026-12". */
export function vietnamMonth(now = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: displayTimeZone }).format(now).slice(0, 7);
}
