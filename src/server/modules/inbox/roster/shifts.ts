import { and, eq, gte, inArray, lte, notInArray, or } from "drizzle-orm";
import type { z } from "zod";
import type { copyWeekBody, dutyShiftBody } from "../../../../shared/api/inbox-roster.ts";
import type { Executor } from "../../../db/client.ts";
import { dutyAssignments, dutyShifts, dutySlots, dutySwaps } from "../../../db/schema/inbox.ts";
import { type Role, rolePermissions, roles } from "../../../platform/actor.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { personNames, roleHoldersAtOrAbove } from "../../org/index.ts";
import { auditRoster } from "./audit.ts";
import { rosterErrors } from "./errors.ts";
import { holidaysBetween } from "./holidays.ts";
import { requireSlot } from "./slots.ts";
import { addDays, isoWeekday, shiftInstants } from "./vietnam-days.ts";

/*
 * Planning shifts: who is on duty in a slot on a day, and copying last week. Only people who may answer
 * the unit's inbox (inbox.reply on it, e.g. its duty officers and editors, or a parent unit's) can be on
 * duty: the roster hands them conversations they must be able to answer.
 */

const answeringRoles: Role[] = roles.filter((role) => rolePermissions[role].includes("inbox.reply"));

/** The ids among `personIds` who may answer the unit's inbox. */
export async function answeringPeople(
  db: Executor,
  unitId: string,
  personIds: readonly string[],
): Promise<Set<string>> {
  if (personIds.length === 0) {
    return new Set();
  }
  const holders = new Set(await roleHoldersAtOrAbove(db, unitId, answeringRoles));
  return new Set(personIds.filter((id) => holders.has(id)));
}

async function requireAnswering(db: Executor, unitId: string, personIds: readonly string[]): Promise<void> {
  const allowed = await answeringPeople(db, unitId, personIds);
  const refused = personIds.filter((id) => !allowed.has(id));
  if (refused.length > 0) {
    const names = await personNames(db, refused);
    throw rosterErrors.notDutyOfficer({ names: refused.map((id) => names.get(id) ?? id).join(", ") });
  }
}

/** Replaces the people of a shift (leader flag included); cancels swaps the change made moot. */
async function writeAssignments(
  tx: Executor,
  shiftId: string,
  personIds: readonly string[],
  leaderId: string | null,
) {
  await tx.delete(dutyAssignments).where(eq(dutyAssignments.shiftId, shiftId));
  if (personIds.length > 0) {
    await tx
      .insert(dutyAssignments)
      .values(personIds.map((personId) => ({ shiftId, personId, isLeader: personId === leaderId })));
  }
  const pendingOfShift = and(eq(dutySwaps.shiftId, shiftId), eq(dutySwaps.status, "pending"));
  const moot =
    personIds.length === 0
      ? pendingOfShift
      : and(
          pendingOfShift,
          or(
            notInArray(dutySwaps.fromPersonId, [...personIds]),
            inArray(dutySwaps.toPersonId, [...personIds]),
          ),
        );
  await tx.update(dutySwaps).set({ status: "cancelled", decidedAt: new Date() }).where(moot);
}

export async function setShift(ctx: ActionContext, body: z.infer<typeof dutyShiftBody>) {
  const personIds = [...new Set(body.personIds)];
  const leaderId = body.leaderId ?? null;
  if (leaderId !== null && !personIds.includes(leaderId)) {
    throw rosterErrors.leaderNotOnShift();
  }
  const slot = await requireSlot(ctx.db, body.slotId);
  if (slot.unitId !== body.unitId) {
    throw rosterErrors.slotOtherUnit();
  }
  await requireAnswering(ctx.db, body.unitId, personIds);
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select({ id: dutyShifts.id })
      .from(dutyShifts)
      .where(
        and(eq(dutyShifts.unitId, body.unitId), eq(dutyShifts.slotId, slot.id), eq(dutyShifts.day, body.day)),
      )
      .for("update");
    let shiftId = existing?.id ?? null;
    if (personIds.length === 0) {
      if (shiftId) {
        await writeAssignments(tx, shiftId, [], null);
        await tx.delete(dutyShifts).where(eq(dutyShifts.id, shiftId));
      }
    } else {
      const instants = shiftInstants(body.day, slot.startMinute, slot.endMinute);
      if (shiftId) {
        await tx.update(dutyShifts).set(instants).where(eq(dutyShifts.id, shiftId));
      } else {
        const [created] = await tx
          .insert(dutyShifts)
          .values({
            unitId: body.unitId,
            day: body.day,
            slotId: slot.id,
            ...instants,
            createdBy: ctx.actor?.personId,
          })
          .onConflictDoNothing()
          .returning({ id: dutyShifts.id });
        shiftId = created?.id ?? null;
        if (!shiftId) {
          // Planned by someone else a moment ago: take theirs and set its people.
          const [raced] = await tx
            .select({ id: dutyShifts.id })
            .from(dutyShifts)
            .where(
              and(
                eq(dutyShifts.unitId, body.unitId),
                eq(dutyShifts.slotId, slot.id),
                eq(dutyShifts.day, body.day),
              ),
            )
            .for("update");
          shiftId = raced?.id ?? null;
        }
      }
      if (shiftId) {
        await writeAssignments(tx, shiftId, personIds, leaderId);
      }
    }
    await auditRoster(ctx, tx, {
      action: personIds.length === 0 ? "inbox.roster.shift_cleared" : "inbox.roster.shift_set",
      unitId: body.unitId,
      target: shiftId ? { type: "duty_shift", id: shiftId } : undefined,
      details: { day: body.day, slot: slot.name, personIds, leaderId },
    });
  });
  return { ok: true as const };
}

