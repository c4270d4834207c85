import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { queryRows } from "../../../db/client.ts";
import { plantCase } from "./plant-cases.test-helper.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let checker: SessionClient;
let siblingChecker: SessionClient;
let approver: SessionClient;
/** The cases of the public rule: only `confirmed` is a published scam verdict (Tin giả). */
const cases: Record<string, string> = {};

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const leftChecker = await makePerson(t.db, { unitId: org.left.id, roles: ["checker"] });
  const rightChecker = await makePerson(t.db, { unitId: org.right.id, roles: ["checker"] });
  const leftApprover = await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] });
  checker = await signInAs(t.app, leftChecker.email ?? "");
  siblingChecker = await signInAs(t.app, rightChecker.email ?? "");
  approver = await signInAs(t.app, leftApprover.email ?? "");
  const unitId = org.left.id;
  const planted = {
    confirmed: await plantCase(t.db, {
      unitId,
      title: "Nội bộ: tin báo của chị H. về cuộc gọi giả danh công an",
      verdict: {
        label: "fake",
        status: "published",
        claimReviewed: "Cuộc gọi giả danh Công an yêu cầu chuyển tiền",
      },
    }),
    falseClaim: await plantCase(t.db, { unitId, verdict: { label: "false", status: "published" } }),
    draft: await plantCase(t.db, { unitId, verdict: { label: "fake", status: "draft" } }),
    signedOff: await plantCase(t.db, { unitId, verdict: { label: "fake", status: "signed_off" } }),
    paused: await plantCase(t.db, { unitId, verdict: { label: "fake", status: "paused" } }),
    notScam: await plantCase(t.db, {
      unitId,
      category: "health",
      verdict: { label: "fake", status: "published" },
    }),
    genuine: await plantCase(t.db, { unitId, verdict: { label: "true", status: "published" } }),
    noVerdict: await plantCase(t.db, { unitId }),
  };
  for (const [name, row] of Object.entries(planted)) {
    cases[name] = row.id;
  }
});
afterAll(async () => {
  await t?.close();
});

async function add(caseId: string, kind: string, value: string, client = checker) {
  return client.request({ method: "POST", url: `/api/cases/${caseId}/indicators`, payload: { kind, value } });
}

const lookup = (value: string) =>
  t.app.inject({ method: "GET", url: `/api/public/indicators/lookup?value=${encodeURIComponent(value)}` });

