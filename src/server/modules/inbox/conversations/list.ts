import { and, arrayContains, asc, eq, inArray, isNotNull, isNull, not, or, type SQL, sql } from "drizzle-orm";
import type { z } from "zod";
import type { conversationListQuery } from "../../../../shared/api/inbox-conversations.ts";
import { foldForSearch } from "../../../../shared/vietnamese-text.ts";
import type { Executor } from "../../../db/client.ts";
import { containsPattern } from "../../../db/like.ts";
import { inboxConversations as c, inboxContacts } from "../../../db/schema/inbox.ts";
import { presentRows } from "./present.ts";

/*
 * The inbox list. A conversation is listed to whoever reads its unit's inbox, and to the units it was
 * escalated to. The two sets are asked for separately and merged by time: each part then walks the
 * (unit, last message) index in order and stops at the page, where one query with
 * `unit_id = … or escalated_to_unit_id = …` would have to sort the whole unit's history.
 */

export type ListQuery = z.infer<typeof conversationListQuery>;

export interface ListScope {
  /** The units whose inbox the actor reads (already narrowed to the unit filter). */
  unitIds: string[];
  personId: string;
}

/**
 * Each word must appear in the folded name or text (LIKE on folded text, answered by the trigram index);
 * `%`, `_` and `\` are taken literally.
 */
export function searchConditions(q: string | undefined): SQL[] {
  const words = foldForSearch(q ?? "")
    .split(" ")
    .filter((word) => word.length > 0)
    .slice(0, 8);
  return words.map((word) => sql`${c.searchText} like ${containsPattern(word)}`);
}

/** Open and pending, spelled as a list so the (unit, status, time) index can answer it. */
const active = inArray(c.status, ["open", "pending"]);

function filterConditions(query: ListQuery, personId: string): SQL[] {
  const conditions: SQL[] = [...searchConditions(query.q)];
  const status = query.status ?? "active";
  if (status === "active") {
    conditions.push(active);
  } else if (status !== "all") {
    conditions.push(eq(c.status, status));
  }
  if (query.assignee === "mine") {
    conditions.push(eq(c.assigneeId, personId));
  } else if (query.assignee === "unassigned") {
    conditions.push(isNull(c.assigneeId));
  } else if (query.assignee) {
    conditions.push(eq(c.assigneeId, query.assignee));
  }
  if (query.source) {
    conditions.push(eq(c.source, query.source));
  }
  if (query.kind) {
    conditions.push(eq(c.kind, query.kind));
  }
  if (query.label) {
    conditions.push(arrayContains(c.labels, [query.label.trim().toLowerCase()]));
  }
  if (query.due === "breached") {
    conditions.push(or(isNotNull(c.firstResponseBreachedAt), isNotNull(c.resolutionBreachedAt)) as SQL);
  } else if (query.due === "warned") {
    conditions.push(
      and(isNotNull(c.warnedAt), isNull(c.firstResponseBreachedAt), isNull(c.resolutionBreachedAt)) as SQL,
    );
  }
  return conditions;
}

/** The two parts of a scope: the units' own conversations, and those escalated to them from elsewhere. */
function scopeParts(scope: ListScope, escalatedOnly: boolean): SQL[] {
  if (scope.unitIds.length === 0) {
    return [];
  }
  const own = inArray(c.unitId, scope.unitIds);
  if (escalatedOnly) {
    // Escalations reach a unit from its children, which are in scope too: not "from elsewhere".
    return [inArray(c.escalatedToUnitId, scope.unitIds)];
  }
  return [own, and(inArray(c.escalatedToUnitId, scope.unitIds), not(own)) as SQL];
}

const listedColumns = {
  id: c.id,
  unitId: c.unitId,
  channelId: c.channelId,
  source: c.source,
  kind: c.kind,
  status: c.status,
  pendingReason: c.pendingReason,
  assigneeId: c.assigneeId,
  labels: c.labels,
  lastMessagePreview: c.lastMessagePreview,
  lastMessageAt: c.lastMessageAt,
  messageCount: c.messageCount,
  firstResponseDueAt: c.firstResponseDueAt,
  firstRespondedAt: c.firstRespondedAt,
  resolutionDueAt: c.resolutionDueAt,
  warnedAt: c.warnedAt,
  firstResponseBreachedAt: c.firstResponseBreachedAt,
  resolutionBreachedAt: c.resolutionBreachedAt,
  escalatedToUnitId: c.escalatedToUnitId,
  escalatedToOfficeId: c.escalatedToOfficeId,
  contactName: inboxContacts.displayName,
};

