import { eq, sql } from "drizzle-orm";
import { generateSecret, generateSync } from "otplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, signInAs, TEST_PASSWORD } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { queryRows } from "../../db/client.ts";
import { credentials } from "../../db/schema/index.ts";
import { createPerson } from "../org/people-service.ts";
import { createApiToken, createPasswordReset } from "./service.ts";
import { sealPlainTotpSecrets } from "./totp.ts";

/* Security review, issue 9: findings 5 (TOTP setup), 6 (TOTP replay, sealed secrets) and 11 (resets). */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

/**
 * The codes an app shows `steps` periods of 30 s after the moment this is called: each test counts from
 * one fixed moment, so crossing a 30 s boundary mid-test still means the same step (the server accepts
 * one step either side).
 */
function codesOf(secret: string): (steps?: number) => string {
  const base = Math.floor(Date.now() / 1000);
  return (steps = 0) => generateSync({ secret, epoch: base + steps * 30 });
}

async function storedSecret(personId: string): Promise<string | null> {
  const [row] = await t.db
    .select({ totpSecret: credentials.totpSecret })
    .from(credentials)
    .where(eq(credentials.personId, personId));
  return row?.totpSecret ?? null;
}

async function signInWithCode(email: string, code: string) {
  const first = await t.app.inject({
    method: "POST",
    url: "/api/auth/sign-in",
    payload: { email, password: TEST_PASSWORD },
    remoteAddress: `203.0.113.${Math.floor(Math.random() * 250) + 1}`,
  });
  expect(first.json().stage).toBe("totp_required");
  const cookie = `caunoi_session=${first.cookies.find((c) => c.name === "caunoi_session")?.value}`;
  const second = await t.app.inject({
    method: "POST",
    url: "/api/auth/totp",
    headers: { cookie },
    payload: { code },
    remoteAddress: `203.0.113.${Math.floor(Math.random() * 250) + 1}`,
  });
  return { cookie, response: second };
}

async function enrol(email: string) {
  const client = await signInAs(t.app, email);
  const setup = (await client.request({ method: "POST", url: "/api/auth/totp/setup" })).json();
  const codeAt = codesOf(setup.secret);
  const confirmed = await client.request({
    method: "POST",
    url: "/api/auth/totp/confirm",
    payload: { code: codeAt() },
  });
  expect(confirmed.statusCode).toBe(200);
  return { client, secret: setup.secret as string, codeAt };
}

describe("TOTP codes and secrets", () => {
  it("accepts a code once: the same code (or an earlier one) is refused afterwards", async () => {
    const person = await makePerson(t.db, { unitId: (await makeOrganisation(t.db)).left.id });
    const { codeAt } = await enrol(person.email ?? "");
    // The enrolment code's own step is used up already.
    const replayedEnrolment = await signInWithCode(person.email ?? "", codeAt());
    expect(replayedEnrolment.response.json().code).toBe("auth.totp_reused");
    const next = codeAt(1);
    const first = await signInWithCode(person.email ?? "", next);
    expect(first.response.statusCode).toBe(200);
    const replay = await signInWithCode(person.email ?? "", next);
    expect(replay.response.statusCode).toBe(400);
    expect(replay.response.json().code).toBe("auth.totp_reused");
    expect(replay.response.json().messages.vi).toContain("Vui lòng");
    const halfway = await t.app.inject({
      method: "GET",
      url: "/api/units",
      headers: { cookie: replay.cookie },
    });
    expect(halfway.statusCode).toBe(401);
  });

  it("stores the secret sealed, never as the base32 the app was given", async () => {
    const person = await makePerson(t.db, { unitId: (await makeOrganisation(t.db)).left.id });
    const { secret } = await enrol(person.email ?? "");
    const stored = await storedSecret(person.id);
    expect(stored).toMatch(/^v1:/);
    expect(stored).not.toContain(secret);
  });

  it("still accepts a secret stored in plain text before sealing, and seals it (at start-up or on use)", async () => {
    const org = await makeOrganisation(t.db);
    const onUse = await makePerson(t.db, { unitId: org.left.id });
    const atStart = await makePerson(t.db, { unitId: org.left.id });
    const plain = generateSecret();
    const codeAt = codesOf(plain);
    for (const person of [onUse, atStart]) {
      await t.db
        .update(credentials)
        .set({ totpSecret: plain, totpEnabledAt: new Date() })
        .where(eq(credentials.personId, person.id));
    }
    const { response } = await signInWithCode(onUse.email ?? "", codeAt());
    expect(response.statusCode).toBe(200);
    expect(await storedSecret(onUse.id)).toMatch(/^v1:/);

    expect(await sealPlainTotpSecrets(t.db, t.app.deps.config.secretKey())).toBeGreaterThanOrEqual(1);
    const sealed = await storedSecret(atStart.id);
    expect(sealed).toMatch(/^v1:/);
    expect(sealed).not.toContain(plain);
    expect((await signInWithCode(atStart.email ?? "", codeAt(1))).response.statusCode).toBe(200);
  });

  it("does not turn TOTP off when setup is started again; only a valid current code turns it off", async () => {
    const person = await makePerson(t.db, { unitId: (await makeOrganisation(t.db)).left.id });
    const { client, codeAt } = await enrol(person.email ?? "");
    const again = await client.request({ method: "POST", url: "/api/auth/totp/setup" });
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("auth.totp_already_enabled");
    // Before the fix, the restart cleared totp_enabled_at and the next sign-in skipped the code.
    const signIn = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email: person.email, password: TEST_PASSWORD },
    });
    expect(signIn.json().stage).toBe("totp_required");
    const session = (await client.request({ method: "GET", url: "/api/auth/session" })).json();
    expect(session.security.totpEnabled).toBe(true);

    const wrong = await client.request({
      method: "POST",
      url: "/api/auth/totp/disable",
      payload: { code: "000000" },
    });
    expect(wrong.json().code).toBe("auth.totp_invalid");
    const off = await client.request({
      method: "POST",
      url: "/api/auth/totp/disable",
      payload: { code: codeAt(1) },
    });
    expect(off.statusCode).toBe(200);
    await signInAs(t.app, person.email ?? "");
  });

  it("does not mistake an account without a password for one with TOTP on", async () => {
    const org = await makeOrganisation(t.db);
    const person = await createPerson(
      { db: t.db, actor: null, ip: null },
      { fullName: "Máy Báo Cáo", unitId: org.left.id },
    );
    const { token } = await createApiToken(
      { db: t.db, actor: null, ip: null },
      { personId: person.id, name: "Máy" },
    );
    const setup = await t.app.inject({
      method: "POST",
      url: "/api/auth/totp/setup",
      headers: { authorization: `Bearer ${token}` },
    });
    expect(setup.json().code).toBe("auth.no_password");
  });
});

