import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { verificationCases, verificationTips } from "../../../db/schema/verification.ts";
import { registerChannel } from "../../channels/index.ts";
import { findUnitByCodeOrId } from "../../org/index.ts";
import type { PublicVerdict } from "../verdicts/public-verdict.ts";
import { multipart, png, someAddress } from "./tips.test-helper.ts";

// The verdicts part decides what is public; here a case's verdict is whatever the test says it is.
const publicVerdicts = new Map<string, PublicVerdict>();
vi.mock("../verdicts/public-verdict.ts", () => ({
  publicVerdictOfCase: async (_db: unknown, caseId: string) => publicVerdicts.get(caseId) ?? null,
}));

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let member: Awaited<ReturnType<typeof makePerson>>;
let memberClient: SessionClient;
let otherClient: SessionClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  member = await makePerson(t.db, { unitId: org.right.id, fullName: "Lò Thị Mai" });
  memberClient = await signInAs(t.app, member.email ?? "");
  const other = await makePerson(t.db, { unitId: org.left.id });
  otherClient = await signInAs(t.app, other.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

async function sendTip(text: string, extra: Record<string, string> = {}) {
  const response = await t.app.inject({
    method: "POST",
    url: "/api/public/tips",
    payload: { text, ...extra },
    remoteAddress: someAddress(),
  });
  expect(response.statusCode, response.body).toBe(201);
  const code: string = response.json().trackingCode;
  const [tip] = await t.db.select().from(verificationTips).where(eq(verificationTips.trackingCode, code));
  return { code, caseId: tip?.caseId ?? "" };
}

async function statusOf(code: string) {
  const response = await t.app.inject({ method: "GET", url: `/api/public/tips/${code}` });
  expect(response.statusCode).toBe(200);
  return response.json();
}

const setCase = (caseId: string, values: Partial<typeof verificationCases.$inferInsert>) =>
  t.db.update(verificationCases).set(values).where(eq(verificationCases.id, caseId));

describe("what a reporter sees, from received to answered", () => {
  it("moves received → checking → answered with the published verdict's label and article", async () => {
    const { code, caseId } = await sendTip("Tin đồn: nước máy thành phố bị nhiễm độc, không được dùng", {
      email: "bao.tin@example.vn",
    });
    expect((await statusOf(code)).status).toBe("received");

    await setCase(caseId, { firstActionAt: new Date(), status: "checking" });
    expect((await statusOf(code)).status).toBe("checking");
    await setCase(caseId, { status: "awaiting_signoff" });
    expect((await statusOf(code)).status).toBe("checking");

    publicVerdicts.set(caseId, {
      label: "false",
      claimReviewed: "Nước máy thành phố bị nhiễm độc",
      url: "http://caunoi.test/u/tinh/bai/nuoc-may-an-toan",
      publishedAt: new Date("2026-12-01T07:30:00Z"),
      version: 1,
    });
    await setCase(caseId, { status: "published", publishedAt: new Date() });
    const answered = await statusOf(code);
    expect(answered).toMatchObject({
      status: "answered",
      closedWithoutVerdict: false,
      verdict: { label: "false", url: "http://caunoi.test/u/tinh/bai/nuoc-may-an-toan" },
    });
    expect(JSON.stringify(answered)).not.toContain("bao.tin@example.vn");

    const page = await t.app.inject({ method: "GET", url: `/bao-tin/${code}` });
    expect(page.body).toContain("Kết luận: Tin sai sự thật");
    expect(page.body).toContain('href="http://caunoi.test/u/tinh/bai/nuoc-may-an-toan"');
    expect(page.body).toContain("14:30, 01/12/2026");
    expect(page.body).toContain('aria-current="step">3. Đã có kết quả');
  });

  it("answers a case closed without a public verdict as handled, without a label", async () => {
    const { code, caseId } = await sendTip("Tin đồn không đủ căn cứ về việc đóng cửa chợ");
    await setCase(caseId, { firstActionAt: new Date(), status: "closed", closedAt: new Date() });
    expect(await statusOf(code)).toMatchObject({
      status: "answered",
      verdict: null,
      closedWithoutVerdict: true,
    });
    const page = await t.app.inject({ method: "GET", url: `/bao-tin/${code}` });
    expect(page.body).toContain("Đã xử lý xong");
  });

  it("follows a case merged into another: the reporter sees the surviving case's answer", async () => {
    const first = await sendTip("Tin đồn A về sập cầu trên quốc lộ 2");
    const second = await sendTip("Tin đồn A' về sập cầu quốc lộ 2, viết lại");
    await setCase(second.caseId, { status: "merged", mergedIntoId: first.caseId, firstActionAt: new Date() });
    publicVerdicts.set(first.caseId, {
      label: "fake",
      claimReviewed: "Sập cầu trên quốc lộ 2",
      url: "http://caunoi.test/u/tinh/bai/cau-van-an-toan",
      publishedAt: new Date(),
      version: 1,
    });
    expect(await statusOf(second.code)).toMatchObject({ status: "answered", verdict: { label: "fake" } });
    // The other reporter's words are never shown on this reporter's status.
    const page = await t.app.inject({ method: "GET", url: `/bao-tin/${second.code}` });
    expect(page.body).toContain("viết lại");
    expect(page.body).not.toContain("Tin đồn A về");
  });
});

describe("a member's tips from the app", () => {
  it("goes to the member's own unit with them as reporter, and only they see it in their list", async () => {
    const sent = await memberClient.request({
      method: "POST",
      url: "/api/tips",
      ...multipart(
        {
          url: "https://zalo.me/g/abcxyz",
          text: "Nhóm Zalo mạo danh phường kêu gọi đóng tiền",
          unitId: org.left.id,
        },
        [{ name: "zalo.png", type: "image/png", bytes: await png(60, 60) }],
      ),
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const code = sent.json().trackingCode;
    const [tip] = await t.db.select().from(verificationTips).where(eq(verificationTips.trackingCode, code));
    expect(tip).toMatchObject({ source: "member", reporterId: member.id, unitId: org.right.id });

    const json = await memberClient.request({
      method: "POST",
      url: "/api/tips",
      payload: { text: "Tin thứ hai của tôi" },
    });
    expect(json.statusCode).toBe(201);

    const mine = await memberClient.request({ method: "GET", url: "/api/tips/mine" });
    expect(mine.statusCode).toBe(200);
    expect(mine.json().total).toBe(2);
    expect(mine.json().items[0]).toMatchObject({
      trackingCode: json.json().trackingCode,
      status: "received",
      imageCount: 0,
    });
    expect(mine.json().items[1]).toMatchObject({
      trackingCode: code,
      url: "https://zalo.me/g/abcxyz",
      imageCount: 1,
    });

    const paged = await memberClient.request({ method: "GET", url: "/api/tips/mine?page=2&pageSize=1" });
    expect(paged.json()).toMatchObject({ total: 2, page: 2, items: [{ trackingCode: code }] });

    expect((await otherClient.request({ method: "GET", url: "/api/tips/mine" })).json()).toEqual({
      items: [],
      total: 0,
      page: 1,
    });
  });

  it("needs a signed-in member", async () => {
    expect((await t.app.inject({ method: "GET", url: "/api/tips/mine" })).statusCode).toBe(401);
    const anonymous = await t.app.inject({ method: "POST", url: "/api/tips", payload: { text: "Ẩn danh" } });
    expect(anonymous.statusCode).toBe(401);
  });
});

describe("the public pages", () => {
  it("is linked from every unit's portal, for that unit's desk", async () => {
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "website",
        url: `https://xa-${Date.now()}.gov.vn`,
        displayName: "Trang tin xã",
      },
    );
    const code = (await findUnitByCodeOrId(t.db, org.left.id))?.code ?? "";
    const portal = await t.app.inject({ method: "GET", url: `/u/${code}` });
    expect(portal.statusCode).toBe(200);
    expect(portal.body).toContain(`<a href="/bao-tin?don-vi=${org.left.id}">Báo tin cần xác minh</a>`);
  });

  it("shows the form, naming the portal's unit it was opened from", async () => {
    const page = await t.app.inject({ method: "GET", url: `/bao-tin?don-vi=${org.left.id}` });
    expect(page.statusCode).toBe(200);
    expect(page.headers["content-type"]).toContain("text/html");
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(page.body).toContain(`name="unitId" value="${org.left.id}"`);
    expect(page.body).toContain(org.left.name);
    expect(page.body).toContain("Chỉ dùng để báo cho bạn kết quả xác minh");
    const plain = await t.app.inject({ method: "GET", url: "/bao-tin?don-vi=khong-co" });
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('name="unitId"');
  });

  it("sends the form and redirects to the status page with the tracking code", async () => {
    const response = await t.app.inject({
      method: "POST",
      url: "/bao-tin",
      remoteAddress: someAddress(),
      ...multipart({
        url: "",
        text: "Tin nhắn giả danh công an đòi chuyển tiền",
        email: "",
        homepageUrl: "",
        unitId: org.left.id,
      }),
    });
    expect(response.statusCode).toBe(303);
    const location = String(response.headers.location);
    expect(location).toMatch(/^\/bao-tin\/BT-[2-9A-Z]{4}-[2-9A-Z]{4}\?da-gui=1$/);
    const status = await t.app.inject({ method: "GET", url: location });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain("Đã gửi tin thành công");
    expect(status.body).toContain('aria-current="step">1. Đã tiếp nhận');
  });

  it("shows the form again with what was typed and the reason when a tip is refused", async () => {
    const typed = `<b>đậm</b> "trích" nội dung`;
    const response = await t.app.inject({
      method: "POST",
      url: "/bao-tin",
      remoteAddress: someAddress(),
      ...multipart({ url: "javascript:alert(1)", text: typed, email: "a@b.vn" }, [
        { name: "anh.png", type: "image/png", bytes: await png(30, 30) },
      ]),
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("text/html");
    expect(response.body).toContain("http:// hoặc https://");
    expect(response.body).toContain("&lt;b&gt;đậm&lt;/b&gt; &quot;trích&quot; nội dung</textarea>");
    expect(response.body).toContain('value="javascript:alert(1)"');
    expect(response.body).toContain('value="a@b.vn"');
    expect(response.body).toContain("Vui lòng chọn lại ảnh");
  });

  it("answers an unknown code with a Vietnamese page, and finds a typed code", async () => {
    const missing = await t.app.inject({ method: "GET", url: "/bao-tin/BT-2222-3333" });
    expect(missing.statusCode).toBe(404);
    expect(missing.headers["content-type"]).toContain("text/html");
    expect(missing.body).toContain("Không tìm thấy tin với mã theo dõi này");
    const lookup = await t.app.inject({ method: "GET", url: "/bao-tin/tra-cuu?ma=bt%207k3m%209qxa" });
    expect(lookup.statusCode).toBe(303);
    expect(lookup.headers.location).toBe("/bao-tin/BT-7K3M-9QXA");
  });
});
