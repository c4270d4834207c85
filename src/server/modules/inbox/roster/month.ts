import { and, asc, eq, gt, gte, inArray, lte } from "drizzle-orm";
import type { DutyShift } from "../../../../shared/api/inbox-roster.ts";
import type { Executor } from "../../../db/client.ts";
import { dutyAssignments, dutyShifts, dutySlots, dutySwaps } from "../../../db/schema/inbox.ts";
import { type Actor, can } from "../../../platform/actor.ts";
import { personNames, unitPath } from "../../org/index.ts";
import { holidaysBetween } from "./holidays.ts";
import { awayPeople } from "./on-duty.ts";
import { slotsOrDefaults, slotView } from "./slots.ts";
import { addDays, vietnamDayOf } from "./vietnam-days.ts";

/* The roster as people read it: a unit's month, and one person's coming shifts. */

type ShiftRow = typeof dutyShifts.$inferSelect;

/** Shift rows → the contract's shifts: people (names, leader, away now), a pending swap, holiday. */
export async function shiftViews(
  db: Executor,
  rows: readonly ShiftRow[],
  now = new Date(),
): Promise<DutyShift[]> {
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map((row) => row.id);
  const assignments = await db
    .select()
    .from(dutyAssignments)
    .where(inArray(dutyAssignments.shiftId, ids))
    .orderBy(asc(dutyAssignments.personId));
  const swaps = await db
    .select()
    .from(dutySwaps)
    .where(and(inArray(dutySwaps.shiftId, ids), eq(dutySwaps.status, "pending")));
  const slotIds = [...new Set(rows.map((row) => row.slotId).filter((id): id is string => id !== null))];
  const slotNames = new Map(
    slotIds.length
      ? (await db.select().from(dutySlots).where(inArray(dutySlots.id, slotIds))).map((slot) => [
          slot.id,
          slot.name,
        ])
      : [],
  );
  const personIds = [
    ...assignments.map((a) => a.personId),
    ...swaps.flatMap((swap) => [swap.fromPersonId, swap.toPersonId]),
  ];
  const names = await personNames(db, personIds);
  const away = await awayPeople(
    db,
    assignments.map((a) => a.personId),
    now,
  );
  const holidayDays = new Map<string, Set<string>>();
  const days = rows.map((row) => row.day).sort();
  for (const unitId of new Set(rows.map((row) => row.unitId))) {
    const found = await holidaysBetween(db, unitId, days[0] ?? "", days.at(-1) ?? "");
    holidayDays.set(unitId, new Set(found.map((h) => h.day)));
  }
  const person = (id: string) => ({ id, fullName: names.get(id) ?? "" });
  return rows.map((row) => {
    const swap = swaps.find((s) => s.shiftId === row.id && row.endsAt.getTime() > now.getTime());
    return {
      id: row.id,
      unitId: row.unitId,
      day: row.day,
      slotId: row.slotId,
      slotName: (row.slotId && slotNames.get(row.slotId)) || "Ca trực",
      startsAt: row.startsAt,
      endsAt: row.endsAt,
      people: assignments
        .filter((a) => a.shiftId === row.id)
        .map((a) => ({ ...person(a.personId), isLeader: a.isLeader, away: away.has(a.personId) })),
      pendingSwap: swap
        ? { id: swap.id, from: person(swap.fromPersonId), to: person(swap.toPersonId) }
        : null,
      isHoliday: holidayDays.get(row.unitId)?.has(row.day) ?? false,
    };
  });
}

function daysInMonth(month: string): number {
  const [year, monthNumber] = month.split("-").map(Number);
  return new Date(Date.UTC(year ?? 2000, monthNumber ?? 1, 0)).getUTCDate();
}

export async function monthView(db: Executor, actor: Actor, unitId: string, month?: string) {
  const theMonth = month ?? vietnamDayOf(new Date()).slice(0, 7);
  const first = `${theMonth}-01`;
  const last = addDays(first, daysInMonth(theMonth) - 1);
  const slots = await slotsOrDefaults(db, unitId);
  const rows = await db
    .select()
    .from(dutyShifts)
    .where(and(eq(dutyShifts.unitId, unitId), gte(dutyShifts.day, first), lte(dutyShifts.day, last)))
    .orderBy(asc(dutyShifts.startsAt));
  const path = await unitPath(db, unitId);
  return {
    unitId,
    month: theMonth,
    slots: slots.map(slotView),
    shifts: await shiftViews(db, rows),
    holidays: await holidaysBetween(db, unitId, first, last),
    canManage: path !== null && can(actor, "inbox.manage", path),
  };
}

/** The person's shifts from now to 30 days ahead, in every unit. */
export async function myShifts(db: Executor, personId: string, now = new Date()) {
  const rows = await db
    .select({ shift: dutyShifts })
    .from(dutyShifts)
    .innerJoin(dutyAssignments, eq(dutyAssignments.shiftId, dutyShifts.id))
    .where(
      and(
        eq(dutyAssignments.personId, personId),
        gt(dutyShifts.endsAt, now),
        lte(dutyShifts.startsAt, new Date(now.getTime() + 30 * 86_400_000)),
      ),
    )
    .orderBy(asc(dutyShifts.startsAt));
  return {
    items: await shiftViews(
      db,
      rows.map((row) => row.shift),
      now,
    ),
  };
}
