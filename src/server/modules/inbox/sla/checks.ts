import { sql } from "drizzle-orm";
import type { BreachKind } from "../../../../shared/api/inbox-values.ts";
import { type Executor, queryRows } from "../../../db/client.ts";
import { inboxEvents } from "../../../db/schema/inbox.ts";
import type { JobQueue } from "../../../jobs/queue.ts";
import { publishConversationEvent } from "../live/bus.ts";
import { dutyDeadline } from "../roster/clock.ts";
import { leadersOnDutyAt } from "../roster/on-duty.ts";
import { type EscalationJob, queueEscalation } from "./escalation.ts";
import { targetSettingsOf } from "./settings.ts";
import { armTargets } from "./targets.ts";

/*
 * One pass of the target worker at `now`: flag conversations about to breach, stamp breaches, and climb
 * the escalation ladder. Every change is an UPDATE whose WHERE still holds only for the first instance to
 * make it (warned_at is null, the breach stamp is null, escalation_stage = n), so two instances running
 * the same pass change, record and mail each conversation once.
 *
 * Escalation (escalation_stage): 1 = the leader of the shift in which the target ran out was e-mailed,
 * 2 = the unit's administrators (the nearest above it who hold the role) were. Stage 1 comes at the
 * conversation's first breach; stage 2 when a missed target is still open 30 duty minutes after it was
 * missed (a shift's worth of chances for the leader to act, counted on the roster so a breach at the end
 * of the evening shift reaches the administrators after the next shift's first half hour, not at night).
 * When no shift had a leader, the administrators are mailed straight away and the stage is 2: they are
 * the top of the ladder and are never mailed twice for the same breach.
 */

export const ESCALATION_WAIT_MINUTES = 30;

export interface CheckDeps {
  db: Executor;
  jobs: JobQueue;
}

const openTarget = (now: Date) => sql`(
  (first_responded_at is null and first_response_breached_at is null and first_response_due_at > ${now.toISOString()}::timestamptz)
  or (resolution_breached_at is null and resolution_due_at > ${now.toISOString()}::timestamptz))`;

/** Flags "about to breach" the conversations with fewer duty minutes left than the unit's warning. */
export async function flagNearBreaches(db: Executor, now: Date): Promise<string[]> {
  const units = await queryRows<{ unit_id: string }>(
    db,
    sql`select distinct unit_id from inbox_conversations
      where status <> 'resolved' and warned_at is null and ${openTarget(now)}`,
  );
  const flagged: string[] = [];
  for (const { unit_id: unitId } of units) {
    const { warnBeforeMinutes } = await targetSettingsOf(db, unitId);
    if (warnBeforeMinutes <= 0) {
      continue;
    }
    // Every due time at or before this instant has at most `warnBeforeMinutes` duty minutes left;
    // with fewer planned than that in the clock's 60 days, every due time within them does.
    const horizon = await dutyDeadline(db, unitId, now, warnBeforeMinutes);
    const limit = sql`${(horizon ?? new Date(now.getTime() + 60 * 86_400_000)).toISOString()}::timestamptz`;
    const rows = await db.transaction(async (tx) => {
      const changed = await queryRows<{ id: string }>(
        tx,
        sql`update inbox_conversations set warned_at = ${now.toISOString()}::timestamptz
        where unit_id = ${unitId} and status <> 'resolved' and warned_at is null and (
          (first_responded_at is null and first_response_breached_at is null
            and first_response_due_at > ${now.toISOString()}::timestamptz and first_response_due_at <= ${limit})
          or (resolution_breached_at is null
            and resolution_due_at > ${now.toISOString()}::timestamptz and resolution_due_at <= ${limit}))
        returning id`,
      );
      if (changed.length > 0) {
        await tx.insert(inboxEvents).values(
          changed.map((row) => ({
            conversationId: row.id,
            unitId,
            kind: "warned" as const,
            createdAt: now,
          })),
        );
      }
      return changed;
    });
    for (const row of rows) {
      publishConversationEvent({ id: row.id, unitId, reason: "status" });
      flagged.push(row.id);
    }
  }
  return flagged;
}

const columns: Record<BreachKind, { due: string; stamp: string; open: string }> = {
  first_response: {
    due: "first_response_due_at",
    stamp: "first_response_breached_at",
    open: "first_responded_at is null",
  },
  resolution: { due: "resolution_due_at", stamp: "resolution_breached_at", open: "true" },
};

/** Stamps the targets that ran out, with a "breached" event each; returns the conversations touched. */
export async function stampBreaches(db: Executor, now: Date): Promise<{ id: string; unitId: string }[]> {
  const touched = new Map<string, string>();
  for (const [kind, column] of Object.entries(columns) as [BreachKind, (typeof columns)[BreachKind]][]) {
    const rows = await db.transaction(async (tx) => {
      const changed = await queryRows<{ id: string; unit_id: string; due: Date | string }>(
        tx,
        sql`update inbox_conversations set ${sql.raw(column.stamp)} = ${now.toISOString()}::timestamptz
        where status <> 'resolved' and ${sql.raw(column.open)} and ${sql.raw(column.stamp)} is null
          and ${sql.raw(column.due)} <= ${now.toISOString()}::timestamptz
        returning id, unit_id, ${sql.raw(column.due)} as due`,
      );
      if (changed.length > 0) {
        await tx.insert(inboxEvents).values(
          changed.map((row) => ({
            conversationId: row.id,
            unitId: row.unit_id,
            kind: "breached" as const,
            detail: { breach: kind, dueAt: new Date(row.due).toISOString(), breachedAt: now.toISOString() },
            createdAt: now,
          })),
        );
      }
      return changed;
    });
    for (const row of rows) {
      touched.set(row.id, row.unit_id);
      publishConversationEvent({ id: row.id, unitId: row.unit_id, reason: "status" });
    }
  }
  return [...touched].map(([id, unitId]) => ({ id, unitId }));
}

