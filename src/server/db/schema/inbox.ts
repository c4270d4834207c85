import { sql } from "drizzle-orm";
import {
  bigserial,
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  conversationEventKindValues,
  conversationKindValues,
  conversationStatusValues,
  inboxSourceValues,
  messageDirectionValues,
  pendingReasonValues,
  sendStatusValues,
  swapStatusValues,
} from "../../../shared/api/inbox-values.ts";

/*
 * The inbox: what people sent to a unit's own connected channels (Facebook Page messages and comments,
 * Zalo OA messages) and its portal's "Hỏi đáp" form, the replies, and the duty roster that answers them.
 * A contact is the platform-scoped id and the name the platform gives, nothing more: the inbox never
 * looks at anyone's profile or other activity. Conversations are personal data: reads are audited and
 * each unit's retention purges them.
 */

/** Per unit: response targets (counted in duty hours), retention, the auto-reply, the round-robin cursor. */
export const inboxSettings = pgTable("inbox_settings", {
  unitId: uuid("unit_id").primaryKey(),
  /** First response within this many duty-hour minutes. */
  firstResponseMinutes: integer("first_response_minutes").notNull().default(60),
  /** Resolution within this many duty hours. */
  resolutionHours: integer("resolution_hours").notNull().default(8),
  /** A conversation is flagged "about to breach" this many duty minutes before its target. */
  warnBeforeMinutes: integer("warn_before_minutes").notNull().default(15),
  /** Conversations untouched this long are purged (default 24 months). */
  retentionMonths: integer("retention_months").notNull().default(24),
  /** Sent once per conversation outside all shifts; null = the default words with the next shift's start. */
  autoReplyText: text("auto_reply_text"),
  autoReplyEnabled: boolean("auto_reply_enabled").notNull().default(true),
  /** The person the last new conversation went to: round-robin continues after them. */
  roundRobinLastPersonId: uuid("round_robin_last_person_id"),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Webhook deliveries as received and verified, before they become messages: answering the platform
 * needs only this insert; a worker turns them into conversations. Kept a few days for replay checks.
 */
export const inboxDeliveries = pgTable(
  "inbox_deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    source: text("source", { enum: inboxSourceValues }).notNull(),
    /** The body exactly as signed. */
    body: text("body").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp("processed_at", { withTimezone: true }),
    attempts: integer("attempts").notNull().default(0),
    lastError: text("last_error"),
  },
  (table) => [
    index("inbox_deliveries_waiting").on(table.id).where(sql`${table.processedAt} is null`),
    index("inbox_deliveries_received").on(table.receivedAt),
  ],
);

/** Refused webhook deliveries (401), counted per day, source and reason. */
export const inboxWebhookRefusals = pgTable(
  "inbox_webhook_refusals",
  {
    day: date("day").notNull(),
    source: text("source", { enum: inboxSourceValues }).notNull(),
    reason: text("reason").notNull(),
    count: integer("count").notNull().default(0),
  },
  (table) => [primaryKey({ columns: [table.day, table.source, table.reason] })],
);

/** Who wrote: a platform-scoped id (PSID, Zalo user id) or a portal asker, with the name given. */
export const inboxContacts = pgTable(
  "inbox_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id").notNull(),
    source: text("source", { enum: inboxSourceValues }).notNull(),
    /** The registry channel's id, or `portal:<unitId>` for the portal form. */
    channelKey: text("channel_key").notNull(),
    /** PSID / Zalo user id; for the portal, a random id per asker e-mail. */
    externalId: text("external_id").notNull(),
    displayName: text("display_name").notNull().default(""),
    /** Portal askers only: where the answer goes. Erased with the contact. */
    email: text("email"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("inbox_contacts_key").on(table.channelKey, table.externalId)],
);

