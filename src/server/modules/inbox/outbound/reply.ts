import { and, desc, eq, isNotNull } from "drizzle-orm";
import type { InboxMessage, ReplyBody } from "../../../../shared/api/inbox.ts";
import type { Executor } from "../../../db/client.ts";
import { type InboxAttachment, inboxContacts, inboxMessages } from "../../../db/schema/inbox.ts";
import { type Actor, isWithin } from "../../../platform/actor.ts";
import type { AppDependencies } from "../../../platform/module.ts";
import { mediaForPublish, mediaUnitPaths } from "../../media/index.ts";
import { type ConversationRow, conversationFor } from "../conversations/access.ts";
import { publishConversationEvent } from "../live/bus.ts";
import { deliver, modeOf, type ReplyMode, type ReplyRoute, replyConnection } from "./deliver.ts";
import { replyErrors } from "./errors.ts";
import { presentMessage } from "./present.ts";
import { finishSending, insertSending, type PreparedReply, retryReply, sameReplyJustSent } from "./send.ts";
import { MESSENGER_HUMAN_AGENT_MS, replyWindowOf } from "./window.ts";

/*
 * Answering a citizen through the platform the conversation came from. Every refusal that can be known
 * beforehand (the platform's window, a picture of another unit, an unconnected channel, an asker
 * without e-mail) is made before anything is written or sent.
 */

/** Messenger: a standard reply within 24 hours, the human-agent tag up to 7 days, else refused. */
function messengerRoute(conversation: ConversationRow, now: Date): ReplyRoute {
  const window = replyWindowOf(conversation, now, { humanAgent: true });
  if (window.standardUntil && window.standardUntil > now) {
    return { mode: "message", commentExternalId: null, humanAgent: false };
  }
  if (window.humanAgentUntil && window.humanAgentUntil > now) {
    return { mode: "message", commentExternalId: null, humanAgent: true };
  }
  throw replyErrors.windowClosed(
    { window: window.standardUntil === null ? "messenger_24h" : "messenger_7d" },
    {
      window: window.standardUntil === null ? "messenger_24h" : "messenger_7d",
      since: conversation.lastIncomingAt,
    },
  );
}

async function commentAnswered(tx: Executor, conversation: ConversationRow, inReplyTo: string | undefined) {
  const [comment] = await tx
    .select({
      id: inboxMessages.id,
      externalId: inboxMessages.externalId,
      createdAt: inboxMessages.createdAt,
    })
    .from(inboxMessages)
    .where(
      and(
        eq(inboxMessages.conversationId, conversation.id),
        eq(inboxMessages.direction, "in"),
        isNotNull(inboxMessages.externalId),
        ...(inReplyTo ? [eq(inboxMessages.id, inReplyTo)] : []),
      ),
    )
    .orderBy(desc(inboxMessages.createdAt))
    .limit(1);
  if (!comment?.externalId) {
    throw replyErrors.noCommentToAnswer();
  }
  return comment as { id: string; externalId: string; createdAt: Date };
}

/** The way this reply goes, refusing now what the platform would refuse for its window. */
export async function routeFor(
  tx: Executor,
  conversation: ConversationRow,
  mode: ReplyMode,
  now: Date,
  inReplyTo?: string,
): Promise<ReplyRoute> {
  if (mode === "email") {
    const [contact] = await tx
      .select({ email: inboxContacts.email })
      .from(inboxContacts)
      .where(eq(inboxContacts.id, conversation.contactId));
    if (!contact?.email) {
      throw replyErrors.askerWithoutEmail();
    }
    return { mode, commentExternalId: null };
  }
  if (mode === "public" || mode === "private") {
    const comment = await commentAnswered(tx, conversation, inReplyTo);
    if (mode === "private" && comment.createdAt.getTime() + MESSENGER_HUMAN_AGENT_MS <= now.getTime()) {
      throw replyErrors.privateReplyWindowClosed();
    }
    return { mode, commentExternalId: comment.externalId };
  }
  if (conversation.source === "zalo") {
    if (!replyWindowOf(conversation, now).canReplyNow) {
      throw replyErrors.windowClosed({ window: "zalo_48h" }, { window: "zalo_48h" });
    }
    return { mode, commentExternalId: null };
  }
  return messengerRoute(conversation, now);
}

