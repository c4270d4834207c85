import { and, desc, eq, ilike, isNull, or, type SQL, sql } from "drizzle-orm";
import type { IndicatorKind } from "../../../../shared/api/verification-values.ts";
import type { Executor } from "../../../db/client.ts";
import { containsPattern } from "../../../db/like.ts";
import { scamIndicators, verificationCases, verificationVerdicts } from "../../../db/schema/verification.ts";
import { unitIdWithin, unitSummaries } from "../../org/index.ts";
import { confirmedScamCase } from "./confirmed.ts";
import { presentIndicator } from "./service.ts";

/** The desk's own list: every indicator of the cases within the reader's units, public or not yet. */
export async function listStaffIndicators(
  db: Executor,
  options: {
    scope: readonly string[];
    unitPath?: string;
    kind?: IndicatorKind;
    q?: string;
    limit: number;
    offset: number;
  },
) {
  const conditions: SQL[] = [
    isNull(scamIndicators.removedAt),
    unitIdWithin(scamIndicators.unitId, options.scope, options.unitPath),
  ];
  if (options.kind) {
    conditions.push(eq(scamIndicators.kind, options.kind));
  }
  const q = options.q?.trim();
  if (q) {
    const pattern = containsPattern(q);
    const digits = q.replace(/\D/g, "");
    const matches = [ilike(scamIndicators.value, pattern), ilike(scamIndicators.display, pattern)];
    if (digits.length >= 3 && digits !== q) {
      matches.push(ilike(scamIndicators.value, `%${digits}%`));
    }
    conditions.push(or(...matches) as SQL);
  }
  const where = and(...conditions);
  const [rows, [count]] = await Promise.all([
    db
      .select({
        indicator: scamIndicators,
        caseTitle: verificationCases.title,
        caseLabel: verificationVerdicts.label,
        isPublic: sql<boolean>`${confirmedScamCase(scamIndicators.caseId)}`,
      })
      .from(scamIndicators)
      .innerJoin(verificationCases, eq(verificationCases.id, scamIndicators.caseId))
      .leftJoin(verificationVerdicts, eq(verificationVerdicts.caseId, scamIndicators.caseId))
      .where(where)
      .orderBy(desc(scamIndicators.createdAt), scamIndicators.id)
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(scamIndicators).where(where),
  ]);
  const units = await unitSummaries(
    db,
    rows.map((row) => row.indicator.unitId),
  );
  return {
    items: rows.map((row) => ({
      ...presentIndicator(row.indicator),
      unitId: row.indicator.unitId,
      unitName: units.get(row.indicator.unitId)?.name ?? "",
      caseTitle: row.caseTitle,
      caseLabel: row.caseLabel ?? null,
      public: Boolean(row.isPublic),
    })),
    total: Number(count?.total ?? 0),
  };
}
