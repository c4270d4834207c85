import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import { makeOrganisation, makePerson, signInAs } from "../../../../test/helpers/factories.ts";
import { readableMail, startSmtpServer } from "../../../../test/helpers/smtp.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { queryRows } from "../../db/client.ts";
import { createPerson, grantRole } from "../org/people-service.ts";

let t: TestApp;
let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

const system = () => ({ db: t.db, actor: null, ip: null });
let counter = 0;

/** A new person without a password, as an administrator adds them. */
async function newcomer(unitId: string, email: string | null = `moi-${Date.now()}-${counter++}@example.vn`) {
  return createPerson(system(), { fullName: `Trần Thị Mới ${counter}`, email, unitId });
}

/** The invitation links mailed to `email`, oldest first, as the reader sees them. */
function linksTo(email: string): string[] {
  return smtp.inbox
    .filter((mail) => mail.to.includes(email))
    .map((mail) => /http:\/\/caunoi\.test\/moi\/([A-Za-z0-9_-]+)/.exec(readableMail(mail))?.[1] ?? "");
}

async function waitForLinks(email: string, count: number): Promise<string[]> {
  return eventually(() => linksTo(email).length >= count && linksTo(email), {
    what: `${count} invitation(s) to ${email}`,
  });
}

function accept(token: string, newPassword = "mật-khẩu-lời-mời-2026") {
  return t.app.inject({
    method: "POST",
    url: "/api/auth/invitation/accept",
    payload: { token, newPassword },
    remoteAddress: `192.0.2.${counter++ % 250}`,
  });
}

