import { and, eq, type SQL } from "drizzle-orm";
import type { PgUpdateSetSource } from "drizzle-orm/pg-core";
import type { Executor } from "../../db/client.ts";
import { postVariants, variantTransitions as transitionLog } from "../../db/schema/index.ts";
import { publishingErrors } from "./errors.ts";
import type { VariantRow, VariantStatus } from "./post-records.ts";

/**
 * Every status a variant may move to from each status, whoever moves it (a person at the desk, the
 * scheduler, the platform checks). A status kept is listed where it is recorded as a step of its own.
 */
export const variantTransitions: Record<VariantStatus, readonly VariantStatus[]> = {
  // draft → draft: created, or edited.
  draft: ["draft", "in_review"],
  // in_review → in_review: the first of two approvals. → approved: the last one. → draft: edited or sent back.
  in_review: ["in_review", "approved", "draft"],
  // → in_review: the unit's rules now ask for more approvals. → published: posted by hand.
  approved: ["draft", "in_review", "scheduled", "published"],
  // scheduled → scheduled: moved on the calendar. → approved: taken off it. → failed: missed its time.
  scheduled: ["scheduled", "draft", "in_review", "approved", "publishing", "published", "failed"],
  // → scheduled: a transient failure, tried again later.
  publishing: ["published", "scheduled", "failed"],
  // The platform did not confirm it after all (Zalo's verification).
  published: ["failed"],
  // → draft / in_review: edited, or sent for approval again; → scheduled: tried again.
  failed: ["draft", "in_review", "approved", "scheduled", "published"],
};

/** Refuses a status change the workflow does not allow (the services refuse earlier, in their own words). */
export function assertTransition(from: VariantStatus, to: VariantStatus): void {
  if (!variantTransitions[from].includes(to)) {
    throw publishingErrors.wrongStatus({ action: "move" }, { status: from });
  }
}

/** Appends a status change of a variant to its history, with who made it and why. */
export async function recordTransition(
  db: Executor,
  variant: { id: string; status: VariantStatus },
  to: VariantStatus,
  actorId: string | null,
  reason?: string | null,
  details?: Record<string, unknown>,
) {
  assertTransition(variant.status, to);
  await db.insert(transitionLog).values({
    variantId: variant.id,
    fromStatus: variant.status,
    toStatus: to,
    actorId,
    reason: reason ?? null,
    details: details ?? null,
  });
}

/** A status change, with what changes along with it and what the history records. */
export interface StatusChange {
  /** The other columns changed with the status. */
  set?: Omit<PgUpdateSetSource<typeof postVariants>, "status">;
  actorId: string | null;
  reason?: string | null;
  details?: Record<string, unknown>;
  /** False for a change the history leaves out (a draft edited, the scheduler's claim). */
  logged?: boolean;
  /** Changes the row only while this still holds; otherwise nothing is changed or recorded. */
  onlyIf?: SQL;
}

/**
 * Moves a variant to `to` (checked against `variantTransitions`) and records the step; returns the
 * changed row, or null when `onlyIf` no longer held.
 */
export async function changeVariantStatus(
  db: Executor,
  variant: { id: string; status: VariantStatus },
  to: VariantStatus,
  change: StatusChange,
): Promise<VariantRow | null> {
  assertTransition(variant.status, to);
  const [updated] = await db
    .update(postVariants)
    .set({ ...change.set, status: to })
    .where(
      change.onlyIf ? and(eq(postVariants.id, variant.id), change.onlyIf) : eq(postVariants.id, variant.id),
    )
    .returning();
  if (!updated) {
    return null;
  }
  if (change.logged !== false) {
    await recordTransition(db, variant, to, change.actorId, change.reason, change.details);
  }
  return updated;
}
