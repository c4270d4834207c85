import { eq, sql } from "drizzle-orm";
import type { ConversationKind, InboxSource } from "../../../../shared/api/inbox-values.ts";
import { foldForSearch } from "../../../../shared/vietnamese-text.ts";
import type { Executor } from "../../../db/client.ts";
import {
  type InboxAttachment,
  inboxContacts,
  inboxConversations,
  inboxEvents,
  inboxMessages,
} from "../../../db/schema/inbox.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies } from "../../../platform/module.ts";
import { publishConversationEvent } from "../live/bus.ts";
import { autoReplyIfOffDuty } from "../outbound/auto-reply.ts";
import { pickOnDutyAssignee } from "../roster/assignment.ts";
import { armTargets, recordFirstResponse } from "../sla/targets.ts";

/*
 * The one way an incoming message enters the inbox, whoever brings it (the webhook worker, a backfill,
 * the portal's "Hỏi đáp" form). Idempotent on the platform's own message id: the message insert is
 * `ON CONFLICT (channel_key, external_id) DO NOTHING`, so a delivery sent twice, or racing a backfill,
 * makes one message, and a duplicate changes nothing else (counters, status, assignment).
 *
 * Text is stored as the platform gave it (HTML included, as text): the web escapes it when showing it.
 */

const log = loggerFor("inbox-ingest");

/** A message longer than this is cut (Messenger and Zalo cap theirs at 2,000 characters; a forged 10 MB one must not fill every read). */
export const maxMessageLength = 20_000;
/** Search reads this much of a conversation's folded text. */
const maxSearchTextLength = 4_000;
const previewLength = 160;

export interface IncomingItem {
  source: InboxSource;
  unitId: string;
  /** The registry channel; null for the portal. */
  channelId: string | null;
  /** The channel's id, or `portal:<unitId>`. */
  channelKey: string;
  kind: ConversationKind;
  /**
   * "in": the citizen wrote. "out": the page/OA itself wrote outside Cầu Nối (answered in Facebook's own
   * tool, a Zalo echo): recorded in the citizen's thread; an echo of our own reply (same external id)
   * is a duplicate.
   */
  direction: "in" | "out";
  /** The citizen (for "out", the one the page wrote to). */
  contact: {
    externalId: string;
    displayName: string;
    email?: string | null;
    /** The name is ours ("Người dùng Facebook"), not the platform's: it never replaces a known one. */
    placeholderName?: boolean;
  };
  /** Comments: the page's post they are under. */
  postExternalId?: string | null;
  postExcerpt?: string | null;
  /** The platform's id of this message or comment; null only for sources without one. */
  externalId: string | null;
  text: string;
  attachments?: InboxAttachment[];
  /** The platform's time of the message. */
  sentAt: Date;
}

export interface RecordResult {
  conversationId: string | null;
  messageId: string | null;
  created: boolean;
  reopened: boolean;
  duplicate: boolean;
  direction: "in" | "out";
}

export function threadKeyOf(item: Pick<IncomingItem, "channelKey" | "kind" | "contact" | "postExternalId">) {
  return `${item.channelKey}|${item.kind}|${item.contact.externalId}|${item.postExternalId ?? ""}`;
}

/** Rolls back a transaction whose message turned out to be a duplicate after a conversation was made. */
class Duplicate extends Error {}

