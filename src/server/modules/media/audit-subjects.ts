import { inArray } from "drizzle-orm";
import { mediaItems } from "../../db/schema/index.ts";
import { nameAuditSubjects } from "../../platform/audit-subjects.ts";

/* The audit page names a picture or video by the file name it was uploaded with, else its description. */
nameAuditSubjects("media", async (db, ids) => {
  const rows = await db
    .select({ id: mediaItems.id, originalName: mediaItems.originalName, altText: mediaItems.altText })
    .from(mediaItems)
    .where(inArray(mediaItems.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.originalName || row.altText || null }]));
});