async function pageOfPart(db: Executor, where: SQL, limit: number, offset: number) {
  return (
    db
      .select(listedColumns)
      .from(c)
      .leftJoin(inboxContacts, eq(inboxContacts.id, c.contactId))
      .where(where)
      // As the (unit, last message desc nulls last, id) index is written, so the page is read from it in order.
      .orderBy(sql`${c.lastMessageAt} desc nulls last`, asc(c.id))
      .limit(limit)
      .offset(offset)
  );
}

/**
 * Totals are counted up to this many: past it the list says "more than", which is all a reader of a
 * 100,000-conversation unit needs, and counting a frequent search word exactly would read every match.
 */
export const TOTAL_CAP = 1000;

async function countOf(db: Executor, where: SQL): Promise<number> {
  const capped = db
    .select({ one: sql`1`.as("one") })
    .from(c)
    .where(where)
    .limit(TOTAL_CAP + 1)
    .as("capped");
  const [row] = await db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(capped);
  return row?.count ?? 0;
}

/** The conversations of the scope matching the filters, newest message first, with the scope's counts. */
export async function listConversations(
  db: Executor,
  scope: ListScope,
  query: ListQuery,
  paging: { limit: number; offset: number },
) {
  const filters = filterConditions(query, scope.personId);
  const parts = scopeParts(scope, query.escalated === "to_us").map((part) => and(part, ...filters) as SQL);
  // Independent reads side by side: on PostgreSQL each takes its own pooled connection.
  const [totals, counts] = await Promise.all([
    Promise.all(parts.map((where) => countOf(db, where))),
    countsOf(db, scope),
  ]);
  const nonEmpty = parts.filter((_, index) => (totals[index] ?? 0) > 0);
  let rows: Awaited<ReturnType<typeof pageOfPart>> = [];
  if (nonEmpty.length === 1) {
    rows = await pageOfPart(db, nonEmpty[0] as SQL, paging.limit, paging.offset);
  } else if (nonEmpty.length > 1) {
    const pages = await Promise.all(
      nonEmpty.map((where) => pageOfPart(db, where, paging.offset + paging.limit, 0)),
    );
    rows = pages
      .flat()
      .sort(
        (a, b) =>
          b.lastMessageAt.getTime() - a.lastMessageAt.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
      )
      .slice(paging.offset, paging.offset + paging.limit);
  }
  const items = await presentRows(db, rows);
  const total = totals.reduce((sum, part) => sum + part, 0);
  return {
    items,
    total: Math.min(total, TOTAL_CAP),
    totalCapped: total > TOTAL_CAP,
    counts,
  };
}

/** Active conversations of the whole scope, whatever the filters: the tabs' figures. */
async function countsOf(db: Executor, scope: ListScope) {
  const counts = { active: 0, mine: 0, unassigned: 0, breached: 0 };
  const rows = await Promise.all(
    scopeParts(scope, false).map(async (part) => {
      const [row] = await db
        .select({
          active: sql<number>`count(*)`.mapWith(Number),
          mine: sql<number>`count(*) filter (where ${c.assigneeId} = ${scope.personId})`.mapWith(Number),
          unassigned: sql<number>`count(*) filter (where ${c.assigneeId} is null)`.mapWith(Number),
          breached: sql<number>`count(*) filter (where ${c.firstResponseBreachedAt} is not null
            or ${c.resolutionBreachedAt} is not null)`.mapWith(Number),
        })
        .from(c)
        .where(and(part, active));
      return row;
    }),
  );
  for (const row of rows) {
    counts.active += row?.active ?? 0;
    counts.mine += row?.mine ?? 0;
    counts.unassigned += row?.unassigned ?? 0;
    counts.breached += row?.breached ?? 0;
  }
  return counts;
}
