import { vietnamTimeOn, vietnamToday } from "../../../../shared/vietnam-time.ts";

/*
 * Roster days are Vietnam calendar days (UTC+7 all year); slot times are minutes after that day's midnight.
 */

/** The instant a Vietnam calendar day starts, `dayOffset` days later. */
export function vietnamDayStart(day: string, dayOffset = 0): Date {
  return vietnamTimeOn(day, 0, dayOffset);
}

/** The Vietnam calendar day of an instant, YYYY-MM-DD. */
export function vietnamDayOf(at: Date): string {
  return vietnamToday(at);
}

/** The calendar day `days` after `day`. */
export function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/** Monday = 1 … Sunday = 7 of a calendar day. */
export function isoWeekday(day: string): number {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** A slot on a day → its concrete instants; an end at or before the start runs into the next day. */
export function shiftInstants(
  day: string,
  startMinute: number,
  endMinute: number,
): { startsAt: Date; endsAt: Date } {
  const midnight = vietnamDayStart(day).getTime();
  const startsAt = new Date(midnight + startMinute * 60_000);
  const endOffset = endMinute <= startMinute ? endMinute + 24 * 60 : endMinute;
  return { startsAt, endsAt: new Date(midnight + endOffset * 60_000) };
}

/** "07:30" → 450; "24:00" → 1440. */
export function minuteOfClock(clock: string): number {
  const [hours, minutes] = clock.split(":").map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** 450 → "07:30"; 1440 → "24:00". */
export function clockOfMinute(minute: number): string {
  return `${String(Math.floor(minute / 60)).padStart(2, "0")}:${String(minute % 60).padStart(2, "0")}`;
}
