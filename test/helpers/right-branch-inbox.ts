import type { InjectOptions } from "fastify";
import {
  dutyShifts,
  dutySlots,
  dutySwaps,
  inboxCannedReplies,
  inboxContacts,
  inboxConversations,
  inboxMessages,
  inboxOffices,
  inboxPublishedAnswers,
} from "../../src/server/db/schema/index.ts";
import { conversationSiblingAttempts } from "./sibling-attempts-inbox-conversations.ts";
import { portalSiblingAttempts } from "./sibling-attempts-inbox-portal.ts";
import { rosterSiblingAttempts } from "./sibling-attempts-inbox-roster.ts";
import { targetSiblingAttempts } from "./sibling-attempts-inbox-targets.ts";
import type { TestApp } from "./test-app.ts";

/*
 * The inbox's part of the route inventory's right-hand branch: one record of each inbox kind on the
 * right-hand unit, and the attempts each unit-scoped inbox route would make on them. Each part of the
 * inbox adds its routes' attempts in its own file (sibling-attempts-inbox-*.ts), merged below.
 */

export interface RightInbox {
  unitId: string;
  channelId: string;
  personId: string;
  conversationId: string;
  messageId: string;
  cannedReplyId: string;
  officeId: string;
  slotId: string;
  shiftId: string;
  swapId: string;
  publishedAnswerId: string;
}

export async function makeRightInbox(
  t: TestApp,
  branch: { unitId: string; channelId: string; personId: string },
): Promise<RightInbox> {
  const channelKey = branch.channelId;
  const [contact] = await t.db
    .insert(inboxContacts)
    .values({
      unitId: branch.unitId,
      source: "facebook",
      channelKey,
      externalId: "psid-right-1",
      displayName: "Người dân bên phải",
    })
    .returning();
  const [conversation] = await t.db
    .insert(inboxConversations)
    .values({
      unitId: branch.unitId,
      channelId: branch.channelId,
      channelKey,
      source: "facebook",
      kind: "message",
      contactId: contact?.id ?? "",
      threadKey: `${channelKey}|message|psid-right-1|`,
      lastMessagePreview: "Xin hỏi",
      searchText: "xin hoi",
      messageCount: 1,
      lastIncomingAt: new Date(),
    })
    .returning();
  const [message] = await t.db
    .insert(inboxMessages)
    .values({
      conversationId: conversation?.id ?? "",
      unitId: branch.unitId,
      direction: "in",
      externalId: "m_right_1",
      channelKey,
      text: "Xin hỏi",
    })
    .returning();
  const [canned] = await t.db
    .insert(inboxCannedReplies)
    .values({ unitId: branch.unitId, shortcut: "chao", title: "Chào", body: "Chào {ten}" })
    .returning();
  const [office] = await t.db
    .insert(inboxOffices)
    .values({ unitId: branch.unitId, name: "Phòng Y tế", email: "yte@example.vn" })
    .returning();
  const [slot] = await t.db
    .insert(dutySlots)
    .values({ unitId: branch.unitId, name: "Sáng", startMinute: 7 * 60, endMinute: 11 * 60 + 30 })
    .returning();
  const [shift] = await t.db
    .insert(dutyShifts)
    .values({
      unitId: branch.unitId,
      day: "2099-01-05",
      slotId: slot?.id ?? null,
      startsAt: new Date("2099-01-05T00:00:00Z"),
      endsAt: new Date("2099-01-05T04:30:00Z"),
    })
    .returning();
  const [swap] = await t.db
    .insert(dutySwaps)
    .values({
      unitId: branch.unitId,
      shiftId: shift?.id ?? "",
      fromPersonId: branch.personId,
      toPersonId: branch.personId,
    })
    .returning();
  const [answer] = await t.db
    .insert(inboxPublishedAnswers)
    .values({ unitId: branch.unitId, question: "Hỏi", answer: "Đáp" })
    .returning();
  return {
    ...branch,
    conversationId: conversation?.id ?? "",
    messageId: message?.id ?? "",
    cannedReplyId: canned?.id ?? "",
    officeId: office?.id ?? "",
    slotId: slot?.id ?? "",
    shiftId: shift?.id ?? "",
    swapId: swap?.id ?? "",
    publishedAnswerId: answer?.id ?? "",
  };
}

/** Every inbox attempt; a part's routes that act on a unit add theirs in its own function here. */
export function inboxSiblingAttempts(right: RightInbox): Record<string, InjectOptions> {
  return {
    ...rosterSiblingAttempts(right),
    ...conversationSiblingAttempts(right),
    ...targetSiblingAttempts(right),
    ...portalSiblingAttempts(right),
  };
}
