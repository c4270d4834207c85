/*
 * The inbox's vocabulary: value lists shared by its tables, its contract and the web app. Imports
 * nothing, so the web may import it as a value.
 */

/** Where a conversation came from: a connected Facebook Page, a Zalo OA, or the unit's portal form. */
export const inboxSourceValues = ["facebook", "zalo", "portal"] as const;
export type InboxSource = (typeof inboxSourceValues)[number];

/** Messenger / Zalo messages, comments on a page's post (grouped under the post), portal questions. */
export const conversationKindValues = ["message", "comment", "question"] as const;
export type ConversationKind = (typeof conversationKindValues)[number];

/** open → pending (waiting for the citizen or another office) → resolved; a new message reopens. */
export const conversationStatusValues = ["open", "pending", "resolved"] as const;
export type ConversationStatus = (typeof conversationStatusValues)[number];

export const pendingReasonValues = ["citizen", "office"] as const;
export type PendingReason = (typeof pendingReasonValues)[number];

/** in: from the citizen; out: our reply; note: internal, never sent; system: auto-reply and events. */
export const messageDirectionValues = ["in", "out", "note", "auto"] as const;
export type MessageDirection = (typeof messageDirectionValues)[number];

/** An outgoing reply's delivery to the platform. */
export const sendStatusValues = ["sending", "sent", "failed"] as const;
export type SendStatus = (typeof sendStatusValues)[number];

/** What a conversation's timeline records besides messages. */
export const conversationEventKindValues = [
  "created",
  "status",
  "assigned",
  "labels",
  "escalated",
  "warned",
  "breached",
  "reopened",
  "hidden",
  "unhidden",
  "published_qa",
] as const;
export type ConversationEventKind = (typeof conversationEventKindValues)[number];

export const swapStatusValues = ["pending", "accepted", "declined", "cancelled"] as const;
export type SwapStatus = (typeof swapStatusValues)[number];

/** Which target a breach missed. */
export const breachKindValues = ["first_response", "resolution"] as const;
export type BreachKind = (typeof breachKindValues)[number];

/** Why a webhook delivery was refused (401), counted per day. */
export const webhookRefusalValues = ["unsigned", "bad_signature", "stale", "replayed"] as const;
export type WebhookRefusal = (typeof webhookRefusalValues)[number];

/**
 * What the inbox calls a contact the platform gives no name for (Messenger deliveries carry none, and
 * no profile is ever asked for) or a portal asker who left none. A canned reply's `{ten}` says
 * "anh/chị" to them rather than the placeholder.
 */
export const unnamedContactNames = {
  facebook: "Người dùng Facebook",
  zalo: "Người dùng Zalo",
  portal: "Người hỏi",
} as const;

/** How a canned reply addresses someone whose name we do not know. */
export const unnamedAddress = "anh/chị";