interface PlannedShift {
  id: string;
  day: string;
  slotId: string | null;
}

async function shiftsOfDays(
  db: Executor,
  unitId: string,
  fromDay: string,
  toDay: string,
): Promise<PlannedShift[]> {
  return db
    .select({ id: dutyShifts.id, day: dutyShifts.day, slotId: dutyShifts.slotId })
    .from(dutyShifts)
    .where(and(eq(dutyShifts.unitId, unitId), gte(dutyShifts.day, fromDay), lte(dutyShifts.day, toDay)));
}

/**
 * Copies the seven days before `weekStart` onto its week, day for day and slot for slot, with today's
 * hours of each slot. Holidays of the week are left empty; slots already planned are kept unless
 * `replace`; people who may no longer answer the inbox are left out.
 */
export async function copyWeek(ctx: ActionContext, body: z.infer<typeof copyWeekBody>) {
  if (isoWeekday(body.weekStart) !== 1) {
    throw rosterErrors.notMonday();
  }
  const { unitId, weekStart } = body;
  const weekEnd = addDays(weekStart, 6);
  return ctx.db.transaction(async (tx) => {
    const source = await shiftsOfDays(tx, unitId, addDays(weekStart, -7), addDays(weekStart, -1));
    const target = await shiftsOfDays(tx, unitId, weekStart, weekEnd);
    const holidays = new Set((await holidaysBetween(tx, unitId, weekStart, weekEnd)).map((h) => h.day));
    const slots = new Map(
      (
        await tx
          .select()
          .from(dutySlots)
          .where(and(eq(dutySlots.unitId, unitId), eq(dutySlots.archived, false)))
      ).map((slot) => [slot.id, slot]),
    );
    const assignments = source.length
      ? await tx
          .select()
          .from(dutyAssignments)
          .where(
            inArray(
              dutyAssignments.shiftId,
              source.map((shift) => shift.id),
            ),
          )
      : [];
    const answering = await answeringPeople(tx, unitId, [...new Set(assignments.map((a) => a.personId))]);
    let copied = 0;
    let kept = 0;
    for (const shift of source) {
      const slot = shift.slotId ? slots.get(shift.slotId) : undefined;
      const day = addDays(shift.day, 7);
      const people = assignments.filter((a) => a.shiftId === shift.id && answering.has(a.personId));
      if (!slot || holidays.has(day) || people.length === 0) {
        continue;
      }
      const planned = target.find((t) => t.day === day && t.slotId === slot.id);
      if (planned && !body.replace) {
        kept++;
        continue;
      }
      const instants = shiftInstants(day, slot.startMinute, slot.endMinute);
      let shiftId = planned?.id;
      if (shiftId) {
        await tx.update(dutyShifts).set(instants).where(eq(dutyShifts.id, shiftId));
      } else {
        const [created] = await tx
          .insert(dutyShifts)
          .values({ unitId, day, slotId: slot.id, ...instants, createdBy: ctx.actor?.personId })
          .returning({ id: dutyShifts.id });
        shiftId = created?.id;
      }
      if (shiftId) {
        const leader = people.find((a) => a.isLeader)?.personId ?? null;
        await writeAssignments(
          tx,
          shiftId,
          people.map((a) => a.personId),
          leader,
        );
        copied++;
      }
    }
    await auditRoster(ctx, tx, {
      action: "inbox.roster.week_copied",
      unitId,
      details: { weekStart, replace: body.replace ?? false, copied, kept },
    });
    return { copied, kept };
  });
}
