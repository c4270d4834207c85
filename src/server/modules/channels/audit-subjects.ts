import { inArray } from "drizzle-orm";
import { channels } from "../../db/schema/index.ts";
import { nameAuditSubjects } from "../../platform/audit-subjects.ts";

/* The audit page names a channel by its display name, with its platform. */
nameAuditSubjects("channel", async (db, ids) => {
  const rows = await db
    .select({ id: channels.id, name: channels.displayName, platform: channels.platform })
    .from(channels)
    .where(inArray(channels.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.name, kind: row.platform }]));
});
