import { and, desc, eq, gt, isNull, ne, sql } from "drizzle-orm";
import type { InboxMessage, ReplyBody } from "../../../../shared/api/inbox.ts";
import type { Executor } from "../../../db/client.ts";
import {
  type InboxAttachment,
  inboxConversations,
  inboxEvents,
  inboxMessages,
} from "../../../db/schema/inbox.ts";
import type { Actor } from "../../../platform/actor.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies } from "../../../platform/module.ts";
import { markNeedsReconnect } from "../../publishing/index.ts";
import { type ConversationRow, conversationFor } from "../conversations/access.ts";
import { publishConversationEvent } from "../live/bus.ts";
import { recordFirstResponse } from "../sla/targets.ts";
import { pendingExternalId, type ReplyRoute, routeOfPending } from "./deliver.ts";
import { replyErrors } from "./errors.ts";
import type { SendResult } from "./platform-call.ts";
import { presentMessage } from "./present.ts";

/*
 * A reply's life: written as "sending" and committed before the platform is called (so a crash leaves
 * a visible trace, never a silent double), then marked sent with the platform's id (the webhook's echo
 * of it is then a duplicate) or failed with words the officer can act on.
 *
 * A double click must not send twice: each reply locks the conversation row while it is written, and a
 * reply identical to one the same person wrote on this conversation in the last DOUBLE_SUBMIT_MS is
 * answered with that earlier reply instead of being sent again.
 */

const log = loggerFor("inbox-outbound");
export const DOUBLE_SUBMIT_MS = 30_000;
/** A reply still "sending" after this was interrupted (a restart): it may be sent again by hand. */
export const STUCK_SENDING_MS = 2 * 60_000;
const previewLength = 160;

type MessageRow = typeof inboxMessages.$inferSelect;

/** The same reply by the same person just now: the second click of a double click. */
async function sameReplyJustSent(
  tx: Executor,
  conversationId: string,
  authorId: string,
  text: string,
  attachments: InboxAttachment[],
  now: Date,
): Promise<MessageRow | null> {
  const rows = await tx
    .select()
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.conversationId, conversationId),
        eq(inboxMessages.authorId, authorId),
        eq(inboxMessages.direction, "out"),
        eq(inboxMessages.text, text),
        gt(inboxMessages.createdAt, new Date(now.getTime() - DOUBLE_SUBMIT_MS)),
      ),
    )
    .orderBy(desc(inboxMessages.createdAt))
    .limit(5);
  const key = JSON.stringify(attachments.map((a) => a.mediaId ?? a.url));
  return rows.find((row) => JSON.stringify(row.attachments.map((a) => a.mediaId ?? a.url)) === key) ?? null;
}

/** Writes the outgoing row ("sending") and moves the conversation's preview; inside the caller's transaction. */
export async function insertSending(
  tx: Executor,
  conversation: ConversationRow,
  reply: {
    direction: "out" | "auto";
    authorId: string | null;
    text: string;
    attachments: InboxAttachment[];
    route: ReplyRoute;
    at: Date;
  },
): Promise<MessageRow> {
  const id = crypto.randomUUID();
  const [row] = await tx
    .insert(inboxMessages)
    .values({
      id,
      conversationId: conversation.id,
      unitId: conversation.unitId,
      direction: reply.direction,
      channelKey: conversation.channelKey,
      externalId: pendingExternalId(reply.route, id),
      authorId: reply.authorId,
      text: reply.text,
      attachments: reply.attachments,
      sendStatus: "sending",
      createdAt: reply.at,
    })
    .returning();
  const preview = (reply.text || "[Ảnh]").replace(/\s+/g, " ").slice(0, previewLength);
  await tx
    .update(inboxConversations)
    .set({
      messageCount: sql`${inboxConversations.messageCount} + 1`,
      lastMessagePreview: preview,
      lastMessageAt: sql`greatest(${inboxConversations.lastMessageAt}, ${reply.at.toISOString()}::timestamptz)`,
      updatedAt: reply.at,
    })
    .where(eq(inboxConversations.id, conversation.id));
  if (!row) {
    throw new Error("inbox: reply insert returned nothing");
  }
  return row;
}

/**
 * Records what the platform said. A sent reply (not the auto-reply) meets the first-response target
 * and may resolve the conversation; a refused token marks the channel for reconnecting.
 */
