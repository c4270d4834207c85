import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUnit } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { inboxContacts, inboxConversations, inboxEvents, inboxMessages } from "../../../db/schema/inbox.ts";
import { registerChannel } from "../../channels/index.ts";
import { onConversationEvent } from "../live/bus.ts";
import { type IncomingItem, maxMessageLength, recordIncoming } from "./record.ts";

let t: TestApp;
let unitId = "";
let channelId = "";
let counter = 0;

beforeAll(async () => {
  t = await createTestApp();
  unitId = (await makeUnit(t.db)).id;
  channelId = (
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId,
        platform: "facebook_page",
        url: `https://www.facebook.com/ubnd-record-${Date.now()}`,
        displayName: "Trang UBND",
      },
    )
  ).id;
});
afterAll(async () => {
  await t?.close();
});

function item(overrides: Partial<IncomingItem> = {}): IncomingItem {
  counter += 1;
  return {
    source: "facebook",
    unitId,
    channelId,
    channelKey: channelId,
    kind: "message",
    direction: "in",
    contact: { externalId: `psid-${counter}`, displayName: "Người dùng Facebook" },
    externalId: `m_${counter}_${Date.now()}`,
    text: `Xin hỏi thủ tục ${counter}`,
    sentAt: new Date(),
    ...overrides,
  };
}

const messagesOf = (conversationId: string) =>
  t.db.select().from(inboxMessages).where(eq(inboxMessages.conversationId, conversationId));
const conversation = async (id: string) =>
  (await t.db.select().from(inboxConversations).where(eq(inboxConversations.id, id)))[0];

describe("recordIncoming", () => {
  it("opens a conversation for a new contact, with the message, its counters and diacritic-free search text", async () => {
    const seen: string[] = [];
    const stop = onConversationEvent((event) => seen.push(event.id));
    const first = item({ text: "Đăng ký khai sinh ở đâu ạ?" });
    const result = await recordIncoming(t.app.deps, first);
    stop();
    expect(result).toMatchObject({ created: true, duplicate: false, reopened: false });
    const row = await conversation(result.conversationId ?? "");
    expect(row).toMatchObject({
      unitId,
      channelId,
      status: "open",
      messageCount: 1,
      lastMessagePreview: "Đăng ký khai sinh ở đâu ạ?",
      threadKey: `${channelId}|message|${first.contact.externalId}|`,
    });
    expect(row?.searchText).toContain("dang ky khai sinh");
    expect(row?.lastIncomingAt?.getTime()).toBe(first.sentAt.getTime());
    const [contact] = await t.db
      .select()
      .from(inboxContacts)
      .where(eq(inboxContacts.id, row?.contactId ?? ""));
    expect(contact?.displayName).toBe("Người dùng Facebook");
    const events = await t.db
      .select({ kind: inboxEvents.kind })
      .from(inboxEvents)
      .where(eq(inboxEvents.conversationId, row?.id ?? ""));
    expect(events.map((e) => e.kind)).toContain("created");
    expect(seen).toEqual([row?.id]);

    // The same contact writes again: same thread.
    const second = await recordIncoming(
      t.app.deps,
      item({ contact: first.contact, text: "Cho hỏi thêm", sentAt: new Date(Date.now() + 1000) }),
    );
    expect(second).toMatchObject({ created: false, conversationId: result.conversationId });
    expect((await conversation(result.conversationId ?? ""))?.messageCount).toBe(2);
    expect((await conversation(result.conversationId ?? ""))?.lastMessagePreview).toBe("Cho hỏi thêm");
  });

  it("a delivery sent twice, or racing a backfill, makes one message", async () => {
    const once = item();
    const first = await recordIncoming(t.app.deps, once);
    const again = await recordIncoming(t.app.deps, { ...once });
    expect(again).toMatchObject({ duplicate: true, conversationId: first.conversationId });
    expect(await messagesOf(first.conversationId ?? "")).toHaveLength(1);

    // Two at once for a contact not seen before: one conversation, one message, counted once.
    const racing = item();
    const results = await Promise.all([
      recordIncoming(t.app.deps, racing),
      recordIncoming(t.app.deps, { ...racing }),
      recordIncoming(t.app.deps, { ...racing }),
    ]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    const ids = new Set(results.map((r) => r.conversationId));
    expect(ids.size).toBe(1);
    const [id] = [...ids];
    expect(await messagesOf(id ?? "")).toHaveLength(1);
    expect((await conversation(id ?? ""))?.messageCount).toBe(1);
  });

  it("groups comments per commenter per post", async () => {
    const commenter = { externalId: `fb-user-${Date.now()}`, displayName: "Trần Thị Bình" };
    const base = { kind: "comment" as const, contact: commenter };
    const a = await recordIncoming(t.app.deps, item({ ...base, postExternalId: "page_post_1" }));
    const b = await recordIncoming(t.app.deps, item({ ...base, postExternalId: "page_post_1" }));
    const c = await recordIncoming(t.app.deps, item({ ...base, postExternalId: "page_post_2" }));
    expect(b.conversationId).toBe(a.conversationId);
    expect(c.conversationId).not.toBe(a.conversationId);
    expect((await conversation(a.conversationId ?? ""))?.kind).toBe("comment");
  });

  it("a new message reopens a resolved conversation", async () => {
    const first = item();
    const { conversationId } = await recordIncoming(t.app.deps, first);
    await t.db
      .update(inboxConversations)
      .set({ status: "resolved", resolvedAt: new Date() })
      .where(eq(inboxConversations.id, conversationId ?? ""));
    const next = await recordIncoming(t.app.deps, item({ contact: first.contact }));
    expect(next).toMatchObject({ reopened: true, conversationId });
    expect(await conversation(conversationId ?? "")).toMatchObject({ status: "open", resolvedAt: null });
  });

  it("records the page's own answer given in the platform's tool, and not an echo of ours twice", async () => {
    const first = item();
    const { conversationId } = await recordIncoming(t.app.deps, first);
    const answer = item({ direction: "out", contact: first.contact, text: "Chào bạn, mời bạn mang CCCD." });
    const out = await recordIncoming(t.app.deps, answer);
    expect(out).toMatchObject({ duplicate: false, conversationId });
    const echo = await recordIncoming(t.app.deps, { ...answer });
    expect(echo.duplicate).toBe(true);
    const rows = await messagesOf(conversationId ?? "");
    expect(rows.map((m) => m.direction).sort()).toEqual(["in", "out"]);
    expect((await conversation(conversationId ?? ""))?.firstRespondedAt).not.toBeNull();

    // The page writing first to someone who never wrote opens nothing.
    const lone = await recordIncoming(t.app.deps, item({ direction: "out" }));
    expect(lone.conversationId).toBeNull();
  });

  it("stores HTML as text and cuts a 10 MB message", async () => {
    const html = `<script>alert("x")</script><b>đậm</b>`;
    const { messageId } = await recordIncoming(t.app.deps, item({ text: html }));
    const [stored] = await t.db
      .select()
      .from(inboxMessages)
      .where(eq(inboxMessages.id, messageId ?? ""));
    expect(stored?.text).toBe(html);
    const huge = await recordIncoming(t.app.deps, item({ text: "a".repeat(10 * 1024 * 1024) }));
    const [cut] = await t.db
      .select()
      .from(inboxMessages)
      .where(eq(inboxMessages.id, huge.messageId ?? ""));
    expect(cut?.text.length).toBe(maxMessageLength + 1);
    expect((await conversation(huge.conversationId ?? ""))?.searchText.length).toBeLessThanOrEqual(4000);
  });
});