export const inboxConversations = pgTable(
  "inbox_conversations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The unit owning the channel (or portal): its roster answers, its targets apply. */
    unitId: uuid("unit_id").notNull(),
    /** The registry's channel; null for portal questions. */
    channelId: uuid("channel_id"),
    channelKey: text("channel_key").notNull(),
    source: text("source", { enum: inboxSourceValues }).notNull(),
    kind: text("kind", { enum: conversationKindValues }).notNull(),
    contactId: uuid("contact_id").notNull(),
    /** `${channelKey}|${kind}|${contact externalId}|${postExternalId ?? ""}`: one thread per contact per channel (per post for comments). */
    threadKey: text("thread_key").notNull(),
    /** Comments: the page post they are under, with a short excerpt of it for context. */
    postExternalId: text("post_external_id"),
    postExcerpt: text("post_excerpt"),
    status: text("status", { enum: conversationStatusValues }).notNull().default("open"),
    pendingReason: text("pending_reason", { enum: pendingReasonValues }),
    assigneeId: uuid("assignee_id"),
    labels: text("labels").array().notNull().default(sql`'{}'::text[]`),
    /** Contact name and every message's text, folded (no diacritics, lower case), capped: what search reads. */
    searchText: text("search_text").notNull().default(""),
    lastMessagePreview: text("last_message_preview").notNull().default(""),
    messageCount: integer("message_count").notNull().default(0),
    lastMessageAt: timestamp("last_message_at", { withTimezone: true }).notNull().defaultNow(),
    /** The citizen's last message: the platforms' reply windows run from it. */
    lastIncomingAt: timestamp("last_incoming_at", { withTimezone: true }),
    firstResponseDueAt: timestamp("first_response_due_at", { withTimezone: true }),
    firstRespondedAt: timestamp("first_responded_at", { withTimezone: true }),
    resolutionDueAt: timestamp("resolution_due_at", { withTimezone: true }),
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    /** Flagged "about to breach". */
    warnedAt: timestamp("warned_at", { withTimezone: true }),
    firstResponseBreachedAt: timestamp("first_response_breached_at", { withTimezone: true }),
    resolutionBreachedAt: timestamp("resolution_breached_at", { withTimezone: true }),
    /** 0 none, 1 the shift leader mailed, 2 the unit's administrators mailed. */
    escalationStage: integer("escalation_stage").notNull().default(0),
    escalatedToUnitId: uuid("escalated_to_unit_id"),
    escalatedToOfficeId: uuid("escalated_to_office_id"),
    escalatedAt: timestamp("escalated_at", { withTimezone: true }),
    autoRepliedAt: timestamp("auto_replied_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("inbox_conversations_thread").on(table.threadKey),
    index("inbox_conversations_unit_recent").on(table.unitId, table.lastMessageAt.desc(), table.id),
    // A province's inbox spans many units: its newest page is read from here, filtered by unit.
    index("inbox_conversations_recent").on(table.lastMessageAt.desc(), table.id),
    index("inbox_conversations_unit_status").on(table.unitId, table.status, table.lastMessageAt.desc()),
    index("inbox_conversations_assignee").on(table.assigneeId, table.status),
    index("inbox_conversations_escalated").on(table.escalatedToUnitId),
    index("inbox_conversations_contact").on(table.contactId),
    index("inbox_conversations_first_due")
      .on(table.firstResponseDueAt)
      .where(sql`${table.firstRespondedAt} is null and ${table.status} <> 'resolved'`),
    index("inbox_conversations_resolution_due")
      .on(table.resolutionDueAt)
      .where(sql`${table.status} <> 'resolved'`),
    index("inbox_conversations_search").using("gin", sql`${table.searchText} gin_trgm_ops`),
  ],
);

export interface InboxAttachment {
  kind: "image" | "file";
  /** Incoming: the platform's URL; outgoing: the media library's public URL. */
  url: string;
  /** Outgoing images from the media library. */
  mediaId?: string;
  name?: string;
}

export const inboxMessages = pgTable(
  "inbox_messages",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    direction: text("direction", { enum: messageDirectionValues }).notNull(),
    /** The platform's own message/comment id (mid, comment id, Zalo msg_id): deliveries deduplicate on it. */
    externalId: text("external_id"),
    channelKey: text("channel_key").notNull(),
    /** Our replies and notes: who wrote them. */
    authorId: uuid("author_id"),
    text: text("text").notNull().default(""),
    attachments: jsonb("attachments").$type<InboxAttachment[]>().notNull().default([]),
    /** Notes: the people @mentioned. */
    mentions: uuid("mentions").array().notNull().default(sql`'{}'::uuid[]`),
    sendStatus: text("send_status", { enum: sendStatusValues }),
    /** Why the platform refused a reply, in the words shown to the officer. */
    sendError: text("send_error"),
    /** Comments hidden on the page through the Graph API. */
    hidden: boolean("hidden").notNull().default(false),
    /** The platform's time for incoming messages; ours for the rest. */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("inbox_messages_external")
      .on(table.channelKey, table.externalId)
      .where(sql`${table.externalId} is not null`),
    index("inbox_messages_conversation").on(table.conversationId, table.createdAt),
  ],
);

