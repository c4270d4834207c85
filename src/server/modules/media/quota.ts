import { and, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { mediaItems } from "../../db/schema/index.ts";
import { mediaErrors } from "./errors.ts";
import { exceedsQuota } from "./policy.ts";

/*
 * The members' upload quota: what one person may add to the libraries in any 24 hours, counted in
 * bytes as stored from the media items they uploaded (deleted ones included: they were processed).
 */

/** How many bytes (as stored) a person added in the last 24 hours, deleted items included. */
export async function bytesUploadedInLastDay(db: Executor, personId: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<string | number | null>`sum(${mediaItems.bytes})` })
    .from(mediaItems)
    .where(
      and(eq(mediaItems.uploadedBy, personId), gt(mediaItems.createdAt, sql`now() - interval '24 hours'`)),
    );
  return Number(row?.total ?? 0);
}

/** Refuses an upload that would take `personId` over their quota (`adding` bytes more). */
export async function checkQuota(
  db: Executor,
  personId: string,
  quotaBytes: number,
  adding: number,
): Promise<void> {
  const used = await bytesUploadedInLastDay(db, personId);
  if (exceedsQuota({ usedBytes: used, addingBytes: adding, quotaBytes })) {
    throw mediaErrors.quotaExceeded({ usedBytes: used, quotaBytes }, { quotaBytes, usedBytes: used });
  }
}
