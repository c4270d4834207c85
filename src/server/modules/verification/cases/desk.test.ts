import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { queryRows } from "../../../db/client.ts";
import { plantDeskCase, plantTip } from "./desk.test-helper.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let checkerPerson: Awaited<ReturnType<typeof makePerson>>;
let otherChecker: Awaited<ReturnType<typeof makePerson>>;
let siblingCheckerPerson: Awaited<ReturnType<typeof makePerson>>;
let editorPerson: Awaited<ReturnType<typeof makePerson>>;
let checker: SessionClient;
let siblingChecker: SessionClient;
let approver: SessionClient;

const hoursAgo = (hours: number) => new Date(Date.now() - hours * 3_600_000);

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  checkerPerson = await makePerson(t.db, {
    unitId: org.left.id,
    roles: ["checker"],
    fullName: "Lò Văn Kiểm",
  });
  otherChecker = await makePerson(t.db, {
    unitId: org.left.id,
    roles: ["checker"],
    fullName: "Hà Thị Chứng",
  });
  siblingCheckerPerson = await makePerson(t.db, { unitId: org.right.id, roles: ["checker"] });
  editorPerson = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
  const approverPerson = await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] });
  checker = await signInAs(t.app, checkerPerson.email ?? "");
  siblingChecker = await signInAs(t.app, siblingCheckerPerson.email ?? "");
  approver = await signInAs(t.app, approverPerson.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

describe("the queue", () => {
  it("sorts by urgency, then demand, then age, shows only my units' open cases, and never an e-mail", async () => {
    const hamlet = await makeUnit(t.db, { parentId: org.left.id, name: "Thôn Nà Kiểm" });
    const unitId = org.left.id;
    const oldNormal = await plantDeskCase(t.db, { unitId, title: "Bình thường cũ", createdAt: hoursAgo(50) });
    const newNormal = await plantDeskCase(t.db, { unitId, title: "Bình thường mới", createdAt: hoursAgo(1) });
    const asked = await plantDeskCase(t.db, {
      unitId: hamlet.id,
      title: "Nhiều người hỏi",
      demandCount: 5,
      createdAt: hoursAgo(2),
    });
    const critical = await plantDeskCase(t.db, {
      unitId,
      title: "Khẩn: lừa đảo nhận tiền hỗ trợ",
      urgency: "critical",
      category: "scam",
      createdAt: hoursAgo(0.5),
      dueAt: hoursAgo(0.1),
    });
    await plantDeskCase(t.db, { unitId, title: "Đã xong", status: "closed" });
    const sibling = await plantDeskCase(t.db, { unitId: org.right.id, title: "Của xã bên" });
    await plantTip(t.db, critical, { email: "nguoibao@example.vn" });
    await plantTip(t.db, critical, { email: null });

    const response = await checker.request({ method: "GET", url: "/api/cases" });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.items.map((item: { id: string }) => item.id)).toEqual([
      critical.id,
      asked.id,
      oldNormal.id,
      newNormal.id,
    ]);
    expect(body.total).toBe(4);
    expect(body.items[0]).toMatchObject({ demand: 1, overdue: true, withContact: 1, category: "scam" });
    expect(body.items[2].ageHours).toBeGreaterThanOrEqual(49);
    expect(body.counts).toMatchObject({ open: 4, unassigned: 4, mine: 0, overdue: 1 });
    expect(response.body).not.toContain("nguoibao@example.vn");

    const filtered = await checker.request({ method: "GET", url: `/api/cases?unitId=${hamlet.id}` });
    expect(filtered.json().items.map((item: { id: string }) => item.id)).toEqual([asked.id]);
    const scams = await checker.request({ method: "GET", url: "/api/cases?category=scam" });
    expect(scams.json().items.map((item: { id: string }) => item.id)).toEqual([critical.id]);
    const closed = await checker.request({ method: "GET", url: "/api/cases?status=closed" });
    expect(closed.json().items.map((item: { title: string }) => item.title)).toEqual(["Đã xong"]);

    // The sibling unit's checker sees only their own case, and is refused the other side's filter.
    const theirs = await siblingChecker.request({ method: "GET", url: "/api/cases" });
    expect(theirs.json().items.map((item: { id: string }) => item.id)).toEqual([sibling.id]);
    const peek = await siblingChecker.request({ method: "GET", url: `/api/cases?unitId=${org.left.id}` });
    expect(peek.statusCode).toBe(403);

    // An editor holds no cases.read.
    const editor = await signInAs(t.app, editorPerson.email ?? "");
    expect((await editor.request({ method: "GET", url: "/api/cases" })).statusCode).toBe(403);
  });
});

