import { inArray } from "drizzle-orm";
import { apiTokens } from "../../db/schema/index.ts";
import { nameAuditSubjects } from "../../platform/audit-subjects.ts";
import { personNames, unitSummaries } from "../org/index.ts";

/* People and units are named through org's read models; API tokens are this module's own. */
nameAuditSubjects("person", async (db, ids) => {
  const names = await personNames(db, ids);
  return new Map([...names].map(([id, name]) => [id, { name }]));
});

nameAuditSubjects("unit", async (db, ids) => {
  const units = await unitSummaries(db, ids);
  return new Map([...units].map(([id, unit]) => [id, { name: unit.name }]));
});

nameAuditSubjects("api_token", async (db, ids) => {
  const rows = await db
    .select({ id: apiTokens.id, name: apiTokens.name })
    .from(apiTokens)
    .where(inArray(apiTokens.id, ids));
  return new Map(rows.map((row) => [row.id, { name: row.name }]));
});
