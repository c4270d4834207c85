import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { verificationCases, verificationVerdicts } from "../../../db/schema/verification.ts";

/**
 * THE PUBLIC RULE of scam indicators, "confirmed scam cases", written once here and used by the
 * lookup, the exports and the case's own list: an indicator is public when its case is in the "scam"
 * category and the case's verdict is published (not a draft, not signed off only, not paused for a
 * correction) with the label Tin giả (fake) or Tin sai sự thật (false). Anything else stays on the desk.
 */
export function confirmedScamCase(caseIdColumn: AnyPgColumn | SQL): SQL {
  return sql`exists (select 1 from ${verificationCases} join ${verificationVerdicts} on ${verificationVerdicts.caseId} = ${verificationCases.id} where ${verificationCases.id} = ${caseIdColumn} and ${verificationCases.category} = 'scam' and ${verificationVerdicts.status} = 'published' and ${verificationVerdicts.label} in ('fake', 'false'))`;
}
