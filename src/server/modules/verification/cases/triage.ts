import { eq } from "drizzle-orm";
import type { CaseCategory, CaseUrgency } from "../../../../shared/api/verification-values.ts";
import type { Executor } from "../../../db/client.ts";
import { verificationCases } from "../../../db/schema/verification.ts";
import type { Actor } from "../../../platform/actor.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { personNames, roleHoldersAtOrAbove } from "../../org/index.ts";
import { type CaseRow, caseFor, type ScopedCase } from "../case-access.ts";
import { checklistFor } from "./checklists.ts";
import { assigneeRoles, checklistView } from "./detail.ts";
import { deskErrors } from "./errors.ts";
import { recordAction } from "./events.ts";

type Ctx = ActionContext & { actor: Actor };

export interface TriageChange {
  title?: string;
  category?: CaseCategory;
  urgency?: CaseUrgency;
  dueAt?: Date | null;
  assigneeId?: string | null;
}

/** A case that is still worked on (a merged one lives on in its target), locked for the change. */
export async function caseToChange(tx: Executor, actor: Actor, caseId: string): Promise<ScopedCase> {
  const scoped = await caseFor(tx, actor, caseId, "manage", { forUpdate: true });
  if (scoped.row.status === "merged") {
    throw deskErrors.caseClosedForChanges();
  }
  return scoped;
}

const comparable = (value: unknown) => (value instanceof Date ? value.toISOString() : (value ?? null));

/**
 * Sets the case's title, category, urgency, due time and assignee; each field that really changes is
 * its own timeline event and audit record. The assignee must hold cases.manage over the case's unit.
 */
export async function triageCase(ctx: Ctx, caseId: string, change: TriageChange): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const scoped = await caseToChange(tx, ctx.actor, caseId);
    if (change.assigneeId) {
      const holders = await roleHoldersAtOrAbove(tx, scoped.row.unitId, assigneeRoles);
      if (!holders.includes(change.assigneeId)) {
        throw deskErrors.notAChecker();
      }
    }
    const fields = ["title", "category", "urgency", "dueAt", "assigneeId"] as const;
    const set: Partial<CaseRow> = {};
    const events: { kind: string; details: Record<string, unknown> }[] = [];
    for (const field of fields) {
      const next = change[field];
      if (next === undefined || comparable(next) === comparable(scoped.row[field])) {
        continue;
      }
      Object.assign(set, { [field]: next });
      events.push(await changeEvent(tx, field, scoped.row[field], next));
    }
    if (events.length === 0) {
      return;
    }
    await tx
      .update(verificationCases)
      .set({ ...set, updatedAt: new Date() })
      .where(eq(verificationCases.id, caseId));
    for (const event of events) {
      await recordAction(tx, scoped, ctx.actor, ctx.ip, { ...event, action: "verification.case_triage" });
    }
  });
}

async function changeEvent(
  tx: Parameters<typeof personNames>[0],
  field: keyof TriageChange,
  before: unknown,
  after: unknown,
): Promise<{ kind: string; details: Record<string, unknown> }> {
  if (field === "assigneeId") {
    const ids = [before, after].filter((id): id is string => typeof id === "string");
    const names = await personNames(tx, ids);
    const ref = (id: unknown) => (typeof id === "string" ? { id, fullName: names.get(id) ?? "" } : null);
    return { kind: "assigned", details: { field: "assignee", from: ref(before), to: ref(after) } };
  }
  const kinds = { title: "retitled", category: "categorised", urgency: "urgency", dueAt: "due" } as const;
  return { kind: kinds[field], details: { field, from: comparable(before), to: comparable(after) } };
}

/** Ticks or unticks one step of the case's checklist (the unit's list for its category). */
export async function tickChecklistItem(ctx: Ctx, caseId: string, itemKey: string, ticked: boolean) {
  return ctx.db.transaction(async (tx) => {
    const scoped = await caseToChange(tx, ctx.actor, caseId);
    const items = await checklistFor(tx, scoped.row.unitId, scoped.row.category);
    const item = items.find((candidate) => candidate.key === itemKey);
    if (!item) {
      throw deskErrors.checklistItemUnknown();
    }
    const ticks = { ...scoped.row.checklist };
    const was = Boolean(ticks[itemKey]);
    if (ticked) {
      ticks[itemKey] = ticks[itemKey] ?? { by: ctx.actor.personId, at: new Date().toISOString() };
    } else {
      delete ticks[itemKey];
    }
    if (was !== ticked) {
      await tx
        .update(verificationCases)
        .set({ checklist: ticks, updatedAt: new Date() })
        .where(eq(verificationCases.id, caseId));
      await recordAction(tx, scoped, ctx.actor, ctx.ip, {
        kind: ticked ? "checklist_ticked" : "checklist_unticked",
        action: "verification.case_checklist",
        details: { key: itemKey, text: item.text },
      });
    }
    const names = await personNames(
      tx,
      Object.values(ticks).map((tick) => tick.by),
    );
    return { checklist: checklistView(items, ticks, names) };
  });
}
