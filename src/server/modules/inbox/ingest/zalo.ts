import { unnamedContactNames } from "../../../../shared/api/inbox-values.ts";
import type { InboxAttachment } from "../../../db/schema/inbox.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { IncomingItem } from "./record.ts";
import { asText, type ChannelResolver, isRecord } from "./shape.ts";

/*
 * A Zalo OA webhook event into inbox items. One event per delivery: `event_name`, `sender.id`,
 * `recipient.id` (the OA for a user's message), `message.msg_id`, `message.text`,
 * `message.attachments[]` and `timestamp` (milliseconds, as a string). The user's messages
 * (user_send_text, user_send_image, user_send_file, and the other user_send_* kinds with attachments)
 * enter; oa_send_* are the OA's own messages (ours echoed, deduplicated on msg_id, or written in Zalo's
 * own OA tool). Every other event (follow, seen, reactions…) is ignored. Zalo sends no name with a
 * message and the inbox asks for no profile: the contact is "Người dùng Zalo".
 */

const log = loggerFor("inbox-ingest");

export const zaloPlaceholderName = unnamedContactNames.zalo;

export function isZaloDelivery(parsed: unknown): boolean {
  return isRecord(parsed) && typeof parsed.event_name === "string";
}

/** Zalo's `timestamp` in ms, or null. */
export function zaloTime(parsed: unknown): number | null {
  if (!isRecord(parsed)) {
    return null;
  }
  const value = Number(parsed.timestamp);
  return Number.isFinite(value) && value > 0 ? value : null;
}

function attachmentsOf(message: Record<string, unknown>): InboxAttachment[] {
  const out: InboxAttachment[] = [];
  for (const attachment of Array.isArray(message.attachments) ? message.attachments : []) {
    if (!isRecord(attachment) || !isRecord(attachment.payload)) {
      continue;
    }
    const url = asText(attachment.payload.url);
    if (url && /^https?:\/\//i.test(url)) {
      const name = asText(attachment.payload.name);
      out.push({ kind: attachment.type === "image" ? "image" : "file", url, ...(name ? { name } : {}) });
    }
  }
  return out;
}

export async function zaloItems(parsed: unknown, channelOf: ChannelResolver): Promise<IncomingItem[]> {
  if (!isZaloDelivery(parsed) || !isRecord(parsed)) {
    return [];
  }
  const event = String(parsed.event_name);
  const fromUser = event.startsWith("user_send_");
  const fromOa = event.startsWith("oa_send_");
  if (
    !(fromUser || fromOa) ||
    !isRecord(parsed.sender) ||
    !isRecord(parsed.recipient) ||
    !isRecord(parsed.message)
  ) {
    return [];
  }
  const oaId = asText(fromUser ? parsed.recipient.id : parsed.sender.id);
  const userId = asText(fromUser ? parsed.sender.id : parsed.recipient.id);
  const msgId = asText(parsed.message.msg_id);
  if (!oaId || !userId || !msgId) {
    return [];
  }
  const channel = await channelOf("zalo_oa", oaId);
  if (!channel) {
    log.warn({ oaId }, "a Zalo delivery for an OA not connected to any channel is dropped");
    return [];
  }
  const attachments = attachmentsOf(parsed.message);
  const text = asText(parsed.message.text) ?? "";
  if (!text && attachments.length === 0) {
    // Stickers, locations, contact cards without a link to show: nothing the inbox can display.
    return [];
  }
  return [
    {
      source: "zalo",
      unitId: channel.unitId,
      channelId: channel.channelId,
      channelKey: channel.channelId,
      kind: "message",
      direction: fromUser ? "in" : "out",
      contact: {
        externalId: userId,
        displayName: fromUser ? zaloPlaceholderName : "",
        placeholderName: true,
      },
      externalId: msgId,
      text,
      attachments,
      sentAt: new Date(zaloTime(parsed) ?? Date.now()),
    },
  ];
}
