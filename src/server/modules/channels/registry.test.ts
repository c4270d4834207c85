import { randomBytes } from "node:crypto";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, makeUnit, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditEvents, channelHistory } from "../../db/schema/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const suffix = () => randomBytes(4).toString("hex");

describe("channel registry", () => {
  it("registers, edits, closes, reactivates, hands over and verifies a channel, with history and audit", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const keeper = await makePerson(t.db, { unitId: org.left.id, fullName: "Trần Thị Giữ Kênh" });
    const page = `trangtin${suffix()}`;
    const created = await admin.request({
      method: "POST",
      url: "/api/channels",
      payload: {
        unitId: org.left.id,
        platform: "facebook_page",
        url: `https://www.facebook.com/${page}`,
        displayName: "  Trang tin   Xã Bên Trái ",
        responsiblePersonId: keeper.id,
        followerCount: 4700,
        followersCountedOn: "2026-11-01",
      },
    });
    expect(created.statusCode).toBe(201);
    const channel = created.json();
    expect(channel).toMatchObject({
      unitId: org.left.id,
      unitName: org.left.name,
      platform: "facebook_page",
      displayName: "Trang tin Xã Bên Trái",
      status: "active",
      responsiblePersonId: keeper.id,
      responsiblePersonName: "Trần Thị Giữ Kênh",
      followerCount: 4700,
      followersCountedOn: "2026-11-01",
      verifiedAt: null,
    });
    expect(channel.key).toBeTruthy();

    const edited = await admin.request({
      method: "PATCH",
      url: `/api/channels/${channel.id}`,
      payload: { displayName: "Trang thông tin Xã Bên Trái", followerCount: 5200 },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().displayName).toBe("Trang thông tin Xã Bên Trái");

    const closedOn = new Date("2026-10-01T03:00:00Z");
    const closed = await admin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/status`,
      payload: { status: "closed", since: closedOn.toISOString(), note: "Gộp vào trang của tỉnh" },
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().status).toBe("closed");
    expect(new Date(closed.json().statusSince).toISOString()).toBe(closedOn.toISOString());

    const again = await admin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/status`,
      payload: { status: "closed" },
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("channel.status_unchanged");

    const reactivated = await admin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/status`,
      payload: { status: "active" },
    });
    expect(reactivated.json().status).toBe("active");

    const handed = await admin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/hand-over`,
      payload: { unitId: org.right.id },
    });
    expect(handed.statusCode).toBe(200);
    expect(handed.json().unitId).toBe(org.right.id);

    const verified = await admin.request({ method: "POST", url: `/api/channels/${channel.id}/verify` });
    expect(verified.statusCode).toBe(200);
    expect(verified.json().verifiedBy).toBe(org.rootAdmin.id);
    expect(verified.json().verifiedByName).toBe(org.rootAdmin.fullName);
    expect(verified.json().verifiedAt).toBeTruthy();

    const detail = await admin.request({ method: "GET", url: `/api/channels/${channel.id}` });
    expect(detail.statusCode).toBe(200);
    const history = detail.json().history as {
      change: string;
      status: string;
      unitId: string;
      fromUnitName: string | null;
      actorId: string;
    }[];
    expect(history.map((h) => [h.change, h.status])).toEqual([
      ["created", "active"],
      ["edited", "active"],
      ["status_changed", "closed"],
      ["status_changed", "active"],
      ["handed_over", "active"],
      ["verified", "active"],
    ]);
    expect(history.every((h) => h.actorId === org.rootAdmin.id)).toBe(true);
    expect(history[4]).toMatchObject({ unitId: org.right.id, fromUnitName: org.left.name });

    const audits = await t.db
      .select({ action: auditEvents.action, unitId: auditEvents.unitId })
      .from(auditEvents)
      .where(and(eq(auditEvents.targetType, "channel"), eq(auditEvents.targetId, channel.id)))
      .orderBy(asc(auditEvents.id));
    expect(audits).toEqual([
      { action: "channel.register", unitId: org.left.id },
      { action: "channel.update", unitId: org.left.id },
      { action: "channel.status", unitId: org.left.id },
      { action: "channel.status", unitId: org.left.id },
      { action: "channel.hand_over", unitId: org.right.id },
      { action: "channel.verify", unitId: org.right.id },
    ]);
  });

  it("refuses a second registration of the same page in another form, naming the owner", async () => {
    const org = await makeOrganisation(t.db);
    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    const first = await leftAdmin.request({
      method: "POST",
      url: "/api/channels",
      payload: {
        unitId: org.left.id,
        platform: "facebook_page",
        url: "facebook.com/congantinhx",
        displayName: "Công an tỉnh X",
      },
    });
    expect(first.statusCode).toBe(201);
    const second = await rightAdmin.request({
      method: "POST",
      url: "/api/channels",
      payload: {
        unitId: org.right.id,
        platform: "facebook_page",
        url: "https://m.facebook.com/Cong.An.Tinh.X?mibextid=1",
        displayName: "Công an tỉnh X (giả)",
      },
    });
    expect(second.statusCode).toBe(409);
    expect(second.headers["content-type"]).toContain("application/problem+json");
    expect(second.json().code).toBe("channel.key_taken");
    expect(second.json().messages.vi).toContain(org.left.name);
    expect(second.json().messages.en).toContain(org.left.name);
  });

  it("answers 400 with the canonicaliser's message for an address that is not a channel", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const invalid = await admin.request({
      method: "POST",
      url: "/api/channels",
      payload: { unitId: org.left.id, platform: "website", url: "không phải địa chỉ", displayName: "X" },
    });
    expect(invalid.statusCode).toBe(400);
    expect(invalid.json().code).toBe("url.invalid");
    expect(invalid.json().messages.vi).toBeTruthy();
    expect(invalid.json().messages.en).toBeTruthy();
  });

  it("lists channels within the reader's scope, filtered and searched ignoring diacritics", async () => {
    const org = await makeOrganisation(t.db);
    const rootAdmin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const cell = await makeUnit(t.db, { parentId: org.left.id });
    const tag = suffix();
    for (const [unitId, name, platform, url] of [
      [org.left.id, `Tuổi trẻ Xã Bên Trái ${tag}`, "facebook_page", `https://facebook.com/tuoitre${tag}`],
      [cell.id, `Chi đoàn Ấp Một ${tag}`, "youtube", `https://www.youtube.com/@chidoan${tag}`],
      [org.right.id, `Phụ nữ Phường ${tag}`, "facebook_page", `https://facebook.com/phunu${tag}`],
    ] as const) {
      const response = await rootAdmin.request({
        method: "POST",
        url: "/api/channels",
        payload: { unitId, displayName: name, platform, url },
      });
      expect(response.statusCode).toBe(201);
    }
    const search = await rootAdmin.request({
      method: "GET",
      url: `/api/channels?q=tuoi tre xa ben trai ${tag}`,
    });
    expect(search.json().items.map((c: { displayName: string }) => c.displayName)).toEqual([
      `Tuổi trẻ Xã Bên Trái ${tag}`,
    ]);
    const subtree = await rootAdmin.request({ method: "GET", url: `/api/channels?unitId=${org.left.id}` });
    expect(subtree.json().total).toBe(2);
    const youtube = await rootAdmin.request({
      method: "GET",
      url: `/api/channels?unitId=${org.root.id}&platform=youtube`,
    });
    expect(youtube.json().items.map((c: { unitId: string }) => c.unitId)).toEqual([cell.id]);

    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const mine = await leftAdmin.request({ method: "GET", url: `/api/channels?q=${tag}` });
    expect(mine.json().total).toBe(2);
    const theirs = await leftAdmin.request({ method: "GET", url: `/api/channels?unitId=${org.right.id}` });
    expect(theirs.statusCode).toBe(403);
  });

  it("refuses a plain member any change to their own unit's channels", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const created = await admin.request({
      method: "POST",
      url: "/api/channels",
      payload: {
        unitId: org.left.id,
        platform: "website",
        url: `https://xa${suffix()}.tuyenquang.gov.vn`,
        displayName: "Cổng thông tin xã",
      },
    });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const client = await signInAs(t.app, member.email ?? "");
    const attempts = [
      {
        method: "POST",
        url: "/api/channels",
        payload: { unitId: org.left.id, platform: "website", url: "https://a.gov.vn", displayName: "A" },
      },
      { method: "PATCH", url: `/api/channels/${id}`, payload: { displayName: "B" } },
      { method: "POST", url: `/api/channels/${id}/status`, payload: { status: "closed" } },
      { method: "POST", url: `/api/channels/${id}/verify` },
      { method: "POST", url: `/api/channels/${id}/hand-over`, payload: { unitId: org.left.id } },
    ] as const;
    for (const attempt of attempts) {
      const response = await client.request(attempt);
      expect({ url: attempt.url, status: response.statusCode }).toEqual({ url: attempt.url, status: 403 });
    }
    // Nor do they read the registry: it is a staff tool, and a member's menu does not offer it.
    const read = await client.request({ method: "GET", url: `/api/channels/${id}` });
    expect(read.statusCode).toBe(403);
  });

  it("tells each reader of a channel whether they may change it, as the change routes decide", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const created = await admin.request({
      method: "POST",
      url: "/api/channels",
      payload: {
        unitId: org.left.id,
        platform: "website",
        url: `https://xa${suffix()}.gov.vn`,
        displayName: "Cổng xã",
      },
    });
    const id = created.json().id;
    const approver = await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] });
    const readers = { admin, approver: await signInAs(t.app, approver.email ?? "") };
    for (const [name, client] of Object.entries(readers)) {
      const detail = await client.request({ method: "GET", url: `/api/channels/${id}` });
      expect(detail.statusCode, name).toBe(200);
      const edit = await client.request({
        method: "PATCH",
        url: `/api/channels/${id}`,
        payload: { displayName: `Cổng xã (${name})` },
      });
      expect({ name, canManage: detail.json().canManage }).toEqual({
        name,
        canManage: edit.statusCode === 200,
      });
    }
    expect(
      (await readers.approver.request({ method: "GET", url: `/api/channels/${id}` })).json().canManage,
    ).toBe(false);
  });

  it("lets an editor register channels but hands over only with rights on both units", async () => {
    const org = await makeOrganisation(t.db);
    const editor = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
    const client = await signInAs(t.app, editor.email ?? "");
    const created = await client.request({
      method: "POST",
      url: "/api/channels",
      payload: {
        unitId: org.left.id,
        platform: "zalo_oa",
        url: `https://zalo.me/${Date.now()}${Math.floor(Math.random() * 1000)}`,
        displayName: "Zalo OA Xã",
      },
    });
    expect(created.statusCode).toBe(201);
    const handOver = await client.request({
      method: "POST",
      url: `/api/channels/${created.json().id}/hand-over`,
      payload: { unitId: org.right.id },
    });
    expect(handOver.statusCode).toBe(403);
    const missing = await client.request({ method: "GET", url: `/api/channels/${crypto.randomUUID()}` });
    expect(missing.statusCode).toBe(404);
  });

  it("takes a mistaken entry out of the registry: its page can be registered again, its history stays", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const url = `https://www.facebook.com/nham${suffix()}`;
    const wrong = await admin.request({
      method: "POST",
      url: "/api/channels",
      payload: { unitId: org.left.id, platform: "facebook_page", url, displayName: "Nhập nhầm đơn vị" },
    });
    expect(wrong.statusCode).toBe(201);
    const id = wrong.json().id;
    const lookup = () =>
      t.app.inject({ method: "GET", url: `/api/public/channels/lookup?url=${encodeURIComponent(url)}` });
    expect((await lookup()).json().status).toBe("official");

    const noReason = await admin.request({ method: "POST", url: `/api/channels/${id}/remove`, payload: {} });
    expect(noReason.statusCode).toBe(400);
    const removed = await admin.request({
      method: "POST",
      url: `/api/channels/${id}/remove`,
      payload: { reason: "Nhập nhầm: trang của phường bên cạnh" },
    });
    expect(removed.statusCode).toBe(200);
    expect(removed.json()).toEqual({ id, removed: true });
    expect((await admin.request({ method: "GET", url: `/api/channels/${id}` })).statusCode).toBe(404);
    expect((await lookup()).json().status).toBe("unknown");

    const right = await admin.request({
      method: "POST",
      url: "/api/channels",
      payload: { unitId: org.right.id, platform: "facebook_page", url, displayName: "Đúng đơn vị" },
    });
    expect(right.statusCode).toBe(201);
    const history = await t.db
      .select({ change: channelHistory.change, details: channelHistory.details })
      .from(channelHistory)
      .where(eq(channelHistory.channelId, id))
      .orderBy(asc(channelHistory.id));
    expect(history.map((h) => h.change)).toEqual(["created", "removed"]);
    expect(history[1]?.details).toMatchObject({ reason: "Nhập nhầm: trang của phường bên cạnh" });
  });
});
