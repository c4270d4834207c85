import { inArray } from "drizzle-orm";
import { inboxCannedReplies, inboxOffices } from "../../../db/schema/inbox.ts";
import { nameAuditSubjects } from "../../../platform/audit-subjects.ts";

/*
 * The audit page names a canned reply by its shortcut and title, an office by its name. Conversations
 * and contacts stay unnamed there: their names are a citizen's, and the log is read by other people.
 */
nameAuditSubjects("inbox_canned_reply", async (db, ids) => {
  const rows = await db
    .select({
      id: inboxCannedReplies.id,
      shortcut: inboxCannedReplies.shortcut,
      title: inboxCannedReplies.title,
    })
    .from(inboxCannedReplies)
    .where(inArray(inboxCannedReplies.id, ids));
  return new Map(rows.map((row) => [row.id, { name: `/${row.shortcut} — ${row.title}` }]));
});

nameAuditSubjects("inbox_office", async (db, ids) => {
  const rows = await db
    .select({ id: inboxOffices.id, name: inboxOffices.name })
    .from(inboxOffices)
    .where(inArray(inboxOffices.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.name }]));
});
