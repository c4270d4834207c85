import { and, eq } from "drizzle-orm";
import { unnamedContactNames } from "../../../../shared/api/inbox-values.ts";
import type { Executor } from "../../../db/client.ts";
import {
  type InboxAttachment,
  inboxContacts,
  inboxConversations,
  inboxMessages,
} from "../../../db/schema/inbox.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { IncomingItem } from "./record.ts";
import { asText, type ChannelResolver, isRecord, timeOf } from "./shape.ts";

/*
 * A Facebook Page delivery (Webhooks product, `object: "page"`) into inbox items. Meta batches: one
 * delivery may carry several entries (pages) each with several events.
 * - entry[].messaging[]: Messenger messages. A Messenger event carries no name, and the inbox never asks
 *   the Graph API for anyone's profile (DESIGN.md's scope), so the contact is "Người dùng Facebook".
 *   `message.is_echo` is the page writing: an echo of our own reply deduplicates on its mid; one written
 *   in Facebook's own tool is recorded as the page's answer.
 * - entry[].changes[] field "feed", item "comment", verb "add": a comment under one of the page's posts,
 *   one conversation per commenter per post. A comment by the page itself is its answer, recorded in
 *   the thread of the comment it answers.
 * Everything else (reads, deliveries, reactions, edits, removals, other objects) is ignored.
 */

const log = loggerFor("inbox-ingest");

export const facebookPlaceholderName = unnamedContactNames.facebook;

/** Whether the parsed body looks like a Page delivery at all (else: logged, answered 200, not stored). */
export function isFacebookDelivery(parsed: unknown): boolean {
  return isRecord(parsed) && parsed.object === "page" && Array.isArray(parsed.entry);
}

/** The latest event time a Page delivery carries (ms), or null when it carries none. */
export function newestFacebookTime(parsed: unknown): number | null {
  if (!isFacebookDelivery(parsed)) {
    return null;
  }
  let newest: number | null = null;
  const consider = (value: unknown) => {
    const time = timeOf(value);
    if (time !== null && (newest === null || time > newest)) {
      newest = time;
    }
  };
  for (const entry of (parsed as { entry: unknown[] }).entry) {
    if (!isRecord(entry)) {
      continue;
    }
    consider(entry.time);
    for (const event of Array.isArray(entry.messaging) ? entry.messaging : []) {
      consider(isRecord(event) ? event.timestamp : null);
    }
    for (const change of Array.isArray(entry.changes) ? entry.changes : []) {
      consider(isRecord(change) && isRecord(change.value) ? change.value.created_time : null);
    }
  }
  return newest;
}

function attachmentsOf(message: Record<string, unknown>): InboxAttachment[] {
  const list = Array.isArray(message.attachments) ? message.attachments : [];
  const out: InboxAttachment[] = [];
  for (const attachment of list) {
    if (!isRecord(attachment) || !isRecord(attachment.payload)) {
      continue;
    }
    const url = asText(attachment.payload.url);
    if (url && /^https?:\/\//i.test(url)) {
      out.push({ kind: attachment.type === "image" ? "image" : "file", url });
    }
  }
  return out;
}

/** The citizen whose thread a page's comment answers: the author of the comment it replies to. */
async function commenterAnswered(tx: Executor, channelKey: string, parentId: string) {
  const [row] = await tx
    .select({ externalId: inboxContacts.externalId, postExternalId: inboxConversations.postExternalId })
    .from(inboxMessages)
    .innerJoin(inboxConversations, eq(inboxConversations.id, inboxMessages.conversationId))
    .innerJoin(inboxContacts, eq(inboxContacts.id, inboxConversations.contactId))
    .where(
      and(
        eq(inboxMessages.channelKey, channelKey),
        eq(inboxMessages.externalId, parentId),
        eq(inboxConversations.kind, "comment"),
      ),
    )
    .limit(1);
  return row ?? null;
}

/** The inbox items of one Page delivery; pages not connected to a registry channel are dropped. */
export async function facebookItems(
  tx: Executor,
  parsed: unknown,
  channelOf: ChannelResolver,
): Promise<IncomingItem[]> {
  if (!isFacebookDelivery(parsed)) {
    return [];
  }
  const items: IncomingItem[] = [];
  for (const entry of (parsed as { entry: unknown[] }).entry) {
    if (!isRecord(entry)) {
      continue;
    }
    const pageId = asText(entry.id);
    const channel = pageId ? await channelOf("facebook_page", pageId) : null;
    if (!channel) {
      log.warn({ pageId }, "a Facebook delivery for a page not connected to any channel is dropped");
      continue;
    }
    const common = { source: "facebook" as const, unitId: channel.unitId, channelId: channel.channelId };
    const channelKey = channel.channelId;
    for (const event of Array.isArray(entry.messaging) ? entry.messaging : []) {
      if (
        !isRecord(event) ||
        !isRecord(event.message) ||
        !isRecord(event.sender) ||
        !isRecord(event.recipient)
      ) {
        continue;
      }
      const message = event.message;
      const mid = asText(message.mid);
      const echo = message.is_echo === true;
      const citizen = asText(echo ? event.recipient.id : event.sender.id);
      if (!mid || !citizen) {
        continue;
      }
      items.push({
        ...common,
        channelKey,
        kind: "message",
        direction: echo ? "out" : "in",
        contact: {
          externalId: citizen,
          displayName: echo ? "" : facebookPlaceholderName,
          placeholderName: true,
        },
        externalId: mid,
        text: asText(message.text) ?? "",
        attachments: attachmentsOf(message),
        sentAt: new Date(timeOf(event.timestamp) ?? Date.now()),
      });
    }
    for (const change of Array.isArray(entry.changes) ? entry.changes : []) {
      if (!isRecord(change) || change.field !== "feed" || !isRecord(change.value)) {
        continue;
      }
      const value = change.value;
      if (value.item !== "comment" || value.verb !== "add" || !isRecord(value.from)) {
        continue;
      }
      const commentId = asText(value.comment_id);
      const postId = asText(value.post_id);
      const authorId = asText(value.from.id);
      if (!commentId || !postId || !authorId) {
        continue;
      }
      const photo = asText(value.photo);
      const base = {
        ...common,
        channelKey,
        kind: "comment" as const,
        externalId: commentId,
        text: asText(value.message) ?? "",
        attachments: photo && /^https?:\/\//i.test(photo) ? [{ kind: "image" as const, url: photo }] : [],
        sentAt: new Date(timeOf(value.created_time) ?? Date.now()),
      };
      if (authorId === pageId) {
        const parentId = asText(value.parent_id);
        const answered =
          parentId && parentId !== postId ? await commenterAnswered(tx, channelKey, parentId) : null;
        if (!answered) {
          continue;
        }
        items.push({
          ...base,
          direction: "out",
          contact: { externalId: answered.externalId, displayName: "" },
          postExternalId: answered.postExternalId,
        });
        continue;
      }
      items.push({
        ...base,
        direction: "in",
        contact: {
          externalId: authorId,
          displayName: asText(value.from.name) ?? facebookPlaceholderName,
          placeholderName: !asText(value.from.name),
        },
        postExternalId: postId,
      });
    }
  }
  return items;
}
