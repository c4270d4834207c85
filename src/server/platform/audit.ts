import type { Executor } from "../db/client.ts";
import { auditEvents } from "../db/schema/index.ts";
import type { Actor } from "./actor.ts";

/**
 * The audit writer every module records its changes and its reads of personal data with. The log is
 * append-only (migration 0002 refuses updates and deletes); reading it is the auth module's audit page.
 */
export interface AuditEntry {
  actor: Actor | null;
  /** For events without a signed-in actor (failed sign-in): what identifies who tried. */
  actorLabel?: string | null;
  actorId?: string | null;
  action: string;
  unit?: { id: string; path: string } | null;
  target?: { type: string; id: string } | null;
  ip: string | null;
  details?: Record<string, unknown>;
}

function auditRow(entry: AuditEntry): typeof auditEvents.$inferInsert {
  return {
    actorId: entry.actor?.personId ?? entry.actorId ?? null,
    actorLabel: entry.actor?.email ?? entry.actor?.fullName ?? entry.actorLabel ?? null,
    action: entry.action,
    unitId: entry.unit?.id ?? null,
    unitPath: entry.unit?.path ?? null,
    targetType: entry.target?.type ?? null,
    targetId: entry.target?.id ?? null,
    ip: entry.ip,
    details: entry.details ?? null,
  };
}

/** Appends one audit event; call it inside the transaction of the change it records. */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditEvents).values(auditRow(entry));
}

/** Appends many audit events in order, a few hundred per statement (bulk creation records one per row). */
export async function recordAuditBatch(executor: Executor, entries: readonly AuditEntry[]): Promise<void> {
  for (let i = 0; i < entries.length; i += 500) {
    await executor.insert(auditEvents).values(entries.slice(i, i + 500).map(auditRow));
  }
}
