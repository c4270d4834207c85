import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxSettings } from "../../../db/schema/inbox.ts";
import { onDutyAt } from "./on-duty.ts";

/*
 * Round-robin assignment of new conversations to whoever is on duty for the unit. The order is the
 * people's ids (stable whatever the shift or the swap); the cursor is the unit's settings row, locked
 * FOR UPDATE so two conversations created at the same moment go to two different people.
 */

/** The next id after `last` in the sorted list, wrapping round; the first when `last` is unknown. */
export function nextInTurn(sortedIds: readonly string[], last: string | null): string | null {
  if (sortedIds.length === 0) {
    return null;
  }
  if (last === null) {
    return sortedIds[0] ?? null;
  }
  return sortedIds.find((id) => id > last) ?? sortedIds[0] ?? null;
}

/**
 * The person a new conversation of the unit goes to at `at`: the next one on duty after the unit's
 * round-robin cursor, skipping people marked away, moving the cursor; null outside all shifts (or when
 * everyone on duty is away). Call it inside the transaction that creates the conversation.
 */
export async function pickOnDutyAssignee(db: Executor, unitId: string, at: Date): Promise<string | null> {
  const available = (await onDutyAt(db, unitId, at))
    .filter((person) => !person.away)
    .map((person) => person.id);
  if (available.length === 0) {
    return null;
  }
  await db.insert(inboxSettings).values({ unitId }).onConflictDoNothing();
  const [settings] = await db
    .select({ last: inboxSettings.roundRobinLastPersonId })
    .from(inboxSettings)
    .where(eq(inboxSettings.unitId, unitId))
    .for("update");
  const chosen = nextInTurn(available, settings?.last ?? null);
  if (chosen) {
    await db
      .update(inboxSettings)
      .set({ roundRobinLastPersonId: chosen })
      .where(eq(inboxSettings.unitId, unitId));
  }
  return chosen;
}