export async function finishSending(
  deps: AppDependencies,
  conversation: ConversationRow,
  message: MessageRow,
  result: SendResult,
  options: { actorId: string | null; resolve: boolean; at: Date },
): Promise<MessageRow> {
  const updated = await deps.database.db.transaction(async (tx) => {
    if (result.ok) {
      const externalId = result.externalId || null;
      if (externalId) {
        // The platform's echo of this reply may have arrived first and been recorded as the page's own message.
        const removed = await tx
          .delete(inboxMessages)
          .where(
            and(
              eq(inboxMessages.channelKey, message.channelKey),
              eq(inboxMessages.externalId, externalId),
              ne(inboxMessages.id, message.id),
              isNull(inboxMessages.authorId),
            ),
          )
          .returning({ id: inboxMessages.id });
        if (removed.length > 0) {
          await tx
            .update(inboxConversations)
            .set({ messageCount: sql`greatest(${inboxConversations.messageCount} - ${removed.length}, 0)` })
            .where(eq(inboxConversations.id, conversation.id));
        }
      }
      const [row] = await tx
        .update(inboxMessages)
        .set({ sendStatus: "sent", externalId, sendError: result.partial?.vi ?? null })
        .where(eq(inboxMessages.id, message.id))
        .returning();
      if (message.direction === "out") {
        await recordFirstResponse(tx, conversation.id, options.at);
        if (options.resolve) {
          await resolve(tx, conversation, options.actorId, options.at);
        }
      }
      return row;
    }
    const [row] = await tx
      .update(inboxMessages)
      .set({ sendStatus: "failed", sendError: result.vi })
      .where(eq(inboxMessages.id, message.id))
      .returning();
    if (result.reconnect && conversation.channelId) {
      await markNeedsReconnect(tx, conversation.channelId, { code: result.code, message: result.en });
    }
    return row;
  });
  if (!result.ok) {
    log.info({ conversationId: conversation.id, code: result.code }, "a reply was refused by the platform");
  }
  publishConversationEvent({
    id: conversation.id,
    unitId: conversation.unitId,
    reason: result.ok && options.resolve ? "status" : "message",
  });
  return updated ?? message;
}

async function resolve(tx: Executor, conversation: ConversationRow, actorId: string | null, at: Date) {
  const [current] = await tx
    .select({ status: inboxConversations.status })
    .from(inboxConversations)
    .where(eq(inboxConversations.id, conversation.id))
    .for("update");
  if (!current || current.status === "resolved") {
    return;
  }
  await tx
    .update(inboxConversations)
    .set({ status: "resolved", pendingReason: null, resolvedAt: at, updatedAt: at })
    .where(eq(inboxConversations.id, conversation.id));
  await tx.insert(inboxEvents).values({
    conversationId: conversation.id,
    unitId: conversation.unitId,
    actorId,
    kind: "status",
    detail: { from: current.status, to: "resolved", with: "reply" },
  });
}

export interface PreparedReply {
  conversation: ConversationRow;
  message: MessageRow;
  route: ReplyRoute;
  /** An earlier identical reply (double click): nothing is sent. */
  repeated: boolean;
}

/** Retries a failed reply the same way it first went. */
export async function retryReply(
  deps: AppDependencies,
  actor: Actor,
  conversationId: string,
  messageId: string,
  options: {
    /** The route as of now (a platform window asked again); throws to refuse before anything changes. */
    routeNow: (conversation: ConversationRow, route: ReplyRoute) => ReplyRoute;
    send: (prepared: PreparedReply) => Promise<SendResult>;
  },
): Promise<InboxMessage> {
  const db = deps.database.db;
  const prepared = await db.transaction(async (tx) => {
    const scoped = await conversationFor(tx, actor, conversationId, "work", { forUpdate: true });
    const [message] = await tx
      .select()
      .from(inboxMessages)
      .where(and(eq(inboxMessages.id, messageId), eq(inboxMessages.conversationId, conversationId)));
    if (!message || (message.direction !== "out" && message.direction !== "auto")) {
      throw replyErrors.messageNotFound();
    }
    // "sending" for this long means the process died between writing the reply and hearing the platform.
    const stuck =
      message.sendStatus === "sending" && message.createdAt.getTime() < Date.now() - STUCK_SENDING_MS;
    if (message.sendStatus !== "failed" && !stuck) {
      throw replyErrors.notRetryable();
    }
    const route = options.routeNow(
      scoped.row,
      routeOfPending(message.externalId) ?? { mode: "message", commentExternalId: null },
    );
    const [row] = await tx
      .update(inboxMessages)
      .set({ sendStatus: "sending", sendError: null })
      .where(eq(inboxMessages.id, message.id))
      .returning();
    return { conversation: scoped.row, message: row ?? message, route, repeated: false };
  });
  publishConversationEvent({ id: conversationId, unitId: prepared.conversation.unitId, reason: "message" });
  const result = await options.send(prepared);
  const done = await finishSending(deps, prepared.conversation, prepared.message, result, {
    actorId: actor.personId,
    resolve: false,
    at: new Date(),
  });
  return presentMessage(db, done, prepared.conversation);
}

export { type MessageRow, type ReplyBody, sameReplyJustSent };
