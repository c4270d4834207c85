import { and, eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import {
  auditEvents,
  inboxContacts,
  inboxConversations,
  inboxEvents,
  inboxMessages,
  inboxSettings,
} from "../../../db/schema/index.ts";
import { incoming } from "../conversations/conversations.test-helper.ts";
import { purgeExpiredConversations } from "./retention.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let leftAdmin: SessionClient;
let leftOfficer: SessionClient;

const monthsAgo = (months: number) => new Date(Date.now() - months * 30.5 * 24 * 3_600_000);

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
  const officer = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
  leftOfficer = await signInAs(t.app, officer.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

const countWhere = async (table: typeof inboxMessages | typeof inboxEvents, ids: string[]) =>
  (
    await t.db
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(table)
      .where(inArray(table.conversationId, ids))
  )[0]?.n ?? 0;

describe("a citizen's request to be forgotten", () => {
  it("erases the contact, all their conversations, messages and history, and audits only counts", async () => {
    const channelId = crypto.randomUUID();
    const contactId = "psid-forget-me";
    const first = await incoming(t, {
      unitId: org.left.id,
      channelId,
      contactId,
      text: "Số nhà tôi là 12",
      name: "Ông Quên",
    });
    await incoming(t, { unitId: org.left.id, channelId, contactId, text: "Thêm một tin" });
    const other = await incoming(t, { unitId: org.left.id, channelId, text: "Người khác" });
    await leftAdmin.request({
      method: "PUT",
      url: `/api/inbox/conversations/${first}/labels`,
      payload: { labels: ["riêng tư"] },
    });
    const byOfficer = await leftOfficer.request({
      method: "DELETE",
      url: `/api/inbox/conversations/${first}/contact`,
    });
    expect(byOfficer.statusCode).toBe(403);
    const erased = await leftAdmin.request({
      method: "DELETE",
      url: `/api/inbox/conversations/${first}/contact`,
    });
    expect(erased.statusCode, erased.body).toBe(200);
    expect(erased.json()).toEqual({ conversations: 1, messages: 2 });
    expect(await t.db.select().from(inboxConversations).where(eq(inboxConversations.id, first))).toEqual([]);
    expect(await countWhere(inboxMessages, [first])).toBe(0);
    expect(await countWhere(inboxEvents, [first])).toBe(0);
    expect(
      await t.db
        .select()
        .from(inboxContacts)
        .where(and(eq(inboxContacts.channelKey, channelId), eq(inboxContacts.externalId, contactId))),
    ).toEqual([]);
    expect(await t.db.select().from(inboxConversations).where(eq(inboxConversations.id, other))).toHaveLength(
      1,
    );
    const gone = await leftAdmin.request({ method: "GET", url: `/api/inbox/conversations/${first}` });
    expect(gone.statusCode).toBe(404);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "inbox.contact.erase"));
    expect(audit?.details).toMatchObject({ conversations: 1, messages: 2 });
    expect(JSON.stringify(audit)).not.toMatch(/Số nhà|Ông Quên/);
  });
});

describe("retention", () => {
  it("purges conversations past their unit's retention with their messages, keeps recent ones, then orphaned contacts", async () => {
    const oldDefault = await incoming(t, { unitId: org.right.id, text: "Cũ quá", sentAt: monthsAgo(25) });
    const recentDefault = await incoming(t, { unitId: org.right.id, text: "Còn mới", sentAt: monthsAgo(23) });
    await t.db.insert(inboxSettings).values({ unitId: org.left.id, retentionMonths: 6 });
    const oldShort = await incoming(t, { unitId: org.left.id, text: "Bảy tháng", sentAt: monthsAgo(7) });
    const recentShort = await incoming(t, { unitId: org.left.id, text: "Năm tháng", sentAt: monthsAgo(5) });
    const [oldContact] = await t.db
      .select({ id: inboxConversations.contactId })
      .from(inboxConversations)
      .where(eq(inboxConversations.id, oldDefault));
    await t.db
      .update(inboxContacts)
      .set({ createdAt: monthsAgo(25) })
      .where(eq(inboxContacts.id, oldContact?.id ?? ""));
    const purged = await purgeExpiredConversations(t.db);
    expect(purged.conversations).toBeGreaterThanOrEqual(2);
    const left = await t.db
      .select({ id: inboxConversations.id })
      .from(inboxConversations)
      .where(inArray(inboxConversations.id, [oldDefault, recentDefault, oldShort, recentShort]));
    expect(left.map((row) => row.id).sort()).toEqual([recentDefault, recentShort].sort());
    expect(await countWhere(inboxMessages, [oldDefault, oldShort])).toBe(0);
    expect(await countWhere(inboxEvents, [oldDefault, oldShort])).toBe(0);
    expect(await countWhere(inboxMessages, [recentDefault, recentShort])).toBe(2);
    expect(
      await t.db
        .select()
        .from(inboxContacts)
        .where(eq(inboxContacts.id, oldContact?.id ?? "")),
    ).toEqual([]);
    expect((await purgeExpiredConversations(t.db)).conversations).toBe(0);
  });
});
