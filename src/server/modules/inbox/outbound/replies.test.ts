import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeMessenger } from "../../../../../test/fakes/facebook-messenger.ts";
import type { SessionClient } from "../../../../../test/helpers/factories.ts";
import {
  connectedChannel,
  conversationRow,
  incoming,
  messagesOf,
  type OutboundWorld,
  startOutboundWorld,
} from "../../../../../test/helpers/inbox-outbound.ts";
import type { TestApp } from "../../../../../test/helpers/test-app.ts";
import { inboxContacts, inboxConversations, inboxEvents } from "../../../db/schema/inbox.ts";
import { channelConnections, mediaItems } from "../../../db/schema/index.ts";
import { finishSending, insertSending } from "./send.ts";

/*
 * Answering citizens through the platform each conversation came from, against local fakes of the
 * Messenger Send API and comment endpoints and of Zalo's customer-service message API: what the
 * platform receives, what the officer reads when it refuses, and what is refused before calling it.
 */

const HOUR = 60 * 60 * 1000;

let world: OutboundWorld;
let t: TestApp;
let messenger: FakeMessenger;
let org: OutboundWorld["org"];
let officer: SessionClient;
let siblingOfficer: SessionClient;
let pageChannel = "";

beforeAll(async () => {
  world = await startOutboundWorld();
  ({ t, messenger, org, officer, siblingOfficer, pageChannel } = world);
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  messenger.setMode("ok");
  messenger.humanAgent = true;
});

async function contactOf(contactId: string) {
  const [row] = await t.db.select().from(inboxContacts).where(eq(inboxContacts.id, contactId));
  return row?.externalId;
}

const psid = () => `psid-${randomBytes(5).toString("hex")}`;

/** A Messenger conversation whose citizen last wrote `ago` ms ago (the fake knows the same time). */
async function messengerConversation(ago = 60_000) {
  const id = psid();
  const at = new Date(Date.now() - ago);
  messenger.userWrote(id, at);
  const made = await incoming(t, {
    source: "facebook",
    unitId: org.left.id,
    channelKey: pageChannel,
    contact: { externalId: id, displayName: "Trần Văn Dân" },
    sentAt: at,
  });
  return { ...made, psid: id };
}

const reply = (client: SessionClient, conversationId: string, payload: Record<string, unknown>) =>
  client.request({ method: "POST", url: `/api/inbox/conversations/${conversationId}/replies`, payload });

const sendsTo = (id: string) => messenger.sent.filter((sent) => sent.recipient.id === id);