describe("indicators on a case", () => {
  it("stores the normal form, once per case, with an audit record, and takes one off", async () => {
    const created = await add(cases.noVerdict ?? "", "phone", "+84 (0) 912 345 678");
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json()).toMatchObject({
      kind: "phone",
      value: "0912345678",
      display: "+84 (0) 912 345 678",
    });

    const again = await add(cases.noVerdict ?? "", "phone", "0912.345.678");
    expect(again.statusCode).toBe(409);
    expect(again.json().detail ?? again.json().title).toBeTruthy();
    expect(again.body).toContain("Hồ sơ này đã có số điện thoại");

    const refused = await add(cases.noVerdict ?? "", "phone", "+1 202 555 0123");
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain("Việt Nam (+84)");

    const listed = await checker.request({ method: "GET", url: `/api/cases/${cases.noVerdict}/indicators` });
    expect(listed.json()).toMatchObject({ public: false, canManage: true, items: [{ value: "0912345678" }] });

    const id = created.json().id as string;
    const removed = await checker.request({
      method: "DELETE",
      url: `/api/cases/${cases.noVerdict}/indicators/${id}`,
    });
    expect(removed.statusCode, removed.body).toBe(200);
    const afterRemoval = await checker.request({
      method: "GET",
      url: `/api/cases/${cases.noVerdict}/indicators`,
    });
    expect(afterRemoval.json().items).toEqual([]);
    const removedTwice = await checker.request({
      method: "DELETE",
      url: `/api/cases/${cases.noVerdict}/indicators/${id}`,
    });
    expect(removedTwice.statusCode).toBe(404);
    // Removed, it may be added again.
    expect((await add(cases.noVerdict ?? "", "phone", "0912345678")).statusCode).toBe(201);

    const [audited] = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from audit_events where target_id = ${cases.noVerdict ?? ""} and action like 'verification.indicator_%'`,
    );
    expect(Number(audited?.n)).toBe(3);
  });

  it("lets an approver read but not change, and refuses a sibling unit's checker", async () => {
    const read = await approver.request({ method: "GET", url: `/api/cases/${cases.noVerdict}/indicators` });
    expect(read.statusCode).toBe(200);
    expect(read.json().canManage).toBe(false);
    expect((await add(cases.noVerdict ?? "", "domain", "lua-dao.com", approver)).statusCode).toBe(403);

    const sibling = await siblingChecker.request({
      method: "GET",
      url: `/api/cases/${cases.noVerdict}/indicators`,
    });
    expect(sibling.statusCode).toBe(403);
    expect((await add(cases.noVerdict ?? "", "domain", "lua-dao.com", siblingChecker)).statusCode).toBe(403);
    const unknown = await checker.request({
      method: "GET",
      url: "/api/cases/00000000-0000-4000-8000-000000000000/indicators",
    });
    expect(unknown.statusCode).toBe(404);

    const siblingList = await siblingChecker.request({ method: "GET", url: "/api/indicators" });
    expect(siblingList.statusCode).toBe(200);
    expect(siblingList.json()).toMatchObject({ items: [], total: 0 });
    const ownList = await checker.request({ method: "GET", url: "/api/indicators?q=0912" });
    expect(ownList.json().total).toBe(1);
    const siblingFilter = await siblingChecker.request({
      method: "GET",
      url: `/api/indicators?unitId=${org.left.id}`,
    });
    expect(siblingFilter.statusCode).toBe(403);
  });
});

describe("the public list: only confirmed scam cases", () => {
  beforeAll(async () => {
    // The same domain on every case; each case also has its own phone number.
    let n = 10;
    for (const [name, caseId] of Object.entries(cases)) {
      expect((await add(caseId, "domain", "https://www.Vietcombank-hotro.com.vn/login")).statusCode).toBe(
        201,
      );
      expect((await add(caseId, "phone", `09876543${n++}`)).statusCode, name).toBe(201);
    }
    await add(cases.confirmed ?? "", "bank_account", "=cmd|' /C calc'!A0 0987654321");
    await add(cases.confirmed ?? "", "account_url", "https://m.facebook.com/congan.tinh.gia.mao/?ref=share");
  });

  it("finds a value only through a published Tin giả or Tin sai sự thật of a scam case", async () => {
    const expected: Record<string, boolean> = {
      confirmed: true,
      falseClaim: true,
      draft: false,
      signedOff: false,
      paused: false,
      notScam: false,
      genuine: false,
      noVerdict: false,
    };
    let n = 10;
    for (const name of Object.keys(cases)) {
      const answer = await lookup(`+84 98 765 43${n++}`);
      expect(answer.statusCode).toBe(200);
      expect(answer.json().found, name).toBe(expected[name]);
      expect(answer.json()).toMatchObject({ kind: "phone" });
    }
    const listed = await checker.request({ method: "GET", url: `/api/cases/${cases.confirmed}/indicators` });
    expect(listed.json().public).toBe(true);
    const paused = await checker.request({ method: "GET", url: `/api/cases/${cases.paused}/indicators` });
    expect(paused.json().public).toBe(false);
  });

  it("normalises what is looked up and names the case by its published claim, never the desk's title", async () => {
    const answer = (await lookup("tuyen-dung.VIETCOMBANK-HOTRO.com.vn:8080/dang-nhap")).json();
    expect(answer).toMatchObject({ kind: "domain", normalised: "vietcombank-hotro.com.vn", found: true });
    expect(answer.items).toHaveLength(2);
    expect(answer.items[0].case).toMatchObject({
      label: "fake",
      title: "Cuộc gọi giả danh Công an yêu cầu chuyển tiền",
    });
    expect(JSON.stringify(answer)).not.toContain("Nội bộ");

    const page = (await lookup("facebook.com/congantinhgiamao")).json();
    expect(page).toMatchObject({ kind: "account_url", found: true });

    const unknown = (await lookup("0912 000 111")).json();
    expect(unknown).toMatchObject({ kind: "phone", normalised: "0912000111", found: false, items: [] });

    const refused = await lookup("lừa đảo");
    expect(refused.statusCode).toBe(400);
    expect(refused.headers["content-type"]).toContain("application/problem+json");
    expect(refused.body).toContain("Vui lòng nhập");
  });

  it("exports the confirmed values as JSON and as a CSV Excel opens safely", async () => {
    const json = await t.app.inject({ method: "GET", url: "/api/public/indicators.json" });
    expect(json.statusCode).toBe(200);
    const items = json.json().items as { kind: string; value: string; caseLabel: string }[];
    expect(json.json().total).toBe(items.length);
    expect(items.map((item) => `${item.kind}:${item.value}`).sort()).toEqual(
      [
        "account_url:facebook:page:congantinhgiamao",
        "bank_account:00987654321",
        "domain:vietcombank-hotro.com.vn",
        "phone:0987654310",
        "phone:0987654311",
      ].sort(),
    );
    const paged = await t.app.inject({ method: "GET", url: "/api/public/indicators.json?page=2&pageSize=2" });
    expect(paged.json().items).toEqual(items.slice(2, 4));

    const csv = await t.app.inject({ method: "GET", url: "/api/public/indicators.csv" });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = csv.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    expect(lines).toHaveLength(6);
    expect(lines[0]).toContain("Loại");
    // No cell starts with a formula character.
    for (const line of lines) {
      for (const cell of line.split(",")) {
        expect(cell.replace(/^"/, ""), line).not.toMatch(/^[=+\-@]/);
      }
    }
    expect(csv.body).toContain("'=cmd|' /C calc'!A0 0987654321");
    expect(csv.body).toContain("Tin sai sự thật");
  });
});

describe("the desk's own export", () => {
  it("lists every indicator within the reader's units, public or not, and nothing of a sibling's", async () => {
    const own = await checker.request({ method: "GET", url: "/api/indicators.csv?kind=phone" });
    expect(own.statusCode, own.body).toBe(200);
    expect(own.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const lines = own.body
      .replace(/^\uFEFF/, "")
      .trim()
      .split("\r\n");
    // The header, the phone of the first test and one phone per planted case.
    expect(lines).toHaveLength(1 + 1 + Object.keys(cases).length);
    expect(own.body).toContain("0987654310");
    expect(lines.filter((line) => line.includes(",Có,"))).toHaveLength(2);

    const sibling = await siblingChecker.request({ method: "GET", url: "/api/indicators.csv" });
    expect(sibling.statusCode).toBe(200);
    expect(
      sibling.body
        .replace(/^\uFEFF/, "")
        .trim()
        .split("\r\n"),
    ).toHaveLength(1);
    expect(
      (await siblingChecker.request({ method: "GET", url: `/api/indicators.csv?unitId=${org.left.id}` }))
        .statusCode,
    ).toBe(403);
  });
});

describe("the lookup page /tra-cuu-lua-dao", () => {
  const page = (value?: string) =>
    t.app.inject({
      method: "GET",
      url: value === undefined ? "/tra-cuu-lua-dao" : `/tra-cuu-lua-dao?value=${encodeURIComponent(value)}`,
    });

  it("answers in Vietnamese, listed or not yet listed, and never calls a value safe", async () => {
    const empty = await page();
    expect(empty.statusCode).toBe(200);
    expect(empty.body).toContain('<form method="get" action="/tra-cuu-lua-dao"');

    const listed = await page("098.765.4310");
    expect(listed.body).toContain("Có trong danh sách cảnh báo lừa đảo");
    expect(listed.body).toContain("Cuộc gọi giả danh Công an yêu cầu chuyển tiền");

    const unlisted = await page("0912 000 111");
    expect(unlisted.body).toContain("Chưa có trong danh sách");
    expect(unlisted.body).toContain("không có nghĩa là an toàn");
    expect(unlisted.body.replace("không có nghĩa là an toàn", "")).not.toMatch(/an toàn|safe/i);
  });

  it("escapes what was typed and explains a refusal on the page", async () => {
    const hostile = await page('<script>alert("x")</script>');
    expect(hostile.statusCode).toBe(200);
    expect(hostile.body).not.toContain("<script>");
    expect(hostile.body).toContain("&lt;script&gt;");
    expect(hostile.body).toContain("Không tra cứu được");

    const tooLong = await page("9".repeat(3000));
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.headers["content-type"]).toContain("text/html");
  });
});
