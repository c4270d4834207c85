import { type SQL, sql } from "drizzle-orm";
import type { ConversationKind, InboxSource } from "../../../../shared/api/inbox-values.ts";
import { vietnamTimeOn } from "../../../../shared/vietnam-time.ts";
import { type Executor, queryRows } from "../../../db/client.ts";
import { inboxConversations } from "../../../db/schema/inbox.ts";
import { channelNames } from "../../channels/index.ts";
import { personNames, subtreeUnits, unitIdWithin, unitSummaries } from "../../org/index.ts";
import { assertCalendarDay, targetErrors } from "../sla/errors.ts";

/*
 * The inbox's figures for a unit (and, by default, its subtree) over Vietnam calendar days: conversations
 * received, first-response and resolution times as TRUE medians and 90th percentiles (percentile_cont in
 * SQL: one conversation left for a week must not hide that most are answered within the hour), and the
 * targets missed; in total, by channel, by day, by person (the assignee) and by unit (the unit itself and
 * each of its direct sub-units with their own subtrees).
 *
 * Every row counts the conversations RECEIVED (created) on its days, so the rows of a grouping add up to
 * the total and a day's figures never change meaning later; the reports module asks for a unit and a day.
 * - Times are wall-clock minutes, what the citizen waited, not duty minutes (the targets use those).
 * - First response: from the conversation's arrival to our first reply actually sent to the platform (not
 *   a note, not the auto-reply, not a failed send), whatever cycle it came in.
 * - Resolution: from arrival to when it was (last) resolved, over the conversations resolved now.
 * - Breaches: every target missed by those conversations, in any of their cycles (the "breached" events).
 */

const maxDays = 366;

export interface FiguresInput {
  unitId: string;
  unitPath: string;
  from: string;
  to: string;
  subtree: boolean;
}

export interface DurationFigures {
  median: number | null;
  p90: number | null;
  count: number;
}

export interface FigureRow {
  received: number;
  firstResponse: DurationFigures;
  resolution: DurationFigures;
  breaches: number;
}

export function figuresPeriod(from: string, to: string) {
  assertCalendarDay(from);
  assertCalendarDay(to);
  if (from < "2000-01-01" || to > "2100-12-31") {
    throw targetErrors.periodOutOfRange();
  }
  if (from > to) {
    throw targetErrors.periodReversed();
  }
  if ((Date.parse(to) - Date.parse(from)) / 86_400_000 + 1 > maxDays) {
    throw targetErrors.periodTooLong({ maxDays });
  }
  return { start: vietnamTimeOn(from, 0), end: vietnamTimeOn(to, 0, 1) };
}

interface AggregateRow {
  received: number | string;
  fr_median: number | string | null;
  fr_p90: number | string | null;
  fr_count: number | string;
  res_median: number | string | null;
  res_p90: number | string | null;
  res_count: number | string;
  breaches: number | string;
}

const minutes = (value: number | string | null) =>
  value === null ? null : Math.round(Number(value) * 10) / 10;

function present(row: AggregateRow | undefined): FigureRow {
  return {
    received: Number(row?.received ?? 0),
    firstResponse: {
      median: minutes(row?.fr_median ?? null),
      p90: minutes(row?.fr_p90 ?? null),
      count: Number(row?.fr_count ?? 0),
    },
    resolution: {
      median: minutes(row?.res_median ?? null),
      p90: minutes(row?.res_p90 ?? null),
      count: Number(row?.res_count ?? 0),
    },
    breaches: Number(row?.breaches ?? 0),
  };
}

// percentile_cont skips nulls: each time is over the conversations that reached that step.
const aggregates = sql`count(*) as received,
  percentile_cont(0.5) within group (order by first_minutes) as fr_median,
  percentile_cont(0.9) within group (order by first_minutes) as fr_p90,
  count(first_minutes) as fr_count,
  percentile_cont(0.5) within group (order by resolution_minutes) as res_median,
  percentile_cont(0.9) within group (order by resolution_minutes) as res_p90,
  count(resolution_minutes) as res_count,
  coalesce(sum(breaches), 0) as breaches`;

