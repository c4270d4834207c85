import type { Db } from "../../../db/client.ts";
import { inboxContacts, inboxConversations } from "../../../db/schema/inbox.ts";

/** A Facebook conversation of `unitId`, written as ingest would leave it (for the live feed's tests). */
export async function insertConversation(db: Db, unitId: string, externalId: string): Promise<string> {
  const channelKey = crypto.randomUUID();
  const [contact] = await db
    .insert(inboxContacts)
    .values({ unitId, source: "facebook", channelKey, externalId, displayName: "Người dân" })
    .returning();
  const [conversation] = await db
    .insert(inboxConversations)
    .values({
      unitId,
      channelId: channelKey,
      channelKey,
      source: "facebook",
      kind: "message",
      contactId: contact?.id ?? "",
      threadKey: `${channelKey}|message|${externalId}|`,
      lastMessagePreview: "Xin hỏi",
      messageCount: 1,
      lastIncomingAt: new Date(),
    })
    .returning();
  return conversation?.id ?? "";
}
