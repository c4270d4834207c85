/*
 * Calendar arithmetic in Vietnam time. Vietnam is UTC+7 all year (no summer time), so a fixed
 * offset is exact, and days are handled as "YYYY-MM-DD" strings: the browser's own time zone
 * never decides which cell a post lands in.
 */

const offsetMs = 7 * 3_600_000;
const dayMs = 86_400_000;

/** The Vietnam wall-clock reading of an instant, as an ISO-like string without zone. */
function wallClock(instant: string | Date): string {
  return new Date(new Date(instant).getTime() + offsetMs).toISOString();
}

/** The Vietnam calendar day of an instant, YYYY-MM-DD. */
export function vietnamDayOf(instant: string | Date): string {
  return wallClock(instant).slice(0, 10);
}

/** The Vietnam hour (0–23) of an instant. */
export function vietnamHourOf(instant: string | Date): number {
  return Number(wallClock(instant).slice(11, 13));
}

/** A `datetime-local` value (YYYY-MM-DDTHH:mm) showing the instant in Vietnam time. */
export function vietnamLocalOf(instant: string | Date): string {
  return wallClock(instant).slice(0, 16);
}

/** The instant a Vietnam wall-clock time names. */
export function instantOf(day: string, hour = 0, minute = 0): string {
  return new Date(
    Date.parse(`${day}T00:00:00Z`) - offsetMs + hour * 3_600_000 + minute * 60_000,
  ).toISOString();
}

export function addDays(day: string, n: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * dayMs).toISOString().slice(0, 10);
}

/** 0 for Monday … 6 for Sunday (Vietnamese calendars start the week on Monday). */
export function weekdayOf(day: string): number {
  return (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function startOfWeek(day: string): string {
  return addDays(day, -weekdayOf(day));
}

/** The seven days, Monday first, of the week holding `day`. */
export function weekOf(day: string): string[] {
  const monday = startOfWeek(day);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** The weeks (Monday to Sunday) that cover a month "YYYY-MM", with the neighbouring months' days filling the edges. */
export function monthGrid(month: string): string[][] {
  const first = `${month}-01`;
  const last = addDays(`${shiftMonth(month, 1)}-01`, -1);
  const weeks: string[][] = [];
  for (let monday = startOfWeek(first); monday <= last; monday = addDays(monday, 7)) {
    weeks.push(weekOf(monday));
  }
  return weeks;
}

export function shiftMonth(month: string, n: number): string {
  const [year, monthNumber] = month.split("-").map(Number) as [number, number];
  const index = year * 12 + (monthNumber - 1) + n;
  return `${String(Math.floor(index / 12)).padStart(4, "0")}-${String((index % 12) + 1).padStart(2, "0")}`;
}

/** The instants bounding a run of days: from the first day's midnight to the midnight after the last. */
export function rangeOf(days: readonly string[]): { from: string; to: string } {
  const first = days[0] ?? "1970-01-01";
  const last = days.at(-1) ?? first;
  return { from: instantOf(first), to: instantOf(addDays(last, 1)) };
}

/** Items grouped by their Vietnam day, each day in time order. */
export function bucketByDay<T extends { at: string }>(items: readonly T[]): Map<string, T[]> {
  const buckets = new Map<string, T[]>();
  for (const item of [...items].sort((a, b) => a.at.localeCompare(b.at))) {
    const day = vietnamDayOf(item.at);
    const list = buckets.get(day);
    if (list) {
      list.push(item);
    } else {
      buckets.set(day, [item]);
    }
  }
  return buckets;
}

export function slotKey(day: string, hour: number): string {
  return `${day}|${hour}`;
}

/** Items grouped by Vietnam day and hour, for the week view. */
export function bucketByHour<T extends { at: string }>(items: readonly T[]): Map<string, T[]> {
  const buckets = new Map<string, T[]>();
  for (const [day, list] of bucketByDay(items)) {
    for (const item of list) {
      const key = slotKey(day, vietnamHourOf(item.at));
      buckets.set(key, [...(buckets.get(key) ?? []), item]);
    }
  }
  return buckets;
}

/** The hours a week view shows: working hours, widened to reach any item outside them. */
export function visibleHours(items: readonly { at: string }[], first = 6, last = 22): number[] {
  let from = first;
  let to = last;
  for (const item of items) {
    const hour = vietnamHourOf(item.at);
    from = Math.min(from, hour);
    to = Math.max(to, hour);
  }
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/**
 * Where an item dropped on another day (and, in the week view, another hour) goes: the same
 * Vietnam time of day, or the same minutes past the new hour.
 */
export function movedTo(at: string, day: string, hour?: number): string {
  const clock = wallClock(at);
  const minutes = Number(clock.slice(14, 16));
  return instantOf(day, hour ?? Number(clock.slice(11, 13)), minutes);
}
