import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, signInAs } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { auditEvents, impersonationCandidates } from "../../../db/schema/index.ts";
import { registerChannel } from "../../channels/index.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
});

const suffix = () => randomBytes(4).toString("hex");
const address = () => `203.0.113.${randomBytes(1)[0]}`;
const system = () => ({ db: t.db, actor: null, ip: null });

async function checkerOf(unitId: string) {
  const person = await makePerson(t.db, { unitId, roles: ["checker"] });
  return signInAs(t.app, person.email ?? "");
}

async function realChannel() {
  return registerChannel(system(), {
    unitId: org.left.id,
    platform: "facebook_page",
    url: `https://www.facebook.com/conganxa${suffix()}`,
    displayName: "Công an xã Bên Trái",
  });
}

function report(payload: Record<string, string>, remoteAddress = address()) {
  return t.app.inject({ method: "POST", url: "/api/public/impersonation-reports", payload, remoteAddress });
}

const candidatesOfKeyLike = async (url: string) =>
  t.db.select().from(impersonationCandidates).where(eq(impersonationCandidates.url, url));

describe("citizens' reports", () => {
  it("records a page once, refuses a registered channel, and ignores a filled honeypot", async () => {
    const page = `giamao${suffix()}`;
    const url = `https://www.facebook.com/${page}`;
    const first = await report({
      url: `https://m.facebook.com/${page}?ref=share`,
      displayName: "Công an xã",
    });
    expect(first.statusCode).toBe(201);
    expect(first.json()).toEqual({ outcome: "received" });
    const again = await report({ url });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ outcome: "received" });
    const rows = await candidatesOfKeyLike(url);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: "citizen", status: "candidate", displayName: "Công an xã" });

    const real = await realChannel();
    const official = await report({ url: real.url });
    expect(official.statusCode).toBe(200);
    expect(official.json()).toMatchObject({
      outcome: "official",
      channel: { displayName: "Công an xã Bên Trái", unitName: org.left.name },
    });
    expect(await candidatesOfKeyLike(real.url)).toHaveLength(0);

    const botUrl = `https://www.facebook.com/bot${suffix()}`;
    const bot = await report({ url: botUrl, website: "http://spam.example" });
    expect(bot.json()).toEqual({ outcome: "received" });
    expect(await candidatesOfKeyLike(botUrl)).toHaveLength(0);

    const bad = await report({ url: "javascript:alert(1)" });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("application/problem+json");
  });

  it("answers the /kiem-tra form with a page, and the page offers the button for an unknown address", async () => {
    const url = `https://www.facebook.com/trangla${suffix()}`;
    const page = await t.app.inject({
      method: "GET",
      url: `/kiem-tra?url=${encodeURIComponent(url)}`,
      remoteAddress: address(),
    });
    expect(page.body).toContain("Báo trang này là giả mạo");
    expect(page.body).toContain('action="/kiem-tra/bao-gia-mao"');
    expect(page.body).toContain(`name="url" value="${url}"`);
    expect(page.body).toContain('action="/tra-cuu-lua-dao"');
    expect(page.body).toContain("Tra cứu số điện thoại, tài khoản, tên miền lừa đảo");

    const form = await t.app.inject({
      method: "POST",
      url: "/kiem-tra/bao-gia-mao",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ url, website: "" }).toString(),
      remoteAddress: address(),
    });
    expect(form.statusCode).toBe(201);
    expect(form.headers["content-type"]).toContain("text/html");
    expect(form.body).toContain("Đã nhận báo cáo của bạn");
    expect(await candidatesOfKeyLike(url)).toHaveLength(1);

    // A signed-in member's browser sends its session cookie but not the app's CSRF header: still taken.
    const member = await checkerOf(org.left.id);
    const another = `https://www.facebook.com/trangkhac${suffix()}`;
    const signedIn = await t.app.inject({
      method: "POST",
      url: "/kiem-tra/bao-gia-mao",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: member.cookie },
      payload: new URLSearchParams({ url: another }).toString(),
      remoteAddress: address(),
    });
    expect(signedIn.statusCode).toBe(201);
    expect(await candidatesOfKeyLike(another)).toHaveLength(1);

    const bad = await t.app.inject({
      method: "POST",
      url: "/kiem-tra/bao-gia-mao",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      payload: new URLSearchParams({ url: "javascript:alert(1)" }).toString(),
      remoteAddress: address(),
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers["content-type"]).toContain("text/html");
    expect(bad.body).toContain("Chưa gửi được báo cáo");
  });
});

