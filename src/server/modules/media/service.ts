import { createHash } from "node:crypto";
import { open, rm } from "node:fs/promises";
import type { Readable } from "node:stream";
import { and, eq, isNull, sql } from "drizzle-orm";
import { altTextLimits } from "../../../shared/api/media.ts";
import { normalizeName } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { mediaItems } from "../../db/schema/index.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { mediaErrors } from "./errors.ts";
import { processImage } from "./images.ts";
import { readAndScrubMp4 } from "./mp4.ts";
import { type MediaView, mediaViews } from "./queries.ts";
import { checkQuota } from "./quota.ts";
import { type Sniffed, sniff, sniffLength } from "./sniff.ts";
import { type MediaStorage, newMediaKeys } from "./storage.ts";

export type MediaRow = typeof mediaItems.$inferSelect;
export type MediaKind = MediaRow["kind"];
export {
  type ListMediaOptions,
  listMedia,
  type MediaView,
  mediaUnitPaths,
  mediaUrl,
  mediaViews,
  mediaViewsByIds,
} from "./queries.ts";

export const maxImageBytes = 20 * 1024 * 1024;
export const maxVideoBytes = 200 * 1024 * 1024;

const mediaLabel = { vi: "tệp trong thư viện", en: "Media item" };

const unsupported = () => mediaErrors.typeUnsupported();

const tooLarge = (kind: MediaKind) => {
  const maxBytes = kind === "image" ? maxImageBytes : maxVideoBytes;
  return mediaErrors.tooLarge({ kind, maxBytes }, { maxBytes });
};

/**
 * The alt text as stored: required for images (screen readers read it out; it is shown when images
 * are off), optional for videos; within the limits either way.
 */
export function cleanAltText(value: string | undefined, kind: MediaKind | null): string {
  const text = normalizeName(value ?? "");
  if (!text) {
    if (kind === "image") {
      throw mediaErrors.altTextRequired();
    }
    return "";
  }
  if (text.length < altTextLimits.min) {
    throw mediaErrors.altTextTooShort({ min: altTextLimits.min });
  }
  if (text.length > altTextLimits.max) {
    throw mediaErrors.altTextTooLong({ max: altTextLimits.max });
  }
  return text;
}

interface Received {
  path: string;
  bytes: number;
  sha256: string;
  sniffed: Sniffed & { kind: MediaKind };
}

/**
 * Streams the body to a scratch file while hashing it. The type is decided from the first bytes,
 * so a wrong file or a missing alt text is refused before the rest is read, and the size limit of
 * that type is enforced as the bytes arrive (a missing or false Content-Length changes nothing).
 */
async function receive(
  storage: MediaStorage,
  body: Readable,
  checkKind: (kind: MediaKind) => void,
): Promise<Received> {
  const path = await storage.scratchPath();
  const file = await open(path, "w");
  const hash = createHash("sha256");
  const headChunks: Buffer[] = [];
  let bytes = 0;
  let sniffed: Received["sniffed"] | null = null;
  const decide = () => {
    const found = sniff(Buffer.concat(headChunks).subarray(0, sniffLength));
    if (found.kind === "heic") {
      throw mediaErrors.heicUnsupported();
    }
    if (found.kind === "unknown") {
      throw unsupported();
    }
    checkKind(found.kind);
    return found;
  };
  try {
    for await (const chunk of body as AsyncIterable<Buffer>) {
      bytes += chunk.length;
      if (!sniffed) {
        headChunks.push(chunk);
        if (bytes >= sniffLength) {
          sniffed = decide();
        }
      }
      if (sniffed && bytes > (sniffed.kind === "image" ? maxImageBytes : maxVideoBytes)) {
        throw tooLarge(sniffed.kind);
      }
      hash.update(chunk);
      await file.write(chunk);
    }
    if (bytes === 0) {
      throw mediaErrors.empty();
    }
    sniffed ??= decide();
    return { path, bytes, sha256: hash.digest("hex"), sniffed };
  } catch (error) {
    // Read what the sender is still sending, so the refusal reaches it instead of a reset connection.
    body.resume();
    await file.close().catch(() => {});
    await rm(path, { force: true });
    throw error;
  } finally {
    await file.close().catch(() => {});
  }
}

async function findDuplicate(db: Executor, unitId: string, sha256: string): Promise<MediaRow | null> {
  const [row] = await db
    .select()
    .from(mediaItems)
    .where(and(eq(mediaItems.unitId, unitId), eq(mediaItems.sha256, sha256), isNull(mediaItems.deletedAt)))
    .limit(1);
  return row ?? null;
}

export interface UploadInput {
  unit: { id: string; path: string };
  altText?: string;
  name?: string;
  body: Readable;
  /** Bytes (as stored) the uploader may add in any 24 hours; no limit when absent. */
  quotaBytes?: number;
}

