import { z } from "zod";
import {
  conversationEventKindValues,
  conversationKindValues,
  conversationStatusValues,
  inboxSourceValues,
  messageDirectionValues,
  pendingReasonValues,
  sendStatusValues,
} from "./inbox-values.ts";

/*
 * The inbox's conversations as duty officers work them: the list (search ignoring diacritics), one
 * conversation with its messages, notes and history, status, labels, assignment, notes with @mention,
 * escalation, canned replies, and deletion on a citizen's request. A contact is only what the platform
 * gave: its scoped id and the name shown there.
 */

export const conversationIdParams = z.object({ id: z.uuid() });
export const cannedReplyIdParams = z.object({ id: z.uuid() });
export const officeIdParams = z.object({ id: z.uuid() });

const personRef = z.object({ id: z.string(), fullName: z.string() });

export const conversationListQuery = z.object({
  /** Words from the contact's name or any message, diacritics optional ("nuoc sach" finds "nước sạch"). */
  q: z.string().max(200).optional(),
  /** One status, "active" (open and pending: the default) or "all". */
  status: z.enum([...conversationStatusValues, "active", "all"]).optional(),
  /** A person's id, "mine" or "unassigned". */
  assignee: z.union([z.uuid(), z.enum(["mine", "unassigned"])]).optional(),
  source: z.enum(inboxSourceValues).optional(),
  kind: z.enum(conversationKindValues).optional(),
  label: z.string().max(60).optional(),
  /** Only conversations past a target, or flagged as about to pass one. */
  due: z.enum(["breached", "warned"]).optional(),
  /** Conversations escalated to the actor's units from their children. */
  escalated: z.enum(["to_us"]).optional(),
  unitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(100).optional(),
});

export const conversationListItem = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  source: z.enum(inboxSourceValues),
  kind: z.enum(conversationKindValues),
  /** The channel's name in the registry ("Fanpage Công an tỉnh"), or the portal. */
  channelName: z.string(),
  contactName: z.string(),
  status: z.enum(conversationStatusValues),
  pendingReason: z.enum(pendingReasonValues).nullable(),
  assignee: personRef.nullable(),
  labels: z.array(z.string()),
  lastMessagePreview: z.string(),
  lastMessageAt: z.date(),
  messageCount: z.number(),
  /** The earliest target still running (first response, else resolution), null when none. */
  dueAt: z.date().nullable(),
  warned: z.boolean(),
  breached: z.boolean(),
  escalated: z.boolean(),
});
export type ConversationListItem = z.infer<typeof conversationListItem>;

export const conversationListResponse = z.object({
  items: z.array(conversationListItem),
  /** Counted up to 1,000; `totalCapped` says there are more (show "1.000+"). */
  total: z.number(),
  totalCapped: z.boolean().optional(),
  page: z.number(),
  /** Active conversations in the actor's scope, whatever the filters. */
  counts: z.object({ active: z.number(), mine: z.number(), unassigned: z.number(), breached: z.number() }),
});

export const inboxAttachmentSchema = z.object({
  kind: z.enum(["image", "file"]),
  url: z.string(),
  mediaId: z.string().optional(),
  name: z.string().optional(),
});

export const inboxMessageSchema = z.object({
  id: z.string(),
  direction: z.enum(messageDirectionValues),
  text: z.string(),
  attachments: z.array(inboxAttachmentSchema),
  author: personRef.nullable(),
  mentions: z.array(personRef),
  sendStatus: z.enum(sendStatusValues).nullable(),
  sendError: z.string().nullable(),
  hidden: z.boolean(),
  /** Incoming comments: the platform's comment id exists, so it can be hidden or answered in place. */
  isComment: z.boolean(),
  createdAt: z.date(),
});
export type InboxMessage = z.infer<typeof inboxMessageSchema>;

export const conversationEventSchema = z.object({
  id: z.string(),
  kind: z.enum(conversationEventKindValues),
  actor: personRef.nullable(),
  detail: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});

/** What the platform still allows: the reply window and what is possible after it. */
export const replyWindowSchema = z.object({
  /** Standard reply possible until (Messenger 24 h, Zalo's window), null for comments and portal e-mail. */
  standardUntil: z.date().nullable(),
  /** Messenger's human-agent tag (7 days), when the page has it. */
  humanAgentUntil: z.date().nullable(),
  canReplyNow: z.boolean(),
});

export const conversationDetailResponse = z.object({
  conversation: conversationListItem.extend({
    contact: z.object({ id: z.string(), name: z.string(), hasEmail: z.boolean() }),
    postExcerpt: z.string().nullable(),
    postExternalId: z.string().nullable(),
    firstResponseDueAt: z.date().nullable(),
    firstRespondedAt: z.date().nullable(),
    resolutionDueAt: z.date().nullable(),
    resolvedAt: z.date().nullable(),
    escalatedToUnit: z.object({ id: z.string(), name: z.string() }).nullable(),
    escalatedToOffice: z.object({ id: z.string(), name: z.string() }).nullable(),
    replyWindow: replyWindowSchema,
    canReply: z.boolean(),
    canAssign: z.boolean(),
    canEscalate: z.boolean(),
    canDelete: z.boolean(),
    /** Portal questions: may be published with the answer on the portal's Q&A page. */
    canPublishAnswer: z.boolean(),
  }),
  messages: z.array(inboxMessageSchema),
  events: z.array(conversationEventSchema),
});
export type ConversationDetail = z.infer<typeof conversationDetailResponse>;