describe("invitations", () => {
  it("mails its own letter over SMTP whose link, valid 7 days, sets the password once and signs the person in", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const person = await newcomer(org.left.id);
    const email = person.email ?? "";
    const before = await admin.request({ method: "GET", url: `/api/auth/account-states?ids=${person.id}` });
    expect(before.json().items[0]).toMatchObject({
      state: "never_signed_in",
      canInvite: true,
      canRevoke: false,
    });

    const sent = await admin.request({ method: "POST", url: `/api/people/${person.id}/invitation` });
    expect(sent.statusCode).toBe(200);
    expect(sent.json()).toMatchObject({ state: "invited", canRevoke: true });
    const days = (Date.parse(sent.json().invitation.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(6.99);
    expect(days).toBeLessThanOrEqual(7);
    expect(sent.json().invitation.invitedBy).toBe(org.leftAdmin.fullName);

    const [token] = await waitForLinks(email, 1);
    const letter = readableMail(smtp.inbox.find((mail) => mail.to.includes(email)) ?? { to: [], raw: "" });
    // Who invited, to which unit, what Cầu Nối is for, until when; not the password-reset letter.
    expect(letter).toContain(`Kính gửi ${person.fullName},`);
    expect(letter).toContain(`Quản trị viên ${org.leftAdmin.fullName} đã mời bạn tham gia Cầu Nối`);
    expect(letter).toContain(org.left.name);
    expect(letter).toContain("Cầu Nối là hệ thống của đơn vị");
    expect(letter).toMatch(/có hiệu lực đến \d\d:\d\d ngày \d\d\/\d\d\/\d{4}/);
    expect(letter).not.toContain("đặt lại mật khẩu");

    const checked = await t.app.inject({
      method: "POST",
      url: "/api/auth/invitation/check",
      payload: { token },
    });
    expect(checked.json()).toMatchObject({ email, fullName: person.fullName, unitName: org.left.name });

    const accepted = await accept(token ?? "");
    expect(accepted.statusCode).toBe(200);
    expect(accepted.json()).toEqual({ signedIn: true, email });
    const cookie = accepted.cookies.find((c) => c.name === "caunoi_session");
    const session = await t.app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: `caunoi_session=${cookie?.value}` },
    });
    expect(session.json()).toMatchObject({ authenticated: true, person: { id: person.id } });
    await signInAs(t.app, email, "mật-khẩu-lời-mời-2026");

    const again = await accept(token ?? "", "mật-khẩu-khác-2026");
    expect(again.statusCode).toBe(410);
    expect(again.json().code).toBe("invitation.used");
    const after = await admin.request({ method: "GET", url: `/api/auth/account-states?ids=${person.id}` });
    expect(after.json().items[0]).toMatchObject({ state: "active", canInvite: false });
    // Signed in once: inviting again is refused, the person uses "Forgot password".
    const late = await admin.request({ method: "POST", url: `/api/people/${person.id}/invitation` });
    expect(late.json().code).toBe("invitation.already_active");
  });

  it("re-sending revokes the old link, revoking stops the new one, and an expired link is refused", async () => {
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const person = await newcomer(org.right.id);
    const email = person.email ?? "";
    await admin.request({ method: "POST", url: `/api/people/${person.id}/invitation` });
    await admin.request({ method: "POST", url: `/api/people/${person.id}/invitation` });
    const [first, second] = await waitForLinks(email, 2);
    expect(first).not.toBe(second);
    const old = await accept(first ?? "");
    expect(old.statusCode).toBe(410);
    expect(old.json().code).toBe("invitation.revoked");
    expect(old.json().messages.vi).toContain("đã bị thu hồi");

    const revoked = await admin.request({ method: "DELETE", url: `/api/people/${person.id}/invitation` });
    expect(revoked.json()).toMatchObject({ state: "never_signed_in", canRevoke: false });
    expect((await accept(second ?? "")).json().code).toBe("invitation.revoked");
    const twice = await admin.request({ method: "DELETE", url: `/api/people/${person.id}/invitation` });
    expect(twice.json().code).toBe("invitation.not_pending");

    await admin.request({ method: "POST", url: `/api/people/${person.id}/invitation` });
    const [, , third] = await waitForLinks(email, 3);
    await queryRows(
      t.db,
      sql`update invitations set expires_at = now() - interval '1 minute' where person_id = ${person.id} and used_at is null and revoked_at is null`,
    );
    const expired = await accept(third ?? "");
    expect(expired.statusCode).toBe(410);
    expect(expired.json().code).toBe("invitation.expired");
    expect(expired.json().messages).toMatchObject({
      vi: expect.stringContaining("đã hết hạn"),
      en: expect.stringContaining("expired"),
    });
    const state = await admin.request({ method: "GET", url: `/api/auth/account-states?ids=${person.id}` });
    expect(state.json().items[0]).toMatchObject({ state: "invitation_expired", canInvite: true });
    expect((await accept("khong-phai-lien-ket")).json().code).toBe("invitation.invalid");
    // Nothing set a password along the way.
    const sign = await t.app.inject({
      method: "POST",
      url: "/api/auth/sign-in",
      payload: { email, password: "mật-khẩu-lời-mời-2026" },
      remoteAddress: "192.0.2.251",
    });
    expect(sign.statusCode).toBe(400);
  });

  it("lets only someone who manages the whole person invite them, and refuses people without an e-mail", async () => {
    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const stranger = await newcomer(org.right.id);
    const refused = await leftAdmin.request({ method: "POST", url: `/api/people/${stranger.id}/invitation` });
    expect(refused.statusCode).toBe(403);
    // Someone of the left unit who is also administrator on the right: beyond the left administrator's reach.
    const both = await newcomer(org.left.id);
    await grantRole(system(), { personId: both.id, unitId: org.right.id, role: "administrator" });
    const whole = await leftAdmin.request({ method: "POST", url: `/api/people/${both.id}/invitation` });
    expect(whole.statusCode).toBe(403);
    const states = await leftAdmin.request({
      method: "GET",
      url: `/api/auth/account-states?ids=${both.id},${stranger.id}`,
    });
    // The stranger is outside the left administrator's view; the other may be seen but not invited.
    expect(states.json().items).toEqual([expect.objectContaining({ personId: both.id, canInvite: false })]);
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const asMember = await signInAs(t.app, member.email ?? "");
    const invitee = await newcomer(org.left.id);
    const byMember = await asMember.request({ method: "POST", url: `/api/people/${invitee.id}/invitation` });
    expect(byMember.statusCode).toBe(403);

    const noEmail = await newcomer(org.left.id, null);
    const refusedNoEmail = await leftAdmin.request({
      method: "POST",
      url: `/api/people/${noEmail.id}/invitation`,
    });
    expect(refusedNoEmail.json().code).toBe("invitation.no_email");
    expect(smtp.inbox.some((mail) => mail.to.includes(stranger.email ?? ""))).toBe(false);
  });

  it("invites many people at once, skipping those who cannot be invited, and refuses a list reaching beyond the unit", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const a = await newcomer(org.left.id);
    const b = await newcomer(org.left.id);
    const noEmail = await newcomer(org.left.id, null);
    const bulk = await admin.request({
      method: "POST",
      url: "/api/people/invitations",
      payload: { personIds: [a.id, b.id, noEmail.id] },
    });
    expect(bulk.statusCode).toBe(200);
    expect(bulk.json().sent).toBe(2);
    expect(bulk.json().skipped).toEqual([
      expect.objectContaining({ personId: noEmail.id, code: "invitation.no_email" }),
    ]);
    await waitForLinks(a.email ?? "", 1);
    await waitForLinks(b.email ?? "", 1);
    const stranger = await newcomer(org.right.id);
    const beyond = await admin.request({
      method: "POST",
      url: "/api/people/invitations",
      payload: { personIds: [a.id, stranger.id] },
    });
    expect(beyond.statusCode).toBe(403);
  });

  it("limits how many invitations one address sends in a minute", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const noEmail = await newcomer(org.left.id, null);
    const statuses: number[] = [];
    for (let i = 0; i < 31; i++) {
      const response = await admin.request({
        method: "POST",
        url: `/api/people/${noEmail.id}/invitation`,
        remoteAddress: "203.0.113.77",
      });
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 30).every((status) => status === 400)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("a confirmed e-mail change stops an invitation mailed to the old address", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const person = await newcomer(org.left.id);
    await admin.request({ method: "POST", url: `/api/people/${person.id}/invitation` });
    const [token] = await waitForLinks(person.email ?? "", 1);
    const newEmail = `doi-${Date.now()}@example.vn`;
    await admin.request({ method: "PATCH", url: `/api/people/${person.id}`, payload: { email: newEmail } });
    const confirmMail = await eventually(() => smtp.inbox.find((mail) => mail.to.includes(newEmail)), {
      what: "the confirmation mail",
    });
    const confirmToken = /confirm-email\?token=([A-Za-z0-9_%-]+)/.exec(readableMail(confirmMail))?.[1] ?? "";
    const confirmed = await t.app.inject({
      method: "POST",
      url: "/api/auth/email-change/confirm",
      payload: { token: decodeURIComponent(confirmToken) },
    });
    expect(confirmed.statusCode).toBe(200);
    expect((await accept(token ?? "")).json().code).toBe("invitation.revoked");
  });
});
