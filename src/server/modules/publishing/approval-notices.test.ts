import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { registerChannel } from "../channels/index.ts";

/*
 * Approval that people notice: who is told (in the app and by e-mail, through the real mail job)
 * when a variant is sent for approval and when it is decided, and what each approver's queue holds.
 */

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
type Person = Awaited<ReturnType<typeof makePerson>>;
const people: Record<string, Person> = {};
const clients: Record<string, SessionClient> = {};
let pageId: string;
let pageName: string;
let hamlet: Awaited<ReturnType<typeof makeUnit>>;

const suffix = () => randomBytes(4).toString("hex");

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  hamlet = await makeUnit(t.db, { parentId: org.left.id, name: `Thôn ${suffix()}`, kind: "other" });
  pageName = `Thông tin xã ${suffix()}`;
  pageId = (
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "facebook_page",
        url: `https://www.facebook.com/trang${suffix()}`,
        displayName: pageName,
      },
    )
  ).id;
  const make = async (key: string, unitId: string, roles: Parameters<typeof makePerson>[1]["roles"]) => {
    people[key] = await makePerson(t.db, { unitId, fullName: `Người ${key} ${suffix()}`, roles });
    clients[key] = await signInAs(t.app, people[key]?.email ?? "");
  };
  await make("editor", org.left.id, ["editor"]);
  await make("leftApprover", org.left.id, ["approver"]);
  // An approver below the post's unit does not approve it: a role covers its own unit's subtree.
  await make("hamletApprover", hamlet.id, ["approver"]);
  await make("rightApprover", org.right.id, ["approver"]);
  // An editor who is also an approver does not approve (nor get asked about) what they sent.
  await make("editorApprover", org.left.id, ["editor", "approver"]);
  await make("member", org.left.id, ["member"]);
  people.rootAdmin = org.rootAdmin;
  people.leftAdmin = org.leftAdmin;
  people.rightAdmin = org.rightAdmin;
  clients.rootAdmin = await signInAs(t.app, org.rootAdmin.email ?? "");
  clients.leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
  clients.rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

const client = (key: string) => clients[key] as SessionClient;
const idOf = (key: string) => people[key]?.id ?? "";

async function call(key: string, method: "GET" | "POST", url: string, payload?: object) {
  const response = await client(key).request({ method, url, ...(payload ? { payload } : {}) });
  expect(response.statusCode, `${method} ${url}: ${response.body}`).toBe(200);
  return response.json();
}