describe("Messenger", () => {
  it("sends a reply inside 24 hours once, as a RESPONSE to the citizen's PSID, and it meets the first-response target", async () => {
    const { conversationId, psid: id } = await messengerConversation();
    const answered = await reply(officer, conversationId, { text: "Chào bạn, thủ tục cần CCCD." });
    expect(answered.statusCode, answered.body).toBe(200);
    expect(answered.json()).toMatchObject({ direction: "out", sendStatus: "sent", sendError: null });
    expect(sendsTo(id)).toHaveLength(1);
    expect(sendsTo(id)[0]).toMatchObject({ messagingType: "RESPONSE", text: "Chào bạn, thủ tục cần CCCD." });
    const stored = (await messagesOf(t, conversationId)).find((m) => m.id === answered.json().id);
    // The platform's id is kept, so the webhook's echo of this reply is recognised as the same message.
    expect(stored?.externalId).toBe(sendsTo(id)[0]?.messageId);
    expect((await conversationRow(t, conversationId)).firstRespondedAt).not.toBeNull();
  });

  it("after 24 hours answers with the HUMAN_AGENT tag on a page that has it", async () => {
    const { conversationId, psid: id } = await messengerConversation(30 * HOUR);
    const answered = await reply(officer, conversationId, { text: "Xin lỗi vì trả lời muộn." });
    expect(answered.json().sendStatus).toBe("sent");
    expect(sendsTo(id)).toEqual([
      expect.objectContaining({ messagingType: "MESSAGE_TAG", tag: "HUMAN_AGENT" }),
    ]);
  });

  it("after 24 hours on a page without the Human Agent feature, says so on the failed reply", async () => {
    messenger.humanAgent = false;
    const { conversationId, psid: id } = await messengerConversation(30 * HOUR);
    const answered = await reply(officer, conversationId, { text: "Xin lỗi vì trả lời muộn." });
    expect(answered.json().sendStatus).toBe("failed");
    expect(answered.json().sendError).toContain("Human Agent");
    expect(sendsTo(id)).toHaveLength(0);
  });

  it("after 7 days refuses before calling Facebook, naming the window and what is still possible", async () => {
    const { conversationId, psid: id } = await messengerConversation(8 * 24 * HOUR);
    const before = messenger.sendCalls().length;
    const refused = await reply(officer, conversationId, { text: "Trả lời muộn" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("inbox.reply_window_closed");
    expect(refused.json().messages.vi).toContain("7 ngày");
    expect(refused.json().messages.vi).toContain("ghi chú nội bộ");
    expect(messenger.sendCalls().length).toBe(before);
    expect(sendsTo(id)).toHaveLength(0);
    expect((await messagesOf(t, conversationId)).filter((m) => m.direction === "out")).toHaveLength(0);
  });

  it("Facebook's own window refusal (its clock says the 24 hours are over) is worded on the failed reply", async () => {
    const { conversationId, psid: id } = await messengerConversation();
    // Facebook saw the citizen's last message earlier than the webhook told us.
    messenger.userWrote(id, new Date(Date.now() - 25 * HOUR));
    const failed = await reply(officer, conversationId, { text: "Chào bạn" });
    expect(failed.json().sendStatus).toBe("failed");
    expect(failed.json().sendError).toContain("quá thời hạn trả lời của Messenger");
    expect(failed.json().sendError).toContain("2018278");
  });

  it("a platform refusal leaves a failed reply with words to act on; Retry then sends it once", async () => {
    const { conversationId, psid: id } = await messengerConversation();
    messenger.setMode("rate_limited");
    const failed = await reply(officer, conversationId, { text: "Bạn vui lòng mang theo CCCD." });
    expect(failed.json().sendStatus).toBe("failed");
    expect(failed.json().sendError).toContain("giới hạn");
    expect((await conversationRow(t, conversationId)).firstRespondedAt).toBeNull();
    messenger.setMode("ok");
    const retried = await officer.request({
      method: "POST",
      url: `/api/inbox/conversations/${conversationId}/messages/${failed.json().id}/retry`,
    });
    expect(retried.statusCode, retried.body).toBe(200);
    expect(retried.json()).toMatchObject({ id: failed.json().id, sendStatus: "sent", sendError: null });
    expect(sendsTo(id)).toHaveLength(1);
    const again = await officer.request({
      method: "POST",
      url: `/api/inbox/conversations/${conversationId}/messages/${failed.json().id}/retry`,
    });
    expect(again.json().code).toBe("inbox.reply_not_failed");
  });

  it("a reply left sending by a restart can be sent again by hand after two minutes, not before", async () => {
    const { conversationId, psid: id } = await messengerConversation();
    const [conversation] = await t.db
      .select()
      .from(inboxConversations)
      .where(eq(inboxConversations.id, conversationId));
    // As if the process died right after committing the reply, before calling Facebook.
    const written = async (at: Date) =>
      t.db.transaction((tx) =>
        insertSending(tx, conversation as typeof inboxConversations.$inferSelect, {
          direction: "out",
          authorId: null,
          text: `Trả lời bị gián đoạn ${at.getTime()}`,
          attachments: [],
          route: { mode: "message", commentExternalId: null },
          at,
        }),
      );
    const fresh = await written(new Date());
    const retry = (messageId: string) =>
      officer.request({
        method: "POST",
        url: `/api/inbox/conversations/${conversationId}/messages/${messageId}/retry`,
      });
    expect((await retry(fresh.id)).json().code).toBe("inbox.reply_not_failed");
    const stuck = await written(new Date(Date.now() - 3 * 60_000));
    const sent = await retry(stuck.id);
    expect(sent.json()).toMatchObject({ id: stuck.id, sendStatus: "sent" });
    expect(sendsTo(id)).toHaveLength(1);
  });

  it("an expired Page token fails the reply and marks the channel for reconnecting", async () => {
    const channelId = await connectedChannel(t, {
      unitId: org.left.id,
      platform: "facebook_page",
      accountId: "99887766",
      token: messenger.token,
    });
    const id = psid();
    messenger.userWrote(id, new Date());
    const made = await incoming(t, {
      source: "facebook",
      unitId: org.left.id,
      channelKey: channelId,
      contact: { externalId: id, displayName: "Đỗ Văn Hết Hạn" },
    });
    messenger.expireToken();
    try {
      const failed = await reply(officer, made.conversationId, { text: "Chào bạn" });
      expect(failed.json().sendStatus).toBe("failed");
      expect(failed.json().sendError).toContain("kết nối lại");
      const [connection] = await t.db
        .select()
        .from(channelConnections)
        .where(eq(channelConnections.channelId, channelId));
      expect(connection?.status).toBe("needs_reconnect");
      const next = await reply(officer, made.conversationId, { text: "Chào bạn lần nữa" });
      expect(next.json().code).toBe("inbox.channel_not_connected");
    } finally {
      messenger.renewToken();
    }
  });

  it("the webhook's echo of a reply, arriving before Facebook's answer is recorded, leaves one message", async () => {
    const { conversationId } = await messengerConversation();
    const conversation = await conversationRow(t, conversationId);
    const message = await t.db.transaction((tx) =>
      insertSending(tx, conversation, {
        direction: "out",
        authorId: null,
        text: "Trả lời có tiếng vọng",
        attachments: [],
        route: { mode: "message", commentExternalId: null },
        at: new Date(),
      }),
    );
    // The echo is the page's own message with the platform's id, recorded by the ingest first.
    await incoming(t, {
      source: "facebook",
      unitId: org.left.id,
      channelKey: pageChannel,
      direction: "out",
      contact: { externalId: (await contactOf(conversation.contactId)) ?? "", displayName: "" },
      externalId: "m_echo_first",
      text: "Trả lời có tiếng vọng",
    });
    expect((await messagesOf(t, conversationId)).filter((m) => m.direction === "out")).toHaveLength(2);
    await finishSending(
      t.app.deps,
      conversation,
      message,
      { ok: true, externalId: "m_echo_first" },
      { actorId: null, resolve: false, at: new Date() },
    );
    const out = (await messagesOf(t, conversationId)).filter((m) => m.direction === "out");
    expect(out.map((m) => [m.id, m.externalId, m.sendStatus])).toEqual([
      [message.id, "m_echo_first", "sent"],
    ]);
    expect((await conversationRow(t, conversationId)).messageCount).toBe(2);
  });

  it("a double click sends one reply: both answers name the same message", async () => {
    const { conversationId, psid: id } = await messengerConversation();
    const payload = { text: "Cảm ơn bạn đã hỏi." };
    const [first, second] = await Promise.all([
      reply(officer, conversationId, payload),
      reply(officer, conversationId, payload),
    ]);
    expect(first.statusCode, first.body).toBe(200);
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().id).toBe(first.json().id);
    expect(sendsTo(id)).toHaveLength(1);
    expect((await messagesOf(t, conversationId)).filter((m) => m.direction === "out")).toHaveLength(1);
  });

  it("sends a picture of the unit's library after the text; a picture of another unit is refused", async () => {
    const { conversationId, psid: id } = await messengerConversation();
    const picture = async (unitId: string) => {
      const [row] = await t.db
        .insert(mediaItems)
        .values({
          unitId,
          kind: "image",
          mime: "image/jpeg",
          bytes: 1,
          altText: "Bản đồ trụ sở",
          storageKey: `${randomBytes(16).toString("hex")}.jpg`,
          sha256: "0".repeat(64),
        })
        .returning();
      return row?.id ?? "";
    };
    const ours = await picture(org.left.id);
    const theirs = await picture(org.right.id);
    const refused = await reply(officer, conversationId, { text: "Bản đồ", mediaIds: [theirs] });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("inbox.reply_media_outside_unit");
    expect(sendsTo(id)).toHaveLength(0);
    const answered = await reply(officer, conversationId, { text: "Bản đồ trụ sở", mediaIds: [ours] });
    expect(answered.json().sendStatus).toBe("sent");
    expect(answered.json().attachments).toEqual([expect.objectContaining({ kind: "image", mediaId: ours })]);
    expect(sendsTo(id).map((sent) => (sent.text ? "text" : "image"))).toEqual(["text", "image"]);
    expect(sendsTo(id)[1]?.attachmentUrl).toMatch(/^http:\/\/caunoi\.test\/media\//);
  });

  it("refuses a reply longer than 2,000 characters (and a 10 MB one) by its schema, and an empty one", async () => {
    const { conversationId, psid: id } = await messengerConversation();
    for (const text of ["a".repeat(2001), "x".repeat(10 * 1024 * 1024)]) {
      const refused = await reply(officer, conversationId, { text });
      expect(refused.statusCode).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode).toBeLessThan(500);
    }
    expect((await reply(officer, conversationId, { text: "   " })).json().code).toBe("inbox.reply_empty");
    expect(sendsTo(id)).toHaveLength(0);
  });

  it("refuses an officer of a sibling unit (403) and sends nothing", async () => {
    const { conversationId, psid: id } = await messengerConversation();
    const refused = await reply(siblingOfficer, conversationId, { text: "Tôi trả lời hộ" });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("inbox.conversation_forbidden");
    expect(sendsTo(id)).toHaveLength(0);
  });

  it("resolves the conversation with the reply when asked", async () => {
    const { conversationId } = await messengerConversation();
    const answered = await reply(officer, conversationId, { text: "Đã giải quyết xong.", resolve: true });
    expect(answered.json().sendStatus).toBe("sent");
    const row = await conversationRow(t, conversationId);
    expect(row.status).toBe("resolved");
    const events = await t.db
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.conversationId, conversationId));
    expect(events.map((e) => e.kind)).toContain("status");
  });
});
