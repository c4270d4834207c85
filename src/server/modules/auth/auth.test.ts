import { sql } from "drizzle-orm";
import { generateSync } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import { makeOrganisation, makePerson, signInAs, TEST_PASSWORD } from "../../../../test/helpers/factories.ts";
import { startSmtpServer } from "../../../../test/helpers/smtp.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { queryRows } from "../../db/client.ts";
import { MAX_FAILED_ATTEMPTS } from "./service.ts";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function auditActions(personId: string): Promise<string[]> {
  const rows = await queryRows<{ action: string }>(
    t.db,
    sql`select action from audit_events where actor_id = ${personId} order by id`,
  );
  return rows.map((r) => r.action);
}

describe("sign-in", () => {
  it("signs in, shows the session with abilities, and signs out", async () => {
    const org = await makeOrganisation(t.db);
    const client = await signInAs(t.app, org.leftAdmin.email ?? "");
    const session = await client.request({ method: "GET", url: "/api/auth/session" });
    const body = session.json();
    expect(body.authenticated).toBe(true);
    expect(body.person.id).toBe(org.leftAdmin.id);
    expect(body.abilities["units.manage"]).toEqual([org.left.path]);
    const out = await client.request({ method: "POST", url: "/api/auth/sign-out" });
    expect(out.statusCode).toBe(200);
    const after = await client.request({ method: "GET", url: "/api/auth/session" });
    expect(after.json().authenticated).toBe(false);
    expect(await auditActions(org.leftAdmin.id)).toEqual(
      expect.arrayContaining(["auth.sign_in", "auth.sign_out"]),
    );
  });

  it("refuses a wrong password with the same message as an unknown account, and audits both", async () => {
    const org = await makeOrganisation(t.db);
    const wrong = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: org.leftAdmin.email, password: "sai-mat-khau-123" },
    });
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: "khong-ton-tai@example.vn", password: "sai-mat-khau-123" },
    });
    expect(wrong.statusCode).toBe(400);
    expect(unknown.statusCode).toBe(400);
    expect(wrong.json().code).toBe("auth.invalid_credentials");
    expect(unknown.json().messages).toEqual(wrong.json().messages);
    expect(await auditActions(org.leftAdmin.id)).toContain("auth.sign_in_failed");
  });

  it("locks the account after repeated failures, even for the right password", async () => {
    const org = await makeOrganisation(t.db);
    for (let i = 0; i < MAX_FAILED_ATTEMPTS; i++) {
      await t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: org.rightAdmin.email, password: `doan-sai-${i}-xyz` },
        remoteAddress: `10.0.0.${i + 1}`,
      });
    }
    const locked = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: org.rightAdmin.email, password: TEST_PASSWORD },
      remoteAddress: "10.0.1.1",
    });
    expect(locked.statusCode).toBe(429);
    expect(locked.json().code).toBe("auth.locked");
    expect(locked.json().messages.vi).toContain("tạm khóa");
  });

  it("rate-limits guessing one account from one address, but not a whole office signing in behind one address", async () => {
    const attempt = (email: string, remoteAddress: string) =>
      t.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email, password: "khong-biet-123" },
        remoteAddress,
      });
    // One account guessed again and again from one address.
    const guessing: number[] = [];
    for (let i = 0; i < 12; i++) {
      guessing.push((await attempt("ai-do@example.vn", "192.0.2.77")).statusCode);
    }
    expect(guessing.slice(0, 10).every((status) => status === 400)).toBe(true);
    expect(guessing.slice(10)).toEqual([429, 429]);
    const refused = await attempt("AI-DO@example.vn ", "192.0.2.77");
    expect(refused.json().code).toBe("rate_limited");

    // Twenty colleagues from the same office address, a minute's morning: none is refused for the address.
    const office: number[] = [];
    for (let i = 0; i < 20; i++) {
      office.push((await attempt(`dong-nghiep-${i}@example.vn`, "192.0.2.88")).statusCode);
    }
    expect(office.filter((status) => status === 429)).toEqual([]);

    // Trying many accounts from one address still meets a ceiling.
    const spray: number[] = [];
    for (let i = 0; i < 70; i++) {
      spray.push((await attempt(`thu-${i}@example.vn`, "192.0.2.99")).statusCode);
    }
    expect(spray.indexOf(429)).toBe(60);
  });

  it("refuses a changing request whose CSRF token is missing or wrong, and changes nothing", async () => {
    const org = await makeOrganisation(t.db);
    const client = await signInAs(t.app, org.rootAdmin.email ?? "");
    for (const csrf of [undefined, "gia-mao"]) {
      const headers: Record<string, string> = { cookie: client.cookie };
      if (csrf) {
        headers["x-csrf-token"] = csrf;
      }
      const response = await t.app.inject({
        method: "POST",
        url: "/api/units",
        headers,
        payload: { name: "Đơn vị giả mạo", kind: "cell", parentId: org.left.id },
      });
      expect(response.statusCode).toBe(403);
      expect(response.json().code).toBe("auth.csrf_invalid");
    }
    const list = await client.request({ method: "GET", url: "/api/units?q=gia mao" });
    expect(list.json().total).toBe(0);
  });

  it("changes the password and ends other sessions", async () => {
    const org = await makeOrganisation(t.db);
    const first = await signInAs(t.app, org.leftAdmin.email ?? "");
    const second = await signInAs(t.app, org.leftAdmin.email ?? "");
    const tooShort = await first.request({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "ngan" },
    });
    expect(tooShort.json().code).toBe("password.too_short");
    const changed = await first.request({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "mật-khẩu-mới-2026" },
    });
    expect(changed.statusCode).toBe(200);
    expect((await first.request({ method: "GET", url: "/api/auth/session" })).json().authenticated).toBe(
      true,
    );
    expect((await second.request({ method: "GET", url: "/api/auth/session" })).json().authenticated).toBe(
      false,
    );
    await signInAs(t.app, org.leftAdmin.email ?? "", "mật-khẩu-mới-2026");
  });
});

