import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { queryRows } from "../../db/client.ts";
import { registerChannel } from "../channels/service.ts";
import { PUBLISH_JOB } from "./publish-job.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let editor: SessionClient;
let approver: SessionClient;
let secondApprover: SessionClient;
let websiteId: string;
let zaloId: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const system = { db: t.db, actor: null, ip: null };
  websiteId = (
    await registerChannel(system, {
      unitId: org.left.id,
      platform: "website",
      url: `https://xa-ben-trai-${Date.now()}.gov.vn`,
      displayName: "Cổng thông tin xã",
    })
  ).id;
  zaloId = (
    await registerChannel(system, {
      unitId: org.left.id,
      platform: "zalo_oa",
      url: `https://zalo.me/${String(Date.now()).padStart(19, "4")}`,
      displayName: "Zalo OA xã",
    })
  ).id;
  const writer = await makePerson(t.db, {
    unitId: org.left.id,
    fullName: "Biên Tập Viên",
    roles: ["editor"],
  });
  const checker = await makePerson(t.db, {
    unitId: org.left.id,
    fullName: "Người Duyệt",
    roles: ["approver"],
  });
  editor = await signInAs(t.app, writer.email ?? "");
  approver = await signInAs(t.app, checker.email ?? "");
  secondApprover = await signInAs(t.app, org.rootAdmin.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

interface Variant {
  id: string;
  target: string;
  status: string;
  externalUrl: string | null;
  problems: { code: string }[];
  approvals: { level: number }[];
  lastRejection: { reason: string } | null;
}

async function writePost(overrides: Record<string, unknown> = {}) {
  const response = await editor.request({
    method: "POST",
    url: "/api/posts",
    payload: {
      unitId: org.left.id,
      title: "Tân Trào đón 10.000 lượt khách dịp lễ",
      bodyHtml:
        '<p>Nội dung <strong>chính</strong>.</p><script>alert("x")</script><p onclick="x()">Đoạn hai</p>',
      tags: ["Du lịch"],
      channelIds: [websiteId],
      ...overrides,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as {
    id: string;
    bodyHtml: string;
    tags: string[];
    slug: string;
    variants: Variant[];
  };
}

const post = (client: SessionClient, url: string, payload?: object) =>
  client.request({ method: "POST", url, ...(payload ? { payload } : {}) });

async function variantOf(postId: string, target = "portal"): Promise<Variant> {
  const detail = (await editor.request({ method: "GET", url: `/api/posts/${postId}` })).json();
  return detail.variants.find((variant: Variant) => variant.target === target);
}

async function variantReaches(postId: string, what: string, reached: (variant: Variant) => boolean) {
  await eventually(async () => reached(await variantOf(postId)), { what });
}

describe("writing a post", () => {
  it("keeps only safe HTML, folds tags, and makes a draft variant per channel", async () => {
    const created = await writePost();
    expect(created.bodyHtml).toBe("<p>Nội dung <strong>chính</strong>.</p><p>Đoạn hai</p>");
    expect(created.tags).toEqual(["du lịch"]);
    expect(created.slug).toBe("tan-trao-don-10-000-luot-khach-dip-le");
    expect(created.variants.map((variant) => [variant.target, variant.status])).toEqual([
      ["portal", "draft"],
    ]);
    // The same title again gets its own address.
    expect((await writePost()).slug).toBe("tan-trao-don-10-000-luot-khach-dip-le-2");
  });

  it("checks each platform's limits before a variant can be sent for approval", async () => {
    const created = await writePost({ channelIds: [websiteId, zaloId] });
    const zalo = created.variants.find((variant) => variant.target === "zalo_oa");
    expect(zalo?.problems.map((problem) => problem.code)).toEqual(["limits.cover_required"]);
    const refused = await post(editor, `/api/variants/${zalo?.id}/submit`);
    expect(refused.statusCode).toBe(422);
    expect(refused.json().code).toBe("publishing.limits");
    expect(refused.json().detail).toContain("ảnh bìa");
  });

  it("refuses another branch's channel, and finds posts by title ignoring diacritics", async () => {
    const elsewhere = await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.right.id,
        platform: "website",
        url: `https://ben-phai-${Date.now()}.gov.vn`,
        displayName: "Cổng phường",
      },
    );
    const refused = await editor.request({
      method: "POST",
      url: "/api/posts",
      payload: { unitId: org.left.id, title: "Sang kênh khác", bodyHtml: "", channelIds: [elsewhere.id] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe("publishing.channel_elsewhere");
    const created = await writePost({ title: "Phòng chống lừa đảo qua mạng" });
    const found = (await editor.request({ method: "GET", url: "/api/posts?q=lua%20dao" })).json();
    expect(found.items.map((item: { id: string }) => item.id)).toContain(created.id);
    expect(found.items[0].variants[0].channelName).toBe("Cổng thông tin xã");
  });

  it("says what the reader may do, and limits in plain English when asked in English", async () => {
    const created = await writePost({ channelIds: [zaloId] });
    const asEditor = (await editor.request({ method: "GET", url: `/api/posts/${created.id}` })).json();
    expect(asEditor).toMatchObject({ canWrite: true, canApprove: false });
    const asApprover = (await approver.request({ method: "GET", url: `/api/posts/${created.id}` })).json();
    expect(asApprover).toMatchObject({ canWrite: false, canApprove: true });
    expect(asEditor.variants[0].problems[0].en).toBe("Zalo OA needs a cover photo.");
  });

  it("keeps every version for comparison", async () => {
    const created = await writePost();
    await editor.request({
      method: "PATCH",
      url: `/api/posts/${created.id}`,
      payload: { title: "Tiêu đề mới" },
    });
    const versions = (
      await editor.request({ method: "GET", url: `/api/posts/${created.id}/versions` })
    ).json();
    expect(versions.items.map((item: { version: number }) => item.version)).toEqual([2, 1]);
    expect(versions.items[0].snapshot.title).toBe("Tiêu đề mới");
    expect(versions.items[1].snapshot.title).toBe("Tân Trào đón 10.000 lượt khách dịp lễ");
  });
});

describe("approval", () => {
  it("needs an approver other than the author; rejection needs a reason and returns it to draft", async () => {
    const created = await writePost();
    const variant = created.variants[0] as Variant;
    expect((await post(editor, `/api/variants/${variant.id}/submit`)).json().status).toBe("in_review");
    // The editor role cannot approve at all.
    expect((await post(editor, `/api/variants/${variant.id}/approve`)).statusCode).toBe(403);
    const noReason = await post(approver, `/api/variants/${variant.id}/reject`, { reason: " " });
    expect(noReason.statusCode).toBe(400);
    const rejected = await post(approver, `/api/variants/${variant.id}/reject`, {
      reason: "Thiếu nguồn ảnh.",
    });
    expect(rejected.json()).toMatchObject({ status: "draft", lastRejection: { reason: "Thiếu nguồn ảnh." } });
    const detail = (await editor.request({ method: "GET", url: `/api/posts/${created.id}` })).json();
    expect(detail.variants[0].lastRejection).toMatchObject({
      reason: "Thiếu nguồn ảnh.",
      byName: "Người Duyệt",
    });
    await post(editor, `/api/variants/${variant.id}/submit`);
    expect((await post(approver, `/api/variants/${variant.id}/approve`)).json().status).toBe("approved");
    const history = (
      await editor.request({ method: "GET", url: `/api/variants/${variant.id}/history` })
    ).json();
    expect(history.items.map((item: { to: string }) => item.to)).toEqual([
      "draft",
      "in_review",
      "draft",
      "in_review",
      "approved",
    ]);
    expect(history.items[2]).toMatchObject({
      reason: "Thiếu nguồn ảnh.",
      actor: { fullName: "Người Duyệt" },
    });
  });

  it("asks a second person to approve posts with a sensitive tag", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const policy = await admin.request({
      method: "PUT",
      url: `/api/units/${org.left.id}/approval-policy`,
      payload: {
        approverRoles: ["approver"],
        sensitiveTags: ["An ninh"],
        secondApproverRoles: ["administrator"],
      },
    });
    expect(policy.json()).toMatchObject({ sensitiveTags: ["an ninh"], definedAt: { id: org.left.id } });
    const created = await writePost({ tags: ["an ninh"] });
    const variant = created.variants[0] as Variant;
    await post(editor, `/api/variants/${variant.id}/submit`);
    const first = await post(approver, `/api/variants/${variant.id}/approve`);
    expect(first.json().status).toBe("in_review");
    const again = await post(approver, `/api/variants/${variant.id}/approve`);
    expect(again.json().code).toBe("publishing.already_approved");
    const second = await post(secondApprover, `/api/variants/${variant.id}/approve`);
    expect(second.json().status).toBe("approved");
    await admin.request({ method: "DELETE", url: `/api/units/${org.left.id}/approval-policy` });
  });

  it("says for each variant whether the reader may approve it, and the approve call agrees", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    await admin.request({
      method: "PUT",
      url: `/api/units/${org.left.id}/approval-policy`,
      payload: {
        approverRoles: ["approver"],
        sensitiveTags: ["quốc phòng"],
        secondApproverRoles: ["administrator"],
      },
    });
    const colleague = await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] });
    const readers: Record<string, SessionClient> = {
      author: editor,
      approver,
      colleague: await signInAs(t.app, colleague.email ?? ""),
      unitAdmin: admin,
    };
    // Who gives each approval on the way to "approved": an approver, then an administrator.
    const path = ["approver", "unitAdmin"];
    const waitingAfter = async (approvals: number) => {
      const created = await writePost({ tags: ["quốc phòng"] });
      const variantId = (created.variants[0] as Variant).id;
      await post(editor, `/api/variants/${variantId}/submit`);
      for (const name of path.slice(0, approvals)) {
        expect(
          (await post(readers[name] as SessionClient, `/api/variants/${variantId}/approve`)).statusCode,
        ).toBe(200);
      }
      return { postId: created.id, variantId };
    };
    for (let given = 0; given <= path.length; given++) {
      const { postId, variantId } = await waitingAfter(given);
      const answers: [string, boolean][] = [];
      for (const [name, client] of Object.entries(readers)) {
        const detail = (await client.request({ method: "GET", url: `/api/posts/${postId}` })).json();
        const variant = detail.variants[0];
        if (!detail.canApprove) {
          expect(variant.canApprove, name).toBe(false);
        }
        answers.push([name, variant.canApprove]);
      }
      for (const [name, may] of answers) {
        if (may) {
          // Each "yes" is tried on a variant of its own in the same state, so the tries do not interfere.
          const fresh = await waitingAfter(given);
          const approved = await post(
            readers[name] as SessionClient,
            `/api/variants/${fresh.variantId}/approve`,
          );
          expect(approved.statusCode, name).toBe(200);
        } else {
          const refused = await post(readers[name] as SessionClient, `/api/variants/${variantId}/approve`);
          expect([403, 409], `${name}: ${refused.body}`).toContain(refused.statusCode);
        }
      }
      const willing = answers.filter(([, may]) => may).map(([name]) => name);
      // Where the post-level answer alone went wrong: the administrator (not an approver under these
      // rules) before the first approval, and an approver for the second, which is the administrator's.
      expect(willing).toEqual([["approver", "colleague"], ["unitAdmin"], []][given]);
    }
    await admin.request({ method: "DELETE", url: `/api/units/${org.left.id}/approval-policy` });
  });

  it("sends an edited approved variant back to draft", async () => {
    const created = await writePost();
    const variant = created.variants[0] as Variant;
    await post(editor, `/api/variants/${variant.id}/submit`);
    await post(approver, `/api/variants/${variant.id}/approve`);
    const edited = await editor.request({
      method: "PATCH",
      url: `/api/variants/${variant.id}`,
      payload: { body: "<p>Sửa sau khi duyệt</p>" },
    });
    expect(edited.json().status).toBe("draft");
    const schedule = await post(editor, `/api/variants/${variant.id}/schedule`, {
      at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(schedule.json().code).toBe("publishing.not_approved");
  });
});

describe("scheduling and publishing", () => {
  it("publishes an approved portal variant at its time, once, with the article's address", async () => {
    const created = await writePost();
    const variant = created.variants[0] as Variant;
    await post(editor, `/api/variants/${variant.id}/submit`);
    await post(approver, `/api/variants/${variant.id}/approve`);
    const past = await post(editor, `/api/variants/${variant.id}/schedule`, { at: "2020-01-01T00:00:00Z" });
    expect(past.json().code).toBe("publishing.time_in_past");
    const at = new Date(Date.now() + 2_000);
    const scheduled = await post(editor, `/api/variants/${variant.id}/schedule`, { at: at.toISOString() });
    expect(scheduled.json()).toMatchObject({ status: "scheduled", scheduledAt: at.toISOString() });

    const from = new Date(at.getTime() - 60_000).toISOString();
    const to = new Date(at.getTime() + 60_000).toISOString();
    const calendar = (
      await editor.request({ method: "GET", url: `/api/publishing/calendar?from=${from}&to=${to}` })
    ).json();
    expect(calendar.items.map((item: { variantId: string }) => item.variantId)).toContain(variant.id);

    await variantReaches(
      created.id,
      "the variant to be published",
      (variant) => variant.status === "published",
    );
    const published = await variantOf(created.id);
    expect(published.externalUrl).toMatch(new RegExp(`^http://caunoi\\.test/u/.+/${created.slug}$`));
    const history = (
      await editor.request({ method: "GET", url: `/api/variants/${variant.id}/history` })
    ).json();
    expect(history.items.filter((item: { to: string }) => item.to === "published")).toHaveLength(1);
  });

  it("does not publish a variant whose approvals no longer meet the unit's rules", async () => {
    const created = await writePost({ tags: ["bầu cử"] });
    const variant = created.variants[0] as Variant;
    await post(editor, `/api/variants/${variant.id}/submit`);
    await post(approver, `/api/variants/${variant.id}/approve`);
    await post(editor, `/api/variants/${variant.id}/schedule`, {
      at: new Date(Date.now() + 1_500).toISOString(),
    });
    // The tag becomes sensitive after approval: a second approval is now required.
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    await admin.request({
      method: "PUT",
      url: `/api/units/${org.left.id}/approval-policy`,
      payload: {
        approverRoles: ["approver"],
        sensitiveTags: ["bầu cử"],
        secondApproverRoles: ["administrator"],
      },
    });
    await variantReaches(
      created.id,
      "the variant to leave the schedule",
      (variant) => variant.status !== "scheduled",
    );
    expect((await variantOf(created.id)).status).toBe("in_review");
    await admin.request({ method: "DELETE", url: `/api/units/${org.left.id}/approval-policy` });
  });

  it("puts a variant whose approvals no longer suffice back into review when it is scheduled", async () => {
    const created = await writePost({ tags: ["phòng chống thiên tai"] });
    const variant = created.variants[0] as Variant;
    await post(editor, `/api/variants/${variant.id}/submit`);
    await post(approver, `/api/variants/${variant.id}/approve`);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    await admin.request({
      method: "PUT",
      url: `/api/units/${org.left.id}/approval-policy`,
      payload: {
        approverRoles: ["approver"],
        sensitiveTags: ["phòng chống thiên tai"],
        secondApproverRoles: ["administrator"],
      },
    });
    const refused = await post(editor, `/api/variants/${variant.id}/schedule`, {
      at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("publishing.approval_missing");
    // The refusal says the variant went back into review: it must have.
    expect((await variantOf(created.id)).status).toBe("in_review");
    const history = (
      await editor.request({ method: "GET", url: `/api/variants/${variant.id}/history` })
    ).json();
    expect(history.items.at(-1)).toMatchObject({ to: "in_review", details: { approvalsMissing: true } });
    await admin.request({ method: "DELETE", url: `/api/units/${org.left.id}/approval-policy` });
  });

  it("publishes now on request, and a moved schedule does not publish twice", async () => {
    const created = await writePost();
    const variant = created.variants[0] as Variant;
    await post(editor, `/api/variants/${variant.id}/submit`);
    await post(approver, `/api/variants/${variant.id}/approve`);
    const firstTime = new Date(Date.now() + 1_000).toISOString();
    await post(editor, `/api/variants/${variant.id}/schedule`, { at: firstTime });
    // Dragged to later on the calendar before its time: the first job must find it moved.
    await post(editor, `/api/variants/${variant.id}/schedule`, {
      at: new Date(Date.now() + 3_600_000).toISOString(),
    });
    // Waits for the first time's job itself to have run, rather than for a guessed length of time.
    await eventually(
      async () => {
        const [job] = await queryRows<{ state: string }>(
          t.db,
          sql`select state from pgboss.job where name = ${PUBLISH_JOB} and data->>'variantId' = ${variant.id}
              and data->>'scheduledAt' = ${firstTime}`,
        );
        return job?.state === "completed";
      },
      { what: "the job of the first, moved, time to have run" },
    );
    expect((await variantOf(created.id)).status).toBe("scheduled");
    expect((await post(editor, `/api/variants/${variant.id}/publish-now`)).statusCode).toBe(200);
    await variantReaches(
      created.id,
      "the variant to be published",
      (variant) => variant.status === "published",
    );
  });

  it("lets people of another unit neither read nor change the posts", async () => {
    const created = await writePost();
    const outsider = await signInAs(t.app, org.rightAdmin.email ?? "");
    expect((await outsider.request({ method: "GET", url: `/api/posts/${created.id}` })).statusCode).toBe(403);
    const list = (await outsider.request({ method: "GET", url: "/api/posts" })).json();
    expect(list.items.some((item: { id: string }) => item.id === created.id)).toBe(false);
  });
});