/** Stores an uploaded image (re-encoded, with a thumbnail) or video (as sent, location boxes blanked). */
export async function uploadMedia(
  ctx: ActionContext,
  storage: MediaStorage,
  input: UploadInput,
): Promise<{ row: MediaRow; duplicate: boolean }> {
  // A text given but out of bounds is refused before any byte of the file is read.
  if (input.altText?.trim()) {
    cleanAltText(input.altText, null);
  }
  const quota =
    input.quotaBytes !== undefined && ctx.actor
      ? { bytes: input.quotaBytes, personId: ctx.actor.personId }
      : null;
  // Nothing is read or decoded for someone whose quota is already used up.
  if (quota) {
    await checkQuota(ctx.db, quota.personId, quota.bytes, 0).catch((error: unknown) => {
      // Read what the sender is still sending, so the refusal reaches it instead of a reset connection.
      input.body.resume();
      throw error;
    });
  }
  const received = await receive(storage, input.body, (kind) => {
    cleanAltText(input.altText, kind);
  });
  const scratch = received.path;
  const written: string[] = [];
  try {
    const existing = await findDuplicate(ctx.db, input.unit.id, received.sha256);
    if (existing) {
      return { row: existing, duplicate: true };
    }
    const { kind } = received.sniffed;
    let stored: Pick<
      MediaRow,
      "mime" | "bytes" | "width" | "height" | "durationSeconds" | "storageKey" | "thumbnailKey"
    >;
    if (kind === "image") {
      const image = await processImage(scratch);
      const keys = newMediaKeys(image.mime);
      await storage.putBuffer(keys.key, image.data);
      written.push(keys.key);
      await storage.putBuffer(keys.thumbnailKey, image.thumbnail);
      written.push(keys.thumbnailKey);
      stored = {
        mime: image.mime,
        bytes: image.data.length,
        width: image.width,
        height: image.height,
        durationSeconds: null,
        storageKey: keys.key,
        thumbnailKey: keys.thumbnailKey,
      };
    } else {
      const mime = received.sniffed.mime as "video/mp4" | "video/webm";
      // Reading the container must never cost the upload: facts it cannot read stay unknown.
      const facts =
        mime === "video/mp4"
          ? await readAndScrubMp4(scratch).catch(() => ({ width: null, height: null, durationSeconds: null }))
          : { width: null, height: null, durationSeconds: null };
      const keys = newMediaKeys(mime);
      await storage.putFile(keys.key, scratch);
      written.push(keys.key);
      stored = { mime, bytes: received.bytes, ...facts, storageKey: keys.key, thumbnailKey: null };
    }
    const altText = cleanAltText(input.altText, kind);
    const originalName = input.name ? normalizeName(input.name).slice(0, 300) || null : null;
    const result = await ctx.db.transaction(async (tx) => {
      // Two uploads of the same file at once must not both be added.
      await tx.execute(
        sql`select pg_advisory_xact_lock(hashtext(${`media:${input.unit.id}:${received.sha256}`}))`,
      );
      const raced = await findDuplicate(tx, input.unit.id, received.sha256);
      if (raced) {
        return { row: raced, duplicate: true };
      }
      if (quota) {
        // Checked again with this file counted, one upload of the person at a time.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`media-quota:${quota.personId}`}))`);
        await checkQuota(tx, quota.personId, quota.bytes, stored.bytes);
      }
      const [row] = await tx
        .insert(mediaItems)
        .values({
          unitId: input.unit.id,
          uploadedBy: ctx.actor?.personId ?? null,
          kind,
          altText,
          originalName,
          sha256: received.sha256,
          ...stored,
        })
        .returning();
      if (!row) {
        throw new Error("media insert returned nothing");
      }
      await recordAudit(tx, {
        actor: ctx.actor,
        action: "media.upload",
        unit: input.unit,
        target: { type: "media", id: row.id },
        ip: ctx.ip,
        details: { kind, mime: row.mime, bytes: row.bytes, sha256: row.sha256 },
      });
      return { row, duplicate: false };
    });
    if (result.duplicate) {
      await Promise.all(written.map((key) => storage.remove(key)));
    }
    return result;
  } catch (error) {
    await Promise.all(written.map((key) => storage.remove(key)));
    throw error;
  } finally {
    await rm(scratch, { force: true });
  }
}

async function requireMedia(db: Executor, id: string, lock = false): Promise<MediaRow> {
  const query = db
    .select()
    .from(mediaItems)
    .where(and(eq(mediaItems.id, id), isNull(mediaItems.deletedAt)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) {
    throw errors.notFound(mediaLabel);
  }
  return row;
}

/** The unit of a media item, for the access check; a deleted or unknown item is a 404. */
export async function unitOfMedia(db: Executor, id: string): Promise<string> {
  return (await requireMedia(db, id)).unitId;
}

export async function updateAltText(
  ctx: ActionContext,
  input: { id: string; unit: { id: string; path: string }; altText: string },
): Promise<MediaRow> {
  return ctx.db.transaction(async (tx) => {
    const current = await requireMedia(tx, input.id, true);
    const altText = cleanAltText(input.altText, current.kind);
    const [row] = await tx.update(mediaItems).set({ altText }).where(eq(mediaItems.id, input.id)).returning();
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "media.alt_text",
      unit: input.unit,
      target: { type: "media", id: input.id },
      ip: ctx.ip,
    });
    return row ?? current;
  });
}

/**
 * Takes an item out of the library. The row stays (the audit log and past posts refer to it) but
 * its files are removed, so its address stops answering. Refused once a published post used it.
 */
export async function deleteMedia(
  ctx: ActionContext,
  storage: MediaStorage,
  input: { id: string; unit: { id: string; path: string } },
): Promise<void> {
  const row = await ctx.db.transaction(async (tx) => {
    const current = await requireMedia(tx, input.id, true);
    if (current.published) {
      throw mediaErrors.published();
    }
    await tx.update(mediaItems).set({ deletedAt: new Date() }).where(eq(mediaItems.id, input.id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "media.delete",
      unit: input.unit,
      target: { type: "media", id: input.id },
      ip: ctx.ip,
      details: { kind: current.kind, sha256: current.sha256 },
    });
    return current;
  });
  await storage.remove(row.storageKey);
  if (row.thumbnailKey) {
    await storage.remove(row.thumbnailKey);
  }
}

export async function getMedia(db: Executor, id: string): Promise<MediaView> {
  const [view] = await mediaViews(db, [await requireMedia(db, id)]);
  if (!view) {
    throw errors.notFound(mediaLabel);
  }
  return view;
}

export { markPublished, mediaForPublish } from "./publish-media.ts";
export { setDefaultMediaStorage } from "./storage.ts";