describe("password reset by e-mail", () => {
  it("sends a link over SMTP that sets a new password once", async () => {
    const org = await makeOrganisation(t.db);
    const email = org.rightAdmin.email ?? "";
    const asked = await t.app.inject({ method: "POST", url: "/api/auth/password-reset", payload: { email } });
    expect(asked.statusCode).toBe(202);
    const unknown = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset",
      payload: { email: "khong-co@example.vn" },
    });
    expect(unknown.statusCode).toBe(202);

    const mail = await eventually(() => smtp.inbox.find((m) => m.to.includes(email)), {
      what: `the mail to ${email}`,
    });
    const unfolded = mail.raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
    const token = /reset-password\?token=([A-Za-z0-9_%-]+)/.exec(unfolded)?.[1];
    expect(token).toBeTruthy();
    const done = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      payload: { token: decodeURIComponent(token ?? ""), newPassword: "đặt-lại-mật-khẩu-99" },
    });
    expect(done.statusCode).toBe(200);
    await signInAs(t.app, email, "đặt-lại-mật-khẩu-99");
    const again = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      payload: { token: decodeURIComponent(token ?? ""), newPassword: "lan-nua-mat-khau-1" },
    });
    expect(again.json().code).toBe("password.reset_invalid");
    expect(smtp.inbox.some((m) => m.to.includes("khong-co@example.vn"))).toBe(false);
  });
});

describe("two-factor sign-in", () => {
  it("enrols TOTP, then requires the code at sign-in", async () => {
    const org = await makeOrganisation(t.db);
    const email = org.leftAdmin.email ?? "";
    const client = await signInAs(t.app, email);
    const setup = (await client.request({ method: "POST", url: "/api/auth/totp/setup" })).json();
    expect(setup.uri).toContain("otpauth://totp/");
    const wrong = await client.request({
      method: "POST",
      url: "/api/auth/totp/confirm",
      payload: { code: "000000" },
    });
    expect(wrong.statusCode).toBe(400);
    const confirmed = await client.request({
      method: "POST",
      url: "/api/auth/totp/confirm",
      payload: { code: generateSync({ secret: setup.secret }) },
    });
    expect(confirmed.statusCode).toBe(200);

    const first = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email, password: TEST_PASSWORD },
    });
    expect(first.json().stage).toBe("totp_required");
    const cookie = `caunoi_session=${first.cookies.find((c) => c.name === "caunoi_session")?.value}`;
    const halfway = await t.app.inject({ method: "GET", url: "/api/units", headers: { cookie } });
    expect(halfway.statusCode).toBe(401);
    const second = await t.app.inject({
      method: "POST",
      url: "/api/auth/totp",
      headers: { cookie },
      // The next period's code: the one used to confirm the enrolment works only once.
      payload: { code: generateSync({ secret: setup.secret, epoch: Math.floor(Date.now() / 1000) + 30 }) },
    });
    expect(second.statusCode).toBe(200);
    const now = await t.app.inject({ method: "GET", url: "/api/units", headers: { cookie } });
    expect(now.statusCode).toBe(200);
  });

  it("blocks management until TOTP is on when an administrator requires it for the role", async () => {
    const org = await makeOrganisation(t.db);
    const root = await signInAs(t.app, org.rootAdmin.email ?? "");
    const editor = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
    const required = await root.request({
      method: "PUT",
      url: "/api/settings/role-policies/editor",
      payload: { requireTotp: true },
    });
    expect(required.statusCode).toBe(200);
    const client = await signInAs(t.app, editor.email ?? "");
    const session = (await client.request({ method: "GET", url: "/api/auth/session" })).json();
    expect(session.security.totpSetupRequired).toBe(true);
    const blocked = await client.request({ method: "GET", url: "/api/units" });
    expect(blocked.json().code).toBe("auth.totp_setup_required");
    const setup = (await client.request({ method: "POST", url: "/api/auth/totp/setup" })).json();
    await client.request({
      method: "POST",
      url: "/api/auth/totp/confirm",
      payload: { code: generateSync({ secret: setup.secret }) },
    });
    expect((await client.request({ method: "GET", url: "/api/units" })).statusCode).toBe(200);
    const disable = await client.request({
      method: "POST",
      url: "/api/auth/totp/disable",
      payload: { code: generateSync({ secret: setup.secret }) },
    });
    expect(disable.json().code).toBe("auth.totp_required_by_role");
    await root.request({
      method: "PUT",
      url: "/api/settings/role-policies/editor",
      payload: { requireTotp: false },
    });
  });
});

