import { and, desc, eq, gte, isNull, like, lt, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { auditEvents } from "../../db/schema/index.ts";
import { unitSummaries } from "../org/membership.ts";
import { type Actor, withinScope } from "../org/policy.ts";

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

export interface AuditQuery {
  /** Unit paths the reader may see; events with no unit (sign-ins) are shown only to whole-tree readers. */
  scope: readonly string[];
  actorId?: string;
  action?: string;
  unitPath?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Audit events newest first, limited to the reader's scope. */
export async function listAuditEvents(db: Executor, query: AuditQuery) {
  const inScope = withinScope(auditEvents.unitPath, query.scope);
  const readsWholeTree = query.scope.some((path) => !path.includes("."));
  const conditions: SQL[] = [readsWholeTree ? (or(inScope, isNull(auditEvents.unitPath)) as SQL) : inScope];
  if (query.actorId) {
    conditions.push(eq(auditEvents.actorId, query.actorId));
  }
  if (query.action) {
    conditions.push(like(auditEvents.action, `${query.action.replace(/[\\%_]/g, "\\$&")}%`));
  }
  if (query.unitPath) {
    conditions.push(sql`${auditEvents.unitPath} <@ ${query.unitPath}::ltree`);
  }
  if (query.from) {
    conditions.push(gte(auditEvents.at, query.from));
  }
  if (query.to) {
    conditions.push(lt(auditEvents.at, query.to));
  }
  const where = and(...conditions);
  const items = await db
    .select({
      id: auditEvents.id,
      at: auditEvents.at,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      unitId: auditEvents.unitId,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ip: sql<string | null>`host(${auditEvents.ip})`,
      details: auditEvents.details,
    })
    .from(auditEvents)
    .where(where)
    .orderBy(desc(auditEvents.id))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await db.select({ count: sql<number>`count(*)::int` }).from(auditEvents).where(where);
  const unitIds = items.flatMap((item) => (item.unitId ? [item.unitId] : []));
  const unitsById = await unitSummaries(db, unitIds);
  return {
    items: items.map((item) => ({
      ...item,
      unitName: item.unitId ? (unitsById.get(item.unitId)?.name ?? null) : null,
    })),
    total: total?.count ?? 0,
  };
}
