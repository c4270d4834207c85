import { and, eq } from "drizzle-orm";
import { inboxEvents, inboxMessages } from "../../../db/schema/inbox.ts";
import type { Actor } from "../../../platform/actor.ts";
import type { AppDependencies } from "../../../platform/module.ts";
import { markNeedsReconnect } from "../../publishing/index.ts";
import { conversationFor } from "../conversations/access.ts";
import { publishConversationEvent } from "../live/bus.ts";
import { replyConnection } from "./deliver.ts";
import { replyErrors } from "./errors.ts";
import { setCommentHidden } from "./messenger.ts";

/**
 * Hides a citizen's comment on the Page (or shows it again) through the Graph API, then records it
 * on the message with a "hidden"/"unhidden" event. Facebook is asked first: nothing is recorded
 * that the Page does not show.
 */
export async function setCommentVisibility(
  deps: AppDependencies,
  actor: Actor,
  conversationId: string,
  messageId: string,
  hidden: boolean,
): Promise<void> {
  const db = deps.database.db;
  const { conversation, comment, connection } = await db.transaction(async (tx) => {
    const scoped = await conversationFor(tx, actor, conversationId, "work");
    const [message] = await tx
      .select()
      .from(inboxMessages)
      .where(and(eq(inboxMessages.id, messageId), eq(inboxMessages.conversationId, conversationId)));
    if (!message) {
      throw replyErrors.messageNotFound();
    }
    if (
      scoped.row.source !== "facebook" ||
      scoped.row.kind !== "comment" ||
      message.direction !== "in" ||
      !message.externalId
    ) {
      throw replyErrors.notAComment();
    }
    const found = await replyConnection(deps, tx, scoped.row);
    return { conversation: scoped.row, comment: message, connection: found };
  });
  const result = await setCommentHidden(
    {
      baseUrl: connection?.baseUrl ?? "",
      pageId: connection?.accountId ?? "",
      token: connection?.token ?? "",
    },
    comment.externalId ?? "",
    hidden,
  );
  if (!result.ok) {
    if (result.reconnect && conversation.channelId) {
      await markNeedsReconnect(db, conversation.channelId, { code: result.code, message: result.en });
    }
    throw replyErrors.hideRefused({ vi: result.vi, en: result.en });
  }
  await db.transaction(async (tx) => {
    await tx.update(inboxMessages).set({ hidden }).where(eq(inboxMessages.id, comment.id));
    await tx.insert(inboxEvents).values({
      conversationId,
      unitId: conversation.unitId,
      actorId: actor.personId,
      kind: hidden ? "hidden" : "unhidden",
      detail: { messageId: comment.id },
    });
  });
  publishConversationEvent({ id: conversationId, unitId: conversation.unitId, reason: "message" });
}
