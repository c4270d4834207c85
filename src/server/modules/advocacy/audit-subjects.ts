import { inArray } from "drizzle-orm";
import { campaigns, shareKits } from "../../db/schema/index.ts";
import { nameAuditSubjects } from "../../platform/audit-subjects.ts";

/* The audit page names share kits and campaigns by their titles. */
nameAuditSubjects("share_kit", async (db, ids) => {
  const rows = await db
    .select({ id: shareKits.id, title: shareKits.title })
    .from(shareKits)
    .where(inArray(shareKits.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.title }]));
});

nameAuditSubjects("campaign", async (db, ids) => {
  const rows = await db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(inArray(campaigns.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.name }]));
});
