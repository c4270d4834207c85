import { and, eq } from "drizzle-orm";
import type { z } from "zod";
import type { awayBody, holidayBody } from "../../../../shared/api/inbox-roster.ts";
import type { Executor } from "../../../db/client.ts";
import { dutyAway, dutyHolidays } from "../../../db/schema/inbox.ts";
import type { Actor } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { auditRoster } from "./audit.ts";
import { isDutyTime, loadDutySchedule, nextDutyStartOf } from "./clock.ts";
import { rosterErrors } from "./errors.ts";
import { onDutyAt } from "./on-duty.ts";

/* Holidays, people marking themselves away, and who is on duty now. */

export async function addHoliday(ctx: ActionContext, body: z.infer<typeof holidayBody>) {
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(dutyHolidays)
      .values({ unitId: body.unitId, day: body.day, name: body.name })
      .onConflictDoUpdate({ target: [dutyHolidays.unitId, dutyHolidays.day], set: { name: body.name } });
    await auditRoster(ctx, tx, {
      action: "inbox.roster.holiday_added",
      unitId: body.unitId,
      details: { day: body.day, name: body.name },
    });
  });
  return { ok: true as const };
}

export async function removeHoliday(ctx: ActionContext, unitId: string, day: string) {
  await ctx.db.transaction(async (tx) => {
    const removed = await tx
      .delete(dutyHolidays)
      .where(and(eq(dutyHolidays.unitId, unitId), eq(dutyHolidays.day, day)))
      .returning();
    if (removed.length > 0) {
      await auditRoster(ctx, tx, {
        action: "inbox.roster.holiday_removed",
        unitId,
        details: { day, name: removed[0]?.name },
      });
    }
  });
  return { ok: true as const };
}

export async function myAway(db: Executor, personId: string, now = new Date()) {
  const [row] = await db.select().from(dutyAway).where(eq(dutyAway.personId, personId));
  const away = row !== undefined && (row.until === null || row.until.getTime() > now.getTime());
  return { away, until: away ? (row?.until ?? null) : null };
}

export async function setMyAway(ctx: ActionContext & { actor: Actor }, body: z.infer<typeof awayBody>) {
  const personId = ctx.actor.personId;
  const now = new Date();
  if (body.away && body.until && body.until.getTime() <= now.getTime()) {
    throw rosterErrors.awayUntilPast();
  }
  await ctx.db.transaction(async (tx) => {
    if (body.away) {
      await tx
        .insert(dutyAway)
        .values({ personId, since: now, until: body.until ?? null })
        .onConflictDoUpdate({ target: dutyAway.personId, set: { since: now, until: body.until ?? null } });
    } else {
      await tx.delete(dutyAway).where(eq(dutyAway.personId, personId));
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: body.away ? "inbox.roster.away_on" : "inbox.roster.away_off",
      target: { type: "person", id: personId },
      ip: ctx.ip,
      details: body.away ? { until: body.until?.toISOString() ?? null } : undefined,
    });
  });
  return myAway(ctx.db, personId, now);
}

/** Who is on duty for the unit now, when the running shift ends, and when the office is next back. */
export async function onDutyNow(db: Executor, unitId: string, now = new Date()) {
  const onDuty = await onDutyAt(db, unitId, now);
  const schedule = await loadDutySchedule(db, unitId, now, new Date(now.getTime() + 2 * 86_400_000));
  const running = isDutyTime(schedule, now)
    ? schedule.intervals.find((i) => i.start <= now && now < i.end)
    : undefined;
  return {
    onDuty,
    currentShiftEndsAt: running?.end ?? null,
    nextShiftStartsAt: running ? null : await nextDutyStartOf(db, unitId, now),
  };
}