/** The database part of recordIncoming, inside the caller's transaction (the worker's, per delivery). */
export async function recordIncomingIn(tx: Executor, given: IncomingItem): Promise<RecordResult> {
  const item = cleaned(given);
  const text = item.text.length > maxMessageLength ? `${item.text.slice(0, maxMessageLength)}…` : item.text;
  const threadKey = threadKeyOf(item);
  const nothing: RecordResult = {
    conversationId: null,
    messageId: null,
    created: false,
    reopened: false,
    duplicate: true,
    direction: item.direction,
  };
  let conversation = await lockConversation(tx, threadKey);
  let created = false;
  if (!conversation) {
    if (item.direction === "out") {
      // The page wrote first, outside Cầu Nối: nobody is waiting for an answer; nothing to open.
      log.info({ threadKey }, "an outgoing message without a conversation is not recorded");
      return { ...nothing, duplicate: false };
    }
    const contactId = await upsertContact(tx, item);
    const [inserted] = await tx
      .insert(inboxConversations)
      .values({
        unitId: item.unitId,
        channelId: item.channelId,
        channelKey: item.channelKey,
        source: item.source,
        kind: item.kind,
        contactId,
        threadKey,
        postExternalId: item.postExternalId ?? null,
        postExcerpt: item.postExcerpt ?? null,
        lastMessageAt: item.sentAt,
        createdAt: item.sentAt,
        searchText: foldForSearch(item.contact.displayName).slice(0, maxSearchTextLength),
      })
      .onConflictDoNothing({ target: inboxConversations.threadKey })
      .returning({
        id: inboxConversations.id,
        status: inboxConversations.status,
        pendingReason: inboxConversations.pendingReason,
      });
    if (inserted) {
      conversation = inserted;
      created = true;
    } else {
      // Another transaction made it meanwhile: wait for it and take its row.
      conversation = await lockConversation(tx, threadKey);
    }
  } else if (item.direction === "in" && item.contact.displayName && !item.contact.placeholderName) {
    // A name the platform gave (a commenter's) may have changed; a placeholder changes nothing.
    await upsertContact(tx, item);
  }
  if (!conversation) {
    throw new Error(`inbox: conversation ${threadKey} vanished while recording`);
  }

  const [message] = await tx
    .insert(inboxMessages)
    .values({
      conversationId: conversation.id,
      unitId: item.unitId,
      direction: item.direction,
      externalId: item.externalId,
      channelKey: item.channelKey,
      text,
      attachments: item.attachments ?? [],
      sendStatus: item.direction === "out" ? "sent" : null,
      createdAt: item.sentAt,
    })
    .onConflictDoNothing()
    .returning({ id: inboxMessages.id });
  if (!message) {
    if (created) {
      throw new Duplicate();
    }
    return { ...nothing, conversationId: conversation.id };
  }

  const folded = foldForSearch(`${text} ${(item.attachments ?? []).map((a) => a.name ?? "").join(" ")}`);
  const preview = (text || (item.attachments?.length ? "[Tệp đính kèm]" : ""))
    .replace(/\s+/g, " ")
    .slice(0, previewLength);
  const reopened = !created && item.direction === "in" && conversation.status === "resolved";
  const citizenAnswered =
    !created &&
    item.direction === "in" &&
    conversation.status === "pending" &&
    conversation.pendingReason === "citizen";
  await tx
    .update(inboxConversations)
    .set({
      messageCount: sql`${inboxConversations.messageCount} + 1`,
      // A late redelivery of an older message must not pull the thread's time or preview back.
      lastMessagePreview: created
        ? preview
        : sql`case when ${inboxConversations.lastMessageAt} <= ${item.sentAt.toISOString()}::timestamptz then ${preview} else ${inboxConversations.lastMessagePreview} end`,
      lastMessageAt: sql`greatest(${inboxConversations.lastMessageAt}, ${item.sentAt.toISOString()}::timestamptz)`,
      searchText: sql`left(${inboxConversations.searchText} || ' ' || ${folded}, ${maxSearchTextLength})`,
      ...(item.direction === "in"
        ? {
            lastIncomingAt: sql`greatest(coalesce(${inboxConversations.lastIncomingAt}, ${item.sentAt.toISOString()}::timestamptz), ${item.sentAt.toISOString()}::timestamptz)`,
          }
        : {}),
      ...(reopened || citizenAnswered ? { status: "open" as const, pendingReason: null } : {}),
      ...(reopened ? { resolvedAt: null } : {}),
      updatedAt: new Date(),
    })
    .where(eq(inboxConversations.id, conversation.id));

  const ref = { id: conversation.id, unitId: item.unitId };
  if (created) {
    await tx.insert(inboxEvents).values({
      conversationId: conversation.id,
      unitId: item.unitId,
      kind: "created",
      detail: { source: item.source, kind: item.kind },
    });
    const assigneeId = await pickOnDutyAssignee(tx, item.unitId, new Date());
    if (assigneeId) {
      await tx
        .update(inboxConversations)
        .set({ assigneeId })
        .where(eq(inboxConversations.id, conversation.id));
      await tx.insert(inboxEvents).values({
        conversationId: conversation.id,
        unitId: item.unitId,
        kind: "assigned",
        detail: { assigneeId, by: "round_robin" },
      });
    }
    await armTargets(tx, ref, item.sentAt);
  } else if (reopened) {
    await tx
      .insert(inboxEvents)
      .values({ conversationId: conversation.id, unitId: item.unitId, kind: "reopened", detail: {} });
    await armTargets(tx, ref, item.sentAt);
  } else if (citizenAnswered) {
    await tx.insert(inboxEvents).values({
      conversationId: conversation.id,
      unitId: item.unitId,
      kind: "status",
      detail: { from: "pending", to: "open", reason: "citizen_answered" },
    });
  }
  if (item.direction === "out") {
    // Answered in the platform's own tool: a real reply, so it meets the first-response target.
    await recordFirstResponse(tx, conversation.id, item.sentAt);
  }
  return {
    ...nothing,
    conversationId: conversation.id,
    messageId: message.id,
    created,
    reopened,
    duplicate: false,
  };
}

