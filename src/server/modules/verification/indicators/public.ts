import { and, eq, isNull, or, sql } from "drizzle-orm";
import type { IndicatorKind, VerdictLabel } from "../../../../shared/api/verification-values.ts";
import { type Executor, queryRows } from "../../../db/client.ts";
import { scamIndicators, verificationVerdicts } from "../../../db/schema/verification.ts";
import { publicVerdictOfCase } from "../verdicts/public-verdict.ts";
import { confirmedScamCase } from "./confirmed.ts";
import { indicatorErrors } from "./errors.ts";
import { guessIndicator, normaliseAs } from "./normalise.ts";

/** Cases named in one answer at most; a value seen in more scams than this is listed by its first ones. */
const maxLookupItems = 20;

/**
 * Is this phone number, account, domain or page in a confirmed scam? The value is normalised (and its
 * kind guessed when not given); only confirmed scam cases are searched. The case is named by its
 * published verdict's claim, never by the desk's internal title.
 */
export async function lookupIndicator(db: Executor, input: { value: string; kind?: IndicatorKind }) {
  const candidates = input.kind
    ? (() => {
        const one = normaliseAs(input.kind, input.value);
        if (!one.ok) {
          throw indicatorErrors.valueRefused({ refusal: one.refusal });
        }
        return [{ kind: one.kind, value: one.value }];
      })()
    : (() => {
        const guess = guessIndicator(input.value);
        if (guess.refusal) {
          throw indicatorErrors.valueRefused({ refusal: guess.refusal });
        }
        return guess.candidates;
      })();
  const rows = await db
    .select({
      caseId: scamIndicators.caseId,
      kind: scamIndicators.kind,
      value: scamIndicators.value,
      display: scamIndicators.display,
      claim: verificationVerdicts.claimReviewed,
      label: verificationVerdicts.label,
    })
    .from(scamIndicators)
    .innerJoin(verificationVerdicts, eq(verificationVerdicts.caseId, scamIndicators.caseId))
    .where(
      and(
        isNull(scamIndicators.removedAt),
        or(...candidates.map((c) => and(eq(scamIndicators.kind, c.kind), eq(scamIndicators.value, c.value)))),
        confirmedScamCase(scamIndicators.caseId),
      ),
    )
    .orderBy(scamIndicators.createdAt)
    .limit(maxLookupItems);
  const first = candidates.find((c) => rows.some((row) => row.kind === c.kind)) ?? candidates[0];
  const items = [];
  for (const row of rows) {
    const verdict = await publicVerdictOfCase(db, row.caseId);
    items.push({
      kind: row.kind,
      display: row.display,
      case: {
        title: verdict?.claimReviewed ?? row.claim,
        label: row.label,
        ...(verdict?.url ? { articleUrl: verdict.url } : {}),
      },
    });
  }
  return {
    kind: first?.kind ?? "phone",
    normalised: first?.value ?? "",
    found: items.length > 0,
    items,
  };
}

export interface PublicIndicator {
  kind: IndicatorKind;
  value: string;
  display: string;
  caseLabel: VerdictLabel;
  firstSeen: Date;
}

/**
 * The public list, one row per value (as first seen in a confirmed scam), in a stable order, a page at
 * a time after `after` (kind, value) so a long export is read in steps rather than at once.
 */
export async function publicIndicatorsAfter(
  db: Executor,
  options: { after?: { kind: string; value: string }; limit: number; offset?: number },
): Promise<PublicIndicator[]> {
  const after = options.after
    ? sql`and (i.kind, i.value) > (${options.after.kind}, ${options.after.value})`
    : sql``;
  const rows = await queryRows<{
    kind: IndicatorKind;
    value: string;
    display: string;
    label: VerdictLabel;
    first_seen: string | Date;
  }>(
    db,
    sql`select distinct on (i.kind, i.value) i.kind, i.value, i.display, v.label, i.created_at as first_seen
      from ${scamIndicators} i
      join ${verificationVerdicts} v on v.case_id = i.case_id
      where i.removed_at is null and ${confirmedScamCase(sql`i.case_id`)} ${after}
      order by i.kind, i.value, i.created_at
      limit ${options.limit} offset ${options.offset ?? 0}`,
  );
  return rows.map((row) => ({
    kind: row.kind,
    value: row.value,
    display: row.display,
    caseLabel: row.label,
    firstSeen: new Date(row.first_seen),
  }));
}

export async function countPublicIndicators(db: Executor): Promise<number> {
  const [row] = await queryRows<{ total: number | string }>(
    db,
    sql`select count(*) as total from (select distinct i.kind, i.value from ${scamIndicators} i
      where i.removed_at is null and ${confirmedScamCase(sql`i.case_id`)}) listed`,
  );
  return Number(row?.total ?? 0);
}

/** Everything, in steps of `batch`, for the streamed exports. */
export async function* allPublicIndicators(db: Executor, batch = 1000): AsyncGenerator<PublicIndicator> {
  let after: { kind: string; value: string } | undefined;
  for (;;) {
    const rows = await publicIndicatorsAfter(db, { after, limit: batch });
    yield* rows;
    const last = rows.at(-1);
    if (!last || rows.length < batch) {
      return;
    }
    after = { kind: last.kind, value: last.value };
  }
}
