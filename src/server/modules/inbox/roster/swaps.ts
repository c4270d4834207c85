import { and, desc, eq, gt, inArray, ne, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { swapBody, swapDecisionBody } from "../../../../shared/api/inbox-roster.ts";
import { formatVietnamDate, formatVietnamTime } from "../../../../shared/vietnam-time.ts";
import type { Executor } from "../../../db/client.ts";
import { dutyAssignments, dutyShifts, dutySlots, dutySwaps } from "../../../db/schema/inbox.ts";
import { type Actor, can } from "../../../platform/actor.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { notify } from "../../notifications/index.ts";
import { personNames, unitPath } from "../../org/index.ts";
import { auditRoster } from "./audit.ts";
import { rosterErrors } from "./errors.ts";
import { answeringPeople } from "./shifts.ts";

/*
 * Swaps: a person on a shift asks a colleague who may answer the unit's inbox to take it; the shift
 * changes hands (leader flag included) only when the colleague accepts. One pending request per shift.
 * The unit's inbox managers see every request of the unit and may withdraw one.
 */

type SwapRow = typeof dutySwaps.$inferSelect;
type ShiftRow = typeof dutyShifts.$inferSelect;

async function requireShift(db: Executor, id: string, forUpdate = false): Promise<ShiftRow> {
  const query = db.select().from(dutyShifts).where(eq(dutyShifts.id, id));
  const [row] = forUpdate ? await query.for("update") : await query;
  if (!row) {
    throw rosterErrors.shiftNotFound();
  }
  return row;
}

async function isOnShift(db: Executor, shiftId: string, personId: string): Promise<boolean> {
  const [row] = await db
    .select({ personId: dutyAssignments.personId })
    .from(dutyAssignments)
    .where(and(eq(dutyAssignments.shiftId, shiftId), eq(dutyAssignments.personId, personId)));
  return row !== undefined;
}

async function managesUnit(db: Executor, actor: Actor, unitId: string): Promise<boolean> {
  const path = await unitPath(db, unitId);
  return path !== null && can(actor, "inbox.manage", path);
}

async function slotName(db: Executor, slotId: string | null): Promise<string> {
  if (!slotId) {
    return "Ca trực";
  }
  const [slot] = await db.select({ name: dutySlots.name }).from(dutySlots).where(eq(dutySlots.id, slotId));
  return slot?.name ?? "Ca trực";
}

async function swapViews(db: Executor, actor: Actor, rows: readonly SwapRow[], now = new Date()) {
  if (rows.length === 0) {
    return [];
  }
  const shifts = await db
    .select()
    .from(dutyShifts)
    .where(inArray(dutyShifts.id, [...new Set(rows.map((row) => row.shiftId))]));
  const names = await personNames(
    db,
    rows.flatMap((row) => [row.fromPersonId, row.toPersonId]),
  );
  const managed = new Map<string, boolean>();
  for (const unitId of new Set(rows.map((row) => row.unitId))) {
    managed.set(unitId, await managesUnit(db, actor, unitId));
  }
  const views = [];
  for (const row of rows) {
    const shift = shifts.find((s) => s.id === row.shiftId);
    if (!shift) {
      continue;
    }
    const open = row.status === "pending" && shift.endsAt.getTime() > now.getTime();
    views.push({
      id: row.id,
      unitId: row.unitId,
      shift: {
        id: shift.id,
        day: shift.day,
        slotName: await slotName(db, shift.slotId),
        startsAt: shift.startsAt,
        endsAt: shift.endsAt,
      },
      from: { id: row.fromPersonId, fullName: names.get(row.fromPersonId) ?? "" },
      to: { id: row.toPersonId, fullName: names.get(row.toPersonId) ?? "" },
      status: row.status,
      note: row.note,
      createdAt: row.createdAt,
      canAccept: open && row.toPersonId === actor.personId,
      canCancel: open && (row.fromPersonId === actor.personId || (managed.get(row.unitId) ?? false)),
    });
  }
  return views;
}

async function swapView(db: Executor, actor: Actor, row: SwapRow) {
  const [view] = await swapViews(db, actor, [row]);
  if (!view) {
    throw rosterErrors.swapNotFound();
  }
  return view;
}

function shiftWords(shift: ShiftRow, name: string) {
  const time = (at: Date) => formatVietnamTime(at, "vi").slice(0, 5);
  return {
    vi: `${name} ngày ${formatVietnamDate(shift.day)} (${time(shift.startsAt)}–${time(shift.endsAt)})`,
    en: `${name} on ${formatVietnamDate(shift.day)} (${time(shift.startsAt)}–${time(shift.endsAt)})`,
  };
}

export async function askSwap(ctx: ActionContext & { actor: Actor }, body: z.infer<typeof swapBody>) {
  const me = ctx.actor.personId;
  return ctx.db.transaction(async (tx) => {
    const shift = await requireShift(tx, body.shiftId, true);
    if (!(await isOnShift(tx, shift.id, me))) {
      throw rosterErrors.notOnShift();
    }
    if (shift.endsAt.getTime() <= Date.now()) {
      throw rosterErrors.shiftEnded();
    }
    if (body.toPersonId === me || (await isOnShift(tx, shift.id, body.toPersonId))) {
      throw rosterErrors.swapTargetOnShift();
    }
    if (!(await answeringPeople(tx, shift.unitId, [body.toPersonId])).has(body.toPersonId)) {
      throw rosterErrors.swapTargetNotOfficer();
    }
    const [pending] = await tx
      .select({ id: dutySwaps.id })
      .from(dutySwaps)
      .where(and(eq(dutySwaps.shiftId, shift.id), eq(dutySwaps.status, "pending")));
    if (pending) {
      throw rosterErrors.swapPending();
    }
    const [row] = await tx
      .insert(dutySwaps)
      .values({
        unitId: shift.unitId,
        shiftId: shift.id,
        fromPersonId: me,
        toPersonId: body.toPersonId,
        note: body.note?.trim() || null,
      })
      .returning();
    if (!row) {
      throw new Error("swap not created");
    }
    const words = shiftWords(shift, await slotName(tx, shift.slotId));
    await notify(tx, [body.toPersonId], {
      kind: "inbox.roster_swap_asked",
      title: { vi: "Đề nghị đổi ca trực", en: "A duty swap request" },
      body: {
        vi: `${ctx.actor.fullName} nhờ bạn trực thay ${words.vi}.`,
        en: `${ctx.actor.fullName} asks you to take ${words.en}.`,
      },
      link: "/inbox/my-shifts",
    });
    await auditRoster(ctx, tx, {
      action: "inbox.roster.swap_asked",
      unitId: shift.unitId,
      target: { type: "duty_shift", id: shift.id },
      details: { swapId: row.id, from: me, to: body.toPersonId },
    });
    return swapView(tx, ctx.actor, row);
  });
}

export async function decideSwap(
  ctx: ActionContext & { actor: Actor },
  id: string,
  decision: z.infer<typeof swapDecisionBody>["decision"],
) {
  const me = ctx.actor.personId;
  return ctx.db.transaction(async (tx) => {
    const [swap] = await tx.select().from(dutySwaps).where(eq(dutySwaps.id, id)).for("update");
    const manager = swap ? await managesUnit(tx, ctx.actor, swap.unitId) : false;
    if (!swap || (swap.fromPersonId !== me && swap.toPersonId !== me && !manager)) {
      throw rosterErrors.swapNotFound();
    }
    const allowed = decision === "cancel" ? swap.fromPersonId === me || manager : swap.toPersonId === me;
    if (!allowed) {
      throw rosterErrors.swapNotYours();
    }
    if (swap.status !== "pending") {
      throw rosterErrors.swapDecided();
    }
    const shift = await requireShift(tx, swap.shiftId, true);
    if (decision === "accept") {
      if (shift.endsAt.getTime() <= Date.now()) {
        throw rosterErrors.shiftEnded();
      }
      if (!(await isOnShift(tx, shift.id, swap.fromPersonId))) {
        throw rosterErrors.swapStale();
      }
      if (await isOnShift(tx, shift.id, me)) {
        throw rosterErrors.swapTargetOnShift();
      }
      if (!(await answeringPeople(tx, shift.unitId, [me])).has(me)) {
        throw rosterErrors.swapTargetNotOfficer();
      }
      // The assignment row changes hands, so the leader flag goes with it.
      await tx
        .update(dutyAssignments)
        .set({ personId: me })
        .where(and(eq(dutyAssignments.shiftId, shift.id), eq(dutyAssignments.personId, swap.fromPersonId)));
    }
    const status = decision === "accept" ? "accepted" : decision === "decline" ? "declined" : "cancelled";
    const [row] = await tx
      .update(dutySwaps)
      .set({ status, decidedAt: new Date() })
      .where(eq(dutySwaps.id, id))
      .returning();
    const words = shiftWords(shift, await slotName(tx, shift.slotId));
    const notice = {
      accepted: {
        vi: ["Đồng nghiệp đã nhận trực thay", `${ctx.actor.fullName} đã nhận trực thay bạn ${words.vi}.`],
        en: ["Your colleague took your shift", `${ctx.actor.fullName} took your shift: ${words.en}.`],
      },
      declined: {
        vi: ["Đề nghị đổi ca bị từ chối", `${ctx.actor.fullName} không nhận trực thay ${words.vi}.`],
        en: ["Swap request declined", `${ctx.actor.fullName} declined to take ${words.en}.`],
      },
      cancelled: {
        vi: ["Đề nghị đổi ca đã được rút", `Đề nghị nhờ bạn trực thay ${words.vi} đã được rút.`],
        en: ["Swap request withdrawn", `The request to take ${words.en} was withdrawn.`],
      },
    }[status];
    const recipients = status === "cancelled" ? [swap.toPersonId, swap.fromPersonId] : [swap.fromPersonId];
    await notify(
      tx,
      recipients.filter((person) => person !== me),
      {
        kind: `inbox.roster_swap_${status}`,
        title: { vi: notice.vi[0] ?? "", en: notice.en[0] ?? "" },
        body: { vi: notice.vi[1] ?? "", en: notice.en[1] ?? "" },
        link: "/inbox/my-shifts",
      },
    );
    await auditRoster(ctx, tx, {
      action: `inbox.roster.swap_${status}`,
      unitId: swap.unitId,
      target: { type: "duty_shift", id: shift.id },
      details: { swapId: swap.id, from: swap.fromPersonId, to: swap.toPersonId },
    });
    return swapView(tx, ctx.actor, row ?? swap);
  });
}

/**
 * Swap requests: mine (asked or asked of me), or with a unit the unit's (all of them for its inbox
 * managers, mine otherwise). Pending ones of shifts not yet ended, and those decided in the last 30 days.
 */
export async function listSwaps(db: Executor, actor: Actor, unitId?: string, now = new Date()) {
  const mine = or(eq(dutySwaps.fromPersonId, actor.personId), eq(dutySwaps.toPersonId, actor.personId));
  const conditions: (SQL | undefined)[] = [];
  if (unitId) {
    conditions.push(eq(dutySwaps.unitId, unitId));
    if (!(await managesUnit(db, actor, unitId))) {
      conditions.push(mine);
    }
  } else {
    conditions.push(mine);
  }
  const recent = new Date(now.getTime() - 30 * 86_400_000);
  const rows = await db
    .select({ swap: dutySwaps })
    .from(dutySwaps)
    .innerJoin(dutyShifts, eq(dutyShifts.id, dutySwaps.shiftId))
    .where(
      and(
        ...conditions,
        or(
          and(eq(dutySwaps.status, "pending"), gt(dutyShifts.endsAt, now)),
          and(ne(dutySwaps.status, "pending"), gt(dutySwaps.decidedAt, recent)),
        ),
      ),
    )
    .orderBy(desc(dutySwaps.createdAt))
    .limit(200);
  return {
    items: await swapViews(
      db,
      actor,
      rows.map((row) => row.swap),
      now,
    ),
  };
}