/** A post on the unit's Facebook Page, written by `author`, with one variant ready to send. */
async function writePost(author: string, title: string, tags: string[] = []) {
  const response = await client(author).request({
    method: "POST",
    url: "/api/posts",
    payload: {
      unitId: org.left.id,
      title,
      bodyHtml: "<p>Nội dung bài viết.</p>",
      tags,
      channelIds: [pageId],
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  const created = response.json() as { id: string; variants: { id: string }[] };
  const variantId = created.variants[0]?.id ?? "";
  await client(author).request({
    method: "PATCH",
    url: `/api/variants/${variantId}`,
    payload: { body: "Mời bà con cùng theo dõi." },
  });
  return { postId: created.id, variantId };
}

async function noticesOf(key: string) {
  return (await call(key, "GET", "/api/me/notifications?pageSize=100")) as {
    items: { kind: string; title: { vi: string; en: string }; body: { vi: string } | null; link: string }[];
    unread: number;
    total: number;
  };
}

const mailsAbout = (title: string) => t.outbox.filter((mail) => mail.subject.includes(title));

async function queueOf(key: string) {
  return (await call(key, "GET", "/api/approvals?pageSize=100")) as {
    items: { variantId: string; postTitle: string; level: number; channelName: string; target: string }[];
    total: number;
  };
}

const eligibleFirst = ["leftApprover", "leftAdmin", "rootAdmin"];
const neverAsked = ["editor", "hamletApprover", "rightApprover", "rightAdmin", "member", "editorApprover"];

describe("sending a variant for approval", () => {
  it("tells exactly the people who may approve it, in the app and by e-mail naming the channel in words", async () => {
    const title = `Lịch tiếp dân tháng ${suffix()}`;
    const { postId, variantId } = await writePost("editorApprover", title);
    await call("editorApprover", "POST", `/api/variants/${variantId}/submit`);

    for (const key of eligibleFirst) {
      const notice = (await noticesOf(key)).items.find((item) => item.title.vi.includes(title));
      expect(notice, key).toMatchObject({
        kind: "publishing.approval_requested",
        title: { vi: `Chờ bạn duyệt: “${title}”` },
        link: `/posts/${postId}`,
      });
      expect(notice?.body?.vi).toContain(`Trang Facebook “${pageName}”`);
    }
    for (const key of neverAsked) {
      const notices = (await noticesOf(key)).items.filter((item) => item.title.vi.includes(title));
      expect({ key, notices }).toEqual({ key, notices: [] });
    }

    const mails = await eventually(() => mailsAbout(title).length >= 3 && mailsAbout(title), {
      what: `the approval request mails about ${title}`,
    });
    expect(mails.map((mail) => mail.to).sort()).toEqual(
      eligibleFirst.map((key) => people[key]?.email ?? "").sort(),
    );
    for (const mail of mails) {
      expect(mail.text).toMatch(/^Kính gửi .+,\n/);
      expect(mail.text).toContain(`Trang Facebook “${pageName}”`);
      expect(mail.text).toContain(`http://caunoi.test/posts/${postId}`);
      expect(mail.text).toContain("Vui lòng xem, rồi duyệt hoặc trả lại kèm lý do");
      expect(mail.text).toContain("Trân trọng,\nHệ thống Cầu Nối");
      expect(mail.text).not.toMatch(/facebook_page|in_review|approval_requested/);
    }
  });

  it("puts the variant in each eligible approver's queue and count, and in nobody else's", async () => {
    const title = `Thông báo lịch họp ${suffix()}`;
    const { variantId } = await writePost("editor", title);
    const before = await call("leftApprover", "GET", "/api/approvals/count");
    await call("editor", "POST", `/api/variants/${variantId}/submit`);

    const queue = await queueOf("leftApprover");
    const entry = queue.items.find((item) => item.variantId === variantId);
    expect(entry).toMatchObject({
      postTitle: title,
      level: 1,
      channelName: pageName,
      target: "facebook_page",
    });
    expect((await call("leftApprover", "GET", "/api/approvals/count")).count).toBe(before.count + 1);
    expect(queue.total).toBe(before.count + 1);
    for (const key of ["rootAdmin", "leftAdmin"]) {
      expect((await queueOf(key)).items.map((item) => item.variantId)).toContain(variantId);
    }
    for (const key of ["rightApprover", "rightAdmin", "hamletApprover"]) {
      expect((await queueOf(key)).items.map((item) => item.variantId)).not.toContain(variantId);
    }
    // Without the approve permission there is no queue at all.
    const refused = await client("editor").request({ method: "GET", url: "/api/approvals/count" });
    expect(refused.statusCode).toBe(403);
  });

  it("lists the longest-waiting first, a page at a time", async () => {
    const older = await writePost("editor", `Bài gửi trước ${suffix()}`);
    await call("editor", "POST", `/api/variants/${older.variantId}/submit`);
    const newer = await writePost("editor", `Bài gửi sau ${suffix()}`);
    await call("editor", "POST", `/api/variants/${newer.variantId}/submit`);
    const all = (await queueOf("leftApprover")).items.map((item) => item.variantId);
    expect(all.indexOf(older.variantId)).toBeLessThan(all.indexOf(newer.variantId));
    const second = await call("leftApprover", "GET", "/api/approvals?page=2&pageSize=1");
    expect(second.page).toBe(2);
    expect(second.items).toHaveLength(1);
    expect(second.items[0].variantId).toBe(all[1]);
  });

  it("shows the editor who must approve next", async () => {
    const { postId, variantId } = await writePost("editor", `Ai duyệt bài này ${suffix()}`);
    await call("editor", "POST", `/api/variants/${variantId}/submit`);
    const detail = await call("editor", "GET", `/api/posts/${postId}`);
    const next = detail.variants[0].nextApproval;
    expect(next.level).toBe(1);
    expect(next.roles).toEqual(["approver", "administrator"]);
    // An editor who is also an approver may approve what someone else wrote.
    expect(next.people.map((person: { id: string }) => person.id).sort()).toEqual(
      [...eligibleFirst, "editorApprover"].map(idOf).sort(),
    );
  });
});

describe("deciding", () => {
  it("approving takes a comment, keeps it in the history, and tells the author", async () => {
    const title = `Hội nghị tổng kết ${suffix()}`;
    const { postId, variantId } = await writePost("editor", title);
    await call("editor", "POST", `/api/variants/${variantId}/submit`);
    const comment = "Đã xem kỹ, có thể đăng sáng mai.";
    const approved = await call("leftApprover", "POST", `/api/variants/${variantId}/approve`, { comment });
    expect(approved.status).toBe("approved");

    const history = await call("editor", "GET", `/api/variants/${variantId}/history`);
    expect(history.items.at(-1)).toMatchObject({ to: "approved", reason: comment });
    // The post's page shows it under "Lượt duyệt", with the approval it came with.
    const detail = await call("editor", "GET", `/api/posts/${postId}`);
    expect(detail.variants[0].approvals).toEqual([
      expect.objectContaining({
        level: 1,
        approver: expect.objectContaining({ id: idOf("leftApprover") }),
        comment,
      }),
    ]);

    const notice = (await noticesOf("editor")).items.find((item) => item.title.vi === `Đã duyệt: “${title}”`);
    expect(notice?.body?.vi).toContain(comment);
    expect(notice?.body?.vi).toContain(people.leftApprover?.fullName);
    expect(notice?.link).toBe(`/posts/${postId}`);
    // The approver is not told of their own decision; the item has left every queue.
    expect(
      (await noticesOf("leftApprover")).items.filter((item) => item.title.vi.startsWith("Đã duyệt")),
    ).toEqual([]);
    expect((await queueOf("rootAdmin")).items.map((item) => item.variantId)).not.toContain(variantId);

    const mail = await eventually(
      () => t.outbox.find((item) => item.subject.includes(`Đã duyệt: “${title}”`)),
      { what: "the approval mail to the editor" },
    );
    expect(mail.to).toBe(people.editor?.email);
    expect(mail.text).toContain(`Ý kiến: ${comment}`);
    expect(mail.text).toContain(`Trang Facebook “${pageName}”`);
    expect(mail.text).not.toContain("facebook_page");
    // The Page is not connected: the author is told so, not that it is ready to be scheduled.
    expect(mail.text).toContain("Kênh chưa được kết nối với Cầu Nối nên chưa hẹn giờ đăng tự động được.");
    expect(mail.text).toContain("hoặc đăng thủ công rồi ghi nhận đã đăng thủ công");
    expect(mail.text).not.toContain("sẵn sàng để hẹn giờ đăng");
    expect(notice?.body?.vi).toContain("Kênh chưa được kết nối với Cầu Nối");
  });

  it("a first of two approvals asks the second-level approvers, and only them", async () => {
    const title = `Chủ đề nhạy cảm ${suffix()}`;
    const policy = await client("leftAdmin").request({
      method: "PUT",
      url: `/api/units/${hamlet.id}/approval-policy`,
      payload: {
        approverRoles: ["approver"],
        sensitiveTags: ["nhạy cảm"],
        secondApproverRoles: ["administrator"],
      },
    });
    expect(policy.statusCode, policy.body).toBe(200);
    const site = await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: hamlet.id,
        platform: "website",
        url: `https://thon-${suffix()}.gov.vn`,
        displayName: "Trang tin thôn",
      },
    );
    const created = await client("editor").request({
      method: "POST",
      url: "/api/posts",
      payload: {
        unitId: hamlet.id,
        title,
        bodyHtml: "<p>Nội dung.</p>",
        tags: ["Nhạy cảm"],
        channelIds: [site.id],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const variant = created.json().variants[0] as { id: string };
    await call("editor", "POST", `/api/variants/${variant.id}/submit`);

    // Level 1 is the approvers': the hamlet's and the commune's; administrators wait for level 2.
    const asked = async (key: string) =>
      (await noticesOf(key)).items
        .filter((item) => item.title.vi.includes(title))
        .map((item) => item.title.vi);
    expect(await asked("hamletApprover")).toEqual([`Chờ bạn duyệt: “${title}”`]);
    expect(await asked("leftApprover")).toEqual([`Chờ bạn duyệt: “${title}”`]);
    expect(await asked("leftAdmin")).toEqual([]);
    expect((await queueOf("leftAdmin")).items.map((item) => item.variantId)).not.toContain(variant.id);

    await call("hamletApprover", "POST", `/api/variants/${variant.id}/approve`, {});
    expect(await asked("leftAdmin")).toEqual([`Cần duyệt lần hai: “${title}”`]);
    expect(await asked("rootAdmin")).toEqual([`Cần duyệt lần hai: “${title}”`]);
    expect(await asked("leftApprover")).toEqual([`Chờ bạn duyệt: “${title}”`]);
    expect((await queueOf("leftAdmin")).items.find((item) => item.variantId === variant.id)?.level).toBe(2);
    expect((await queueOf("hamletApprover")).items.map((item) => item.variantId)).not.toContain(variant.id);
    expect(await asked("editor")).toEqual([`Đã duyệt lần một: “${title}”`]);
  });

  it("rejecting needs a reason, and the author is told it", async () => {
    const title = `Bài cần sửa ${suffix()}`;
    const { variantId } = await writePost("editor", title);
    await call("editor", "POST", `/api/variants/${variantId}/submit`);
    const empty = await client("rootAdmin").request({
      method: "POST",
      url: `/api/variants/${variantId}/reject`,
      payload: { reason: "  " },
    });
    expect(empty.statusCode).toBe(400);
    const reason = "Vui lòng bổ sung thời gian và địa điểm.";
    await call("rootAdmin", "POST", `/api/variants/${variantId}/reject`, { reason });
    const notice = (await noticesOf("editor")).items.find(
      (item) => item.title.vi === `Bài bị trả lại: “${title}”`,
    );
    expect(notice?.body?.vi).toContain(`Lý do: ${reason}`);
    const mail = await eventually(
      () => t.outbox.find((item) => item.subject.includes(`Bài bị trả lại: “${title}”`)),
      { what: "the rejection mail" },
    );
    expect(mail.to).toBe(people.editor?.email);
    expect(mail.text).toContain(`Lý do: ${reason}`);
  });
});

describe("the bell", () => {
  it("counts what is unread, marks one or all read, and never someone else's", async () => {
    const title = `Đếm thông báo ${suffix()}`;
    const { variantId } = await writePost("editor", title);
    const before = (await call("leftApprover", "GET", "/api/me/notifications/unread-count")).count;
    await call("editor", "POST", `/api/variants/${variantId}/submit`);
    expect((await call("leftApprover", "GET", "/api/me/notifications/unread-count")).count).toBe(before + 1);

    const unread = await call("leftApprover", "GET", "/api/me/notifications?unread=true&pageSize=1");
    expect(unread.items).toHaveLength(1);
    expect(unread.unread).toBe(before + 1);
    const id = unread.items[0].id;
    const stranger = await client("rightApprover").request({
      method: "POST",
      url: `/api/me/notifications/${id}/read`,
    });
    expect(stranger.statusCode).toBe(404);
    expect((await call("leftApprover", "POST", `/api/me/notifications/${id}/read`)).marked).toBe(1);
    expect((await call("leftApprover", "GET", "/api/me/notifications/unread-count")).count).toBe(before);
    await call("leftApprover", "POST", "/api/me/notifications/read-all");
    expect((await call("leftApprover", "GET", "/api/me/notifications/unread-count")).count).toBe(0);
    const anonymous = await t.app.inject({ method: "GET", url: "/api/me/notifications/unread-count" });
    expect(anonymous.statusCode).toBe(401);
  });
});
