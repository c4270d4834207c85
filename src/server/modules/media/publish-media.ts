import { and, inArray, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { mediaItems } from "../../db/schema/index.ts";
import type { MediaForPublish } from "../publishing/index.ts";
import { mediaErrors } from "./errors.ts";
import { mediaUrl } from "./queries.ts";
import { defaultStorage, type MediaStorage } from "./storage.ts";

/* What publishing asks of the library: the files a post sends, and marking them published. */

type MediaRow = typeof mediaItems.$inferSelect;

/**
 * The items a publish sends, in the order given, with the public address a platform fetches and
 * the file's path on this machine for platforms that take an upload. A missing or deleted item is
 * refused rather than left out, so a post never goes out without a picture its author chose.
 */
export async function mediaForPublish(
  db: Executor,
  ids: readonly string[],
  publicUrl: string,
  storage: MediaStorage = defaultStorage(),
): Promise<MediaForPublish[]> {
  if (ids.length === 0) {
    return [];
  }
  const rows = await db
    .select()
    .from(mediaItems)
    .where(and(inArray(mediaItems.id, [...new Set(ids)]), isNull(mediaItems.deletedAt)));
  const byId = new Map(rows.map((row) => [row.id, row]));
  const missing = ids.filter((id) => !byId.has(id));
  if (missing.length > 0) {
    throw mediaErrors.unavailable({ ids: missing });
  }
  return ids.map((id) => {
    const row = byId.get(id) as MediaRow;
    return {
      id: row.id,
      kind: row.kind,
      mime: row.mime,
      url: mediaUrl(row.storageKey, publicUrl),
      path: storage.pathOf(row.storageKey),
      altText: row.altText,
    };
  });
}

/** Records that these items went out in a published variant: from now on they cannot be deleted. */
export async function markPublished(db: Executor, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) {
    return;
  }
  await db
    .update(mediaItems)
    .set({ published: true })
    .where(inArray(mediaItems.id, [...new Set(ids)]));
}
