import { and, eq, isNull, sql } from "drizzle-orm";
import type { addIndicatorBody } from "../../../../shared/api/verification-indicators.ts";
import { type Executor, queryRows } from "../../../db/client.ts";
import { scamIndicators } from "../../../db/schema/verification.ts";
import type { Actor } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { caseFor } from "../case-access.ts";
import { canManageCase } from "../policy.ts";
import { confirmedScamCase } from "./confirmed.ts";
import { indicatorErrors } from "./errors.ts";
import { normaliseAs } from "./normalise.ts";

type AddBody = ReturnType<typeof addIndicatorBody.parse>;
export type IndicatorRow = typeof scamIndicators.$inferSelect;

export function presentIndicator(row: IndicatorRow) {
  return {
    id: row.id,
    caseId: row.caseId,
    kind: row.kind,
    value: row.value,
    display: row.display,
    note: row.note,
    createdAt: row.createdAt,
  };
}

/** A case's indicators in the order they were added, whether they are public, and whether the actor may change them. */
export async function listCaseIndicators(db: Executor, actor: Actor, caseId: string) {
  const scoped = await caseFor(db, actor, caseId, "read");
  const rows = await db
    .select()
    .from(scamIndicators)
    .where(and(eq(scamIndicators.caseId, caseId), isNull(scamIndicators.removedAt)))
    .orderBy(scamIndicators.createdAt, scamIndicators.id);
  const [confirmed] = await queryRows<{ public: boolean }>(
    db,
    sql`select ${confirmedScamCase(sql`${caseId}::uuid`)} as public`,
  );
  return {
    items: rows.map(presentIndicator),
    public: Boolean(confirmed?.public),
    canManage: canManageCase(actor, scoped.unitPath),
  };
}

/**
 * Adds an indicator to a case, normalised; the same value twice on a case is a 409. A value removed
 * before comes back (the table keeps one row per case and value).
 */
export async function addIndicator(ctx: ActionContext, caseId: string, body: AddBody) {
  const normal = normaliseAs(body.kind, body.value);
  if (!normal.ok) {
    throw indicatorErrors.valueRefused({ refusal: normal.refusal });
  }
  const actor = ctx.actor as Actor;
  return ctx.db.transaction(async (tx) => {
    const scoped = await caseFor(tx, actor, caseId, "manage", { forUpdate: true });
    const [existing] = await tx
      .select()
      .from(scamIndicators)
      .where(
        and(
          eq(scamIndicators.caseId, caseId),
          eq(scamIndicators.kind, normal.kind),
          eq(scamIndicators.value, normal.value),
        ),
      );
    if (existing && existing.removedAt === null) {
      throw indicatorErrors.alreadyListed({ kind: normal.kind, value: existing.display });
    }
    const values = {
      display: body.value.trim(),
      note: body.note?.trim() || null,
      createdBy: actor.personId,
      createdAt: new Date(),
      removedAt: null,
    };
    const [row] = existing
      ? await tx.update(scamIndicators).set(values).where(eq(scamIndicators.id, existing.id)).returning()
      : await tx
          .insert(scamIndicators)
          .values({ ...values, caseId, unitId: scoped.row.unitId, kind: normal.kind, value: normal.value })
          .returning();
    if (!row) {
      throw new Error("indicator not written");
    }
    await recordAudit(tx, {
      actor,
      action: "verification.indicator_add",
      unit: { id: scoped.row.unitId, path: scoped.unitPath },
      target: { type: "verification_case", id: caseId },
      ip: ctx.ip,
      details: { indicatorId: row.id, kind: row.kind, value: row.value },
    });
    return presentIndicator(row);
  });
}

/** Takes an indicator off a case (kept, with the time it was removed). */
export async function removeIndicator(ctx: ActionContext, caseId: string, indicatorId: string) {
  const actor = ctx.actor as Actor;
  return ctx.db.transaction(async (tx) => {
    const scoped = await caseFor(tx, actor, caseId, "manage", { forUpdate: true });
    const [row] = await tx
      .update(scamIndicators)
      .set({ removedAt: new Date() })
      .where(
        and(
          eq(scamIndicators.id, indicatorId),
          eq(scamIndicators.caseId, caseId),
          isNull(scamIndicators.removedAt),
        ),
      )
      .returning();
    if (!row?.removedAt) {
      throw indicatorErrors.indicatorNotFound();
    }
    await recordAudit(tx, {
      actor,
      action: "verification.indicator_remove",
      unit: { id: scoped.row.unitId, path: scoped.unitPath },
      target: { type: "verification_case", id: caseId },
      ip: ctx.ip,
      details: { indicatorId: row.id, kind: row.kind, value: row.value },
    });
    return { id: row.id, removedAt: row.removedAt };
  });
}
