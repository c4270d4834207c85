import type { AddressInfo } from "node:net";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  facebookSignature,
  fakeFacebook,
  feedComment,
  messengerEcho,
  messengerMessage,
  pageDelivery,
} from "../../../../../test/fakes/facebook-webhooks.ts";
import {
  fakeZalo,
  zaloFollow,
  zaloOaText,
  zaloUserImage,
  zaloUserText,
} from "../../../../../test/fakes/zalo-webhooks.ts";
import { eventually as waitFor } from "../../../../../test/helpers/eventually.ts";
import { makeUnit } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import {
  inboxContacts,
  inboxConversations,
  inboxDeliveries,
  inboxMessages,
  inboxWebhookRefusals,
} from "../../../db/schema/inbox.ts";
import { channelConnections } from "../../../db/schema/index.ts";
import { registerChannel } from "../../channels/index.ts";

const appSecret = "caunoi-app-secret";
const verifyToken = "caunoi-verify-token";
const oaSecretKey = "oa-secret-key";
const pageId = `1047${Date.now()}`;
const oaId = `3886${Date.now()}`;
const appId = "1234567890";

let t: TestApp;
let origin = "";
let facebookChannelId = "";
let zaloChannelId = "";
let facebook: ReturnType<typeof fakeFacebook>;
let zalo: ReturnType<typeof fakeZalo>;

beforeAll(async () => {
  t = await createTestApp({
    env: {
      FACEBOOK_APP_SECRET: appSecret,
      FACEBOOK_VERIFY_TOKEN: verifyToken,
      ZALO_OA_SECRET_KEY: oaSecretKey,
    },
  });
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  origin = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  const unitId = (await makeUnit(t.db)).id;
  const system = { db: t.db, actor: null, ip: null };
  facebookChannelId = (
    await registerChannel(system, {
      unitId,
      platform: "facebook_page",
      url: `https://www.facebook.com/ubnd-webhook-${Date.now()}`,
      displayName: "Trang UBND",
    })
  ).id;
  zaloChannelId = (
    await registerChannel(system, {
      unitId,
      platform: "zalo_oa",
      url: `https://zalo.me/${oaId}`,
      displayName: "Zalo UBND",
    })
  ).id;
  await t.db.insert(channelConnections).values([
    { channelId: facebookChannelId, connector: "facebook_page", accountId: pageId },
    { channelId: zaloChannelId, connector: "zalo_oa", accountId: oaId },
  ]);
  facebook = fakeFacebook({ origin, appSecret, verifyToken, maxAttempts: 3 });
  zalo = fakeZalo({ origin, oaSecretKey });
}, 60_000);
afterAll(async () => {
  await t?.close();
});

/** Waits until the expectations in `check` hold (the worker records deliveries in the background). */
const eventually = (check: () => Promise<void>, options: { timeout?: number } = {}) =>
  waitFor(
    async () => {
      await check();
      return true;
    },
    { what: "the delivery worker's result", timeoutMs: options.timeout ?? 15_000 },
  );

const refusals = async (source: "facebook" | "zalo", reason: string) =>
  (
    await t.db
      .select({ count: inboxWebhookRefusals.count })
      .from(inboxWebhookRefusals)
      .where(and(eq(inboxWebhookRefusals.source, source), eq(inboxWebhookRefusals.reason, reason)))
  ).reduce((sum, row) => sum + row.count, 0);
const deliveryCount = async () =>
  Number((await t.db.select({ n: sql<number>`count(*)` }).from(inboxDeliveries))[0]?.n ?? 0);
const messagesWithId = (externalId: string) =>
  t.db.select().from(inboxMessages).where(eq(inboxMessages.externalId, externalId));

