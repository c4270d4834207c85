import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxConversations } from "../../../db/schema/inbox.ts";
import { dutyDeadline } from "../roster/clock.ts";
import { targetSettingsOf } from "./settings.ts";

/*
 * Response targets on a conversation: armed when it starts or is reopened, met by the first reply or by
 * resolving. Due times are counted in duty minutes (roster/clock.ts: only while a staffed shift runs, never
 * on a holiday), so a message at 22:00 on Friday is due from Monday's first shift, not overnight.
 *
 * Reopening (a new message on a resolved conversation) always starts a new resolution clock, and starts a
 * new first-response clock only if the previous first response was given: a citizen who never had an
 * answer is still waiting for their first one, so that clock (and any breach of it) keeps running from the
 * original message. When a new first-response clock starts, its breach stamp and the escalation stage go
 * back to nothing; the breaches of earlier cycles stay in the conversation's events (the breach list reads
 * those).
 *
 * When the roster has fewer duty minutes planned than a target needs (60 days ahead), the due time stays
 * empty: no target can run on a roster nobody planned. The worker arms it once shifts are planned.
 */

/**
 * Sets the conversation's first-response and resolution due times from the unit's targets, counted in
 * duty hours from `receivedAt`. Call it when a conversation is created or reopened, in its transaction.
 */
export async function armTargets(
  db: Executor,
  conversation: { id: string; unitId: string },
  receivedAt: Date,
): Promise<void> {
  const settings = await targetSettingsOf(db, conversation.unitId);
  const [current] = await db
    .select({
      firstResponseDueAt: inboxConversations.firstResponseDueAt,
      firstRespondedAt: inboxConversations.firstRespondedAt,
      firstResponseBreachedAt: inboxConversations.firstResponseBreachedAt,
      escalationStage: inboxConversations.escalationStage,
    })
    .from(inboxConversations)
    .where(eq(inboxConversations.id, conversation.id));
  const resolutionDueAt = await dutyDeadline(
    db,
    conversation.unitId,
    receivedAt,
    settings.resolutionHours * 60,
  );
  const stillWaitingForFirstAnswer =
    current !== undefined && current.firstResponseDueAt !== null && current.firstRespondedAt === null;
  const firstResponse = stillWaitingForFirstAnswer
    ? { escalationStage: current.firstResponseBreachedAt ? current.escalationStage : 0 }
    : {
        firstResponseDueAt: await dutyDeadline(
          db,
          conversation.unitId,
          receivedAt,
          settings.firstResponseMinutes,
        ),
        firstRespondedAt: null,
        firstResponseBreachedAt: null,
        escalationStage: 0,
      };
  await db
    .update(inboxConversations)
    .set({ ...firstResponse, resolutionDueAt, resolutionBreachedAt: null, warnedAt: null })
    .where(eq(inboxConversations.id, conversation.id));
}

/**
 * The first reply (not a note, not the auto-reply) meets the first-response target. The "about to
 * breach" flag goes off with it, so that the resolution target can be flagged in its turn.
 */
export async function recordFirstResponse(db: Executor, conversationId: string, at: Date): Promise<void> {
  await db
    .update(inboxConversations)
    .set({ firstRespondedAt: at, warnedAt: null })
    .where(and(eq(inboxConversations.id, conversationId), isNull(inboxConversations.firstRespondedAt)));
}