describe("a case", () => {
  it("shows tips without e-mails, and refuses a sibling unit's checker with 403 and an unknown one with 404", async () => {
    const row = await plantDeskCase(t.db, { unitId: org.left.id, title: "Tin nhắn trúng thưởng" });
    await plantTip(t.db, row, { text: "Tôi nhận được tin nhắn <b>trúng thưởng</b>", email: "an@example.vn" });
    const response = await checker.request({ method: "GET", url: `/api/cases/${row.id}` });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.tips).toHaveLength(1);
    expect(body.tips[0]).toMatchObject({
      hasEmail: true,
      text: "Tôi nhận được tin nhắn <b>trúng thưởng</b>",
    });
    expect(body.contacts).toEqual({ tips: 1, withEmail: 1 });
    expect(response.body).not.toContain("an@example.vn");
    expect(body.canManage).toBe(true);
    expect(body.checklist.length).toBeGreaterThan(0);
    expect(body.assignees.map((person: { fullName: string }) => person.fullName)).toEqual(
      expect.arrayContaining(["Lò Văn Kiểm", "Hà Thị Chứng"]),
    );

    const refused = await siblingChecker.request({ method: "GET", url: `/api/cases/${row.id}` });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("verification.case_forbidden");
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    const unknown = await checker.request({ method: "GET", url: `/api/cases/${crypto.randomUUID()}` });
    expect(unknown.statusCode).toBe(404);

    // An approver reads but does not manage.
    const read = await approver.request({ method: "GET", url: `/api/cases/${row.id}` });
    expect(read.json().canManage).toBe(false);
    const triage = await approver.request({
      method: "PATCH",
      url: `/api/cases/${row.id}`,
      payload: { urgency: "high" },
    });
    expect(triage.statusCode).toBe(403);
  });
});

describe("triage", () => {
  it("records each change on the timeline and in the audit log, and the first action starts the check", async () => {
    const row = await plantDeskCase(t.db, { unitId: org.left.id, title: "Cắt điện toàn huyện" });
    const due = new Date(Date.now() + 86_400_000).toISOString();
    const response = await checker.request({
      method: "PATCH",
      url: `/api/cases/${row.id}`,
      payload: { category: "disaster", urgency: "high", dueAt: due, assigneeId: otherChecker.id },
    });
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      category: "disaster",
      urgency: "high",
      status: "checking",
      assignee: { id: otherChecker.id, fullName: "Hà Thị Chứng" },
    });
    expect(body.firstActionAt).not.toBeNull();
    expect(body.timeline.map((event: { kind: string }) => event.kind)).toEqual([
      "categorised",
      "status",
      "urgency",
      "due",
      "assigned",
    ]);
    expect(body.timeline[0]).toMatchObject({
      actor: { fullName: "Lò Văn Kiểm" },
      details: { from: null, to: "disaster" },
    });
    // The checklist follows the category.
    expect(body.checklist[0].text).toContain("khí tượng");

    const audit = await queryRows<{ action: string; target_id: string }>(
      t.db,
      sql`select action, target_id from audit_events where target_id = ${row.id}`,
    );
    expect(audit.filter((entry) => entry.action === "verification.case_triage")).toHaveLength(4);

    // The same values again change nothing and add nothing.
    const again = await checker.request({
      method: "PATCH",
      url: `/api/cases/${row.id}`,
      payload: { category: "disaster", urgency: "high" },
    });
    expect(again.json().timeline).toHaveLength(5);
    const firstAction = body.firstActionAt;
    const retitled = await checker.request({
      method: "PATCH",
      url: `/api/cases/${row.id}`,
      payload: { title: "Tin đồn cắt điện toàn huyện 3 ngày", assigneeId: null },
    });
    expect(retitled.json()).toMatchObject({ title: "Tin đồn cắt điện toàn huyện 3 ngày", assignee: null });
    expect(retitled.json().firstActionAt).toBe(firstAction);
  });

  it("refuses an assignee who is not a checker of the case's unit, changing nothing", async () => {
    const row = await plantDeskCase(t.db, { unitId: org.left.id });
    for (const assigneeId of [editorPerson.id, siblingCheckerPerson.id, crypto.randomUUID()]) {
      const response = await checker.request({
        method: "PATCH",
        url: `/api/cases/${row.id}`,
        payload: { urgency: "critical", assigneeId },
      });
      expect(response.statusCode).toBe(400);
      expect(response.json()).toMatchObject({ code: "verification.assignee_not_checker" });
    }
    const after = (await checker.request({ method: "GET", url: `/api/cases/${row.id}` })).json();
    expect(after).toMatchObject({ urgency: "normal", status: "received", timeline: [] });
    const siblingTriage = await siblingChecker.request({
      method: "PATCH",
      url: `/api/cases/${row.id}`,
      payload: { urgency: "low" },
    });
    expect(siblingTriage.statusCode).toBe(403);
  });
});

