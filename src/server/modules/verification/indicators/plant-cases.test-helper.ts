import type {
  CaseCategory,
  CaseStatus,
  VerdictLabel,
  VerdictStatus,
} from "../../../../shared/api/verification-values.ts";
import type { Db } from "../../../db/client.ts";
import { verificationCases, verificationVerdicts } from "../../../db/schema/verification.ts";

/*
 * Cases and verdicts written straight into their tables for the indicators' and metrics' tests, so
 * they do not wait on the tip, case and verdict services being built beside them.
 */

export async function plantCase(
  db: Db,
  options: {
    unitId: string;
    title?: string;
    category?: CaseCategory | null;
    status?: CaseStatus;
    createdAt?: Date;
    /** Minutes after creation; absent = not reached. */
    firstActionAfter?: number;
    verdictAfter?: number;
    publishedAfter?: number;
    verdict?: { label: VerdictLabel; status: VerdictStatus; claimReviewed?: string };
  },
) {
  const createdAt = options.createdAt ?? new Date(Date.now() - 60 * 60 * 1000);
  const after = (minutes: number | undefined) =>
    minutes === undefined ? null : new Date(createdAt.getTime() + minutes * 60_000);
  const [row] = await db
    .insert(verificationCases)
    .values({
      unitId: options.unitId,
      title: options.title ?? "Tin nhắn giả danh ngân hàng yêu cầu cập nhật thông tin",
      claimText: options.title ?? "",
      category: options.category === undefined ? "scam" : options.category,
      status: options.status ?? "checking",
      createdAt,
      firstActionAt: after(options.firstActionAfter),
      verdictAt: after(options.verdictAfter),
      publishedAt: after(options.publishedAfter),
    })
    .returning();
  if (!row) {
    throw new Error("case not planted");
  }
  if (options.verdict) {
    await db.insert(verificationVerdicts).values({
      caseId: row.id,
      unitId: options.unitId,
      label: options.verdict.label,
      status: options.verdict.status,
      claimReviewed: options.verdict.claimReviewed ?? "Tin nhắn giả danh Vietcombank là lừa đảo",
      version: options.verdict.status === "published" ? 1 : 0,
      publishedAt: options.verdict.status === "published" ? new Date() : null,
    });
  }
  return row;
}
