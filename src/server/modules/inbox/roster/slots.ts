import { and, asc, eq, max, sql } from "drizzle-orm";
import type { z } from "zod";
import type { dutySlotBody } from "../../../../shared/api/inbox-roster.ts";
import type { Executor } from "../../../db/client.ts";
import { dutySlots } from "../../../db/schema/inbox.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { auditRoster } from "./audit.ts";
import { rosterErrors } from "./errors.ts";
import { clockOfMinute, minuteOfClock } from "./vietnam-days.ts";

/*
 * A unit's time slots. A unit that has none gets the usual three on first use (morning, afternoon,
 * evening), so a new roster opens ready to fill. Deleting a slot archives it: the shifts planned in it
 * keep their hours and their name.
 */

type SlotRow = typeof dutySlots.$inferSelect;
type SlotBody = z.infer<typeof dutySlotBody>;

export const defaultSlots = [
  { name: "Ca sáng", startMinute: 7 * 60, endMinute: 11 * 60 + 30 },
  { name: "Ca chiều", startMinute: 13 * 60 + 30, endMinute: 17 * 60 },
  { name: "Ca tối", startMinute: 19 * 60, endMinute: 22 * 60 },
] as const;

export function slotView(row: SlotRow) {
  return {
    id: row.id,
    unitId: row.unitId,
    name: row.name,
    start: clockOfMinute(row.startMinute),
    end: clockOfMinute(row.endMinute),
    overnight: row.endMinute <= row.startMinute,
  };
}

/** The unit's slots in order, with archived ones only when asked (the month names old shifts by them). */
export async function unitSlots(db: Executor, unitId: string, withArchived = false): Promise<SlotRow[]> {
  const rows = await db
    .select()
    .from(dutySlots)
    .where(
      withArchived
        ? eq(dutySlots.unitId, unitId)
        : and(eq(dutySlots.unitId, unitId), eq(dutySlots.archived, false)),
    )
    .orderBy(asc(dutySlots.position), asc(dutySlots.startMinute));
  return rows;
}

/** The unit's slots, creating the three usual ones when the unit has never had any. */
export async function slotsOrDefaults(db: Executor, unitId: string): Promise<SlotRow[]> {
  const all = await unitSlots(db, unitId, true);
  if (all.length > 0) {
    return all.filter((slot) => !slot.archived);
  }
  return db.transaction(async (tx) => {
    // Two first readers at once: the advisory lock lets one create the defaults.
    await tx.execute(sqlLock(unitId));
    const again = await unitSlots(tx, unitId, true);
    if (again.length > 0) {
      return again.filter((slot) => !slot.archived);
    }
    return tx
      .insert(dutySlots)
      .values(defaultSlots.map((slot, position) => ({ ...slot, unitId, position })))
      .returning();
  });
}

function sqlLock(unitId: string) {
  return sql`select pg_advisory_xact_lock(hashtext(${`duty_slots:${unitId}`}))`;
}

function minutesOf(body: SlotBody): { startMinute: number; endMinute: number } {
  if (minuteOfClock(body.start) === minuteOfClock(body.end)) {
    throw rosterErrors.slotEmpty();
  }
  // "00:00"–"24:00" is stored as 0–0: an end not after the start is the next day's, so a whole day.
  return {
    startMinute: minuteOfClock(body.start) % (24 * 60),
    endMinute: minuteOfClock(body.end) % (24 * 60),
  };
}

export async function requireSlot(db: Executor, id: string): Promise<SlotRow> {
  const [row] = await db.select().from(dutySlots).where(eq(dutySlots.id, id));
  if (!row || row.archived) {
    throw rosterErrors.slotNotFound();
  }
  return row;
}

export async function createSlot(ctx: ActionContext, body: SlotBody) {
  const minutes = minutesOf(body);
  return ctx.db.transaction(async (tx) => {
    const [{ last } = { last: null }] = await tx
      .select({ last: max(dutySlots.position) })
      .from(dutySlots)
      .where(eq(dutySlots.unitId, body.unitId));
    const [row] = await tx
      .insert(dutySlots)
      .values({ unitId: body.unitId, name: body.name, ...minutes, position: (last ?? -1) + 1 })
      .returning();
    if (!row) {
      throw new Error("slot not created");
    }
    await audit(ctx, tx, "inbox.roster.slot_created", row);
    return slotView(row);
  });
}

export async function updateSlot(ctx: ActionContext, id: string, body: SlotBody) {
  const minutes = minutesOf(body);
  return ctx.db.transaction(async (tx) => {
    const slot = await requireSlot(tx, id);
    if (slot.unitId !== body.unitId) {
      throw rosterErrors.slotOtherUnit();
    }
    const [row] = await tx
      .update(dutySlots)
      .set({ name: body.name, ...minutes })
      .where(eq(dutySlots.id, id))
      .returning();
    if (!row) {
      throw rosterErrors.slotNotFound();
    }
    await audit(ctx, tx, "inbox.roster.slot_changed", row);
    return slotView(row);
  });
}

export async function archiveSlot(ctx: ActionContext, id: string) {
  await ctx.db.transaction(async (tx) => {
    const slot = await requireSlot(tx, id);
    await tx.update(dutySlots).set({ archived: true }).where(eq(dutySlots.id, id));
    await audit(ctx, tx, "inbox.roster.slot_removed", slot);
  });
  return { ok: true as const };
}

async function audit(ctx: ActionContext, tx: Executor, action: string, slot: SlotRow) {
  await auditRoster(ctx, tx, {
    action,
    unitId: slot.unitId,
    target: { type: "duty_slot", id: slot.id },
    details: { name: slot.name, start: clockOfMinute(slot.startMinute), end: clockOfMinute(slot.endMinute) },
  });
}