export const conversationStatusBody = z.object({
  status: z.enum(conversationStatusValues),
  /** With "pending": waiting for the citizen or for another office. */
  pendingReason: z.enum(pendingReasonValues).optional(),
});

export const conversationLabelsBody = z.object({
  labels: z.array(z.string().trim().min(1).max(40)).max(20),
});

export const conversationAssignBody = z.object({
  /** null to unassign. */
  personId: z.uuid().nullable(),
});

export const conversationNoteBody = z.object({
  text: z.string().min(1).max(5000),
  /** People @mentioned: they are notified. Must hold inbox.read on the conversation's unit. */
  mentions: z.array(z.uuid()).max(20).optional(),
});

export const conversationEscalateBody = z.object({
  /** The parent unit (`"parent"`) or one of the unit's offices. */
  to: z.union([z.literal("parent"), z.object({ officeId: z.uuid() })]),
  note: z.string().max(2000).optional(),
});

export const conversationChangedResponse = z.object({ ok: z.literal(true) });

/** People who may be assigned or @mentioned on a conversation (inbox.read on its unit). */
export const conversationPeopleResponse = z.object({ items: z.array(personRef) });

export const cannedReplySchema = z.object({
  id: z.string(),
  unitId: z.string(),
  shortcut: z.string(),
  title: z.string(),
  body: z.string(),
  canEdit: z.boolean(),
});

export const cannedReplyListQuery = z.object({
  /** Shortcut or title start, diacritics optional. */
  q: z.string().max(100).optional(),
  unitId: z.uuid().optional(),
});
export const cannedReplyListResponse = z.object({ items: z.array(cannedReplySchema) });

export const cannedReplyBody = z.object({
  unitId: z.uuid(),
  /** Letters, digits, - and _, typed after "/" in the composer. */
  shortcut: z
    .string()
    .trim()
    .regex(/^[\p{L}\p{N}_-]{1,30}$/u),
  title: z.string().trim().min(1).max(120),
  body: z.string().trim().min(1).max(2000),
});

export const officeSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  name: z.string(),
  email: z.string(),
});
export const officeListResponse = z.object({ items: z.array(officeSchema) });
export const officeBody = z.object({
  unitId: z.uuid(),
  name: z.string().trim().min(1).max(200),
  email: z.string().trim().max(254),
});

/** A citizen asked to be forgotten: every conversation of the contact and the contact itself go. */
export const contactErasedResponse = z.object({ conversations: z.number(), messages: z.number() });

export const conversationEndpoints = {
  "GET /api/inbox/conversations": { query: conversationListQuery, response: conversationListResponse },
  "GET /api/inbox/conversations/:id": { params: conversationIdParams, response: conversationDetailResponse },
  "POST /api/inbox/conversations/:id/status": {
    params: conversationIdParams,
    body: conversationStatusBody,
    response: conversationChangedResponse,
  },
  "PUT /api/inbox/conversations/:id/labels": {
    params: conversationIdParams,
    body: conversationLabelsBody,
    response: conversationChangedResponse,
  },
  "POST /api/inbox/conversations/:id/assign": {
    params: conversationIdParams,
    body: conversationAssignBody,
    response: conversationChangedResponse,
  },
  "POST /api/inbox/conversations/:id/notes": {
    params: conversationIdParams,
    body: conversationNoteBody,
    response: inboxMessageSchema,
  },
  "POST /api/inbox/conversations/:id/escalate": {
    params: conversationIdParams,
    body: conversationEscalateBody,
    response: conversationChangedResponse,
  },
  "GET /api/inbox/conversations/:id/people": {
    params: conversationIdParams,
    response: conversationPeopleResponse,
  },
  "DELETE /api/inbox/conversations/:id/contact": {
    params: conversationIdParams,
    response: contactErasedResponse,
  },
  "GET /api/inbox/canned-replies": { query: cannedReplyListQuery, response: cannedReplyListResponse },
  "POST /api/inbox/canned-replies": { body: cannedReplyBody, response: cannedReplySchema },
  "PUT /api/inbox/canned-replies/:id": {
    params: cannedReplyIdParams,
    body: cannedReplyBody,
    response: cannedReplySchema,
  },
  "DELETE /api/inbox/canned-replies/:id": {
    params: cannedReplyIdParams,
    response: conversationChangedResponse,
  },
  "GET /api/inbox/offices": {
    query: z.object({ unitId: z.uuid().optional() }),
    response: officeListResponse,
  },
  "POST /api/inbox/offices": { body: officeBody, response: officeSchema },
  "DELETE /api/inbox/offices/:id": { params: officeIdParams, response: conversationChangedResponse },
} as const;
