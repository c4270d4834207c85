import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, signInAs } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { queryRows } from "../db/client.ts";
import { createApiToken } from "../modules/auth/service.ts";
import {
  ACTOR_CACHE_TTL_MS,
  actorCacheGeneration,
  actorCacheKey,
  cachedCredentials,
  invalidateActorCache,
  rememberCredentials,
} from "./actor-cache.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const units = (client: { request: (o: { method: "GET"; url: string }) => Promise<{ statusCode: number }> }) =>
  client.request({ method: "GET", url: "/api/units?pageSize=5" });

describe("the actor cache", () => {
  it("is used: a session removed behind the service's back still answers until the cache is cleared", async () => {
    const org = await makeOrganisation(t.db);
    const client = await signInAs(t.app, org.leftAdmin.email ?? "");
    expect((await units(client)).statusCode).toBe(200);
    // What another instance's sign-out looks like from here: the row is gone, this process was not told.
    await queryRows(t.db, sql`delete from sessions where person_id = ${org.leftAdmin.id}`);
    expect((await units(client)).statusCode).toBe(200);
    invalidateActorCache(org.leftAdmin.id);
    expect((await units(client)).statusCode).toBe(401);
  });

  it("forgets a revoked role at once in this process", async () => {
    const org = await makeOrganisation(t.db);
    const editor = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
    const client = await signInAs(t.app, editor.email ?? "");
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    expect((await units(client)).statusCode).toBe(200);
    const grants = await admin.request({ method: "GET", url: `/api/people/${editor.id}/roles` });
    const grant = (grants.json() as { items: { id: string; role: string }[] }).items.find(
      (g) => g.role === "editor",
    );
    const revoked = await admin.request({
      method: "DELETE",
      url: `/api/people/${editor.id}/roles/${grant?.id}`,
    });
    expect(revoked.statusCode).toBe(200);
    expect((await units(client)).statusCode).toBe(403);
    const session = await client.request({ method: "GET", url: "/api/auth/session" });
    expect((session.json() as { grants: unknown[] }).grants).toEqual([]);
  });

  it("sees a new role at once in this process", async () => {
    const org = await makeOrganisation(t.db);
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const client = await signInAs(t.app, member.email ?? "");
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const roles = async () =>
      (
        (await client.request({ method: "GET", url: "/api/auth/session" })).json() as {
          grants: { role: string }[];
        }
      ).grants
        .map((g) => g.role)
        .sort();
    expect(await roles()).toEqual(["member"]);
    const granted = await admin.request({
      method: "POST",
      url: `/api/people/${member.id}/roles`,
      payload: { role: "editor", unitId: org.left.id },
    });
    expect(granted.statusCode).toBe(200);
    expect(await roles()).toEqual(["editor", "member"]);
  });

  it("ends access at once on sign-out, deactivation and token revocation", async () => {
    const org = await makeOrganisation(t.db);
    const editor = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
    const first = await signInAs(t.app, editor.email ?? "");
    const second = await signInAs(t.app, editor.email ?? "");
    expect((await units(first)).statusCode).toBe(200);
    expect((await units(second)).statusCode).toBe(200);
    expect((await first.request({ method: "POST", url: "/api/auth/sign-out" })).statusCode).toBe(200);
    expect((await units(first)).statusCode).toBe(401);
    expect((await units(second)).statusCode).toBe(200);

    const { token, row } = await createApiToken(
      { db: t.db, actor: null, ip: null },
      { personId: editor.id, name: "test" },
    );
    const bearer = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: "GET", url: "/api/units", headers: bearer })).statusCode).toBe(200);
    const revoke = await second.request({ method: "DELETE", url: `/api/auth/tokens/${row.id}` });
    expect(revoke.statusCode).toBe(200);
    expect((await t.app.inject({ method: "GET", url: "/api/units", headers: bearer })).statusCode).toBe(401);

    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const deactivated = await admin.request({ method: "POST", url: `/api/people/${editor.id}/deactivate` });
    expect(deactivated.statusCode).toBe(200);
    expect((await units(second)).statusCode).toBe(401);
  });

  it("keeps entries for its TTL at most, and not past the session's own end", () => {
    const db = {};
    const actor = {
      personId: "p",
      fullName: "P",
      email: null,
      unitId: "u",
      grants: [],
      via: "session" as const,
      totpSetupRequired: false,
    };
    const now = Date.now();
    const key = actorCacheKey(db, "session", "h1");
    rememberCredentials(
      key,
      { actor, csrfToken: "c", sessionHash: "h1", expiresAt: null },
      actorCacheGeneration(),
    );
    expect(cachedCredentials(key, now + ACTOR_CACHE_TTL_MS - 100)?.actor.personId).toBe("p");
    expect(cachedCredentials(key, now + ACTOR_CACHE_TTL_MS + 100)).toBeUndefined();

    const ending = actorCacheKey(db, "session", "h2");
    rememberCredentials(
      ending,
      { actor, csrfToken: "c", sessionHash: "h2", expiresAt: now + 1000 },
      actorCacheGeneration(),
    );
    expect(cachedCredentials(ending, now + 500)).toBeDefined();
    expect(cachedCredentials(ending, now + 1000)).toBeUndefined();

    // An answer read before an invalidation is not stored after it.
    const late = actorCacheKey(db, "session", "h3");
    const readAt = actorCacheGeneration();
    invalidateActorCache("someone-else");
    rememberCredentials(late, { actor, csrfToken: "c", sessionHash: "h3", expiresAt: null }, readAt);
    expect(cachedCredentials(late)).toBeUndefined();
    // Other databases' handles have their own keys.
    expect(actorCacheKey({}, "session", "h1")).not.toBe(key);
  });
});