describe("API tokens", () => {
  it("are made for administrators and editors only; a member is refused in words and nothing is made", async () => {
    const org = await makeOrganisation(t.db);
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const client = await signInAs(t.app, member.email ?? "");
    const refused = await client.request({
      method: "POST",
      url: "/api/auth/tokens",
      payload: { name: "Thử" },
    });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("auth.api_tokens_not_for_role");
    expect(refused.json().messages.vi).toContain("quản trị viên và biên tập viên");
    expect((await client.request({ method: "GET", url: "/api/auth/tokens" })).json().items).toEqual([]);

    const editor = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
    const editorClient = await signInAs(t.app, editor.email ?? "");
    const made = await editorClient.request({
      method: "POST",
      url: "/api/auth/tokens",
      payload: { name: "Lịch đăng" },
    });
    expect(made.statusCode).toBe(201);
  });

  it("acts with the owner's permissions only, and stops working when revoked", async () => {
    const org = await makeOrganisation(t.db);
    const client = await signInAs(t.app, org.leftAdmin.email ?? "");
    const created = await client.request({
      method: "POST",
      url: "/api/auth/tokens",
      payload: { name: "Báo cáo tự động" },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    const bearer = { authorization: `Bearer ${token}` };

    const units = await t.app.inject({ method: "GET", url: "/api/units?pageSize=200", headers: bearer });
    expect(units.statusCode).toBe(200);
    expect(units.json().items.map((u: { id: string }) => u.id)).not.toContain(org.right.id);
    // No CSRF header is needed with a bearer token.
    const person = await t.app.inject({
      method: "POST",
      url: "/api/people",
      headers: bearer,
      payload: { fullName: "Lê Thị Thuỷ", email: `thuy-${id.slice(0, 6)}@example.vn`, unitId: org.left.id },
    });
    expect(person.statusCode).toBe(201);
    const foreign = await t.app.inject({
      method: "POST",
      url: "/api/people",
      headers: bearer,
      payload: { fullName: "Lê Văn Ngoài", unitId: org.right.id },
    });
    expect(foreign.statusCode).toBe(403);

    const listed = (await client.request({ method: "GET", url: "/api/auth/tokens" })).json();
    expect(JSON.stringify(listed)).not.toContain(token);
    await client.request({ method: "DELETE", url: `/api/auth/tokens/${id}` });
    const revoked = await t.app.inject({ method: "GET", url: "/api/units", headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe("auth.token_invalid");
  });
});

describe("audit log", () => {
  it("records changes and reads, is scoped to the reader's units, and cannot be edited", async () => {
    const org = await makeOrganisation(t.db);
    const left = await signInAs(t.app, org.leftAdmin.email ?? "");
    const right = await signInAs(t.app, org.rightAdmin.email ?? "");
    const made = await left.request({
      method: "POST",
      url: "/api/units",
      payload: { name: "Chi bộ Kiểm toán", kind: "cell", parentId: org.left.id },
    });
    const rightPerson = await makePerson(t.db, { unitId: org.right.id });
    await right.request({ method: "GET", url: `/api/people/${rightPerson.id}` });

    const leftLog = (await left.request({ method: "GET", url: "/api/audit?pageSize=200" })).json();
    const leftActions = leftLog.items.map(
      (e: { action: string; targetId: string }) => `${e.action}:${e.targetId}`,
    );
    expect(leftActions).toContain(`unit.create:${made.json().id}`);
    expect(leftActions).not.toContain(`person.read:${rightPerson.id}`);

    const rootClient = await signInAs(t.app, org.rootAdmin.email ?? "");
    const rootLog = (
      await rootClient.request({ method: "GET", url: `/api/audit?action=person.read&pageSize=200` })
    ).json();
    const read = rootLog.items.find((e: { targetId: string }) => e.targetId === rightPerson.id);
    expect(read.actorId).toBe(org.rightAdmin.id);
    expect(read.ip).toBeTruthy();

    await expect(t.db.execute(sql`update audit_events set action = 'x'`)).rejects.toThrow();
    await expect(t.db.execute(sql`delete from audit_events`)).rejects.toThrow();
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const memberClient = await signInAs(t.app, member.email ?? "");
    expect((await memberClient.request({ method: "GET", url: "/api/audit" })).statusCode).toBe(403);
  });
});
