import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { type FakeMessenger, startFakeMessenger } from "../../../../../test/fakes/facebook-messenger.ts";
import { type FakeZaloCs, startFakeZaloCs } from "../../../../../test/fakes/zalo-cs.ts";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import {
  connectedChannel,
  conversationRow,
  incoming,
  messagesOf,
} from "../../../../../test/helpers/inbox-outbound.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { inboxEvents, inboxSettings } from "../../../db/schema/inbox.ts";
import { channelConnections, mediaItems } from "../../../db/schema/index.ts";

/*
 * Answering citizens through the platform each conversation came from, against local fakes of the
 * Messenger Send API and comment endpoints and of Zalo's customer-service message API: what the
 * platform receives, what the officer reads when it refuses, and what is refused before calling it.
 */

const HOUR = 60 * 60 * 1000;

let t: TestApp;
let messenger: FakeMessenger;
let zalo: FakeZaloCs;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let officer: SessionClient;
let siblingOfficer: SessionClient;
let pageChannel = "";
let oaChannel = "";

beforeAll(async () => {
  messenger = await startFakeMessenger({ humanAgent: true });
  zalo = await startFakeZaloCs();
  t = await createTestApp({
    env: { CAUNOI_GRAPH_API_URL: messenger.origin, CAUNOI_ZALO_API_URL: zalo.origin },
  });
  org = await makeOrganisation(t.db);
  const person = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
  const sibling = await makePerson(t.db, { unitId: org.right.id, roles: ["duty_officer"] });
  officer = await signInAs(t.app, person.email ?? "");
  siblingOfficer = await signInAs(t.app, sibling.email ?? "");
  // These tests count every call the platforms receive: the off-duty auto-reply has its own file.
  await t.db.insert(inboxSettings).values({ unitId: org.left.id, autoReplyEnabled: false });
  pageChannel = await connectedChannel(t, {
    unitId: org.left.id,
    platform: "facebook_page",
    accountId: messenger.pageId,
    token: messenger.token,
  });
  oaChannel = await connectedChannel(t, {
    unitId: org.left.id,
    platform: "zalo_oa",
    accountId: "4318722335442436",
    token: zalo.token,
  });
});
afterAll(async () => {
  await t?.close();
  await messenger?.close();
  await zalo?.close();
});
beforeEach(() => {
  messenger.setMode("ok");
  messenger.humanAgent = true;
});

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

