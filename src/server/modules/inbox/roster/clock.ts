import { and, eq, gt, lt, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { dutyShifts } from "../../../db/schema/inbox.ts";
import { holidayDaysAround } from "./holidays.ts";
import { vietnamDayStart } from "./vietnam-days.ts";

/*
 * The duty-hours clock: response targets count only the time some shift of the unit is running, on days
 * that are not holidays. Decisions:
 * - A shift with nobody on it is not duty time: nobody could answer, so no target should run down.
 * - A holiday (of the unit or any of its ancestors) is a whole Vietnam calendar day, 00:00 to 00:00.
 *   A shift crossing midnight into a holiday stops counting at the holiday's 00:00; a shift that starts
 *   on a holiday and runs past midnight counts again from the next day's 00:00.
 * - Overlapping or touching shifts merge into one interval.
 */

/** The unit's duty time between two instants: sorted, non-overlapping [start, end) intervals. */
export interface DutySchedule {
  intervals: { start: Date; end: Date }[];
}

/** A slot runs at most from 00:00 to the next 00:00; a margin over that for safety. */
export const longestShiftMs = 36 * 3600_000;

interface Span {
  start: number;
  end: number;
}

/**
 * The pure part of loading: shifts (with someone on them) and holiday days → the schedule clipped to
 * [from, to). Exported for the unit tests.
 */
export function buildDutySchedule(
  shifts: readonly { startsAt: Date; endsAt: Date }[],
  holidayDays: readonly string[],
  from: Date,
  to: Date,
): DutySchedule {
  const lower = from.getTime();
  const upper = to.getTime();
  const spans: Span[] = shifts
    .map((shift) => ({
      start: Math.max(shift.startsAt.getTime(), lower),
      end: Math.min(shift.endsAt.getTime(), upper),
    }))
    .filter((span) => span.end > span.start)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && span.start <= last.end) {
      last.end = Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  const holidays = [...new Set(holidayDays)]
    .map((day) => ({ start: vietnamDayStart(day).getTime(), end: vietnamDayStart(day, 1).getTime() }))
    .sort((a, b) => a.start - b.start);
  let result = merged;
  for (const holiday of holidays) {
    result = result.flatMap((span) => cut(span, holiday));
  }
  return { intervals: result.map((span) => ({ start: new Date(span.start), end: new Date(span.end) })) };
}

function cut(span: Span, hole: Span): Span[] {
  if (hole.end <= span.start || hole.start >= span.end) {
    return [span];
  }
  const parts: Span[] = [];
  if (hole.start > span.start) {
    parts.push({ start: span.start, end: hole.start });
  }
  if (hole.end < span.end) {
    parts.push({ start: hole.end, end: span.end });
  }
  return parts;
}

/** Loads the unit's shifts (holidays removed, overlaps merged) that touch [from, to), clipped to it. */
export async function loadDutySchedule(
  db: Executor,
  unitId: string,
  from: Date,
  to: Date,
): Promise<DutySchedule> {
  if (to.getTime() <= from.getTime()) {
    return { intervals: [] };
  }
  const shifts = await db
    .select({ startsAt: dutyShifts.startsAt, endsAt: dutyShifts.endsAt })
    .from(dutyShifts)
    .where(
      and(
        eq(dutyShifts.unitId, unitId),
        lt(dutyShifts.startsAt, to),
        // No slot is longer than a day: this bound lets the (unit, starts_at) index skip the past.
        gt(dutyShifts.startsAt, new Date(from.getTime() - longestShiftMs)),
        gt(dutyShifts.endsAt, from),
        sql`exists (select 1 from duty_assignments a where a.shift_id = ${dutyShifts.id})`,
      ),
    );
  const holidays = await holidayDaysAround(db, unitId, from, to);
  return buildDutySchedule(shifts, holidays, from, to);
}

/** Duty minutes (fractional) between two instants. */
export function dutyMinutesBetween(schedule: DutySchedule, from: Date, to: Date): number {
  let total = 0;
  for (const { start, end } of schedule.intervals) {
    const a = Math.max(start.getTime(), from.getTime());
    const b = Math.min(end.getTime(), to.getTime());
    if (b > a) {
      total += (b - a) / 60_000;
    }
  }
  return total;
}

/** The instant `minutes` duty minutes after `from`, or null when the schedule runs out first. */
export function addDutyMinutes(schedule: DutySchedule, from: Date, minutes: number): Date | null {
  let left = minutes * 60_000;
  for (const { start, end } of schedule.intervals) {
    const a = Math.max(start.getTime(), from.getTime());
    const b = end.getTime();
    if (b <= a) {
      continue;
    }
    if (b - a >= left) {
      return new Date(a + left);
    }
    left -= b - a;
  }
  return null;
}

/** When duty next starts at or after `at` (`at` itself when a shift is running), or null. */
export function nextDutyStart(schedule: DutySchedule, at: Date): Date | null {
  for (const { start, end } of schedule.intervals) {
    if (end.getTime() > at.getTime()) {
      return start.getTime() > at.getTime() ? start : at;
    }
  }
  return null;
}

/** Whether some shift of the schedule is running at `at`. */
export function isDutyTime(schedule: DutySchedule, at: Date): boolean {
  const t = at.getTime();
  return schedule.intervals.some(({ start, end }) => start.getTime() <= t && t < end.getTime());
}

const windowMs = 14 * 86_400_000;
const horizonMs = 60 * 86_400_000;

/**
 * The instant `minutes` duty minutes after `from` for the unit, loading the roster 14 days at a time up
 * to 60 days ahead; null when the roster has not that many duty minutes planned (targets then wait).
 */
export async function dutyDeadline(
  db: Executor,
  unitId: string,
  from: Date,
  minutes: number,
): Promise<Date | null> {
  if (minutes <= 0) {
    return from;
  }
  let left = minutes;
  let windowStart = from;
  while (windowStart.getTime() < from.getTime() + horizonMs) {
    const windowEnd = new Date(Math.min(windowStart.getTime() + windowMs, from.getTime() + horizonMs));
    const schedule = await loadDutySchedule(db, unitId, windowStart, windowEnd);
    const reached = addDutyMinutes(schedule, windowStart, left);
    if (reached) {
      return reached;
    }
    left -= dutyMinutesBetween(schedule, windowStart, windowEnd);
    windowStart = windowEnd;
  }
  return null;
}

/** When the unit's office is next on duty at or after `at` (`at` itself during a shift), within 60 days. */
export async function nextDutyStartOf(db: Executor, unitId: string, at: Date): Promise<Date | null> {
  let windowStart = at;
  while (windowStart.getTime() < at.getTime() + horizonMs) {
    const windowEnd = new Date(windowStart.getTime() + windowMs);
    const schedule = await loadDutySchedule(db, unitId, windowStart, windowEnd);
    const next = nextDutyStart(schedule, windowStart);
    if (next) {
      return next;
    }
    windowStart = windowEnd;
  }
  return null;
}