/** PostgreSQL text holds no NUL character, and a platform's clock may send nonsense: neither may fail a delivery. */
function cleaned(item: IncomingItem): IncomingItem {
  const noNul = (value: string) => value.replaceAll("\u0000", "");
  const sentAt = Number.isFinite(item.sentAt.getTime()) ? item.sentAt : new Date();
  return {
    ...item,
    text: noNul(item.text),
    externalId: item.externalId === null ? null : noNul(item.externalId),
    contact: {
      ...item.contact,
      externalId: noNul(item.contact.externalId),
      displayName: noNul(item.contact.displayName),
    },
    postExternalId: item.postExternalId ? noNul(item.postExternalId) : (item.postExternalId ?? null),
    attachments: (item.attachments ?? []).map((a) => ({
      ...a,
      url: noNul(a.url),
      ...(a.name ? { name: noNul(a.name) } : {}),
    })),
    sentAt,
  };
}

async function lockConversation(tx: Executor, threadKey: string) {
  const [row] = await tx
    .select({
      id: inboxConversations.id,
      status: inboxConversations.status,
      pendingReason: inboxConversations.pendingReason,
    })
    .from(inboxConversations)
    .where(eq(inboxConversations.threadKey, threadKey))
    .for("update");
  return row ?? null;
}

/** The contact by (channel, platform id); a name the platform gives later replaces a placeholder. */
async function upsertContact(tx: Executor, item: IncomingItem): Promise<string> {
  const [row] = await tx
    .insert(inboxContacts)
    .values({
      unitId: item.unitId,
      source: item.source,
      channelKey: item.channelKey,
      externalId: item.contact.externalId,
      displayName: item.contact.displayName,
      email: item.contact.email ?? null,
    })
    .onConflictDoUpdate({
      target: [inboxContacts.channelKey, inboxContacts.externalId],
      set: {
        displayName: item.contact.placeholderName
          ? sql`case when ${inboxContacts.displayName} = '' then excluded.display_name else ${inboxContacts.displayName} end`
          : sql`case when excluded.display_name <> '' then excluded.display_name else ${inboxContacts.displayName} end`,
        email: sql`coalesce(excluded.email, ${inboxContacts.email})`,
      },
    })
    .returning({ id: inboxContacts.id });
  if (!row) {
    throw new Error("inbox: contact upsert returned nothing");
  }
  return row.id;
}

/** What to do once the transaction that recorded messages has committed. */
export async function afterRecorded(
  deps: AppDependencies,
  unitId: string,
  result: RecordResult,
): Promise<void> {
  if (result.duplicate || !result.conversationId) {
    return;
  }
  publishConversationEvent({ id: result.conversationId, unitId, reason: "message" });
  if (result.created || result.reopened) {
    // Once per conversation, when it starts or comes back (the outbound part decides whether it is due).
    await autoReplyIfOffDuty(deps, result.conversationId);
  }
}

/**
 * Records one incoming message in its own transaction, then tells the live inboxes and sends the
 * off-duty auto-reply. Calling it twice (even at once) with the same external id makes one message.
 */
export async function recordIncoming(deps: AppDependencies, item: IncomingItem): Promise<RecordResult> {
  let result: RecordResult;
  try {
    result = await deps.database.db.transaction((tx) => recordIncomingIn(tx, item));
  } catch (error) {
    if (!(error instanceof Duplicate)) {
      throw error;
    }
    result = await deps.database.db.transaction((tx) => recordIncomingIn(tx, item));
  }
  await afterRecorded(deps, item.unitId, result);
  return result;
}
