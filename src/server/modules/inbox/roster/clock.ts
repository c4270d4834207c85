import type { Executor } from "../../../db/client.ts";

/*
 * The duty-hours clock: response targets count only the time some shift of the unit is running, on days
 * that are not holidays. STUB (skeleton): the roster part replaces these bodies; the signatures stay.
 */

/** The unit's duty time between two instants: sorted, non-overlapping [start, end) intervals. */
export interface DutySchedule {
  intervals: { start: Date; end: Date }[];
}

/** Loads the unit's shifts (holidays removed, overlaps merged) that touch [from, to). */
export async function loadDutySchedule(
  _db: Executor,
  _unitId: string,
  from: Date,
  to: Date,
): Promise<DutySchedule> {
  return { intervals: [{ start: from, end: to }] };
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
