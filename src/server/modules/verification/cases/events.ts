import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { verificationCases, verificationEvents } from "../../../db/schema/verification.ts";
import type { Actor } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ScopedCase } from "../case-access.ts";

/*
 * Every action on a case leaves a line on its timeline and, when a person did it, an audit record,
 * both in the transaction of the change.
 */

/** What the desk's changes are called in the audit log (listed in shared/audit-actions.ts). */
export type DeskAuditAction =
  | "verification.case_triage"
  | "verification.case_checklist"
  | "verification.evidence_add"
  | "verification.evidence_remove"
  | "verification.case_merge"
  | "verification.suggestion_dismiss";

let lastEventAt = 0;

/**
 * The clock's time, strictly later than the last event written here: several events of one
 * transaction would otherwise share the transaction's now() and lose their order on the timeline.
 */
function nextEventTime(): Date {
  lastEventAt = Math.max(Date.now(), lastEventAt + 1);
  return new Date(lastEventAt);
}

export async function addEvent(
  tx: Executor,
  caseId: string,
  actorId: string | null,
  kind: string,
  details: Record<string, unknown> = {},
): Promise<void> {
  await tx.insert(verificationEvents).values({ caseId, actorId, kind, details, createdAt: nextEventTime() });
}

/**
 * A person's action on a case: its timeline event and audit record, and when it is the first one,
 * the moment the desk first acted (the metric "time to first action") and received → checking.
 */
export async function recordAction(
  tx: Executor,
  scoped: ScopedCase,
  actor: Actor,
  ip: string | null,
  event: { kind: string; action: DeskAuditAction; details?: Record<string, unknown> },
): Promise<void> {
  const details = event.details ?? {};
  await addEvent(tx, scoped.row.id, actor.personId, event.kind, details);
  await recordAudit(tx, {
    actor,
    action: event.action,
    unit: { id: scoped.row.unitId, path: scoped.unitPath },
    target: { type: "verification_case", id: scoped.row.id },
    ip,
    details,
  });
  const now = new Date();
  await tx
    .update(verificationCases)
    .set({ firstActionAt: now, updatedAt: now })
    .where(and(eq(verificationCases.id, scoped.row.id), isNull(verificationCases.firstActionAt)));
  const started = await tx
    .update(verificationCases)
    .set({ status: "checking", updatedAt: now })
    .where(and(eq(verificationCases.id, scoped.row.id), eq(verificationCases.status, "received")))
    .returning({ id: verificationCases.id });
  if (started.length > 0) {
    await addEvent(tx, scoped.row.id, actor.personId, "status", { from: "received", to: "checking" });
  }
}
