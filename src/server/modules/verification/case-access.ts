import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { verificationCases } from "../../db/schema/verification.ts";
import type { Actor } from "../../platform/actor.ts";
import { unitPath } from "../org/index.ts";
import { caseAccessErrors } from "./errors.ts";
import { canManageCase, canReadCase } from "./policy.ts";

export type CaseRow = typeof verificationCases.$inferSelect;

/** A case with its unit's path, which every rule of policy.ts is asked about. */
export interface ScopedCase {
  row: CaseRow;
  unitPath: string;
}

/** Loads a case without asking who reads it (for jobs and public pages that show only public parts). */
export async function loadCase(db: Executor, caseId: string): Promise<ScopedCase> {
  const [row] = await db.select().from(verificationCases).where(eq(verificationCases.id, caseId)).limit(1);
  if (!row) {
    throw caseAccessErrors.caseNotFound();
  }
  const path = await unitPath(db, row.unitId);
  if (path === null) {
    throw caseAccessErrors.caseNotFound();
  }
  return { row, unitPath: path };
}

/**
 * Loads a case the actor may read ("read") or work on ("manage"); 404 when there is none, 403 when it
 * belongs to a unit outside the actor's scope. Pass a transaction's executor with `forUpdate` to lock
 * the row for a change.
 */
export async function caseFor(
  db: Executor,
  actor: Actor,
  caseId: string,
  need: "read" | "manage",
  options: { forUpdate?: boolean } = {},
): Promise<ScopedCase> {
  if (options.forUpdate) {
    const [locked] = await db
      .select({ id: verificationCases.id })
      .from(verificationCases)
      .where(eq(verificationCases.id, caseId))
      .for("update");
    if (!locked) {
      throw caseAccessErrors.caseNotFound();
    }
  }
  const scoped = await loadCase(db, caseId);
  const allowed =
    need === "read" ? canReadCase(actor, scoped.unitPath) : canManageCase(actor, scoped.unitPath);
  if (!allowed) {
    throw caseAccessErrors.caseForbidden();
  }
  return scoped;
}
