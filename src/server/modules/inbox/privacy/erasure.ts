import { eq, inArray } from "drizzle-orm";
import {
  inboxContacts,
  inboxConversations,
  inboxEvents,
  inboxMessages,
  inboxPublishedAnswers,
} from "../../../db/schema/inbox.ts";
import { recordAudit } from "../../../platform/audit.ts";
import { conversationFor } from "../conversations/access.ts";
import type { Ctx } from "../conversations/changes.ts";
import { publishConversationEvent } from "../live/bus.ts";

/*
 * A citizen asked to be forgotten: the contact, every conversation of theirs on that channel, their
 * messages (and our replies and notes in them) and the conversations' timelines go. Answers published
 * on the portal were already without the asker's name; they stay, no longer pointing at the thread.
 * The audit keeps who erased what and how much, never what was said.
 */
export async function eraseContact(ctx: Ctx, conversationId: string) {
  const result = await ctx.db.transaction(async (tx) => {
    const scoped = await conversationFor(tx, ctx.actor, conversationId, "manage", { forUpdate: true });
    const contactId = scoped.row.contactId;
    const conversations = await tx
      .select({ id: inboxConversations.id, unitId: inboxConversations.unitId })
      .from(inboxConversations)
      .where(eq(inboxConversations.contactId, contactId))
      .for("update");
    const ids = conversations.map((conversation) => conversation.id);
    const messages = await tx
      .delete(inboxMessages)
      .where(inArray(inboxMessages.conversationId, ids))
      .returning({ id: inboxMessages.id });
    const events = await tx
      .delete(inboxEvents)
      .where(inArray(inboxEvents.conversationId, ids))
      .returning({ id: inboxEvents.id });
    await tx
      .update(inboxPublishedAnswers)
      .set({ conversationId: null })
      .where(inArray(inboxPublishedAnswers.conversationId, ids));
    await tx.delete(inboxConversations).where(inArray(inboxConversations.id, ids));
    await tx.delete(inboxContacts).where(eq(inboxContacts.id, contactId));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "inbox.contact.erase",
      unit: { id: scoped.row.unitId, path: scoped.unitPath },
      target: { type: "inbox_contact", id: contactId },
      ip: ctx.ip,
      details: {
        source: scoped.row.source,
        conversations: ids.length,
        messages: messages.length,
        events: events.length,
      },
    });
    return { conversations, messages: messages.length };
  });
  for (const conversation of result.conversations) {
    publishConversationEvent({ id: conversation.id, unitId: conversation.unitId, reason: "deleted" });
  }
  return { conversations: result.conversations.length, messages: result.messages };
}