/** Pictures of the conversation's unit (or a unit under it), as attachments with their public address. */
async function imagesOf(
  tx: Executor,
  publicUrl: string,
  unitPath: string,
  mediaIds: readonly string[],
): Promise<InboxAttachment[]> {
  if (mediaIds.length === 0) {
    return [];
  }
  const paths = await mediaUnitPaths(tx, mediaIds);
  if (mediaIds.some((id) => paths.has(id) && !isWithin(paths.get(id) ?? "", unitPath))) {
    throw replyErrors.mediaOutsideUnit();
  }
  const media = await mediaForPublish(tx, mediaIds, publicUrl);
  if (media.some((item) => item.kind !== "image")) {
    throw replyErrors.mediaNotImage();
  }
  return media.map((item) => ({ kind: "image", url: item.url, mediaId: item.id, name: item.altText }));
}

export async function sendReply(
  deps: AppDependencies,
  actor: Actor,
  conversationId: string,
  body: ReplyBody,
): Promise<InboxMessage> {
  const db = deps.database.db;
  const text = body.text.trim();
  const mediaIds = body.mediaIds ?? [];
  if (!text && mediaIds.length === 0) {
    throw replyErrors.replyEmpty();
  }
  const now = new Date();
  const prepared: PreparedReply = await db.transaction(async (tx) => {
    // The row lock makes a second click wait for the first, then find its reply.
    const scoped = await conversationFor(tx, actor, conversationId, "work", { forUpdate: true });
    const conversation = scoped.row;
    const mode = modeOf(conversation, body.commentMode);
    if (mediaIds.length > 0 && (mode === "email" || mode === "private" || conversation.source === "zalo")) {
      throw replyErrors.mediaNotSupported();
    }
    const attachments = await imagesOf(tx, deps.config.publicUrl, scoped.unitPath, mediaIds);
    const earlier = await sameReplyJustSent(tx, conversation.id, actor.personId, text, attachments, now);
    if (earlier) {
      return { conversation, message: earlier, route: { mode, commentExternalId: null }, repeated: true };
    }
    const route = await routeFor(tx, conversation, mode, now, body.inReplyTo);
    await replyConnection(deps, tx, conversation);
    const message = await insertSending(tx, conversation, {
      direction: "out",
      authorId: actor.personId,
      text,
      attachments,
      route,
      at: now,
    });
    return { conversation, message, route, repeated: false };
  });
  if (prepared.repeated) {
    return presentMessage(db, prepared.message, prepared.conversation);
  }
  publishConversationEvent({ id: conversationId, unitId: prepared.conversation.unitId, reason: "message" });
  const result = await deliver(deps, prepared.conversation, prepared.message, prepared.route);
  const done = await finishSending(deps, prepared.conversation, prepared.message, result, {
    actorId: actor.personId,
    resolve: body.resolve ?? false,
    at: new Date(),
  });
  return presentMessage(db, done, prepared.conversation);
}

/** Sends a failed reply again, the same way; Messenger's window is asked again as of now. */
export async function retryFailedReply(
  deps: AppDependencies,
  actor: Actor,
  conversationId: string,
  messageId: string,
): Promise<InboxMessage> {
  return retryReply(deps, actor, conversationId, messageId, {
    routeNow: (conversation, route) => {
      const now = new Date();
      if (conversation.source === "facebook" && route.mode === "message") {
        return messengerRoute(conversation, now);
      }
      if (conversation.source === "zalo" && !replyWindowOf(conversation, now).canReplyNow) {
        throw replyErrors.windowClosed({ window: "zalo_48h" }, { window: "zalo_48h" });
      }
      return route;
    },
    send: (prepared) => deliver(deps, prepared.conversation, prepared.message, prepared.route),
  });
}
