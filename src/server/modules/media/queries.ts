import { and, desc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { containsPattern } from "../../db/like.ts";
import { mediaItems } from "../../db/schema/index.ts";
import { personSummaries, unitIdWithin, unitSummaries } from "../org/index.ts";

/*
 * Reading the library: the items as the API shows them, pages of a unit's library, and the lookups
 * other modules make (views by id, the unit each item belongs to).
 */

type MediaRow = typeof mediaItems.$inferSelect;
type MediaKind = MediaRow["kind"];

/** The public address of a stored file. */
export function mediaUrl(key: string, publicUrl = ""): string {
  return `${publicUrl.replace(/\/+$/, "")}/media/${key}`;
}

/** Items as the API shows them: addresses instead of storage keys, with unit and uploader names. */
export async function mediaViews(db: Executor, rows: MediaRow[]) {
  const unitNames = await unitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  const uploaders = await personSummaries(
    db,
    rows.flatMap((row) => (row.uploadedBy ? [row.uploadedBy] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unitId,
    unitName: unitNames.get(row.unitId)?.name ?? null,
    unitPath: unitNames.get(row.unitId)?.path ?? null,
    kind: row.kind,
    mime: row.mime,
    bytes: row.bytes,
    width: row.width,
    height: row.height,
    durationSeconds: row.durationSeconds,
    altText: row.altText,
    originalName: row.originalName,
    url: mediaUrl(row.storageKey),
    thumbnailUrl: row.thumbnailKey ? mediaUrl(row.thumbnailKey) : null,
    published: row.published,
    uploadedBy: row.uploadedBy,
    uploadedByName: row.uploadedBy ? (uploaders.get(row.uploadedBy)?.fullName ?? null) : null,
    createdAt: row.createdAt,
  }));
}

export type MediaView = Awaited<ReturnType<typeof mediaViews>>[number];

/** The items among `ids` that still exist, by id, in one query (deleted or unknown ones are left out). */
export async function mediaViewsByIds(db: Executor, ids: readonly string[]): Promise<Map<string, MediaView>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select()
    .from(mediaItems)
    .where(and(inArray(mediaItems.id, [...new Set(ids)]), isNull(mediaItems.deletedAt)));
  return new Map((await mediaViews(db, rows)).map((view) => [view.id, view]));
}

/**
 * The unit path of each item among `ids` that still exists (deleted or unknown ones are left out),
 * so that a caller can tell whether an item belongs where it is used.
 */
export async function mediaUnitPaths(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({ id: mediaItems.id, unitId: mediaItems.unitId })
    .from(mediaItems)
    .where(and(inArray(mediaItems.id, [...new Set(ids)]), isNull(mediaItems.deletedAt)));
  const units = await unitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  return new Map(
    rows.flatMap((row) => {
      const path = units.get(row.unitId)?.path;
      return path ? [[row.id, path] as [string, string]] : [];
    }),
  );
}

export interface ListMediaOptions {
  scope: readonly string[];
  /** Narrow to this unit's subtree, or with `exactUnitId` to the unit alone. */
  unitPath?: string;
  exactUnitId?: string;
  kind?: MediaKind;
  q?: string;
  limit: number;
  offset: number;
}

/** A library page, newest first; `q` matches alt text and file name ignoring diacritics and case. */
export async function listMedia(db: Executor, options: ListMediaOptions) {
  const conditions: SQL[] = [
    isNull(mediaItems.deletedAt),
    unitIdWithin(mediaItems.unitId, options.scope, options.unitPath),
  ];
  if (options.exactUnitId) {
    conditions.push(eq(mediaItems.unitId, options.exactUnitId));
  }
  if (options.kind) {
    conditions.push(eq(mediaItems.kind, options.kind));
  }
  const folded = options.q ? foldForSearch(options.q) : "";
  if (folded) {
    const pattern = containsPattern(folded);
    conditions.push(
      sql`lower(unaccent(${mediaItems.altText} || ' ' || coalesce(${mediaItems.originalName}, ''))) like ${pattern}`,
    );
  }
  const where = and(...conditions);
  const rows = await db
    .select()
    .from(mediaItems)
    .where(where)
    .orderBy(desc(mediaItems.createdAt), desc(mediaItems.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db.select({ count: sql<number>`count(*)::int` }).from(mediaItems).where(where);
  return { items: await mediaViews(db, rows), total: total?.count ?? 0 };
}
