import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import { makeOrganisation, makePerson, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { queryRows } from "../../db/client.ts";
import type { Actor } from "../../platform/actor.ts";
import { canGrantRole, grantableRoleScopes } from "./policy.ts";

/* Security review, issue 9: findings 3 (taking over a person with a wider role) and 4 (granting roles). */

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

function actorWith(grants: Actor["grants"]): Actor {
  return {
    personId: "p",
    fullName: "Người thử",
    email: null,
    unitId: "u",
    grants,
    via: "session",
    totpSetupRequired: false,
  };
}

/** The token in the confirmation link mailed to `to`. */
async function confirmationToken(to: string): Promise<string> {
  const mail = await eventually(() => t.outbox.find((m) => m.to === to && m.text.includes("confirm-email")), {
    what: `the confirmation mail to ${to}`,
  });
  return decodeURIComponent(/confirm-email\?token=([A-Za-z0-9_%-]+)/.exec(mail.text)?.[1] ?? "");
}

describe("granting roles (finding 4)", () => {
  it("allows only roles whose every permission the granter holds on that unit", () => {
    const admin = actorWith([{ role: "administrator", unitId: "a", unitPath: "a" }]);
    expect(canGrantRole(admin, "editor", "a.b")).toBe(true);
    expect(canGrantRole(admin, "administrator", "a")).toBe(true);
    expect(canGrantRole(admin, "declaration_reviewer", "a.b")).toBe(false);
    expect(canGrantRole(admin, "editor", "z")).toBe(false);
    const both = actorWith([
      { role: "administrator", unitId: "a", unitPath: "a" },
      { role: "declaration_reviewer", unitId: "b", unitPath: "a.b" },
    ]);
    expect(canGrantRole(both, "declaration_reviewer", "a.b.c")).toBe(true);
    expect(canGrantRole(both, "declaration_reviewer", "a.c")).toBe(false);
  });

  it("tells the UI where each role may be granted", async () => {
    const both = actorWith([
      { role: "administrator", unitId: "a", unitPath: "a" },
      { role: "declaration_reviewer", unitId: "b", unitPath: "a.b" },
      { role: "editor", unitId: "c", unitPath: "c" },
    ]);
    const scopes = grantableRoleScopes(both);
    expect(scopes.editor).toEqual(["a"]);
    expect(scopes.declaration_reviewer).toEqual(["a.b"]);
    const org = await makeOrganisation(t.db);
    const session = (
      await (
        await signInAs(t.app, org.leftAdmin.email ?? "")
      ).request({ method: "GET", url: "/api/auth/session" })
    ).json();
    expect(session.grantableRoles.editor).toEqual([org.left.path]);
    expect(session.grantableRoles.declaration_reviewer).toEqual([]);
  });

  it("refuses an administrator granting declaration_reviewer (even to themselves) and allows editor", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const person = await makePerson(t.db, { unitId: org.left.id });
    const reviewer = await admin.request({
      method: "POST",
      url: `/api/people/${person.id}/roles`,
      payload: { role: "declaration_reviewer", unitId: org.left.id },
    });
    expect(reviewer.statusCode).toBe(403);
    expect(reviewer.json().code).toBe("role.beyond_own_permissions");
    expect(reviewer.json().messages.vi).toContain("Vui lòng");
    const self = await admin.request({
      method: "POST",
      url: `/api/people/${org.leftAdmin.id}/roles`,
      payload: { role: "declaration_reviewer", unitId: org.left.id },
    });
    expect(self.json().code).toBe("role.beyond_own_permissions");
    const editor = await admin.request({
      method: "POST",
      url: `/api/people/${person.id}/roles`,
      payload: { role: "editor", unitId: org.left.id },
    });
    expect(editor.statusCode).toBe(200);
    expect(editor.json().items.map((g: { role: string }) => g.role)).toEqual(["editor"]);
  });

  it("refuses revoking a role the administrator could not grant", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const reviewer = await makePerson(t.db, { unitId: org.left.id, roles: ["declaration_reviewer"] });
    const grants = (await admin.request({ method: "GET", url: `/api/people/${reviewer.id}/roles` })).json();
    const revoked = await admin.request({
      method: "DELETE",
      url: `/api/people/${reviewer.id}/roles/${grants.items[0].id}`,
    });
    expect(revoked.statusCode).toBe(403);
    expect(revoked.json().code).toBe("role.beyond_own_permissions");
  });
});

