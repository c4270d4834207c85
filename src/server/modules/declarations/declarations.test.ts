import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { readableMail, startSmtpServer } from "../../../../test/helpers/smtp.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { declarationPurpose } from "./purpose.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
/** A cell below the left commune, where the members live. */
let cell: Awaited<ReturnType<typeof makeUnit>>;
let cellAdmin: Awaited<ReturnType<typeof makePerson>>;
let member: Awaited<ReturnType<typeof makePerson>>;
let memberClient: SessionClient;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  org = await makeOrganisation(t.db);
  cell = await makeUnit(t.db, { parentId: org.left.id, name: "Chi đoàn thôn Tân Lập", kind: "union_branch" });
  cellAdmin = await makePerson(t.db, {
    unitId: cell.id,
    fullName: "Bí thư Chi Đoàn",
    roles: ["administrator"],
  });
  member = await makePerson(t.db, { unitId: cell.id, fullName: "Ma Thị Hoà" });
  memberClient = await signInAs(t.app, member.email ?? "");
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const declaration = (overrides: Record<string, unknown> = {}) => ({
  platform: "facebook_page",
  url: "https://www.facebook.com/hoa.mathi.tanlap",
  displayName: "Hoà Ma — Tân Lập",
  realName: true,
  consent: true,
  purposeVersion: declarationPurpose.version,
  locale: "vi",
  ...overrides,
});

