import { and, asc, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { openCaseStatusValues } from "../../../../shared/api/verification-cases.ts";
import type { CaseCategory, CaseStatus } from "../../../../shared/api/verification-values.ts";
import type { Executor } from "../../../db/client.ts";
import { verificationCases } from "../../../db/schema/verification.ts";
import { totalOfPage } from "../../../platform/pagination.ts";
import { personNames, unitIdWithin, unitSummaries } from "../../org/index.ts";

export interface QueueFilter {
  scope: readonly string[];
  unitPath?: string;
  status?: CaseStatus | "open" | "all";
  category?: CaseCategory | "none";
  assignee?: string | "mine" | "unassigned";
  personId: string;
  limit: number;
  offset: number;
  now?: Date;
}

/** Critical first: the queue's first key. */
const urgencyRank = sql<number>`case ${verificationCases.urgency}
  when 'critical' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

const openStatus = inArray(verificationCases.status, [...openCaseStatusValues]);

export function isOverdue(row: { dueAt: Date | null; status: CaseStatus }, now: Date): boolean {
  return (
    row.dueAt !== null &&
    row.dueAt.getTime() < now.getTime() &&
    (openCaseStatusValues as readonly string[]).includes(row.status)
  );
}

/** The cases of the actor's units, most urgent, most asked-about and oldest first. */
export async function listQueue(db: Executor, filter: QueueFilter) {
  const now = filter.now ?? new Date();
  const inScope = unitIdWithin(verificationCases.unitId, filter.scope, filter.unitPath);
  const conditions: SQL[] = [inScope];
  const status = filter.status ?? "open";
  if (status === "open") {
    conditions.push(openStatus);
  } else if (status !== "all") {
    conditions.push(eq(verificationCases.status, status));
  }
  if (filter.category === "none") {
    conditions.push(isNull(verificationCases.category));
  } else if (filter.category) {
    conditions.push(eq(verificationCases.category, filter.category));
  }
  if (filter.assignee === "mine") {
    conditions.push(eq(verificationCases.assigneeId, filter.personId));
  } else if (filter.assignee === "unassigned") {
    conditions.push(isNull(verificationCases.assigneeId));
  } else if (filter.assignee) {
    conditions.push(eq(verificationCases.assigneeId, filter.assignee));
  }
  const where = and(...conditions);
  const rows = await db
    .select({
      id: verificationCases.id,
      title: verificationCases.title,
      unitId: verificationCases.unitId,
      category: verificationCases.category,
      urgency: verificationCases.urgency,
      status: verificationCases.status,
      demand: verificationCases.demandCount,
      dueAt: verificationCases.dueAt,
      assigneeId: verificationCases.assigneeId,
      createdAt: verificationCases.createdAt,
      // Spelled out: inside the subquery drizzle would leave the outer column unqualified.
      withContact: sql<number>`(select count(*) from verification_tips tip
        where tip.case_id = verification_cases.id and tip.email is not null)`.mapWith(Number),
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(verificationCases)
    .where(where)
    .orderBy(asc(urgencyRank), desc(verificationCases.demandCount), asc(verificationCases.createdAt))
    .limit(filter.limit)
    .offset(filter.offset);
  const total = await totalOfPage(rows, filter.offset, async () => {
    const [row] = await db
      .select({ count: sql<number>`count(*)`.mapWith(Number) })
      .from(verificationCases)
      .where(where);
    return row?.count ?? 0;
  });
  const names = await personNames(
    db,
    rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : [])),
  );
  const unitsById = await unitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  const items = rows.map(({ total: _total, assigneeId, ...row }) => ({
    ...row,
    unitName: unitsById.get(row.unitId)?.name ?? "",
    assignee: assigneeId ? { id: assigneeId, fullName: names.get(assigneeId) ?? "" } : null,
    ageHours: Math.max(0, Math.floor((now.getTime() - row.createdAt.getTime()) / 3_600_000)),
    overdue: isOverdue(row, now),
  }));
  const [counts] = await db
    .select({
      open: sql<number>`count(*)`.mapWith(Number),
      mine: sql<number>`count(*) filter (where ${verificationCases.assigneeId} = ${filter.personId})`.mapWith(
        Number,
      ),
      unassigned: sql<number>`count(*) filter (where ${verificationCases.assigneeId} is null)`.mapWith(
        Number,
      ),
      overdue:
        sql<number>`count(*) filter (where ${verificationCases.dueAt} < ${now.toISOString()}::timestamptz)`.mapWith(
          Number,
        ),
    })
    .from(verificationCases)
    .where(and(inScope, openStatus));
  return {
    items,
    total,
    counts: counts ?? { open: 0, mine: 0, unassigned: 0, overdue: 0 },
  };
}
