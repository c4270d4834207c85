import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { auditEvents, notifications } from "../../../db/schema/index.ts";
import { incoming } from "./conversations.test-helper.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let leftOfficerPerson: Awaited<ReturnType<typeof makePerson>>;
let leftColleague: Awaited<ReturnType<typeof makePerson>>;
let rightOfficerPerson: Awaited<ReturnType<typeof makePerson>>;
let leftOfficer: SessionClient;
let rightOfficer: SessionClient;
let leftAdmin: SessionClient;
let rootAdmin: SessionClient;

interface ListBody {
  items: { id: string; contactName: string; unitName: string; status: string; labels: string[] }[];
  total: number;
  page: number;
  counts: { active: number; mine: number; unassigned: number; breached: number };
}

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  leftOfficerPerson = await makePerson(t.db, {
    unitId: org.left.id,
    roles: ["duty_officer"],
    fullName: "Lò Văn Trực",
  });
  leftColleague = await makePerson(t.db, {
    unitId: org.left.id,
    roles: ["duty_officer"],
    fullName: "Hà Thị Cùng",
  });
  rightOfficerPerson = await makePerson(t.db, { unitId: org.right.id, roles: ["duty_officer"] });
  leftOfficer = await signInAs(t.app, leftOfficerPerson.email ?? "");
  rightOfficer = await signInAs(t.app, rightOfficerPerson.email ?? "");
  leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
  rootAdmin = await signInAs(t.app, org.rootAdmin.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

const list = async (client: SessionClient, query = "") => {
  const response = await client.request({ method: "GET", url: `/api/inbox/conversations${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as ListBody;
};

const detail = async (client: SessionClient, id: string) => {
  const response = await client.request({ method: "GET", url: `/api/inbox/conversations/${id}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};

describe("the list", () => {
  it("shows each officer only their unit's conversations; the sibling's detail is refused", async () => {
    const leftId = await incoming(t, { unitId: org.left.id, text: "Bên trái hỏi", name: "Trái" });
    const rightId = await incoming(t, { unitId: org.right.id, text: "Bên phải hỏi", name: "Phải" });
    const mine = await list(leftOfficer);
    expect(mine.items.map((item) => item.id)).toContain(leftId);
    expect(mine.items.map((item) => item.id)).not.toContain(rightId);
    const theirs = await list(rightOfficer);
    expect(theirs.items.map((item) => item.id)).toEqual([rightId]);
    expect(theirs.items[0]?.unitName).toBe(org.right.name);
    const refused = await leftOfficer.request({ method: "GET", url: `/api/inbox/conversations/${rightId}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("inbox.conversation_forbidden");
    const both = await list(rootAdmin);
    expect(both.items.map((item) => item.id)).toEqual(expect.arrayContaining([leftId, rightId]));
  });

  it("finds words without their diacritics, and either tone placement", async () => {
    const unit = await makeUnit(t.db, { parentId: org.left.id, name: "Thôn Tìm Kiếm" });
    const water = await incoming(t, {
      unitId: unit.id,
      text: "Khi nào có Nước sạch về thôn?",
      name: "Ông Tư",
    });
    const hoa = await incoming(t, { unitId: unit.id, text: "Xin chào", name: "Nguyễn Thị Hòa" });
    await incoming(t, { unitId: unit.id, text: "Đường sạt lở", name: "Bà Năm" });
    const q = (words: string) => list(leftOfficer, `?unitId=${unit.id}&q=${encodeURIComponent(words)}`);
    expect((await q("nuoc sach")).items.map((item) => item.id)).toEqual([water]);
    expect((await q("sạch nước")).items.map((item) => item.id)).toEqual([water]);
    expect((await q("nuoc lo")).items).toEqual([]);
    expect((await q("Hoà")).items.map((item) => item.id)).toEqual([hoa]);
    expect((await q("Hòa")).items.map((item) => item.id)).toEqual([hoa]);
    expect((await q("100%")).items).toEqual([]);
  });

  it("pages by the latest message, newest first", async () => {
    const unit = await makeUnit(t.db, { parentId: org.left.id, name: "Thôn Trang" });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      ids.push(
        await incoming(t, {
          unitId: unit.id,
          text: `Câu hỏi ${i}`,
          sentAt: new Date(Date.now() - (10 - i) * 60_000),
        }),
      );
    }
    const first = await list(leftOfficer, `?unitId=${unit.id}&pageSize=2`);
    expect(first.total).toBe(5);
    expect(first.items.map((item) => item.id)).toEqual([ids[4], ids[3]]);
    const third = await list(leftOfficer, `?unitId=${unit.id}&pageSize=2&page=3`);
    expect(third.page).toBe(3);
    expect(third.items.map((item) => item.id)).toEqual([ids[0]]);
    const beyond = await list(leftOfficer, `?unitId=${unit.id}&pageSize=2&page=9`);
    expect(beyond.items).toEqual([]);
    expect(beyond.total).toBe(5);
  });
});

describe("working a conversation", () => {
  it("moves through pending and resolved, and reopening clears the resolution", async () => {
    const id = await incoming(t, { unitId: org.left.id, text: "Hỏi về trạng thái" });
    const status = (body: object) =>
      leftOfficer.request({ method: "POST", url: `/api/inbox/conversations/${id}/status`, payload: body });
    const noReason = await status({ status: "pending" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().code).toBe("inbox.pending_reason_required");
    expect((await status({ status: "pending", pendingReason: "citizen" })).statusCode).toBe(200);
    expect((await detail(leftOfficer, id)).conversation).toMatchObject({
      status: "pending",
      pendingReason: "citizen",
    });
    expect((await status({ status: "resolved" })).statusCode).toBe(200);
    const resolved = await detail(leftOfficer, id);
    expect(resolved.conversation.status).toBe("resolved");
    expect(resolved.conversation.resolvedAt).not.toBeNull();
    expect((await list(leftOfficer)).items.map((item) => item.id)).not.toContain(id);
    expect((await list(leftOfficer, "?status=resolved")).items.map((item) => item.id)).toContain(id);
    expect((await status({ status: "open" })).statusCode).toBe(200);
    const reopened = await detail(leftOfficer, id);
    expect(reopened.conversation).toMatchObject({ status: "open", resolvedAt: null, pendingReason: null });
    expect(reopened.events.map((event: { kind: string }) => event.kind)).toEqual(
      expect.arrayContaining(["status", "reopened"]),
    );
    const sibling = await rightOfficer.request({
      method: "POST",
      url: `/api/inbox/conversations/${id}/status`,
      payload: { status: "resolved" },
    });
    expect(sibling.statusCode).toBe(403);
  });

  it("keeps labels in lower case, each once, and filters by them", async () => {
    const id = await incoming(t, { unitId: org.left.id, text: "Hỏi về nhãn" });
    const response = await leftOfficer.request({
      method: "PUT",
      url: `/api/inbox/conversations/${id}/labels`,
      payload: { labels: ["Nước Sạch", "nước  sạch", "khẩn"] },
    });
    expect(response.statusCode, response.body).toBe(200);
    expect((await detail(leftOfficer, id)).conversation.labels).toEqual(["nước sạch", "khẩn"]);
    const filtered = await list(leftOfficer, `?label=${encodeURIComponent("Nước sạch")}`);
    expect(filtered.items.map((item) => item.id)).toEqual([id]);
  });

  it("assigns only to people who read the unit's inbox, and tells them", async () => {
    const id = await incoming(t, { unitId: org.left.id, text: "Hỏi về giao việc" });
    const assign = (personId: string | null) =>
      leftOfficer.request({
        method: "POST",
        url: `/api/inbox/conversations/${id}/assign`,
        payload: { personId },
      });
    const wrong = await assign(rightOfficerPerson.id);
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().code).toBe("inbox.assignee_not_allowed");
    const people = await leftOfficer.request({ method: "GET", url: `/api/inbox/conversations/${id}/people` });
    const names = people.json().items.map((item: { fullName: string }) => item.fullName);
    expect(names).toEqual(expect.arrayContaining(["Lò Văn Trực", "Hà Thị Cùng"]));
    expect(people.json().items.map((item: { id: string }) => item.id)).not.toContain(rightOfficerPerson.id);
    expect((await assign(leftColleague.id)).statusCode).toBe(200);
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, leftColleague.id), eq(notifications.kind, "inbox.assigned")));
    expect(told.map((row) => row.link)).toContain(`/inbox/c/${id}`);
    const colleague = await signInAs(t.app, leftColleague.email ?? "");
    const mine = await list(colleague, "?assignee=mine");
    expect(mine.items.map((item) => item.id)).toEqual([id]);
    expect(mine.counts.mine).toBe(1);
    expect((await detail(leftOfficer, id)).conversation.assignee).toEqual({
      id: leftColleague.id,
      fullName: "Hà Thị Cùng",
    });
  });

  it("keeps notes internal and tells the people mentioned", async () => {
    const id = await incoming(t, { unitId: org.left.id, text: "Hỏi về ghi chú" });
    const note = (mentions: string[]) =>
      leftOfficer.request({
        method: "POST",
        url: `/api/inbox/conversations/${id}/notes`,
        payload: { text: "@Hà Thị Cùng xem giúp", mentions },
      });
    const outsider = await note([rightOfficerPerson.id]);
    expect(outsider.statusCode).toBe(400);
    expect(outsider.json().code).toBe("inbox.mention_not_allowed");
    const written = await note([leftColleague.id]);
    expect(written.statusCode, written.body).toBe(200);
    expect(written.json()).toMatchObject({
      direction: "note",
      mentions: [{ id: leftColleague.id, fullName: "Hà Thị Cùng" }],
    });
    const told = await t.db
      .select()
      .from(notifications)
      .where(and(eq(notifications.recipientId, leftColleague.id), eq(notifications.kind, "inbox.mentioned")));
    expect(told).toHaveLength(1);
    const seen = await detail(leftOfficer, id);
    expect(seen.messages.map((message: { direction: string }) => message.direction)).toEqual(["in", "note"]);
    expect(seen.conversation.messageCount).toBe(1);
  });

  it("returns HTML in a message as the same text, and never the contact's e-mail", async () => {
    const html = `<script>alert("x")</script><b>Cứu</b> & "ngay"`;
    const id = await incoming(t, {
      unitId: org.left.id,
      text: html,
      source: "portal",
      email: "nguoi.hoi@example.vn",
      name: "<i>Bà Sáu</i>",
    });
    const response = await leftOfficer.request({ method: "GET", url: `/api/inbox/conversations/${id}` });
    expect(response.body).not.toContain("nguoi.hoi@example.vn");
    const seen = response.json();
    expect(seen.messages[0].text).toBe(html);
    expect(seen.conversation.contact).toMatchObject({ name: "<i>Bà Sáu</i>", hasEmail: true });
    expect(seen.conversation.replyWindow.canReplyNow).toBe(true);
  });

  it("audits every read, without what was said", async () => {
    const id = await incoming(t, { unitId: org.left.id, text: "Bí mật đời tư" });
    await detail(leftOfficer, id);
    await detail(leftOfficer, id);
    const reads = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "inbox.conversation.read"), eq(auditEvents.targetId, id)));
    expect(reads).toHaveLength(2);
    expect(reads[0]?.actorId).toBe(leftOfficerPerson.id);
    expect(JSON.stringify(reads)).not.toContain("Bí mật");
  });
});

describe("canned replies", () => {
  it("are written per unit, found by shortcut or title without diacritics, with the ancestors' ones", async () => {
    const create = (client: SessionClient, body: object) =>
      client.request({ method: "POST", url: "/api/inbox/canned-replies", payload: body });
    const own = await create(leftAdmin, {
      unitId: org.left.id,
      shortcut: "Chao",
      title: "Lời chào đầu",
      body: "Chào {ten}, {don_vi} đã nhận được câu hỏi.",
    });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.json().shortcut).toBe("chao");
    const taken = await create(leftAdmin, {
      unitId: org.left.id,
      shortcut: "chao",
      title: "Khác",
      body: "Khác",
    });
    expect(taken.statusCode).toBe(409);
    expect(taken.json().code).toBe("inbox.canned_reply_shortcut_taken");
    expect(
      (
        await create(rootAdmin, {
          unitId: org.root.id,
          shortcut: "camon",
          title: "Cảm ơn",
          body: "Cảm ơn {ten}",
        })
      ).statusCode,
    ).toBe(200);
    const byOfficer = await create(leftOfficer, {
      unitId: org.left.id,
      shortcut: "x",
      title: "X",
      body: "X",
    });
    expect(byOfficer.statusCode).toBe(403);
    const found = await leftOfficer.request({
      method: "GET",
      url: `/api/inbox/canned-replies?unitId=${org.left.id}&q=${encodeURIComponent("loi chao")}`,
    });
    expect(found.json().items.map((item: { shortcut: string }) => item.shortcut)).toEqual(["chao"]);
    expect(found.json().items[0].canEdit).toBe(false);
    const all = await leftOfficer.request({
      method: "GET",
      url: `/api/inbox/canned-replies?unitId=${org.left.id}`,
    });
    expect(all.json().items.map((item: { shortcut: string }) => item.shortcut)).toEqual(["camon", "chao"]);
    const sibling = await rightOfficer.request({ method: "GET", url: "/api/inbox/canned-replies" });
    expect(sibling.json().items.map((item: { shortcut: string }) => item.shortcut)).toEqual(["camon"]);
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    const change = await rightAdmin.request({
      method: "PUT",
      url: `/api/inbox/canned-replies/${own.json().id}`,
      payload: { unitId: org.right.id, shortcut: "chao", title: "Của tôi", body: "Của tôi" },
    });
    expect(change.statusCode).toBe(403);
    const removed = await leftAdmin.request({
      method: "DELETE",
      url: `/api/inbox/canned-replies/${own.json().id}`,
    });
    expect(removed.statusCode).toBe(200);
  });
});
