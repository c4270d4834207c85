import { and, desc, eq, gte, isNull, like, lt, or, type SQL, sql } from "drizzle-orm";
import { groupedReadActions } from "../../../shared/audit-actions.ts";
import type { Executor } from "../../db/client.ts";
import { likeLiteral } from "../../db/like.ts";
import { auditEvents } from "../../db/schema/index.ts";
import { withinScope } from "../../platform/actor.ts";
import { auditSubjectsOf } from "../../platform/audit-subjects.ts";
import { personNames, unitSummaries } from "../org/index.ts";
import "./audit-subjects.ts";

export interface AuditQuery {
  /** Unit paths the reader may see; events with no unit (sign-ins) are shown only to whole-tree readers. */
  scope: readonly string[];
  actorId?: string;
  /** An action kind ("auth.sign_in") or a group of them ("channel" for every channel.… kind). */
  action?: string;
  unitPath?: string;
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Detail fields that hold a unit's or a person's id, named for the page. */
const unitIdFields = ["parentId", "fromParentId", "toParentId", "sourceId", "targetId"] as const;
const personIdFields = ["requestedBy"] as const;

/**
 * Which shown row an event belongs to: reads of personal data fold into one row per reader, per view
 * (the action, its target, its unit and its search words) and per hour; every other event is its own row.
 * The table keeps every read; only the page folds them.
 */
const shownRow = sql`case when ${auditEvents.action} in (${sql.join(
  groupedReadActions.map((action) => sql`${action}`),
  sql`, `,
)}) then concat_ws('|', ${auditEvents.action}, coalesce(${auditEvents.actorId}::text, ${auditEvents.actorLabel}, ''),
    coalesce(${auditEvents.targetId}, ''), coalesce(${auditEvents.unitId}::text, ''),
    coalesce(${auditEvents.details}->>'q', ''), date_trunc('hour', ${auditEvents.at})::text)
  else ${auditEvents.id}::text end`;

function conditionsOf(query: AuditQuery): SQL | undefined {
  const inScope = withinScope(auditEvents.unitPath, query.scope);
  const readsWholeTree = query.scope.some((path) => !path.includes("."));
  const conditions: SQL[] = [readsWholeTree ? (or(inScope, isNull(auditEvents.unitPath)) as SQL) : inScope];
  if (query.actorId) {
    conditions.push(eq(auditEvents.actorId, query.actorId));
  }
  if (query.action) {
    // The kind itself or the kinds under it: "auth.sign_in" is not "auth.sign_in_failed".
    const escaped = likeLiteral(query.action);
    conditions.push(
      or(eq(auditEvents.action, query.action), like(auditEvents.action, `${escaped}.%`)) as SQL,
    );
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
  return and(...conditions);
}

function idsIn(details: Record<string, unknown> | null, fields: readonly string[]): string[] {
  return fields.flatMap((field) => {
    const value = details?.[field];
    return typeof value === "string" ? [value] : [];
  });
}

/**
 * Audit events newest first, limited to the reader's scope, as the page shows them: repeated reads of
 * personal data folded (with how many and since when), each event with its actor's and object's names.
 */
export async function listAuditEvents(db: Executor, query: AuditQuery) {
  const where = conditionsOf(query);
  const rows = db
    .select({
      lastId: sql<number>`max(${auditEvents.id})`.as("last_id"),
      lastAt: sql<Date>`max(${auditEvents.at})`.as("last_at"),
      times: sql<number>`count(*)::int`.as("times"),
      firstAt: sql<Date>`min(${auditEvents.at})`.as("first_at"),
    })
    .from(auditEvents)
    .where(where)
    .groupBy(shownRow)
    .as("shown_rows");
  const items = await db
    .select({
      id: auditEvents.id,
      at: rows.lastAt,
      firstAt: rows.firstAt,
      times: rows.times,
      actorId: auditEvents.actorId,
      actorLabel: auditEvents.actorLabel,
      action: auditEvents.action,
      unitId: auditEvents.unitId,
      targetType: auditEvents.targetType,
      targetId: auditEvents.targetId,
      ip: sql<string | null>`host(${auditEvents.ip})`,
      details: auditEvents.details,
    })
    .from(rows)
    .innerJoin(auditEvents, eq(auditEvents.id, rows.lastId))
    .orderBy(desc(rows.lastAt), desc(rows.lastId))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await db
    .select({ count: sql<number>`count(distinct ${shownRow})::int` })
    .from(auditEvents)
    .where(where);

  const unitIds = items.flatMap((item) => [
    ...(item.unitId ? [item.unitId] : []),
    ...idsIn(item.details, unitIdFields),
  ]);
  const unitsById = await unitSummaries(db, unitIds);
  const names = await personNames(
    db,
    items.flatMap((item) => [
      ...(item.actorId ? [item.actorId] : []),
      ...idsIn(item.details, personIdFields),
    ]),
  );
  const subjects = await auditSubjectsOf(
    db,
    items.flatMap((item) =>
      item.targetType && item.targetId ? [{ type: item.targetType, id: item.targetId }] : [],
    ),
  );
  return {
    items: items.map((item) => {
      const subject =
        item.targetType && item.targetId ? subjects.get(`${item.targetType}:${item.targetId}`) : undefined;
      const refs: Record<string, string> = {};
      for (const id of idsIn(item.details, unitIdFields)) {
        const name = unitsById.get(id)?.name;
        if (name) {
          refs[id] = name;
        }
      }
      for (const id of idsIn(item.details, personIdFields)) {
        const name = names.get(id);
        if (name) {
          refs[id] = name;
        }
      }
      return {
        ...item,
        at: new Date(item.at),
        firstAt: new Date(item.firstAt),
        actorName: item.actorId ? (names.get(item.actorId) ?? null) : null,
        unitName: item.unitId ? (unitsById.get(item.unitId)?.name ?? null) : null,
        subject:
          item.targetType && item.targetId
            ? {
                type: item.targetType,
                id: item.targetId,
                name: subject?.name ?? null,
                linkId: subject?.linkId ?? item.targetId,
                kind: subject?.kind ?? null,
              }
            : null,
        refs,
      };
    }),
    total: total?.count ?? 0,
  };
}