describe("after a new password", () => {
  async function tokenOf(client: Awaited<ReturnType<typeof signInAs>>) {
    const created = await client.request({
      method: "POST",
      url: "/api/auth/tokens",
      payload: { name: "Máy" },
    });
    return created.json().token as string;
  }
  const tokenWorks = async (token: string) =>
    (
      await t.app.inject({
        method: "GET",
        url: "/api/auth/session",
        headers: { authorization: `Bearer ${token}` },
      })
    ).json().authenticated === true;

  it("a reset ends every other reset link and every session, and revokes API tokens by default", async () => {
    const person = await makePerson(t.db, {
      unitId: (await makeOrganisation(t.db)).left.id,
      roles: ["editor"],
    });
    const email = person.email ?? "";
    const client = await signInAs(t.app, email);
    const token = await tokenOf(client);
    const older = await createPasswordReset(t.db, { email, ip: null });
    const newer = await createPasswordReset(t.db, { email, ip: null });
    const done = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      payload: { token: newer?.token, newPassword: "mật-khẩu-đặt-lại-1" },
    });
    expect(done.json()).toEqual({ ok: true, revokedApiTokens: 1 });
    const olderLink = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      payload: { token: older?.token, newPassword: "kẻ-gian-đặt-lại-2" },
    });
    expect(olderLink.json().code).toBe("password.reset_invalid");
    expect((await client.request({ method: "GET", url: "/api/auth/session" })).json().authenticated).toBe(
      false,
    );
    expect(await tokenWorks(token)).toBe(false);
    await signInAs(t.app, email, "mật-khẩu-đặt-lại-1");
  });

  it("a reset keeps API tokens when the person unticks it", async () => {
    const person = await makePerson(t.db, {
      unitId: (await makeOrganisation(t.db)).left.id,
      roles: ["editor"],
    });
    const email = person.email ?? "";
    const token = await tokenOf(await signInAs(t.app, email));
    const reset = await createPasswordReset(t.db, { email, ip: null });
    const done = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      payload: { token: reset?.token, newPassword: "mật-khẩu-đặt-lại-3", revokeApiTokens: false },
    });
    expect(done.json()).toEqual({ ok: true, revokedApiTokens: 0 });
    expect(await tokenWorks(token)).toBe(true);
  });

  it("a password change ends pending reset links, and revokes API tokens when asked", async () => {
    const person = await makePerson(t.db, {
      unitId: (await makeOrganisation(t.db)).left.id,
      roles: ["editor"],
    });
    const email = person.email ?? "";
    const client = await signInAs(t.app, email);
    const token = await tokenOf(client);
    const pending = await createPasswordReset(t.db, { email, ip: null });
    const changed = await client.request({
      method: "POST",
      url: "/api/auth/password",
      payload: { currentPassword: TEST_PASSWORD, newPassword: "mật-khẩu-đổi-mới-4", revokeApiTokens: true },
    });
    expect(changed.json()).toEqual({ ok: true, revokedApiTokens: 1 });
    expect(await tokenWorks(token)).toBe(false);
    const link = await t.app.inject({
      method: "POST",
      url: "/api/auth/password-reset/complete",
      payload: { token: pending?.token, newPassword: "kẻ-gian-đặt-lại-5" },
    });
    expect(link.json().code).toBe("password.reset_invalid");
    const rows = await queryRows<{ n: number }>(
      t.db,
      sql`select count(*)::int as n from password_resets where person_id = ${person.id} and used_at is null`,
    );
    expect(rows[0]?.n).toBe(0);
  });
});