/** A conversation's history besides messages: status, assignment, labels, escalation, breaches. */
export const inboxEvents = pgTable(
  "inbox_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    conversationId: uuid("conversation_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    actorId: uuid("actor_id"),
    kind: text("kind", { enum: conversationEventKindValues }).notNull(),
    detail: jsonb("detail").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("inbox_events_conversation").on(table.conversationId, table.createdAt)],
);

/** Canned replies per unit, found by shortcut; `{ten}` and `{don_vi}` are filled in when used. */
export const inboxCannedReplies = pgTable(
  "inbox_canned_replies",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id").notNull(),
    shortcut: text("shortcut").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull(),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [uniqueIndex("inbox_canned_replies_shortcut").on(table.unitId, table.shortcut)],
);

/** Named offices a unit escalates to (the health office, the police's hotline…), reached by e-mail. */
export const inboxOffices = pgTable("inbox_offices", {
  id: uuid("id").primaryKey().defaultRandom(),
  unitId: uuid("unit_id").notNull(),
  name: text("name").notNull(),
  email: text("email").notNull(),
  createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Portal questions published with their answers, without the asker's name, on the portal's Q&A page. */
export const inboxPublishedAnswers = pgTable(
  "inbox_published_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id").notNull(),
    conversationId: uuid("conversation_id"),
    question: text("question").notNull(),
    answer: text("answer").notNull(),
    publishedBy: uuid("published_by"),
    publishedAt: timestamp("published_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [index("inbox_published_answers_unit").on(table.unitId, table.publishedAt.desc())],
);

/** A unit's standard time slots (07:00–11:30, 13:30–17:00, an evening slot); minutes after midnight, Vietnam time. */
export const dutySlots = pgTable("duty_slots", {
  id: uuid("id").primaryKey().defaultRandom(),
  unitId: uuid("unit_id").notNull(),
  name: text("name").notNull(),
  startMinute: integer("start_minute").notNull(),
  /** Smaller than startMinute when the slot runs past midnight. */
  endMinute: integer("end_minute").notNull(),
  position: integer("position").notNull().default(0),
  archived: boolean("archived").notNull().default(false),
});

/** One shift: a slot on a date (Vietnam time), with its concrete start and end. */
export const dutyShifts = pgTable(
  "duty_shifts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id").notNull(),
    day: date("day").notNull(),
    slotId: uuid("slot_id"),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (table) => [
    index("duty_shifts_unit_time").on(table.unitId, table.startsAt),
    uniqueIndex("duty_shifts_unit_slot_day").on(table.unitId, table.slotId, table.day),
  ],
);

/** Who is on a shift; one of them may lead it (escalations go to the leader first). */
export const dutyAssignments = pgTable(
  "duty_assignments",
  {
    shiftId: uuid("shift_id").notNull(),
    personId: uuid("person_id").notNull(),
    isLeader: boolean("is_leader").notNull().default(false),
  },
  (table) => [
    primaryKey({ columns: [table.shiftId, table.personId] }),
    index("duty_assignments_person").on(table.personId),
  ],
);

/** A person on a shift asks another to take it; the shift changes hands when the other accepts. */
export const dutySwaps = pgTable(
  "duty_swaps",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id").notNull(),
    shiftId: uuid("shift_id").notNull(),
    fromPersonId: uuid("from_person_id").notNull(),
    toPersonId: uuid("to_person_id").notNull(),
    status: text("status", { enum: swapStatusValues }).notNull().default("pending"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
  },
  (table) => [index("duty_swaps_to").on(table.toPersonId, table.status)],
);

/** Days without duty (public holidays, Tết), per unit; a unit also keeps its ancestors' holidays. */
export const dutyHolidays = pgTable(
  "duty_holidays",
  {
    unitId: uuid("unit_id").notNull(),
    day: date("day").notNull(),
    name: text("name").notNull(),
  },
  (table) => [primaryKey({ columns: [table.unitId, table.day] })],
);

/** People marked away: round-robin skips them until they come back (or `until` passes). */
export const dutyAway = pgTable("duty_away", {
  personId: uuid("person_id").primaryKey(),
  since: timestamp("since", { withTimezone: true }).notNull().defaultNow(),
  until: timestamp("until", { withTimezone: true }),
});
