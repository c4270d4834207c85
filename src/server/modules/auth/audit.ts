import { and, desc, eq, gte, isNull, like, lt, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { auditEvents } from "../../db/schema/index.ts";
import { withinScope } from "../../platform/actor.ts";
import { unitSummaries } from "../org/index.ts";

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
