import { inArray } from "drizzle-orm";
import { declarationRequests } from "../../db/schema/index.ts";
import { nameAuditSubjects } from "../../platform/audit-subjects.ts";

/*
 * The audit page names declaration requests by title. Declarations and account reports stay unnamed:
 * the log points at a member's own accounts by id only.
 */
nameAuditSubjects("declaration_request", async (db, ids) => {
  const rows = await db
    .select({ id: declarationRequests.id, title: declarationRequests.title })
    .from(declarationRequests)
    .where(inArray(declarationRequests.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.title }]));
});