describe("checkers' decisions", () => {
  it("confirms a page: the lookup and /kiem-tra then name the real channel, the cached answer is not served", async () => {
    const real = await realChannel();
    const checker = await checkerOf(org.left.id);
    const url = `https://www.facebook.com/conganxabentrai${suffix()}`;
    const lookup = () =>
      t.app.inject({
        method: "GET",
        url: `/api/public/channels/lookup?url=${encodeURIComponent(url)}`,
        remoteAddress: address(),
      });
    expect((await lookup()).json().status).toBe("unknown");

    const created = await checker.request({
      method: "POST",
      url: "/api/impersonation/candidates",
      payload: { url, displayName: "Công an xã Bên Trái - Tin tức", handle: "congan.bentrai" },
    });
    expect(created.statusCode).toBe(201);
    const candidate = created.json().candidate;
    expect(candidate).toMatchObject({ status: "candidate", unitId: org.left.id, source: "checker" });
    const twice = await checker.request({
      method: "POST",
      url: "/api/impersonation/candidates",
      payload: { url, displayName: "Khác" },
    });
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toMatchObject({ created: false, candidate: { id: candidate.id } });

    const refused = await checker.request({
      method: "POST",
      url: "/api/impersonation/candidates",
      payload: { url: real.url, displayName: "Công an xã Bên Trái" },
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("impersonation.official_channel");

    expect((await lookup()).json().status).toBe("unknown");

    const confirmed = await checker.request({
      method: "POST",
      url: `/api/impersonation/candidates/${candidate.id}/confirm`,
      payload: { channelId: real.id, note: "Đã đối chiếu" },
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: "confirmed",
      channel: { id: real.id, displayName: "Công an xã Bên Trái" },
    });
    const answer = (await lookup()).json();
    expect(answer).toMatchObject({
      status: "impersonation",
      channel: { id: real.id, displayName: "Công an xã Bên Trái", unit: { name: org.left.name } },
    });
    const page = await t.app.inject({
      method: "GET",
      url: `/kiem-tra?url=${encodeURIComponent(url)}`,
      remoteAddress: address(),
    });
    expect(page.body).toContain("Trang đã được xác định là giả mạo");
    expect(page.body).toContain("Công an xã Bên Trái");
    expect(page.body).toContain(real.url);
    expect(page.body).not.toContain("Báo trang này là giả mạo");
    // A citizen reporting it again is told it is already known as a fake.
    expect((await report({ url })).json()).toEqual({ outcome: "impersonation" });

    // Reopening lifts it from the lookup at once.
    const reopened = await checker.request({
      method: "POST",
      url: `/api/impersonation/candidates/${candidate.id}/reopen`,
      payload: { note: "Nhầm trang" },
    });
    expect(reopened.json().status).toBe("candidate");
    expect((await lookup()).json().status).toBe("unknown");

    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, candidate.id));
    expect(actions.map((row) => row.action)).toEqual(
      expect.arrayContaining(["impersonation.create", "impersonation.confirm", "impersonation.reopen"]),
    );
  });

  it("dismisses with a reason, lists by scope, and refuses a sibling unit's checker", async () => {
    const checker = await checkerOf(org.left.id);
    const sibling = await checkerOf(org.right.id);
    const url = `https://www.facebook.com/khonggiamao${suffix()}`;
    const created = await checker.request({
      method: "POST",
      url: "/api/impersonation/candidates",
      payload: { url, displayName: "Hội yêu thơ" },
    });
    const id = created.json().candidate.id as string;

    // The score found no channel it resembles (forced here, whatever the scorer says): a person must name one.
    await t.db
      .update(impersonationCandidates)
      .set({ channelId: null })
      .where(eq(impersonationCandidates.id, id));
    const withoutChannel = await checker.request({
      method: "POST",
      url: `/api/impersonation/candidates/${id}/confirm`,
      payload: {},
    });
    expect(withoutChannel.statusCode).toBe(400);
    expect(withoutChannel.json().code).toBe("impersonation.real_channel_required");
    expect(
      (await checker.request({ method: "GET", url: `/api/impersonation/candidates/${id}` })).json().status,
    ).toBe("candidate");

    const noReason = await checker.request({
      method: "POST",
      url: `/api/impersonation/candidates/${id}/dismiss`,
      payload: { note: "" },
    });
    expect(noReason.statusCode).toBe(400);
    const dismissed = await checker.request({
      method: "POST",
      url: `/api/impersonation/candidates/${id}/dismiss`,
      payload: { note: "Trang của câu lạc bộ, không tự nhận là cơ quan" },
    });
    expect(dismissed.json()).toMatchObject({
      status: "dismissed",
      note: "Trang của câu lạc bộ, không tự nhận là cơ quan",
    });
    const twice = await checker.request({
      method: "POST",
      url: `/api/impersonation/candidates/${id}/confirm`,
      payload: {},
    });
    expect(twice.json().code).toBe("impersonation.already_decided");

    const mine = await checker.request({
      method: "GET",
      url: "/api/impersonation/candidates?status=dismissed",
    });
    expect(mine.json().items.map((item: { id: string }) => item.id)).toContain(id);
    const theirs = await sibling.request({ method: "GET", url: "/api/impersonation/candidates" });
    expect(theirs.json().items.map((item: { id: string }) => item.id)).not.toContain(id);

    for (const request of [
      { method: "GET" as const, url: `/api/impersonation/candidates/${id}` },
      { method: "POST" as const, url: `/api/impersonation/candidates/${id}/reopen`, payload: {} },
      { method: "GET" as const, url: `/api/impersonation/candidates/${id}/report-pack` },
    ]) {
      const response = await sibling.request(request);
      expect({ url: request.url, status: response.statusCode }).toEqual({ url: request.url, status: 403 });
    }
    const missing = await checker.request({
      method: "GET",
      url: `/api/impersonation/candidates/${crypto.randomUUID()}`,
    });
    expect(missing.statusCode).toBe(404);
  });

  it("imports a CSV list: preview counts good, known and bad rows, the import records the good ones", async () => {
    const checker = await checkerOf(org.left.id);
    const real = await realChannel();
    const known = `https://www.facebook.com/dabiet${suffix()}`;
    await report({ url: known });
    const fresh = `https://www.facebook.com/moi${suffix()}`;
    const csv = [
      "Địa chỉ,Tên hiển thị,Tên người dùng",
      `${fresh},Công an xã Bên Trái 24h,congan24h`,
      `${known},Trang đã biết,`,
      `${real.url},Kênh thật,`,
      "javascript:alert(1),Xấu,",
    ].join("\n");
    const body = { fileName: "danh-sach.csv", contentBase64: Buffer.from(csv).toString("base64") };
    const preview = await checker.request({
      method: "POST",
      url: "/api/impersonation/candidates/import/preview",
      payload: body,
    });
    expect(preview.json()).toMatchObject({ totalRows: 4, validRows: 1, knownRows: 1 });
    expect(preview.json().errors.map((error: { row: number }) => error.row)).toEqual([4, 5]);
    expect(await candidatesOfKeyLike(fresh)).toHaveLength(0);

    const run = await checker.request({
      method: "POST",
      url: "/api/impersonation/candidates/import",
      payload: body,
    });
    expect(run.json()).toMatchObject({ created: 1, known: 1, totalRows: 4 });
    const [row] = await candidatesOfKeyLike(fresh);
    expect(row).toMatchObject({
      source: "import",
      displayName: "Công an xã Bên Trái 24h",
      handle: "congan24h",
    });
  });
});

describe("reports at the same moment", () => {
  it("makes one candidate when the same page is reported twice at once", async () => {
    const url = `https://www.facebook.com/cungluc${suffix()}`;
    const answers = await Promise.all([report({ url }), report({ url }), report({ url })]);
    expect(answers.map((answer) => answer.statusCode).sort()).toEqual([200, 200, 201]);
    expect(await candidatesOfKeyLike(url)).toHaveLength(1);
  });
});
