import { and, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { dutyAssignments, dutyAway, dutyShifts } from "../../../db/schema/inbox.ts";
import { personSummaries } from "../../org/index.ts";
import { longestShiftMs } from "./clock.ts";
import { isHolidayAt } from "./holidays.ts";

/*
 * Who is on duty for a unit at an instant: the people of its shifts running then, unless the day is a
 * holiday (the clock does not run on holidays, so nobody is on duty either).
 */

export interface OnDutyPerson {
  id: string;
  fullName: string;
  /** Leads one of the running shifts. */
  isLeader: boolean;
  /** Marked away: round-robin skips them. */
  away: boolean;
}

/** People marked away at `at` (no end, or an end still ahead), among `personIds`. */
export async function awayPeople(db: Executor, personIds: readonly string[], at: Date): Promise<Set<string>> {
  if (personIds.length === 0) {
    return new Set();
  }
  const rows = await db
    .select({ personId: dutyAway.personId })
    .from(dutyAway)
    .where(
      and(
        inArray(dutyAway.personId, [...new Set(personIds)]),
        lte(dutyAway.since, at),
        or(isNull(dutyAway.until), gt(dutyAway.until, at)),
      ),
    );
  return new Set(rows.map((row) => row.personId));
}

/** The people on duty for the unit at `at`, sorted by id (a stable order for round-robin). */
export async function onDutyAt(db: Executor, unitId: string, at: Date): Promise<OnDutyPerson[]> {
  const rows = await db
    .select({ id: dutyAssignments.personId, isLeader: dutyAssignments.isLeader })
    .from(dutyShifts)
    .innerJoin(dutyAssignments, eq(dutyAssignments.shiftId, dutyShifts.id))
    .where(
      and(
        eq(dutyShifts.unitId, unitId),
        lte(dutyShifts.startsAt, at),
        gt(dutyShifts.startsAt, new Date(at.getTime() - longestShiftMs)),
        gt(dutyShifts.endsAt, at),
      ),
    );
  if (rows.length === 0 || (await isHolidayAt(db, unitId, at))) {
    return [];
  }
  const summaries = await personSummaries(
    db,
    rows.map((row) => row.id),
  );
  const byId = new Map<string, OnDutyPerson>();
  for (const row of rows) {
    const summary = summaries.get(row.id);
    // Someone deactivated since the roster was planned is not on duty.
    if (summary?.status !== "active") {
      continue;
    }
    const known = byId.get(row.id);
    if (known) {
      known.isLeader ||= row.isLeader;
    } else {
      byId.set(row.id, { id: row.id, fullName: summary.fullName, isLeader: row.isLeader, away: false });
    }
  }
  const away = await awayPeople(db, [...byId.keys()], at);
  return [...byId.values()]
    .map((person) => ({ ...person, away: away.has(person.id) }))
    .sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The leaders of the unit's shifts running at `at` (away or not: a breach still reaches them by e-mail). */
export async function leadersOnDutyAt(db: Executor, unitId: string, at: Date): Promise<OnDutyPerson[]> {
  return (await onDutyAt(db, unitId, at)).filter((person) => person.isLeader);
}
