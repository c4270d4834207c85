import type { Executor } from "../../../db/client.ts";

/*
 * Round-robin assignment of new conversations to whoever is on duty for the unit. STUB (skeleton):
 * the roster part replaces the body; the signature stays.
 */

/**
 * The person a new conversation of the unit goes to at `at`: the next one on duty after the unit's
 * round-robin cursor, skipping people marked away, moving the cursor; null outside all shifts.
 * Call it inside the transaction that creates the conversation.
 */
export async function pickOnDutyAssignee(_db: Executor, _unitId: string, _at: Date): Promise<string | null> {
  return null;
}
