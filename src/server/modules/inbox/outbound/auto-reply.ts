import { and, eq, isNull } from "drizzle-orm";
import { inboxConversations, inboxSettings } from "../../../db/schema/inbox.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies } from "../../../platform/module.ts";
import { loadConversation } from "../conversations/access.ts";
import { publishConversationEvent } from "../live/bus.ts";
import { loadDutySchedule, nextDutyStart } from "../roster/clock.ts";
import { deliver, type ReplyRoute, replyConnection } from "./deliver.ts";
import { finishSending, insertSending } from "./send.ts";
import { replyWindowOf } from "./window.ts";

/*
 * The auto-reply outside all shifts: once per conversation (autoRepliedAt is claimed by a conditional
 * update, so two deliveries at once send one), only for Messenger and Zalo messages (a public answer
 * under a comment, or a mail to a portal asker, would be noise), only inside the platform's standard
 * window (the human-agent tag is for people), through the same send as a person's reply.
 */

const log = loggerFor("inbox-auto-reply");

/** How far ahead the next shift is looked for. */
const LOOK_AHEAD_MS = 14 * 24 * 60 * 60 * 1000;
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;
const weekdays = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];

export const DEFAULT_AUTO_REPLY =
  "Cảm ơn bạn đã nhắn tin. Hiện ngoài giờ trực nên chưa có cán bộ trả lời ngay; chúng tôi sẽ trả lời từ {gio_mo_cua}.";
const UNKNOWN_RETURN = "ca trực tiếp theo";

/** "07:00 thứ Hai, 08/12", Vietnam time (UTC+7, no daylight saving). */
export function vietnamTimeWords(at: Date): string {
  const local = new Date(at.getTime() + VIETNAM_OFFSET_MS);
  const two = (n: number) => String(n).padStart(2, "0");
  return `${two(local.getUTCHours())}:${two(local.getUTCMinutes())} ${weekdays[local.getUTCDay()]}, ${two(local.getUTCDate())}/${two(local.getUTCMonth() + 1)}`;
}

export function autoReplyText(template: string | null, nextStart: Date | null): string {
  return (template?.trim() || DEFAULT_AUTO_REPLY).replaceAll(
    "{gio_mo_cua}",
    nextStart ? vietnamTimeWords(nextStart) : UNKNOWN_RETURN,
  );
}

/**
 * When nobody of the unit is on duty, sends the conversation the unit's auto-reply (once per
 * conversation) saying when the office is back. Runs after the incoming message is committed;
 * never throws.
 */
export async function autoReplyIfOffDuty(deps: AppDependencies, conversationId: string): Promise<void> {
  try {
    await autoReply(deps, conversationId, new Date());
  } catch (error) {
    log.error({ err: error, conversationId }, "the auto-reply failed");
  }
}

async function autoReply(deps: AppDependencies, conversationId: string, now: Date): Promise<void> {
  const db = deps.database.db;
  const { row: conversation } = await loadConversation(db, conversationId);
  if (
    conversation.autoRepliedAt !== null ||
    conversation.kind !== "message" ||
    conversation.source === "portal" ||
    conversation.status === "resolved"
  ) {
    return;
  }
  const window = replyWindowOf(conversation, now);
  if (!window.standardUntil || window.standardUntil <= now) {
    return;
  }
  const [settings] = await db
    .select()
    .from(inboxSettings)
    .where(eq(inboxSettings.unitId, conversation.unitId));
  if (settings && !settings.autoReplyEnabled) {
    return;
  }
  const schedule = await loadDutySchedule(
    db,
    conversation.unitId,
    now,
    new Date(now.getTime() + LOOK_AHEAD_MS),
  );
  const next = nextDutyStart(schedule, now);
  if (next !== null && next.getTime() <= now.getTime()) {
    return; // someone is on duty now
  }
  try {
    await replyConnection(deps, db, conversation);
  } catch {
    // Not claimed: once the channel is reconnected, the citizen's next message still gets it.
    log.info({ conversationId }, "no auto-reply: the channel is not connected");
    return;
  }
  const text = autoReplyText(settings?.autoReplyText ?? null, next);
  const route: ReplyRoute = { mode: "message", commentExternalId: null, humanAgent: false };
  const message = await db.transaction(async (tx) => {
    const [claimed] = await tx
      .update(inboxConversations)
      .set({ autoRepliedAt: now })
      .where(and(eq(inboxConversations.id, conversationId), isNull(inboxConversations.autoRepliedAt)))
      .returning({ id: inboxConversations.id });
    if (!claimed) {
      return null;
    }
    return insertSending(tx, conversation, {
      direction: "auto",
      authorId: null,
      text,
      attachments: [],
      route,
      at: now,
    });
  });
  if (!message) {
    return;
  }
  publishConversationEvent({ id: conversationId, unitId: conversation.unitId, reason: "message" });
  const result = await deliver(deps, conversation, message, route);
  await finishSending(deps, conversation, message, result, { actorId: null, resolve: false, at: new Date() });
}
