import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePerson, signInAs } from "../../../test/helpers/factories.ts";
import { makeRightBranch, type RightBranch } from "../../../test/helpers/right-branch.ts";
import { siblingAttempts } from "../../../test/helpers/sibling-attempts.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";

let t: TestApp;
let branch: RightBranch;
let org: RightBranch["org"];

beforeAll(async () => {
  t = await createTestApp();
  branch = await makeRightBranch(t);
  org = branch.org;
});
afterAll(async () => {
  await t?.close();
});

describe("route inventory", () => {
  it("every route declares its access, and every API route has request and response schemas", () => {
    const missing = t.app.registeredRoutes
      .filter((route) => !route.access)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const api = t.app.registeredRoutes.filter(
      (route) => route.url.startsWith("/api/") || route.url.endsWith("z"),
    );
    expect(api.length).toBeGreaterThan(20);
    const withoutSchema = api
      .filter((r) => !r.hasSchema || !r.hasResponseSchema)
      .map((r) => `${r.method} ${r.url}`);
    expect(withoutSchema).toEqual([]);
  });

  it("every unit-scoped route refuses an administrator of a sibling unit", async () => {
    const unitScoped = t.app.registeredRoutes
      .filter((route) => route.access && "permission" in route.access && route.access.unit)
      .map((route) => `${route.method} ${route.url}`);
    const attempts = siblingAttempts(branch);
    expect(unitScoped.filter((key) => !(key in attempts))).toEqual([]);

    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    for (const key of unitScoped) {
      const response = await leftAdmin.request(attempts[key] as InjectOptions);
      expect({ key, status: response.statusCode, code: response.json().code }).toEqual({
        key,
        status: 403,
        code: "auth.forbidden",
      });
    }
    // Nothing was changed by the refused attempts.
    const still = await (await signInAs(t.app, org.rootAdmin.email ?? "")).request({
      method: "GET",
      url: `/api/units/${org.right.id}`,
    });
    expect(still.json().name).toBe(org.right.name);
    expect(still.json().status).toBe("active");
  });

  it("every non-public route refuses an anonymous caller with 401", async () => {
    const attempts = siblingAttempts(branch);
    const privateRoutes = t.app.registeredRoutes.filter(
      (route) => route.access && !("public" in route.access),
    );
    for (const route of privateRoutes) {
      const key = `${route.method} ${route.url}`;
      const request = attempts[key] ?? {
        method: route.method as InjectOptions["method"],
        url: route.url.replace(/:(\w+)/g, crypto.randomUUID()),
      };
      const response = await t.app.inject(request);
      expect({ key, status: response.statusCode }).toEqual({ key, status: 401 });
    }
  });

  it("a member without management roles is refused management of their own unit, and the staff's lists", async () => {
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const client = await signInAs(t.app, member.email ?? "");
    const create = await client.request({
      method: "POST",
      url: "/api/units",
      payload: { name: "X", kind: "cell", parentId: org.left.id },
    });
    expect(create.statusCode).toBe(403);
    const people = await client.request({ method: "GET", url: "/api/people" });
    expect(people.statusCode).toBe(403);
    // The unit tree, the channel registry and the media library are the staff's tools.
    for (const url of ["/api/units", `/api/units/${org.left.id}`, "/api/channels", "/api/media"]) {
      expect({ url, status: (await client.request({ method: "GET", url })).statusCode }).toEqual({
        url,
        status: 403,
      });
    }
  });

  it("serves the OpenAPI document generated from the route schemas", async () => {
    const response = await t.app.inject({ method: "GET", url: "/docs/json" });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.paths["/api/units"].get).toBeTruthy();
    expect(spec.paths["/api/people"].post.requestBody).toBeTruthy();
  });

  it("answers an unknown address with a bilingual 404, signed in or not", async () => {
    for (const url of ["/api/khong-co", "/khong-co-trang-nay"]) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("route.not_found");
      expect(response.json().messages.en).toBeTruthy();
    }
  });

  it("says an object that does not exist was not found, not its unit", async () => {
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const post = await admin.request({ method: "GET", url: `/api/posts/${crypto.randomUUID()}` });
    expect(post.statusCode).toBe(404);
    expect(post.json().messages.vi).toBe(
      "Không tìm thấy nội dung này: có thể đã bị xóa, hoặc địa chỉ không đúng.",
    );
    const unit = await admin.request({ method: "GET", url: `/api/units/${crypto.randomUUID()}` });
    expect(unit.json().messages.vi).toBe("Không tìm thấy đơn vị.");
  });

  it("says an address whose id is not an id was not found, not that the data sent was invalid", async () => {
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    for (const url of ["/api/units/not-a-uuid", "/api/posts/123/versions", "/api/cases/x"]) {
      const response = await admin.request({ method: "GET", url });
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
      expect(response.json().messages).toEqual({
        vi: "Không tìm thấy nội dung này: có thể đã bị xóa, hoặc địa chỉ không đúng.",
        en: "Nothing was found here: it may have been deleted, or the address is wrong.",
      });
    }
    // A malformed value in a body is still the sender's to correct.
    const body = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { name: "X", kind: "cell", parentId: "not-a-uuid" },
    });
    expect(body.statusCode).toBe(400);
  });

  it("answers health and readiness", async () => {
    expect((await t.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });
});