function base(input: FiguresInput, period: { start: Date; end: Date }, buckets: string): SQL {
  const units = input.subtree
    ? unitIdWithin(inboxConversations.unitId, [input.unitPath])
    : sql`${inboxConversations.unitId} = ${input.unitId}`;
  return sql`with buckets as (
      select * from json_to_recordset(${buckets}::json) as b(unit_id uuid, bucket uuid)
    ), base as (
    select inbox_conversations.unit_id, coalesce(b.bucket, ${input.unitId}::uuid) as bucket, inbox_conversations.channel_id, inbox_conversations.source, inbox_conversations.kind, inbox_conversations.assignee_id,
      to_char((inbox_conversations.created_at at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD') as day,
      extract(epoch from (
        (select min(m.created_at) from inbox_messages m
          where m.conversation_id = inbox_conversations.id and m.direction = 'out' and coalesce(m.send_status, 'sent') = 'sent')
        - inbox_conversations.created_at)) / 60 as first_minutes,
      case when inbox_conversations.status = 'resolved' then extract(epoch from (inbox_conversations.resolved_at - inbox_conversations.created_at)) / 60 end as resolution_minutes,
      (select count(*) from inbox_events e where e.conversation_id = inbox_conversations.id and e.kind = 'breached') as breaches
    from inbox_conversations
    left join buckets b on b.unit_id = inbox_conversations.unit_id
    where inbox_conversations.created_at >= ${period.start.toISOString()}::timestamptz and inbox_conversations.created_at < ${period.end.toISOString()}::timestamptz
      and ${units}
  )`;
}

/** The figures of the unit (and its subtree unless `subtree` is false) for the days asked. */
export async function inboxFigures(db: Executor, input: FiguresInput) {
  const period = figuresPeriod(input.from, input.to);
  // Each unit of the subtree belongs to the asked unit or to the direct sub-unit above it (org's tree, not a join).
  const tree = input.subtree ? await subtreeUnits(db, input.unitPath) : [];
  const depth = input.unitPath.split(".").length;
  const idOfLabel = new Map(tree.map((unit) => [unit.path.split(".").at(-1) ?? "", unit.id]));
  const bucketRows = tree.map((unit) => {
    const labels = unit.path.split(".");
    const child = labels.length > depth ? idOfLabel.get(labels[depth] ?? "") : undefined;
    return { unit_id: unit.id, bucket: child ?? input.unitId };
  });
  const from = base(input, period, JSON.stringify(bucketRows));
  const [total] = await queryRows<AggregateRow>(db, sql`${from} select ${aggregates} from base`);
  const byChannel = await queryRows<
    AggregateRow & { channel_id: string | null; source: InboxSource; kind: ConversationKind }
  >(
    db,
    sql`${from} select channel_id, source, kind, ${aggregates} from base group by channel_id, source, kind order by count(*) desc, source, kind`,
  );
  const byDay = await queryRows<AggregateRow & { day: string }>(
    db,
    sql`${from} select day, ${aggregates} from base group by day order by day`,
  );
  const byPerson = await queryRows<AggregateRow & { assignee_id: string }>(
    db,
    sql`${from} select assignee_id, ${aggregates} from base where assignee_id is not null group by assignee_id order by count(*) desc`,
  );
  const byUnit = await queryRows<AggregateRow & { bucket: string }>(
    db,
    sql`${from} select bucket, ${aggregates} from base group by bucket order by count(*) desc`,
  );
  const channels = await channelNames(
    db,
    byChannel.flatMap((row) => (row.channel_id ? [row.channel_id] : [])),
  );
  const people = await personNames(
    db,
    byPerson.map((row) => row.assignee_id),
  );
  const unitNames = new Map(tree.map((unit) => [unit.id, unit.name]));
  if (!unitNames.has(input.unitId)) {
    unitNames.set(input.unitId, (await unitSummaries(db, [input.unitId])).get(input.unitId)?.name ?? "");
  }
  return {
    unitId: input.unitId,
    from: input.from,
    to: input.to,
    total: present(total),
    byChannel: byChannel.map((row) => ({
      source: row.source,
      kind: row.kind,
      channelName: row.channel_id ? (channels.get(row.channel_id) ?? "") : "Trang tin (Hỏi đáp)",
      ...present(row),
    })),
    byDay: byDay.map((row) => ({ day: row.day, ...present(row) })),
    byPerson: byPerson.map((row) => ({
      person: { id: row.assignee_id, fullName: people.get(row.assignee_id) ?? "" },
      ...present(row),
    })),
    byUnit: byUnit.map((row) => ({
      unit: { id: row.bucket, name: unitNames.get(row.bucket) ?? "" },
      ...present(row),
    })),
  };
}

export type InboxFigures = Awaited<ReturnType<typeof inboxFigures>>;
