import { asc, desc, eq, inArray } from "drizzle-orm";
import type { ConversationDetail } from "../../../../shared/api/inbox-conversations.ts";
import type { Executor } from "../../../db/client.ts";
import { inboxContacts, inboxEvents, inboxMessages, inboxOffices } from "../../../db/schema/inbox.ts";
import type { Actor } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import { personNames, unitSummaries } from "../../org/index.ts";
import { replyWindowOf } from "../outbound/window.ts";
import { canManageConversation, canWorkConversation } from "../policy.ts";
import type { ScopedConversation } from "./access.ts";
import { presentRows } from "./present.ts";

/** A long thread opens on its latest messages; older ones are rarely needed to answer. */
export const DETAIL_MESSAGE_LIMIT = 300;
const DETAIL_EVENT_LIMIT = 500;

/**
 * One conversation as the officer opens it. Every read is audited (who read whose conversation, never
 * what it says); the contact's e-mail stays on the server (only whether there is one).
 */
export async function conversationDetail(
  db: Executor,
  actor: Actor,
  scoped: ScopedConversation,
  ip: string | null,
  now = new Date(),
): Promise<ConversationDetail> {
  const row = scoped.row;
  const [contact] = await db
    .select({ id: inboxContacts.id, name: inboxContacts.displayName, email: inboxContacts.email })
    .from(inboxContacts)
    .where(eq(inboxContacts.id, row.contactId));
  const latest = await db
    .select()
    .from(inboxMessages)
    .where(eq(inboxMessages.conversationId, row.id))
    .orderBy(desc(inboxMessages.createdAt), desc(inboxMessages.id))
    .limit(DETAIL_MESSAGE_LIMIT);
  const messages = latest.reverse();
  const events = await db
    .select()
    .from(inboxEvents)
    .where(eq(inboxEvents.conversationId, row.id))
    .orderBy(asc(inboxEvents.createdAt), asc(inboxEvents.id))
    .limit(DETAIL_EVENT_LIMIT);
  const [office] = row.escalatedToOfficeId
    ? await db
        .select({ id: inboxOffices.id, name: inboxOffices.name })
        .from(inboxOffices)
        .where(inArray(inboxOffices.id, [row.escalatedToOfficeId]))
    : [];
  const names = await personNames(db, [
    ...messages.flatMap((message) => [...(message.authorId ? [message.authorId] : []), ...message.mentions]),
    ...events.flatMap((event) => (event.actorId ? [event.actorId] : [])),
  ]);
  const ref = (id: string) => ({ id, fullName: names.get(id) ?? "" });
  const escalatedUnit = row.escalatedToUnitId
    ? (await unitSummaries(db, [row.escalatedToUnitId])).get(row.escalatedToUnitId)
    : undefined;
  const [item] = await presentRows(db, [{ ...row, contactName: contact?.name ?? "" }]);
  if (!item) {
    throw new Error("a conversation row presented to nothing");
  }
  const replyWindow = replyWindowOf(row, now, { humanAgent: false });
  const canWork = canWorkConversation(actor, scoped);
  const canManage = canManageConversation(actor, scoped);
  await recordAudit(db, {
    actor,
    action: "inbox.conversation.read",
    unit: { id: row.unitId, path: scoped.unitPath },
    target: { type: "inbox_conversation", id: row.id },
    ip,
    details: { messages: messages.length },
  });
  return {
    conversation: {
      ...item,
      contact: { id: row.contactId, name: contact?.name ?? "", hasEmail: Boolean(contact?.email) },
      postExcerpt: row.postExcerpt,
      postExternalId: row.postExternalId,
      firstResponseDueAt: row.firstResponseDueAt,
      firstRespondedAt: row.firstRespondedAt,
      resolutionDueAt: row.resolutionDueAt,
      resolvedAt: row.resolvedAt,
      escalatedToUnit: escalatedUnit ? { id: escalatedUnit.id, name: escalatedUnit.name } : null,
      escalatedToOffice: office ?? null,
      replyWindow,
      canReply: canWork && replyWindow.canReplyNow,
      canAssign: canWork,
      canEscalate: canWork,
      canDelete: canManage,
      canPublishAnswer: canManage && row.source === "portal",
    },
    messages: messages.map((message) => ({
      id: message.id,
      direction: message.direction,
      text: message.text,
      attachments: message.attachments,
      author: message.authorId ? ref(message.authorId) : null,
      mentions: message.mentions.map(ref),
      sendStatus: message.sendStatus,
      sendError: message.sendError,
      hidden: message.hidden,
      isComment: message.direction === "in" && row.kind === "comment" && message.externalId !== null,
      createdAt: message.createdAt,
    })),
    events: events.map((event) => ({
      id: event.id,
      kind: event.kind,
      actor: event.actorId ? ref(event.actorId) : null,
      detail: event.detail,
      createdAt: event.createdAt,
    })),
  };
}