describe("Facebook comments", () => {
  async function commentConversation(createdAt = new Date()) {
    const from = psid();
    const comment = messenger.addComment({ fromPsid: from, createdAt });
    const made = await incoming(t, {
      source: "facebook",
      unitId: org.left.id,
      channelKey: pageChannel,
      kind: "comment",
      postExternalId: `${messenger.pageId}_777`,
      contact: { externalId: from, displayName: "Lê Thị Bình Luận" },
      externalId: comment.id,
      text: "Đường ở xóm tôi bị hỏng",
      sentAt: createdAt,
    });
    return { ...made, comment };
  }

  it("answers publicly under the comment by default", async () => {
    const { conversationId, comment } = await commentConversation();
    const answered = await reply(officer, conversationId, { text: "Cảm ơn bạn, xã sẽ kiểm tra." });
    expect(answered.json().sendStatus).toBe("sent");
    expect(comment.replies).toEqual([
      expect.objectContaining({ message: "Cảm ơn bạn, xã sẽ kiểm tra.", attachmentUrl: null }),
    ]);
  });

  it("answers privately once through Messenger; a second private reply is refused by Facebook, with words", async () => {
    const { conversationId, comment } = await commentConversation();
    const first = await reply(officer, conversationId, {
      text: "Bạn cho xin số điện thoại.",
      commentMode: "private",
    });
    expect(first.json().sendStatus).toBe("sent");
    const privately = messenger.sent.filter((sent) => sent.recipient.comment_id === comment.id);
    expect(privately).toHaveLength(1);
    const second = await reply(officer, conversationId, { text: "Nhắc lại ạ.", commentMode: "private" });
    expect(second.json().sendStatus).toBe("failed");
    expect(second.json().sendError).toContain("trả lời riêng");
    expect(messenger.sent.filter((sent) => sent.recipient.comment_id === comment.id)).toHaveLength(1);
  });

  it("refuses a private reply to a comment older than 7 days before calling, and still allows a public one", async () => {
    const { conversationId, comment } = await commentConversation(new Date(Date.now() - 8 * 24 * HOUR));
    const refused = await reply(officer, conversationId, { text: "Riêng", commentMode: "private" });
    expect(refused.json().code).toBe("inbox.private_reply_window_closed");
    expect(messenger.sent.filter((sent) => sent.recipient.comment_id === comment.id)).toHaveLength(0);
    const publicly = await reply(officer, conversationId, { text: "Công khai" });
    expect(publicly.json().sendStatus).toBe("sent");
    expect(comment.replies).toHaveLength(1);
  });

  it("hides and shows the comment on the Page, recording each on the conversation", async () => {
    const { conversationId, messageId, comment } = await commentConversation();
    const url = `/api/inbox/conversations/${conversationId}/messages/${messageId}/hidden`;
    const hidden = await officer.request({ method: "POST", url, payload: { hidden: true } });
    expect(hidden.statusCode, hidden.body).toBe(200);
    expect(comment.hidden).toBe(true);
    expect((await messagesOf(t, conversationId)).find((m) => m.id === messageId)?.hidden).toBe(true);
    await officer.request({ method: "POST", url, payload: { hidden: false } });
    expect(comment.hidden).toBe(false);
    const events = await t.db
      .select()
      .from(inboxEvents)
      .where(eq(inboxEvents.conversationId, conversationId));
    expect(events.map((e) => e.kind).filter((k) => k === "hidden" || k === "unhidden")).toEqual([
      "hidden",
      "unhidden",
    ]);
    const refused = await siblingOfficer.request({ method: "POST", url, payload: { hidden: true } });
    expect(refused.statusCode).toBe(403);
  });
});

describe("Zalo OA", () => {
  async function zaloConversation(ago: number) {
    const userId = `${Date.now()}${Math.floor(Math.random() * 1000)}`;
    const at = new Date(Date.now() - ago);
    zalo.userWrote(userId, at);
    const made = await incoming(t, {
      source: "zalo",
      unitId: org.left.id,
      channelKey: oaChannel,
      contact: { externalId: userId, displayName: "Phạm Văn Zalo" },
      sentAt: at,
    });
    return { ...made, userId };
  }

  it("sends a customer-service message inside 48 hours, once", async () => {
    const { conversationId, userId } = await zaloConversation(HOUR);
    const answered = await reply(officer, conversationId, { text: "Chào bạn, UBND xã xin trả lời." });
    expect(answered.json().sendStatus).toBe("sent");
    expect(zalo.sent.filter((sent) => sent.userId === userId)).toEqual([
      expect.objectContaining({ text: "Chào bạn, UBND xã xin trả lời." }),
    ]);
    const call = zalo.sendCalls().at(-1);
    expect(call?.headers.access_token).toBe(zalo.token);
  });

  it("refuses after 48 hours before calling Zalo, and a picture with words saying Zalo takes text only", async () => {
    const late = await zaloConversation(49 * HOUR);
    const before = zalo.sendCalls().length;
    const refused = await reply(officer, late.conversationId, { text: "Muộn" });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("inbox.reply_window_closed");
    expect(refused.json().messages.vi).toContain("48 giờ");
    expect(zalo.sendCalls().length).toBe(before);
    const recent = await zaloConversation(HOUR);
    const picture = await reply(officer, recent.conversationId, {
      text: "Ảnh",
      mediaIds: [crypto.randomUUID()],
    });
    expect(picture.json().code).toBe("inbox.reply_media_not_supported");
  });

  it("a user who blocked the OA: the failed reply says so", async () => {
    const { conversationId, userId } = await zaloConversation(HOUR);
    zalo.blocked.add(userId);
    const failed = await reply(officer, conversationId, { text: "Chào bạn" });
    expect(failed.json().sendStatus).toBe("failed");
    expect(failed.json().sendError).toContain("chặn");
  });
});
