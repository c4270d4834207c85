import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { registerChannel } from "../channels/service.ts";

// The editor's desk lists variants: drafts, those waiting, the ones sent back with their reason,
// today's schedule and the failures, each only within the reader's units.

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let editor: SessionClient;
let approver: SessionClient;
let otherEditor: SessionClient;
let websiteId: string;

interface Listed {
  variantId: string;
  postId: string;
  postTitle: string;
  channelName: string;
  status: string;
  rejection: { reason: string; byName: string } | null;
  failure: { message: string } | null;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const system = { db: t.db, actor: null, ip: null };
  websiteId = (
    await registerChannel(system, {
      unitId: org.left.id,
      platform: "website",
      url: `https://xa-ben-trai-ban-lam-viec-${Date.now()}.gov.vn`,
      displayName: "Cổng thông tin xã",
    })
  ).id;
  const writer = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
  const checker = await makePerson(t.db, {
    unitId: org.left.id,
    fullName: "Trần Văn Duyệt",
    roles: ["approver"],
  });
  const stranger = await makePerson(t.db, { unitId: org.right.id, roles: ["editor"] });
  editor = await signInAs(t.app, writer.email ?? "");
  approver = await signInAs(t.app, checker.email ?? "");
  otherEditor = await signInAs(t.app, stranger.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

async function write(title: string): Promise<{ postId: string; variantId: string }> {
  const response = await editor.request({
    method: "POST",
    url: "/api/posts",
    payload: { unitId: org.left.id, title, bodyHtml: "<p>Nội dung bài viết.</p>", channelIds: [websiteId] },
  });
  expect(response.statusCode, response.body).toBe(201);
  const created = response.json();
  return { postId: created.id, variantId: created.variants[0].id };
}

async function list(client: SessionClient, query: string): Promise<{ items: Listed[]; total: number }> {
  const response = await client.request({ method: "GET", url: `/api/variants?${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

describe("the desk's variant lists", () => {
  it("sorts an editor's variants into drafts, waiting, rejected with the reason, scheduled today and failed", async () => {
    const draft = await write("Bản nháp về lễ hội");
    const waiting = await write("Chờ duyệt: khai giảng năm học");
    const rejected = await write("Bị trả lại: thông báo cắt điện");
    const scheduled = await write("Lên lịch: chợ phiên cuối tuần");
    const failed = await write("Lỗi đăng: hội thi văn nghệ");
    for (const { variantId } of [waiting, rejected]) {
      const sent = await editor.request({ method: "POST", url: `/api/variants/${variantId}/submit` });
      expect(sent.statusCode, sent.body).toBe(200);
    }
    const refused = await approver.request({
      method: "POST",
      url: `/api/variants/${rejected.variantId}/reject`,
      payload: { reason: "Vui lòng ghi rõ giờ cắt điện" },
    });
    expect(refused.statusCode, refused.body).toBe(200);
    // Scheduling and failing need an approval and a platform; the list only reads the state they leave.
    const inAnHour = new Date(Date.now() + 3600_000);
    await t.db.execute(
      sql`update post_variants set status = 'scheduled', scheduled_at = ${inAnHour.toISOString()} where id = ${scheduled.variantId}`,
    );
    await t.db.execute(
      sql`update post_variants set status = 'failed', failure = ${JSON.stringify({ code: "x", message: "Trang đã bị gỡ quyền đăng", needsPerson: true, at: new Date().toISOString() })}::jsonb where id = ${failed.variantId}`,
    );

    const drafts = await list(editor, "status=draft&rejected=false");
    expect(drafts.items.map((item) => item.variantId)).toContain(draft.variantId);
    expect(drafts.items.map((item) => item.variantId)).not.toContain(rejected.variantId);
    expect(drafts.items.find((item) => item.variantId === draft.variantId)).toMatchObject({
      postId: draft.postId,
      postTitle: "Bản nháp về lễ hội",
      channelName: "Cổng thông tin xã",
      rejection: null,
    });

    const inReview = await list(editor, "status=in_review");
    expect(inReview.items.map((item) => item.variantId)).toEqual([waiting.variantId]);
    expect(inReview.total).toBe(1);

    const sentBack = await list(editor, "rejected=true");
    expect(sentBack.items).toHaveLength(1);
    expect(sentBack.items[0]).toMatchObject({
      variantId: rejected.variantId,
      status: "draft",
      rejection: { reason: "Vui lòng ghi rõ giờ cắt điện", byName: "Trần Văn Duyệt" },
    });

    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 2 * 3600_000).toISOString();
    const today = await list(editor, `status=scheduled&from=${from}&to=${to}`);
    expect(today.items.map((item) => item.variantId)).toEqual([scheduled.variantId]);
    const later = await list(editor, `status=scheduled&from=${to}`);
    expect(later.total).toBe(0);

    const failures = await list(editor, "status=failed");
    expect(failures.items.map((item) => [item.variantId, item.failure?.message])).toEqual([
      [failed.variantId, "Trang đã bị gỡ quyền đăng"],
    ]);

    // Sent again, it is no longer among the rejected.
    await editor.request({ method: "POST", url: `/api/variants/${rejected.variantId}/submit` });
    expect((await list(editor, "rejected=true")).total).toBe(0);
  });

  it("shows another branch's editor none of these, and refuses a member", async () => {
    expect((await list(otherEditor, "status=draft")).total).toBe(0);
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const client = await signInAs(t.app, member.email ?? "");
    const refused = await client.request({ method: "GET", url: "/api/variants?status=draft" });
    expect(refused.statusCode).toBe(403);
    const wrongStatus = await editor.request({ method: "GET", url: "/api/variants?status=nhap" });
    expect(wrongStatus.statusCode).toBe(400);
  });
});
