import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { VersionedCache } from "../../cache/versioned-cache.ts";
import { queryRows } from "../../db/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("the unit and people lists kept in memory", () => {
  it("serve a kept answer only while the version stands still", async () => {
    const cache = new VersionedCache<string[]>({ maxEntries: 10, ttlMs: 60_000 });
    let reads = 0;
    const read = async () => {
      reads += 1;
      return [`đọc lần ${reads}`];
    };
    expect(await cache.read("units", "1:true", read)).toEqual(["đọc lần 1"]);
    expect(await cache.read("units", "1:true", read)).toEqual(["đọc lần 1"]);
    expect(await cache.read("units", "2:true", read)).toEqual(["đọc lần 2"]);
    expect(reads).toBe(2);
  });

  it("show a change written straight to the database, by another process, at the next read", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const before = await admin.request({ method: "GET", url: `/api/units?parentId=${org.root.id}` });
    expect(before.json().items.map((u: { name: string }) => u.name)).toContain(org.left.name);

    // Another instance or the CLI renames the unit: this process is not told, the version moves.
    await t.db.execute(
      sql`update units set name = 'Xã Đổi Tên Ngoài', search_key = 'xa doi ten ngoai' where id = ${org.left.id}`,
    );
    const after = await admin.request({ method: "GET", url: `/api/units?parentId=${org.root.id}` });
    expect(after.json().items.map((u: { name: string }) => u.name)).toContain("Xã Đổi Tên Ngoài");

    const search = await admin.request({ method: "GET", url: "/api/people?q=Phan%20Thanh%20Vy" });
    expect(search.json().total).toBe(0);
    await makePerson(t.db, { unitId: org.left.id, fullName: "Phan Thanh Vy" });
    const found = await admin.request({ method: "GET", url: "/api/people?q=Phan%20Thanh%20Vy" });
    expect(found.json().items.map((p: { fullName: string }) => p.fullName)).toEqual(["Phan Thanh Vy"]);
    expect(found.json().items[0].unitName).toBe("Xã Đổi Tên Ngoài");
  });

  it("show a role grant at once in a list filtered by role", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const person = await makePerson(t.db, { unitId: org.left.id });
    const editors = async () =>
      (await admin.request({ method: "GET", url: "/api/people?role=editor" }))
        .json()
        .items.map((p: { id: string }) => p.id);
    expect(await editors()).not.toContain(person.id);
    const granted = await admin.request({
      method: "POST",
      url: `/api/people/${person.id}/roles`,
      payload: { role: "editor", unitId: org.left.id },
    });
    expect(granted.statusCode).toBeLessThan(300);
    expect(await editors()).toContain(person.id);
  });

  it("audit a repeated identical search once a minute, and every different one", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    await makePerson(t.db, { unitId: org.left.id, fullName: "Lê Thị Hồng" });
    await makePerson(t.db, { unitId: org.left.id, fullName: "Lê Văn Hùng" });
    for (const q of ["Lê", "Lê", "Lê", "Hồng"]) {
      expect(
        (await admin.request({ method: "GET", url: `/api/people?q=${encodeURIComponent(q)}` })).statusCode,
      ).toBe(200);
    }
    const rows = await queryRows<{ details: { q: string; personIds: string[] } }>(
      t.db,
      sql`select details from audit_events where actor_id = ${org.leftAdmin.id} and action = 'person.list' order by id`,
    );
    expect(rows.map((r) => r.details.q)).toEqual(["Lê", "Hồng"]);

    // A new person in the result is a different list: recorded again.
    await makePerson(t.db, { unitId: org.left.id, fullName: "Lê Quang Minh" });
    await admin.request({ method: "GET", url: `/api/people?q=${encodeURIComponent("Lê")}` });
    const again = await queryRows<{ details: { q: string; personIds: string[] } }>(
      t.db,
      sql`select details from audit_events where actor_id = ${org.leftAdmin.id} and action = 'person.list' order by id`,
    );
    expect(again.map((r) => r.details.q)).toEqual(["Lê", "Hồng", "Lê"]);
    expect(again[2]?.details.personIds.length).toBe((rows[0]?.details.personIds.length ?? 0) + 1);
  });
});
