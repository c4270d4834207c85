import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { FakeMessenger } from "../../../../../test/fakes/facebook-messenger.ts";
import type { FakeZaloCs } from "../../../../../test/fakes/zalo-cs.ts";
import type { SessionClient } from "../../../../../test/helpers/factories.ts";
import { makeUnit } from "../../../../../test/helpers/factories.ts";
import {
  connectedChannel,
  incoming,
  messagesOf,
  type OutboundWorld,
  startOutboundWorld,
} from "../../../../../test/helpers/inbox-outbound.ts";
import type { TestApp } from "../../../../../test/helpers/test-app.ts";
import { inboxEvents, inboxSettings } from "../../../db/schema/inbox.ts";
import { channelConnections } from "../../../db/schema/index.ts";

/*
 * Answering comments on the Page (in public, in private, hiding them) and Zalo OA users, against
 * the local fakes: what the platform receives and what the officer reads when it refuses.
 */

const HOUR = 60 * 60 * 1000;

let world: OutboundWorld;
let t: TestApp;
let messenger: FakeMessenger;
let zalo: FakeZaloCs;
let org: OutboundWorld["org"];
let officer: SessionClient;
let siblingOfficer: SessionClient;
let pageChannel = "";
let oaChannel = "";

beforeAll(async () => {
  world = await startOutboundWorld();
  ({ t, messenger, zalo, org, officer, siblingOfficer, pageChannel, oaChannel } = world);
});
afterAll(async () => {
  await world?.close();
});
beforeEach(() => {
  messenger.setMode("ok");
  messenger.humanAgent = true;
});

const psid = () => `psid-${randomBytes(5).toString("hex")}`;

const reply = (client: SessionClient, conversationId: string, payload: Record<string, unknown>) =>
  client.request({ method: "POST", url: `/api/inbox/conversations/${conversationId}/replies`, payload });

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

  it("an expired OA token fails the reply with words and marks the channel for reconnecting", async () => {
    const unit = await makeUnit(t.db, { parentId: org.left.id });
    await t.db.insert(inboxSettings).values({ unitId: unit.id, autoReplyEnabled: false });
    const channelId = await connectedChannel(t, {
      unitId: unit.id,
      platform: "zalo_oa",
      accountId: "1111222233334444",
      token: zalo.token,
    });
    const userId = `${Date.now()}7`;
    zalo.userWrote(userId, new Date());
    const made = await incoming(t, {
      source: "zalo",
      unitId: unit.id,
      channelKey: channelId,
      contact: { externalId: userId, displayName: "Vũ Thị Zalo" },
    });
    zalo.expireToken();
    try {
      const failed = await reply(officer, made.conversationId, { text: "Chào bạn" });
      expect(failed.json().sendStatus).toBe("failed");
      expect(failed.json().sendError).toContain("kết nối lại");
      const [connection] = await t.db
        .select()
        .from(channelConnections)
        .where(eq(channelConnections.channelId, channelId));
      expect(connection?.status).toBe("needs_reconnect");
    } finally {
      zalo.renewToken();
    }
  });
});
