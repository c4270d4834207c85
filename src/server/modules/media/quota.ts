import { and, eq, gt, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { mediaItems } from "../../db/schema/index.ts";
import { AppError } from "../../http/errors.ts";

/*
 * The members' upload quota: what one person may add to the libraries in any 24 hours, counted in
 * bytes as stored from the media items they uploaded (deleted ones included: they were processed).
 */

/** "500 MB", "0,3 MB": megabytes with at most one decimal, in the reader's notation. */
const megabytes = (bytes: number, locale: "vi-VN" | "en-US") =>
  `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;

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

const quotaExceeded = (quotaBytes: number, usedBytes: number) =>
  new AppError(
    429,
    "media.quota_exceeded",
    {
      vi: `Bạn đã tải lên ${megabytes(usedBytes, "vi-VN")} trong 24 giờ qua; mỗi người được tải lên tối đa ${megabytes(quotaBytes, "vi-VN")} trong 24 giờ. Vui lòng thử lại sau.`,
      en: `You uploaded ${megabytes(usedBytes, "en-US")} in the last 24 hours; each person may upload at most ${megabytes(quotaBytes, "en-US")} in 24 hours. Please try again later.`,
    },
    { quotaBytes, usedBytes },
  );

/** Refuses an upload that would take `personId` over their quota (`adding` bytes more). */
export async function checkQuota(
  db: Executor,
  personId: string,
  quotaBytes: number,
  adding: number,
): Promise<void> {
  const used = await bytesUploadedInLastDay(db, personId);
  if (used + adding > quotaBytes || (adding === 0 && used >= quotaBytes)) {
    throw quotaExceeded(quotaBytes, used);
  }
}