async function declare(client: SessionClient, overrides: Record<string, unknown> = {}) {
  const response = await client.request({
    method: "POST",
    url: "/api/me/declarations",
    payload: declaration(overrides),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; url: string; status: string };
}

describe("a member's own declarations", () => {
  it("stores the declaration with the purpose text the member consented to", async () => {
    const purpose = await memberClient.request({ method: "GET", url: "/api/me/declarations" });
    expect(purpose.json().purpose.version).toBe(declarationPurpose.version);
    // The regulation is cited by its full number and symbol the first time.
    expect(purpose.json().purpose.vi).toMatch(/^Theo Quy định số 85-QĐ\/TW của Ban Bí thư, /u);

    const created = await declare(memberClient);
    const mine = (await memberClient.request({ method: "GET", url: "/api/me/declarations" })).json();
    const stored = mine.items.find((item: { id: string }) => item.id === created.id);
    expect(stored).toMatchObject({
      platform: "facebook_page",
      displayName: "Hoà Ma — Tân Lập",
      realName: true,
      status: "active",
      purposeVersion: declarationPurpose.version,
      purposeText: declarationPurpose.vi,
    });
    expect(Date.parse(stored.consentedAt)).toBeGreaterThan(Date.now() - 60_000);
  });

  it("refuses a declaration without consent, or against a purpose text that has changed", async () => {
    const withoutConsent = await memberClient.request({
      method: "POST",
      url: "/api/me/declarations",
      payload: declaration({ url: "https://tiktok.com/@hoamathi", platform: "tiktok", consent: false }),
    });
    expect(withoutConsent.statusCode).toBe(400);
    const stalePurpose = await memberClient.request({
      method: "POST",
      url: "/api/me/declarations",
      payload: declaration({
        url: "https://tiktok.com/@hoamathi",
        platform: "tiktok",
        purposeVersion: "2020-01-01",
      }),
    });
    expect(stalePurpose.statusCode).toBe(409);
    expect(stalePurpose.json().code).toBe("declarations.purpose_changed");
  });

  it("recognises the same account however its address is written", async () => {
    const again = await memberClient.request({
      method: "POST",
      url: "/api/me/declarations",
      payload: declaration({ url: "m.facebook.com/Hoa.MaThi.TanLap/?ref=bookmarks&fbclid=abc" }),
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("declarations.already_declared");
    expect(again.json().detail).toContain("Hoà Ma — Tân Lập");
    // Another member may declare the same page (they run it together).
    const colleague = await makePerson(t.db, { unitId: cell.id });
    await declare(await signInAs(t.app, colleague.email ?? ""));
  });

  it("keeps each member's declarations to themselves", async () => {
    const created = await declare(memberClient, {
      platform: "youtube",
      url: "https://www.youtube.com/@HoaMaThiVlog",
      displayName: "Hoà Vlog",
      realName: false,
    });
    const other = await signInAs(t.app, (await makePerson(t.db, { unitId: cell.id })).email ?? "");
    expect((await other.request({ method: "GET", url: "/api/me/declarations" })).json().items).toEqual([]);
    for (const attempt of [
      {
        method: "PATCH" as const,
        url: `/api/me/declarations/${created.id}`,
        payload: { displayName: "Chiếm" },
      },
      {
        method: "POST" as const,
        url: `/api/me/declarations/${created.id}/status`,
        payload: { status: "closed" },
      },
      { method: "DELETE" as const, url: `/api/me/declarations/${created.id}` },
    ]) {
      const response = await other.request(attempt);
      expect(response.statusCode).toBe(404);
    }
    const still = (await memberClient.request({ method: "GET", url: "/api/me/declarations" })).json();
    expect(still.items.find((item: { id: string }) => item.id === created.id).displayName).toBe("Hoà Vlog");
  });

  it("lets the member correct, close and reopen an account", async () => {
    const created = await declare(memberClient, {
      platform: "zalo_oa",
      url: "https://zalo.me/4318751239567890123",
      displayName: "Zalo Hoà",
    });
    const corrected = await memberClient.request({
      method: "PATCH",
      url: `/api/me/declarations/${created.id}`,
      payload: { displayName: "Zalo của Hoà", realName: false },
    });
    expect(corrected.json()).toMatchObject({ displayName: "Zalo của Hoà", realName: false });
    const closed = await memberClient.request({
      method: "POST",
      url: `/api/me/declarations/${created.id}/status`,
      payload: { status: "closed", since: "2026-10-01T00:00:00+07:00" },
    });
    expect(closed.json()).toMatchObject({ status: "closed", statusSince: "2026-09-30T17:00:00.000Z" });
    // The list tells the app which action the account's menu offers now: reopen, not close.
    const statusActionOf = async () =>
      (await memberClient.request({ method: "GET", url: "/api/me/declarations" }))
        .json()
        .items.find((item: { id: string }) => item.id === created.id).statusAction;
    expect(await statusActionOf()).toBe("active");
    const future = await memberClient.request({
      method: "POST",
      url: `/api/me/declarations/${created.id}/status`,
      payload: { status: "active", since: "2099-01-01T00:00:00Z" },
    });
    expect(future.statusCode).toBe(400);
    const reopened = await memberClient.request({
      method: "POST",
      url: `/api/me/declarations/${created.id}/status`,
      payload: { status: "active" },
    });
    expect(reopened.json().status).toBe("active");
    expect(await statusActionOf()).toBe("closed");
  });

  it("exports everything as JSON and CSV, then deletes one or all", async () => {
    const person = await makePerson(t.db, { unitId: cell.id, fullName: "Người Xuất Dữ Liệu" });
    const client = await signInAs(t.app, person.email ?? "");
    const first = await declare(client, { url: "https://www.tiktok.com/@xuatdulieu", platform: "tiktok" });
    await declare(client, { url: "https://facebook.com/xuat.du.lieu.2", displayName: '=HYPERLINK("x")' });

    const json = await client.request({ method: "GET", url: "/api/me/declarations/export.json" });
    expect(json.headers["content-disposition"]).toMatch(/attachment; filename="ke-khai-tai-khoan-.*\.json"/);
    expect(json.json().declarations).toHaveLength(2);
    expect(json.json().declarations[0].purposeText).toBe(declarationPurpose.vi);

    const csv = await client.request({ method: "GET", url: "/api/me/declarations/export.csv" });
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.startsWith("\uFEFF")).toBe(true);
    expect(csv.body).toContain("Tên hiển thị");
    // A display name that a spreadsheet would run as a formula is defused.
    expect(csv.body).toContain(`"'=HYPERLINK(""x"")"`);

    expect(
      (await client.request({ method: "DELETE", url: `/api/me/declarations/${first.id}` })).json(),
    ).toEqual({
      deleted: 1,
    });
    expect((await client.request({ method: "DELETE", url: "/api/me/declarations" })).json()).toEqual({
      deleted: 1,
    });
    const after = await client.request({ method: "GET", url: "/api/me/declarations/export.json" });
    expect(after.json().declarations).toEqual([]);
  });
});

describe("reporting an account taken over or impersonated", () => {
  it("alerts the nearest administrators at once by e-mail, with what happened and when", async () => {
    const created = await declare(memberClient, {
      url: "https://www.facebook.com/profile.php?id=100089998887776",
      displayName: "Hoà Ma (cá nhân)",
    });
    const reported = await memberClient.request({
      method: "POST",
      url: `/api/me/declarations/${created.id}/report`,
      payload: {
        kind: "compromised",
        happenedAt: "2026-11-20T21:30:00+07:00",
        description: "Không đăng nhập được, tài khoản đăng tin vay tiền.",
      },
    });
    expect(reported.statusCode, reported.body).toBe(201);
    // The cell has its own administrator, so the alert stays there rather than going to the commune.
    expect(reported.json().alerted).toEqual([{ id: cellAdmin.id, fullName: "Bí thư Chi Đoàn" }]);

    const mail = await eventually(() => smtp.inbox.find((m) => m.to.includes(cellAdmin.email ?? "")), {
      what: "the mail to the cell administrator",
    });
    const text = readableMail(mail);
    expect(text).toContain("Ma Thị Hoà (Chi đoàn thôn Tân Lập) báo tài khoản của mình bị chiếm quyền");
    expect(text).toContain("https://www.facebook.com/profile.php?id=100089998887776");
    expect(text).toContain("Thời điểm xảy ra: 21:30 ngày 20/11/2026");
    expect(text).toContain("Không đăng nhập được, tài khoản đăng tin vay tiền.");
    expect(smtp.inbox.some((m) => m.to.includes(org.leftAdmin.email ?? ""))).toBe(false);

    const mine = (await memberClient.request({ method: "GET", url: "/api/me/declarations" })).json();
    const account = mine.items.find((item: { id: string }) => item.id === created.id);
    expect(account.status).toBe("compromised");
    expect(account.reports).toHaveLength(1);

    // The administrator sees the alert in the app and marks it handled.
    const admin = await signInAs(t.app, cellAdmin.email ?? "");
    const alerts = (await admin.request({ method: "GET", url: "/api/declaration-alerts?open=true" })).json();
    expect(alerts.items[0]).toMatchObject({
      canAcknowledge: true,
      kind: "compromised",
      account: { displayName: "Hoà Ma (cá nhân)" },
      member: { fullName: "Ma Thị Hoà", unitName: "Chi đoàn thôn Tân Lập" },
    });
    const acknowledged = await admin.request({
      method: "POST",
      url: `/api/declaration-alerts/${alerts.items[0].id}/acknowledge`,
    });
    expect(acknowledged.statusCode).toBe(200);
    const open = (await admin.request({ method: "GET", url: "/api/declaration-alerts?open=true" })).json();
    expect(open.items.find((item: { id: string }) => item.id === alerts.items[0].id)).toBeUndefined();
    const all = (await admin.request({ method: "GET", url: "/api/declaration-alerts" })).json();
    expect(all.items.find((item: { id: string }) => item.id === alerts.items[0].id)).toMatchObject({
      canAcknowledge: false,
      acknowledgedBy: { fullName: cellAdmin.fullName },
    });
  });

  it("goes up the tree when the member's unit has no administrator, and records the fake's address", async () => {
    const quietUnit = await makeUnit(t.db, { parentId: org.right.id, name: "Tổ dân phố 5" });
    const person = await makePerson(t.db, { unitId: quietUnit.id, fullName: "Lò Văn Páo" });
    const client = await signInAs(t.app, person.email ?? "");
    const created = await declare(client, { url: "https://www.tiktok.com/@lovanpao", platform: "tiktok" });
    const reported = await client.request({
      method: "POST",
      url: `/api/me/declarations/${created.id}/report`,
      payload: {
        kind: "impersonated",
        happenedAt: new Date().toISOString(),
        impersonatorUrl: "https://www.tiktok.com/@lovanpao.official",
      },
    });
    expect(reported.json().alerted.map((a: { id: string }) => a.id)).toEqual([org.rightAdmin.id]);
    const mail = await eventually(() => smtp.inbox.find((m) => m.to.includes(org.rightAdmin.email ?? "")), {
      what: "the mail to the right unit's administrator",
    });
    expect(readableMail(mail)).toContain("https://www.tiktok.com/@lovanpao.official");
    // An impersonation does not change the member's own account.
    const mine = (await client.request({ method: "GET", url: "/api/me/declarations" })).json();
    expect(mine.items[0].status).toBe("active");
    // The other branch's administrator sees nothing of it.
    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const theirs = (await leftAdmin.request({ method: "GET", url: "/api/declaration-alerts" })).json();
    expect(theirs.items.some((item: { member: { id: string } }) => item.member.id === person.id)).toBe(false);
  });

  it("limits how many reports one member can send in an hour, so administrators are not flooded", async () => {
    const person = await makePerson(t.db, { unitId: cell.id, fullName: "Người Báo Nhiều" });
    const client = await signInAs(t.app, person.email ?? "");
    const created = await declare(client, { url: "https://www.tiktok.com/@baonhieu", platform: "tiktok" });
    const report = () =>
      client.request({
        method: "POST",
        url: `/api/me/declarations/${created.id}/report`,
        payload: { kind: "impersonated", happenedAt: new Date().toISOString() },
      });
    for (let i = 0; i < 10; i++) {
      expect((await report()).statusCode).toBe(201);
    }
    const refused = await report();
    expect(refused.statusCode).toBe(429);
    expect(refused.json().code).toBe("rate_limited");
    // Another member is not held back by it.
    const other = await declare(memberClient, {
      url: "https://www.tiktok.com/@hoa.khac",
      platform: "tiktok",
    });
    const theirs = await memberClient.request({
      method: "POST",
      url: `/api/me/declarations/${other.id}/report`,
      payload: { kind: "impersonated", happenedAt: new Date().toISOString() },
    });
    expect(theirs.statusCode).toBe(201);
  });

  it("refuses a report dated in the future", async () => {
    const created = await declare(memberClient, {
      url: "https://www.tiktok.com/@hoa.future",
      platform: "tiktok",
    });
    const response = await memberClient.request({
      method: "POST",
      url: `/api/me/declarations/${created.id}/report`,
      payload: { kind: "compromised", happenedAt: "2099-01-01T00:00:00Z" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe("declarations.date_in_future");
  });
});

describe("who may read members' declarations", () => {
  it("refuses administrators: reading needs the dedicated reviewer role", async () => {
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const response = await admin.request({ method: "GET", url: "/api/declarations" });
    expect(response.statusCode).toBe(403);
  });

  it("shows a reviewer on an ancestor unit the declarations below it, and audits every read", async () => {
    const reviewer = await makePerson(t.db, { unitId: org.left.id, roles: ["declaration_reviewer"] });
    const client = await signInAs(t.app, reviewer.email ?? "");
    const list = await client.request({ method: "GET", url: `/api/declarations?personId=${member.id}` });
    expect(list.statusCode).toBe(200);
    const items = list.json().items as { id: string; person: { fullName: string } }[];
    expect(items.length).toBeGreaterThanOrEqual(3);
    expect(items.every((item) => item.person.fullName === "Ma Thị Hoà")).toBe(true);

    const audit = await signInAs(t.app, org.rootAdmin.email ?? "");
    const events = (
      await audit.request({
        method: "GET",
        url: `/api/audit?action=declarations.read&actorId=${reviewer.id}`,
      })
    ).json();
    expect(events.items).toHaveLength(1);
    expect(events.items[0].details.declarationIds.sort()).toEqual(items.map((item) => item.id).sort());
  });

  it("shows a reviewer of another branch nothing", async () => {
    const reviewer = await makePerson(t.db, { unitId: org.right.id, roles: ["declaration_reviewer"] });
    const client = await signInAs(t.app, reviewer.email ?? "");
    const list = await client.request({ method: "GET", url: `/api/declarations?personId=${member.id}` });
    expect(list.json().items).toEqual([]);
    const narrowed = await client.request({ method: "GET", url: `/api/declarations?unitId=${cell.id}` });
    expect(narrowed.statusCode).toBe(403);
  });

  it("is read by no other module: only the declarations module touches its tables", () => {
    const serverRoot = fileURLToPath(new URL("../..", import.meta.url));
    const tables =
      /\b(accountDeclarations|accountReports|declarationRequests|declarationResponses|declarationReminders)\b|account_declarations|account_reports/;
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) {
          walk(path);
        } else if (/\.ts$/.test(name) && !/\.test\.ts$/.test(name)) {
          const where = relative(serverRoot, path);
          const allowed = where.startsWith("modules/declarations/") || where.startsWith("db/");
          if (!allowed && tables.test(readFileSync(path, "utf8"))) {
            offenders.push(where);
          }
        }
      }
    };
    walk(serverRoot);
    expect(offenders).toEqual([]);
  });
});
