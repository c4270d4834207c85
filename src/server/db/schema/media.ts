import { boolean, index, integer, pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { mediaKindValues } from "../../../shared/api/media.ts";

/** Images and videos of a unit, re-encoded on upload (no EXIF or GPS), with thumbnails and alt text. */
export const mediaItems = pgTable(
  "media_items",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id").notNull(),
    uploadedBy: uuid("uploaded_by"),
    kind: text("kind", { enum: mediaKindValues }).notNull(),
    mime: text("mime").notNull(),
    bytes: integer("bytes").notNull(),
    width: integer("width"),
    height: integer("height"),
    durationSeconds: integer("duration_seconds"),
    /** Required for images: read aloud by screen readers and shown when images are off. */
    altText: text("alt_text").notNull(),
    originalName: text("original_name"),
    /** Where the file is kept (relative to the media directory); the thumbnail beside it. */
    storageKey: text("storage_key").notNull(),
    thumbnailKey: text("thumbnail_key"),
    sha256: text("sha256").notNull(),
    /** Set once it is used in a published variant: it can no longer be deleted, only hidden. */
    published: boolean("published").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("media_items_unit_idx").on(t.unitId, t.createdAt),
    // What a person uploaded in the last 24 hours (the members' upload quota).
    index("media_items_uploader_idx").on(t.uploadedBy, t.createdAt),
  ],
);
