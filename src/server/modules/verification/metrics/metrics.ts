import { sql } from "drizzle-orm";
import type { CaseCategory, CaseStatus, VerdictLabel } from "../../../../shared/api/verification-values.ts";
import { vietnamTimeOn, vietnamToday } from "../../../../shared/vietnam-time.ts";
import { type Executor, queryRows } from "../../../db/client.ts";
import { verificationCases as c, verificationVerdicts as v } from "../../../db/schema/verification.ts";
import { unitIdWithin, unitSummaries } from "../../org/index.ts";
import { indicatorErrors } from "../indicators/errors.ts";

/*
 * How fast the desk answers: TRUE medians (percentile_cont(0.5) within the group, not means: one case
 * left for a month must not hide that most are answered within the day) of the time from a case's
 * arrival to its first action, its verdict and its publication, over the cases created in a period.
 */

const maxDays = 366;
const defaultDays = 30;

export interface MetricsInput {
  from?: string;
  to?: string;
  scope: readonly string[];
  /** The unit filter's path, already checked against the scope. */
  unitPath?: string;
}

interface MedianRow {
  cases: number | string;
  first_action: number | string | null;
  verdict: number | string | null;
  publication: number | string | null;
}

const seconds = (value: number | string | null) => (value === null ? null : Math.round(Number(value)));

function presentMedians(row: MedianRow | undefined) {
  return {
    cases: Number(row?.cases ?? 0),
    firstAction: seconds(row?.first_action ?? null),
    verdict: seconds(row?.verdict ?? null),
    publication: seconds(row?.publication ?? null),
  };
}

function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** The period asked for, as Vietnam days; by default the last 30 days up to today. */
export function metricsPeriod(from: string | undefined, to: string | undefined, now = new Date()) {
  const last = to ?? (from ? addDays(from, defaultDays - 1) : vietnamToday(now));
  const first = from ?? addDays(last, -(defaultDays - 1));
  // Outside these years a day is a typing slip, and year 0 is not even a date PostgreSQL stores.
  if (first < "2000-01-01" || last > "2100-12-31") {
    throw indicatorErrors.periodOutOfRange();
  }
  if (first > last) {
    throw indicatorErrors.periodReversed();
  }
  const days = (Date.parse(last) - Date.parse(first)) / 86_400_000 + 1;
  if (days > maxDays) {
    throw indicatorErrors.periodTooLong({ maxDays });
  }
  return { from: first, to: last, start: vietnamTimeOn(first, 0), end: vietnamTimeOn(last, 0, 1) };
}

const medianOf = (end: unknown) =>
  sql`percentile_cont(0.5) within group (order by extract(epoch from (${end} - ${c.createdAt})))`;

export async function deskMetrics(db: Executor, input: MetricsInput) {
  const period = metricsPeriod(input.from, input.to);
  const where = sql`${c.createdAt} >= ${period.start.toISOString()}::timestamptz and ${c.createdAt} < ${period.end.toISOString()}::timestamptz and ${c.status} <> 'merged' and ${unitIdWithin(
    c.unitId,
    input.scope,
    input.unitPath,
  )}`;
  const medians = sql`count(*) as cases, ${medianOf(c.firstActionAt)} as first_action, ${medianOf(
    c.verdictAt,
  )} as verdict, ${medianOf(c.publishedAt)} as publication`;
  // percentile_cont skips nulls: a median is over the cases that reached the step.
  const cases = c;
  const [overall] = await queryRows<MedianRow>(db, sql`select ${medians} from ${cases} where ${where}`);
  const byCategory = await queryRows<MedianRow & { category: CaseCategory | null }>(
    db,
    sql`select ${c.category} as category, ${medians} from ${cases} where ${where} group by ${c.category} order by count(*) desc, ${c.category}`,
  );
  const byUnit = await queryRows<MedianRow & { unit_id: string }>(
    db,
    sql`select ${c.unitId} as unit_id, ${medians} from ${cases} where ${where} group by ${c.unitId} order by count(*) desc`,
  );
  const byLabel = await queryRows<{ label: VerdictLabel | null; cases: number | string }>(
    db,
    sql`select ${v.label} as label, count(*) as cases from ${cases} left join ${v} on ${v.caseId} = ${c.id}
      where ${where} group by ${v.label} order by count(*) desc, ${v.label}`,
  );
  const byStatus = await queryRows<{ status: CaseStatus; cases: number | string }>(
    db,
    sql`select ${c.status} as status, count(*) as cases from ${cases} where ${where} group by ${c.status} order by count(*) desc, ${c.status}`,
  );
  const names = await unitSummaries(
    db,
    byUnit.map((row) => row.unit_id),
  );
  return {
    from: period.from,
    to: period.to,
    overall: presentMedians(overall),
    byCategory: byCategory.map((row) => ({ category: row.category, ...presentMedians(row) })),
    byUnit: byUnit.map((row) => ({
      unitId: row.unit_id,
      unitName: names.get(row.unit_id)?.name ?? "",
      ...presentMedians(row),
    })),
    byLabel: byLabel.map((row) => ({ label: row.label, cases: Number(row.cases) })),
    byStatus: byStatus.map((row) => ({ status: row.status, cases: Number(row.cases) })),
  };
}
