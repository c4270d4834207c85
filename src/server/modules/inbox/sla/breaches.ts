import { sql } from "drizzle-orm";
import type { BreachKind, InboxSource } from "../../../../shared/api/inbox-values.ts";
import { vietnamTimeOn, vietnamToday } from "../../../../shared/vietnam-time.ts";
import { type Executor, queryRows } from "../../../db/client.ts";
import { inboxEvents } from "../../../db/schema/inbox.ts";
import { totalOfPage } from "../../../platform/pagination.ts";
import { personNames, unitIdWithin, unitSummaries } from "../../org/index.ts";
import { assertCalendarDay } from "./errors.ts";

/*
 * The breach list: every target missed, newest first, one item per missed target (a conversation that
 * missed both its first response and its resolution is listed twice). Read from the "breached" events,
 * so a conversation reopened since keeps its earlier breaches; "still open" compares the event's due time
 * with the conversation's current one.
 */

export interface BreachListInput {
  scope: readonly string[];
  unitPath?: string | undefined;
  kind?: BreachKind | undefined;
  from?: string | undefined;
  limit: number;
  offset: number;
}

interface BreachRow {
  conversation_id: string;
  unit_id: string;
  kind: BreachKind;
  due_at: string;
  breached_at: Date | string;
  source: InboxSource;
  still_open: boolean;
  assignee_id: string | null;
  escalation_stage: number;
  contact_name: string | null;
  total: number | string;
}

export async function listBreaches(db: Executor, input: BreachListInput) {
  if (input.from) {
    assertCalendarDay(input.from);
  }
  const since = vietnamTimeOn(input.from ?? vietnamToday(new Date(Date.now() - 29 * 86_400_000)), 0);
  const where = sql`inbox_events.kind = 'breached' and inbox_events.created_at >= ${since.toISOString()}::timestamptz
    and ${unitIdWithin(inboxEvents.unitId, input.scope, input.unitPath)}
    ${input.kind ? sql`and inbox_events.detail->>'breach' = ${input.kind}` : sql``}`;
  const rows = await queryRows<BreachRow>(
    db,
    sql`select inbox_events.conversation_id, inbox_events.unit_id, inbox_events.detail->>'breach' as kind, inbox_events.detail->>'dueAt' as due_at,
      inbox_events.created_at as breached_at, c.source, c.assignee_id, c.escalation_stage, ct.display_name as contact_name,
      (c.status <> 'resolved' and case inbox_events.detail->>'breach'
        when 'first_response' then c.first_responded_at is null and c.first_response_due_at = (inbox_events.detail->>'dueAt')::timestamptz
        else c.resolution_due_at = (inbox_events.detail->>'dueAt')::timestamptz end) as still_open,
      count(*) over () as total
    from inbox_events
    join inbox_conversations c on c.id = inbox_events.conversation_id
    left join inbox_contacts ct on ct.id = c.contact_id
    where ${where}
    order by inbox_events.created_at desc, inbox_events.id
    limit ${input.limit} offset ${input.offset}`,
  );
  const total = await totalOfPage(
    rows.map((row) => ({ total: Number(row.total) })),
    input.offset,
    async () => {
      const [count] = await queryRows<{ n: number | string }>(
        db,
        sql`select count(*) as n from inbox_events where ${where}`,
      );
      return Number(count?.n ?? 0);
    },
  );
  const units = await unitSummaries(
    db,
    rows.map((row) => row.unit_id),
  );
  const people = await personNames(
    db,
    rows.flatMap((row) => (row.assignee_id ? [row.assignee_id] : [])),
  );
  return {
    total,
    items: rows.map((row) => ({
      conversationId: row.conversation_id,
      unitId: row.unit_id,
      unitName: units.get(row.unit_id)?.name ?? "",
      contactName: row.contact_name ?? "",
      source: row.source,
      kind: row.kind,
      dueAt: new Date(row.due_at),
      breachedAt: new Date(row.breached_at),
      stillOpen: Boolean(row.still_open),
      assignee: row.assignee_id ? { id: row.assignee_id, fullName: people.get(row.assignee_id) ?? "" } : null,
      escalationStage: Number(row.escalation_stage),
    })),
  };
}