describe("sensitive changes to a person with a wider role (finding 3)", () => {
  it("refuses a commune administrator changing the e-mail, roles or status of someone who is also a province administrator", async () => {
    const org = await makeOrganisation(t.db);
    const wide = await makePerson(t.db, {
      unitId: org.left.id,
      roles: [{ role: "administrator", unitId: org.root.id }],
    });
    const commune = await signInAs(t.app, org.leftAdmin.email ?? "");
    const attempts = [
      { method: "PATCH" as const, url: `/api/people/${wide.id}`, payload: { email: "ke-gian@example.vn" } },
      { method: "POST" as const, url: `/api/people/${wide.id}/deactivate` },
      {
        method: "POST" as const,
        url: `/api/people/${wide.id}/roles`,
        payload: { role: "member", unitId: org.left.id },
      },
    ];
    for (const attempt of attempts) {
      const refused = await commune.request(attempt);
      expect(refused.statusCode, attempt.url).toBe(403);
      expect(refused.json().code).toBe("person.beyond_scope");
    }
    const [row] = await queryRows<{ email: string; status: string }>(
      t.db,
      sql`select email, status from people where id = ${wide.id}`,
    );
    expect(row).toEqual({ email: wide.email, status: "active" });
    // Harmless edits stay with the commune.
    const renamed = await commune.request({
      method: "PATCH",
      url: `/api/people/${wide.id}`,
      payload: { position: "Phó Chủ tịch" },
    });
    expect(renamed.statusCode).toBe(200);
    // The province administrator may.
    const province = await signInAs(t.app, org.rootAdmin.email ?? "");
    const off = await province.request({ method: "POST", url: `/api/people/${wide.id}/deactivate` });
    expect(off.statusCode).toBe(200);
  });
});

describe("an e-mail changed by an administrator (finding 3)", () => {
  it("waits for confirmation from the new address, tells the old one, and then ends the person's other sessions", async () => {
    const org = await makeOrganisation(t.db);
    const person = await makePerson(t.db, { unitId: org.left.id });
    const oldEmail = person.email ?? "";
    const personSession = await signInAs(t.app, oldEmail);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const newEmail = `moi-${person.id.slice(0, 8)}@example.vn`;
    const edited = await admin.request({
      method: "PATCH",
      url: `/api/people/${person.id}`,
      payload: { email: newEmail },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().email).toBe(oldEmail);
    expect(edited.json().pendingEmail.email).toBe(newEmail);
    const days = (Date.parse(edited.json().pendingEmail.expiresAt) - Date.now()) / 86_400_000;
    expect(Math.round(days)).toBe(7);

    const notice = await eventually(() => t.outbox.find((m) => m.to === oldEmail), {
      what: "the notice to the old address",
    });
    expect(notice.text).toContain(newEmail);
    expect(notice.text).toContain("Kính gửi");
    const token = await confirmationToken(newEmail);
    // Not applied yet: the old address still signs in, the new one does not.
    await signInAs(t.app, oldEmail);
    await expect(signInAs(t.app, newEmail)).rejects.toThrow(/400/);
    const stored = await queryRows<{ token_hash: string }>(
      t.db,
      sql`select token_hash from email_changes where person_id = ${person.id}`,
    );
    expect(stored[0]?.token_hash).not.toBe(token);

    const confirmed = await t.app.inject({
      method: "POST",
      url: "/api/auth/email-change/confirm",
      payload: { token },
    });
    expect(confirmed.json()).toEqual({ ok: true, email: newEmail });
    expect(
      (await personSession.request({ method: "GET", url: "/api/auth/session" })).json().authenticated,
    ).toBe(false);
    await signInAs(t.app, newEmail);
    const again = await t.app.inject({
      method: "POST",
      url: "/api/auth/email-change/confirm",
      payload: { token },
    });
    expect(again.statusCode).toBe(400);
    expect(again.json().code).toBe("email_change.invalid");
  });

  it("refuses an expired confirmation link", async () => {
    const org = await makeOrganisation(t.db);
    const person = await makePerson(t.db, { unitId: org.left.id });
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const newEmail = `het-han-${person.id.slice(0, 8)}@example.vn`;
    await admin.request({ method: "PATCH", url: `/api/people/${person.id}`, payload: { email: newEmail } });
    const token = await confirmationToken(newEmail);
    await t.db.execute(
      sql`update email_changes set expires_at = now() - interval '1 minute' where person_id = ${person.id}`,
    );
    const late = await t.app.inject({
      method: "POST",
      url: "/api/auth/email-change/confirm",
      payload: { token },
    });
    expect(late.json().code).toBe("email_change.invalid");
    // A link cut short by a mail program says the same, not "invalid data".
    const truncated = await t.app.inject({
      method: "POST",
      url: "/api/auth/email-change/confirm",
      payload: { token: "abc" },
    });
    expect(truncated.json().code).toBe("email_change.invalid");
    const [row] = await queryRows<{ email: string }>(
      t.db,
      sql`select email from people where id = ${person.id}`,
    );
    expect(row?.email).toBe(person.email);
  });
});