interface OpenBreach {
  id: string;
  unit_id: string;
  escalation_stage: number;
  first_response_due_at: Date | string | null;
  resolution_due_at: Date | string | null;
  first_response_breached_at: Date | string | null;
  resolution_breached_at: Date | string | null;
  first_responded_at: Date | string | null;
}

const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());

/** The open breaches of stage `stage` (still missed: unanswered, or unresolved). */
async function openBreaches(db: Executor, stage: number): Promise<OpenBreach[]> {
  return queryRows<OpenBreach>(
    db,
    sql`select id, unit_id, escalation_stage, first_response_due_at, resolution_due_at,
      first_response_breached_at, resolution_breached_at, first_responded_at
    from inbox_conversations
    where escalation_stage = ${stage} and status <> 'resolved'
      and ((first_response_breached_at is not null and first_responded_at is null)
        or resolution_breached_at is not null)
    limit 500`,
  );
}

/** The missed target a letter is about (an unanswered first response before resolution), and when it ran out. */
function breachOf(row: OpenBreach): { kind: BreachKind; dueAt: string; breachedAt: string } {
  if (row.first_response_breached_at !== null && row.first_responded_at === null) {
    return {
      kind: "first_response",
      dueAt: iso(row.first_response_due_at) ?? "",
      breachedAt: iso(row.first_response_breached_at) ?? "",
    };
  }
  return {
    kind: "resolution",
    dueAt: iso(row.resolution_due_at) ?? "",
    breachedAt: iso(row.resolution_breached_at) ?? "",
  };
}

/** Queues the letter, then moves the stage on: a crash in between queues the same job id again. */
async function climb(deps: CheckDeps, row: OpenBreach, job: EscalationJob): Promise<boolean> {
  await queueEscalation(deps.jobs, job);
  const moved = await queryRows<{ id: string }>(
    deps.db,
    sql`update inbox_conversations set escalation_stage = ${job.stage}
      where id = ${row.id} and escalation_stage = ${row.escalation_stage} returning id`,
  );
  return moved.length > 0;
}

/** Mails the shift leader at a first breach (or the administrators when no shift had one) and the administrators after the wait. */
export async function escalate(deps: CheckDeps, now: Date): Promise<EscalationJob[]> {
  const sent: EscalationJob[] = [];
  for (const row of await openBreaches(deps.db, 0)) {
    const breach = breachOf(row);
    // The leader of the shift in which the target ran out, even if that shift has just ended.
    const leaders = await leadersOnDutyAt(deps.db, row.unit_id, new Date(Date.parse(breach.dueAt) - 1000));
    const job: EscalationJob = {
      conversationId: row.id,
      stage: leaders.length > 0 ? 1 : 2,
      breach: breach.kind,
      dueAt: breach.dueAt,
      leaderIds: leaders.map((leader) => leader.id),
    };
    if (await climb(deps, row, job)) {
      sent.push(job);
    }
  }
  for (const row of await openBreaches(deps.db, 1)) {
    const breach = breachOf(row);
    const waitedUntil = await dutyDeadline(
      deps.db,
      row.unit_id,
      new Date(breach.breachedAt),
      ESCALATION_WAIT_MINUTES,
    );
    if (waitedUntil === null || waitedUntil.getTime() > now.getTime()) {
      continue;
    }
    const job: EscalationJob = {
      conversationId: row.id,
      stage: 2,
      breach: breach.kind,
      dueAt: breach.dueAt,
      leaderIds: [],
    };
    if (await climb(deps, row, job)) {
      sent.push(job);
    }
  }
  return sent;
}

/**
 * Arms the targets of conversations that came when the roster had too few duty minutes planned, once
 * their unit plans shifts again (limited per pass; those received over 60 days ago are left alone).
 */
export async function armWaitingTargets(db: Executor, now: Date): Promise<string[]> {
  const waiting = await queryRows<{ id: string; unit_id: string; received: Date | string }>(
    db,
    sql`select c.id, c.unit_id, coalesce(c.last_incoming_at, c.created_at) as received
    from inbox_conversations c
    where c.status <> 'resolved' and c.first_responded_at is null
      and c.first_response_due_at is null and c.resolution_due_at is null
      and c.created_at > ${new Date(now.getTime() - 60 * 86_400_000).toISOString()}::timestamptz
      and exists (select 1 from duty_shifts s where s.unit_id = c.unit_id and s.ends_at > ${now.toISOString()}::timestamptz)
    order by c.created_at
    limit 200`,
  );
  const armed: string[] = [];
  for (const row of waiting) {
    await db.transaction((tx) => armTargets(tx, { id: row.id, unitId: row.unit_id }, new Date(row.received)));
    armed.push(row.id);
  }
  return armed;
}

/** One pass of the worker. */
export async function checkTargets(deps: CheckDeps, now: Date) {
  await armWaitingTargets(deps.db, now);
  const warned = await flagNearBreaches(deps.db, now);
  const breached = await stampBreaches(deps.db, now);
  const escalated = await escalate(deps, now);
  return { warned, breached, escalated };
}
