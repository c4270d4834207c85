import { and, count, desc, eq, inArray, sql } from "drizzle-orm";
import type { TipStatus } from "../../../../shared/api/verification-tips.ts";
import type { Executor } from "../../../db/client.ts";
import { verificationCases, verificationFiles, verificationTips } from "../../../db/schema/verification.ts";
import { publicVerdictOfCase } from "../verdicts/public-verdict.ts";
import { tipErrors } from "./errors.ts";
import { parseTrackingCode } from "./tracking-code.ts";

/*
 * What a reporter sees of their tip (tingia.gov.vn: received → checking → answered): derived from the
 * case it belongs to, following merges, and never anything about other reporters or the e-mail.
 */

const excerptLength = 300;

function excerptOf(text: string | null): string {
  const value = text ?? "";
  return value.length > excerptLength ? `${value.slice(0, excerptLength - 1)}…` : value;
}

type CaseState = Pick<
  typeof verificationCases.$inferSelect,
  "id" | "status" | "firstActionAt" | "mergedIntoId"
>;

/** The case a tip's answer comes from: its own, or the one it was merged into. */
async function answeringCase(db: Executor, caseId: string): Promise<CaseState | null> {
  let id = caseId;
  let found: CaseState | null = null;
  for (let hop = 0; hop < 5; hop++) {
    const [row] = await db
      .select({
        id: verificationCases.id,
        status: verificationCases.status,
        firstActionAt: verificationCases.firstActionAt,
        mergedIntoId: verificationCases.mergedIntoId,
      })
      .from(verificationCases)
      .where(eq(verificationCases.id, id));
    if (!row) {
      return found;
    }
    found = row;
    if (!row.mergedIntoId) {
      return row;
    }
    id = row.mergedIntoId;
  }
  return found;
}

/** The reporter's view of a case's progress. */
async function statusOfCase(
  db: Executor,
  caseId: string,
): Promise<Pick<TipStatus, "status" | "verdict" | "closedWithoutVerdict">> {
  const state = await answeringCase(db, caseId);
  if (!state) {
    return { status: "received", verdict: null, closedWithoutVerdict: false };
  }
  const verdict = await publicVerdictOfCase(db, state.id);
  if (verdict) {
    return {
      status: "answered",
      verdict: {
        label: verdict.label,
        claimReviewed: verdict.claimReviewed,
        url: verdict.url,
        publishedAt: verdict.publishedAt,
      },
      closedWithoutVerdict: false,
    };
  }
  if (state.status === "closed") {
    return { status: "answered", verdict: null, closedWithoutVerdict: true };
  }
  if (state.status === "received" && !state.firstActionAt) {
    return { status: "received", verdict: null, closedWithoutVerdict: false };
  }
  // Checking, awaiting sign-off, and paused (a published verdict being corrected) all read "checking".
  return { status: "checking", verdict: null, closedWithoutVerdict: false };
}

/** A tip's status by its tracking code, as typed; 404 for a malformed or unknown code alike. */
export async function tipStatusByCode(db: Executor, typedCode: string): Promise<TipStatus> {
  const code = parseTrackingCode(typedCode);
  if (!code) {
    throw tipErrors.tipNotFound();
  }
  const [tip] = await db
    .select({
      trackingCode: verificationTips.trackingCode,
      caseId: verificationTips.caseId,
      createdAt: verificationTips.createdAt,
      url: verificationTips.url,
      text: verificationTips.text,
    })
    .from(verificationTips)
    .where(eq(verificationTips.trackingCode, code))
    .limit(1);
  if (!tip) {
    throw tipErrors.tipNotFound();
  }
  return {
    trackingCode: tip.trackingCode,
    receivedAt: tip.createdAt,
    url: tip.url,
    excerpt: excerptOf(tip.text),
    ...(await statusOfCase(db, tip.caseId)),
  };
}

/** A member's own tips, newest first, with where each has got. */
export async function listOwnTips(
  db: Executor,
  personId: string,
  paging: { limit: number; offset: number; page: number },
) {
  const rows = await db
    .select({
      id: verificationTips.id,
      trackingCode: verificationTips.trackingCode,
      caseId: verificationTips.caseId,
      url: verificationTips.url,
      text: verificationTips.text,
      createdAt: verificationTips.createdAt,
    })
    .from(verificationTips)
    .where(eq(verificationTips.reporterId, personId))
    .orderBy(desc(verificationTips.createdAt), desc(verificationTips.id))
    .limit(paging.limit)
    .offset(paging.offset);
  const [totalRow] = await db
    .select({ total: count() })
    .from(verificationTips)
    .where(eq(verificationTips.reporterId, personId));
  const ids = rows.map((row) => row.id);
  const imageCounts = new Map(
    ids.length === 0
      ? []
      : (
          await db
            .select({ tipId: verificationFiles.tipId, images: sql<number>`count(*)::int` })
            .from(verificationFiles)
            .where(and(inArray(verificationFiles.tipId, ids)))
            .groupBy(verificationFiles.tipId)
        ).map((row) => [row.tipId, row.images]),
  );
  const items = [];
  for (const row of rows) {
    items.push({
      trackingCode: row.trackingCode,
      receivedAt: row.createdAt,
      url: row.url,
      excerpt: excerptOf(row.text),
      imageCount: imageCounts.get(row.id) ?? 0,
      ...(await statusOfCase(db, row.caseId)),
    });
  }
  return { items, total: totalRow?.total ?? 0, page: paging.page };
}
