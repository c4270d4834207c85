import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxConversations } from "../../../db/schema/inbox.ts";

/*
 * Response targets on a conversation: armed when it starts or is reopened, met by the first reply or by
 * resolving. STUB (skeleton): the targets part fills armTargets; the signatures stay.
 */

/**
 * Sets the conversation's first-response and resolution due times from the unit's targets, counted in
 * duty hours from `receivedAt`. Call it when a conversation is created or reopened, in its transaction.
 */
export async function armTargets(
  _db: Executor,
  _conversation: { id: string; unitId: string },
  _receivedAt: Date,
): Promise<void> {}

/** The first reply (not a note, not the auto-reply) meets the first-response target. */
export async function recordFirstResponse(db: Executor, conversationId: string, at: Date): Promise<void> {
  await db
    .update(inboxConversations)
    .set({ firstRespondedAt: at })
    .where(and(eq(inboxConversations.id, conversationId), isNull(inboxConversations.firstRespondedAt)));
}
