import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { verificationCases } from "../../../db/schema/verification.ts";
import { publishedAddressOfPost } from "../../publishing/index.ts";
import { isPublicLabel } from "./labels.ts";
import { verdictOfCase } from "./state.ts";

export interface PublicVerdict {
  label: "fake" | "false" | "true";
  claimReviewed: string;
  /** The correction article on the unit's portal, as a site-relative address (/u/<unit code>/<slug>). */
  url: string;
  publishedAt: Date;
  version: number;
}

/**
 * The case's published verdict, for the reporter's status page; null while none is public. A merged
 * case answers with the verdict of the case it was merged into. A paused verdict (being corrected)
 * answers null: the reporter's page then shows the case as being checked again, rather than a label
 * that may be about to change; the reporter is e-mailed again when the correction is published.
 */
export async function publicVerdictOfCase(db: Executor, caseId: string): Promise<PublicVerdict | null> {
  let id = caseId;
  // Merges are followed a few steps at most; a longer chain is not something the desk makes.
  for (let step = 0; step < 5; step++) {
    const [row] = await db
      .select({ mergedIntoId: verificationCases.mergedIntoId })
      .from(verificationCases)
      .where(eq(verificationCases.id, id))
      .limit(1);
    if (!row?.mergedIntoId) {
      break;
    }
    id = row.mergedIntoId;
  }
  const verdict = await verdictOfCase(db, id);
  if (
    verdict?.status !== "published" ||
    !isPublicLabel(verdict.label) ||
    !verdict.postId ||
    !verdict.publishedAt
  ) {
    return null;
  }
  const address = await publishedAddressOfPost(db, { postId: verdict.postId, publicUrl: "" });
  if (!address) {
    return null;
  }
  return {
    label: verdict.label,
    claimReviewed: verdict.claimReviewed,
    url: address.url,
    publishedAt: verdict.publishedAt,
    version: verdict.version,
  };
}