describe("/webhooks/facebook", () => {
  it("answers Meta's subscription handshake only with the configured verify token", async () => {
    expect(await facebook.subscribe()).toEqual({ verified: true, status: 200 });
    expect((await facebook.subscribe("wrong-token")).status).toBe(403);
    const modeless = await t.app.inject({
      url: `/webhooks/facebook?hub.verify_token=${verifyToken}&hub.challenge=1`,
    });
    expect(modeless.statusCode).toBe(403);
  });

  it("turns a signed message and a comment into conversations, answering EVENT_RECEIVED", async () => {
    const message = messengerMessage({ pageId, psid: "psid-hoa", text: "Cho hỏi giờ làm việc <b>ạ</b>?" });
    const comment = feedComment({
      pageId,
      from: { id: "fb-binh", name: "Trần Bình" },
      message: "Khi nào có lịch tiêm?",
    });
    const sent = await facebook.send(pageDelivery({ pageId, messaging: [message], changes: [comment] }));
    expect(sent).toEqual({ status: 200, body: "EVENT_RECEIVED" });
    await eventually(async () => expect(await messagesWithId(message.message.mid)).toHaveLength(1));
    await eventually(async () => expect(await messagesWithId(comment.value.comment_id)).toHaveLength(1));
    const [stored] = await messagesWithId(message.message.mid);
    expect(stored?.text).toBe("Cho hỏi giờ làm việc <b>ạ</b>?");
    const [thread] = await t.db
      .select()
      .from(inboxConversations)
      .where(eq(inboxConversations.id, stored?.conversationId ?? ""));
    expect(thread).toMatchObject({ channelId: facebookChannelId, kind: "message", source: "facebook" });
    const [contact] = await t.db
      .select()
      .from(inboxContacts)
      .where(eq(inboxContacts.id, thread?.contactId ?? ""));
    expect(contact).toMatchObject({ externalId: "psid-hoa", displayName: "Người dùng Facebook" });
    const [commentRow] = await messagesWithId(comment.value.comment_id);
    const [commentThread] = await t.db
      .select()
      .from(inboxConversations)
      .where(eq(inboxConversations.id, commentRow?.conversationId ?? ""));
    expect(commentThread).toMatchObject({ kind: "comment", postExternalId: comment.value.post_id });
  });

  it("groups a commenter's comments under their post, and records the page's answer in that thread", async () => {
    const postId = `${pageId}_${Date.now()}`;
    const from = { id: "fb-cuong", name: "Lê Cường" };
    const first = feedComment({ pageId, postId, from, message: "Đường này bao giờ sửa?" });
    const second = feedComment({
      pageId,
      postId,
      from,
      message: "Còn ổ gà nữa",
      parentId: first.value.comment_id,
    });
    const otherPost = feedComment({ pageId, from, message: "Bài khác" });
    expect((await facebook.send(pageDelivery({ pageId, changes: [first, second, otherPost] }))).status).toBe(
      200,
    );
    await eventually(async () => expect(await messagesWithId(otherPost.value.comment_id)).toHaveLength(1));
    const [a] = await messagesWithId(first.value.comment_id);
    const [b] = await messagesWithId(second.value.comment_id);
    const [c] = await messagesWithId(otherPost.value.comment_id);
    expect(b?.conversationId).toBe(a?.conversationId);
    expect(c?.conversationId).not.toBe(a?.conversationId);
    const answer = feedComment({
      pageId,
      postId,
      from: { id: pageId, name: "Trang UBND" },
      message: "Tuần sau sẽ sửa ạ.",
      parentId: first.value.comment_id,
    });
    expect((await facebook.send(pageDelivery({ pageId, changes: [answer] }))).status).toBe(200);
    await eventually(async () => expect(await messagesWithId(answer.value.comment_id)).toHaveLength(1));
    const [out] = await messagesWithId(answer.value.comment_id);
    expect(out).toMatchObject({ direction: "out", conversationId: a?.conversationId });
  });

  it("an echo of a reply already stored makes nothing; one written in Facebook's own tool is recorded once", async () => {
    const incoming = messengerMessage({ pageId, psid: "psid-echo", text: "Xin chào" });
    await facebook.send(pageDelivery({ pageId, messaging: [incoming] }));
    await eventually(async () => expect(await messagesWithId(incoming.message.mid)).toHaveLength(1));
    const echo = messengerEcho({ pageId, psid: "psid-echo", text: "Chào bạn, bạn cần gì ạ?" });
    await facebook.send(pageDelivery({ pageId, messaging: [echo] }));
    // Meta sends the same echo again (a retry): still one.
    await facebook.send(pageDelivery({ pageId, messaging: [echo] }));
    await eventually(async () => expect(await messagesWithId(echo.message.mid)).toHaveLength(1));
    const [row] = await messagesWithId(echo.message.mid);
    expect(row?.direction).toBe("out");
  });

  it("a delivery sent twice, or redelivered, makes one message; an identical body is refused as replayed (401, counted)", async () => {
    const message = messengerMessage({ pageId, psid: "psid-twice", text: "Gửi hai lần" });
    const body = pageDelivery({ pageId, messaging: [message] });
    const replayedBefore = await refusals("facebook", "replayed");
    expect((await facebook.send(body)).status).toBe(200);
    const replay = await facebook.send(body);
    expect(replay.status).toBe(401);
    expect(await refusals("facebook", "replayed")).toBe(replayedBefore + 1);
    // A new delivery (another batch) carrying the same message again.
    await facebook.send(pageDelivery({ pageId, messaging: [message] }, { pageId, messaging: [] }));
    await eventually(async () => expect(await messagesWithId(message.message.mid)).toHaveLength(1));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await messagesWithId(message.message.mid)).toHaveLength(1);
    const [row] = await messagesWithId(message.message.mid);
    const [thread] = await t.db
      .select()
      .from(inboxConversations)
      .where(eq(inboxConversations.id, row?.conversationId ?? ""));
    expect(thread?.messageCount).toBe(1);
  });

  it("refuses unsigned, forged and stale deliveries with 401 and counts them", async () => {
    const body = pageDelivery({
      pageId,
      messaging: [messengerMessage({ pageId, psid: "psid-forged", text: "giả" })],
    });
    const before = await deliveryCount();
    const unsigned = await facebook.send(body, {});
    expect(unsigned.status).toBe(401);
    expect(JSON.parse(unsigned.body).code).toBe("inbox.webhook_signature_refused");
    const forged = await facebook.send(body, {
      "x-hub-signature-256": facebookSignature(body, "not-the-secret"),
    });
    expect(forged.status).toBe(401);
    // Signed over other bytes than those sent (the body re-serialised by a proxy).
    const reserialised = JSON.stringify(JSON.parse(body), null, 1);
    expect(
      (await facebook.send(reserialised, { "x-hub-signature-256": facebookSignature(body, appSecret) }))
        .status,
    ).toBe(401);
    const old = messengerMessage({
      pageId,
      psid: "psid-old",
      text: "cũ",
      timestamp: Date.now() - 3 * 24 * 3600_000,
    });
    const stale = await facebook.send(
      JSON.stringify({ object: "page", entry: [{ id: pageId, time: old.timestamp, messaging: [old] }] }),
    );
    expect(stale.status).toBe(401);
    expect(JSON.parse(stale.body).code).toBe("inbox.webhook_stale");
    expect(await refusals("facebook", "unsigned")).toBeGreaterThanOrEqual(1);
    expect(await refusals("facebook", "bad_signature")).toBeGreaterThanOrEqual(2);
    expect(await refusals("facebook", "stale")).toBeGreaterThanOrEqual(1);
    expect(await deliveryCount()).toBe(before);
    expect(await messagesWithId(old.message.mid)).toHaveLength(0);
  });

  it("answers malformed payloads 200 and writes nothing", async () => {
    const before = await deliveryCount();
    for (const body of ["{not json", JSON.stringify({ object: "instagram", entry: [] }), "[]", ""]) {
      expect((await facebook.send(body)).status, body).toBe(200);
    }
    // A page's shape with nonsense inside: stored, but no message comes of it.
    const junk = JSON.stringify({
      object: "page",
      entry: [{ id: pageId, messaging: [{ sender: 1 }, null] }, 7],
    });
    expect((await facebook.send(junk)).status).toBe(200);
    expect(await deliveryCount()).toBe(before + 1);
    await eventually(async () => {
      const [row] = await t.db.select().from(inboxDeliveries).where(eq(inboxDeliveries.body, junk));
      expect(row?.processedAt).not.toBeNull();
      expect(row?.lastError).toBeNull();
    });
  });

  it("drops a delivery for a page not connected, and keeps a 10 MB message without harm; 413 beyond the limit", async () => {
    const stranger = messengerMessage({ pageId: "999", psid: "psid-x", text: "lạ" });
    expect((await facebook.send(pageDelivery({ pageId: "999", messaging: [stranger] }))).status).toBe(200);
    const huge = messengerMessage({ pageId, psid: "psid-huge", text: "ồ".repeat(3_400_000) });
    expect((await facebook.send(pageDelivery({ pageId, messaging: [huge] }))).status).toBe(200);
    await eventually(async () => expect(await messagesWithId(huge.message.mid)).toHaveLength(1), {
      timeout: 20_000,
    });
    const tooBig = pageDelivery({
      pageId,
      messaging: [messengerMessage({ pageId, psid: "p", text: "x".repeat(13 * 1024 * 1024) })],
    });
    expect((await facebook.send(tooBig)).status).toBe(413);
    expect(await messagesWithId(stranger.message.mid)).toHaveLength(0);
    // The server still answers.
    expect((await facebook.subscribe()).verified).toBe(true);
  }, 60_000);

  it("the fake Meta retries a delivery that was not answered 200", async () => {
    const message = messengerMessage({ pageId, psid: "psid-retry", text: "thử lại" });
    const failing = fakeFacebook({
      origin,
      appSecret: "wrong",
      verifyToken,
      maxAttempts: 3,
      retryDelaysMs: [5],
    });
    const outcome = await failing.deliver(pageDelivery({ pageId, messaging: [message] }));
    expect(outcome).toEqual({ attempts: 3, acknowledged: false, status: 401 });
    expect(await facebook.deliver(pageDelivery({ pageId, messaging: [message] }))).toMatchObject({
      attempts: 1,
      acknowledged: true,
    });
  });
});

