import { and, gte, inArray, lte } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { dutyHolidays } from "../../../db/schema/inbox.ts";
import { unitAndAncestors } from "../../org/index.ts";
import { addDays, vietnamDayOf } from "./vietnam-days.ts";

/*
 * Holidays of a unit are its own and every ancestor's: a province's Tết holiday is the commune's too.
 */

/** The ids of the unit and its ancestors. */
export async function unitAndAncestorIds(db: Executor, unitId: string): Promise<string[]> {
  return (await unitAndAncestors(db, unitId)).map((unit) => unit.id);
}

/** Holidays (unit + ancestors) between two calendar days inclusive, with the unit that declared each. */
export async function holidaysBetween(
  db: Executor,
  unitId: string,
  fromDay: string,
  toDay: string,
): Promise<{ day: string; name: string; unitId: string }[]> {
  const ids = await unitAndAncestorIds(db, unitId);
  if (ids.length === 0) {
    return [];
  }
  return db
    .select({ day: dutyHolidays.day, name: dutyHolidays.name, unitId: dutyHolidays.unitId })
    .from(dutyHolidays)
    .where(
      and(inArray(dutyHolidays.unitId, ids), gte(dutyHolidays.day, fromDay), lte(dutyHolidays.day, toDay)),
    )
    .orderBy(dutyHolidays.day);
}

/** The holiday days touching the instants [from, to) (a day either side, for shifts crossing midnight). */
export async function holidayDaysAround(
  db: Executor,
  unitId: string,
  from: Date,
  to: Date,
): Promise<string[]> {
  const rows = await holidaysBetween(
    db,
    unitId,
    addDays(vietnamDayOf(from), -1),
    addDays(vietnamDayOf(to), 1),
  );
  return rows.map((row) => row.day);
}

/** Whether `at` falls on a holiday of the unit (or an ancestor). */
export async function isHolidayAt(db: Executor, unitId: string, at: Date): Promise<boolean> {
  const day = vietnamDayOf(at);
  return (await holidaysBetween(db, unitId, day, day)).length > 0;
}