describe("checklists", () => {
  it("ticks and unticks the unit's steps, and a unit edits its list for a category", async () => {
    const row = await plantDeskCase(t.db, { unitId: org.left.id, category: "scam" });
    const detail = (await checker.request({ method: "GET", url: `/api/cases/${row.id}` })).json();
    expect(detail.checklist[0].text).toContain("Đối chiếu số điện thoại");
    const key = detail.checklist[0].key;
    const tick = await checker.request({
      method: "POST",
      url: `/api/cases/${row.id}/checklist/${key}`,
      payload: { ticked: true },
    });
    expect(tick.statusCode, tick.body).toBe(200);
    expect(tick.json().checklist[0].ticked).toMatchObject({ by: { fullName: "Lò Văn Kiểm" } });
    const untick = await checker.request({
      method: "POST",
      url: `/api/cases/${row.id}/checklist/${key}`,
      payload: { ticked: false },
    });
    expect(untick.json().checklist[0].ticked).toBeNull();
    const unknown = await checker.request({
      method: "POST",
      url: `/api/cases/${row.id}/checklist/khong-co`,
      payload: { ticked: true },
    });
    expect(unknown.statusCode).toBe(404);
    const timeline = (await checker.request({ method: "GET", url: `/api/cases/${row.id}` })).json().timeline;
    expect(timeline.map((event: { kind: string }) => event.kind)).toEqual([
      "checklist_ticked",
      "status",
      "checklist_unticked",
    ]);

    const defaults = await checker.request({
      method: "GET",
      url: `/api/verification/checklists?unitId=${org.left.id}`,
    });
    expect(defaults.statusCode).toBe(200);
    expect(defaults.json().lists).toHaveLength(6);
    expect(defaults.json().lists[0]).toMatchObject({ category: "scam", isDefault: true });

    const saved = await checker.request({
      method: "PUT",
      url: `/api/verification/checklists?unitId=${org.left.id}`,
      payload: {
        lists: [
          {
            category: "scam",
            items: [{ key, text: "Gọi đường dây nóng của ngân hàng" }, { text: "Báo Công an xã" }],
          },
        ],
      },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json().lists[0]).toMatchObject({
      isDefault: false,
      items: [{ key, text: "Gọi đường dây nóng của ngân hàng" }, { text: "Báo Công an xã" }],
    });
    const after = (await checker.request({ method: "GET", url: `/api/cases/${row.id}` })).json();
    expect(after.checklist.map((item: { text: string }) => item.text)).toEqual([
      "Gọi đường dây nóng của ngân hàng",
      "Báo Công an xã",
    ]);

    const refused = await siblingChecker.request({
      method: "GET",
      url: `/api/verification/checklists?unitId=${org.left.id}`,
    });
    expect(refused.statusCode).toBe(403);
    const approverRefused = await approver.request({
      method: "PUT",
      url: `/api/verification/checklists?unitId=${org.left.id}`,
      payload: { lists: [{ category: "scam", items: [] }] },
    });
    expect(approverRefused.statusCode).toBe(403);
  });
});