describe("/webhooks/zalo", () => {
  it("turns signed user messages into a conversation, records the OA's own, ignores other events", async () => {
    const userId = `zalo-user-${Date.now()}`;
    const text = zaloUserText({ appId, oaId, userId, text: "Cho hỏi thủ tục cấp đổi CCCD" });
    const image = zaloUserImage({ appId, oaId, userId, url: "https://photo.zalo.me/a.jpg" });
    const oa = zaloOaText({ appId, oaId, userId, text: "Mời bạn đến bộ phận một cửa." });
    for (const body of [text, image, oa, zaloFollow({ appId, oaId, userId })]) {
      expect((await zalo.send(body)).status).toBe(200);
    }
    const ids = [text, image, oa].map(
      (body) => (JSON.parse(body) as { message: { msg_id: string } }).message.msg_id,
    );
    await eventually(async () => {
      for (const id of ids) {
        expect(await messagesWithId(id)).toHaveLength(1);
      }
    });
    const rows = await Promise.all(ids.map(async (id) => (await messagesWithId(id))[0]));
    expect(new Set(rows.map((row) => row?.conversationId)).size).toBe(1);
    expect(rows.map((row) => row?.direction)).toEqual(["in", "in", "out"]);
    expect(rows[1]?.attachments).toEqual([{ kind: "image", url: "https://photo.zalo.me/a.jpg" }]);
    const [thread] = await t.db
      .select()
      .from(inboxConversations)
      .where(eq(inboxConversations.id, rows[0]?.conversationId ?? ""));
    expect(thread).toMatchObject({ source: "zalo", channelId: zaloChannelId, messageCount: 3 });
    // The same signed event played back: refused, and nothing more is written.
    expect((await zalo.send(text)).status).toBe(401);
    expect(await messagesWithId(ids[0] ?? "")).toHaveLength(1);
  });

  it("refuses unsigned, forged and stale Zalo deliveries with 401, counted", async () => {
    const body = zaloUserText({ appId, oaId, userId: "u-forged", text: "giả" });
    expect((await zalo.send(body, {})).status).toBe(401);
    expect((await zalo.send(body, { "x-zevent-signature": "mac=00" })).status).toBe(401);
    const forged = fakeZalo({ origin, oaSecretKey: "not-it" });
    expect((await forged.send(body)).status).toBe(401);
    const old = zaloUserText({
      appId,
      oaId,
      userId: "u-old",
      text: "cũ",
      timestamp: Date.now() - 3 * 24 * 3600_000,
    });
    const stale = await zalo.send(old);
    expect(stale.status).toBe(401);
    expect(await refusals("zalo", "unsigned")).toBeGreaterThanOrEqual(1);
    expect(await refusals("zalo", "bad_signature")).toBeGreaterThanOrEqual(2);
    expect(await refusals("zalo", "stale")).toBeGreaterThanOrEqual(1);
  });

  it("answers 404 while a platform's secret is not configured", async () => {
    // The routes read the secrets on each request, as they stand in the configuration.
    const secrets = t.app.deps.config.webhooks;
    const saved = { ...secrets };
    Object.assign(secrets, {
      facebookAppSecret: undefined,
      facebookVerifyToken: undefined,
      zaloOaSecretKey: undefined,
    });
    try {
      expect((await t.app.inject({ method: "POST", url: "/webhooks/zalo", payload: "{}" })).statusCode).toBe(
        404,
      );
      expect(
        (await t.app.inject({ method: "POST", url: "/webhooks/facebook", payload: "{}" })).statusCode,
      ).toBe(404);
      expect((await t.app.inject({ url: "/webhooks/facebook?hub.mode=subscribe" })).statusCode).toBe(404);
    } finally {
      Object.assign(secrets, saved);
    }
  });
});
