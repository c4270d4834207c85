import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { queryRows } from "../../db/client.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("people", () => {
  it("creates a person with NFC name, normalised e-mail and phone, and reports bad fields in both languages", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const decomposed = "Nguyễn Thị Thuỷ".normalize("NFD");
    const created = await admin.request({
      method: "POST",
      url: "/api/people",
      payload: {
        fullName: decomposed,
        email: " Thuy.Nguyen@Example.VN ",
        phone: "+84 912 345 678",
        unitId: org.left.id,
      },
    });
    expect(created.statusCode).toBe(201);
    const person = created.json();
    expect(person.fullName).toBe("Nguyễn Thị Thuỷ".normalize("NFC"));
    expect(person.fullName).not.toBe(decomposed);
    expect(person.email).toBe("thuy.nguyen@example.vn");
    expect(person.phone).toBe("0912345678");

    const badEmail = await admin.request({
      method: "POST",
      url: "/api/people",
      payload: { fullName: "Trần Văn B", email: "khong-phai-email", unitId: org.left.id },
    });
    expect(badEmail.statusCode).toBe(400);
    expect(badEmail.json().code).toBe("person.email_invalid");
    expect(badEmail.json().messages.vi).toContain("không hợp lệ");

    const duplicate = await admin.request({
      method: "POST",
      url: "/api/people",
      payload: { fullName: "Người Trùng", email: "thuy.nguyen@example.vn", unitId: org.left.id },
    });
    expect(duplicate.statusCode).toBe(409);
    expect(duplicate.json().code).toBe("person.email_taken");
  });

  it("finds people ignoring case, diacritics and old or new tone placement", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const hoaOld = await makePerson(t.db, { unitId: org.left.id, fullName: "Lê Thị Hoà" });
    const hoaNew = await makePerson(t.db, { unitId: org.right.id, fullName: "Phạm Văn Hòa" });
    const dang = await makePerson(t.db, { unitId: org.left.id, fullName: "Đặng Thuỳ Linh" });
    const ids = async (q: string) =>
      (
        await admin.request({
          method: "GET",
          url: `/api/people?q=${encodeURIComponent(q)}&unitId=${org.root.id}`,
        })
      )
        .json()
        .items.map((p: { id: string }) => p.id);
    for (const q of ["hoà", "hòa", "HOA", "Hoa"]) {
      const found = await ids(q);
      expect(found).toContain(hoaOld.id);
      expect(found).toContain(hoaNew.id);
    }
    expect(await ids("dang thuy")).toEqual([dang.id]);
    expect(await ids("Thủy Linh")).toEqual([dang.id]);
  });

  it("pages through results with a stable order and a total", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    for (let i = 0; i < 7; i++) {
      await makePerson(t.db, { unitId: org.left.id, fullName: `Võ Văn Trang ${i}` });
    }
    const first = (
      await admin.request({ method: "GET", url: "/api/people?q=trang&pageSize=3&page=1" })
    ).json();
    const third = (
      await admin.request({ method: "GET", url: "/api/people?q=trang&pageSize=3&page=3" })
    ).json();
    expect(first.total).toBe(7);
    expect(first.items).toHaveLength(3);
    expect(third.items).toHaveLength(1);
    expect(third.page).toBe(3);
  });

  it("narrows a list to a unit only where the reader's scope reaches", async () => {
    const org = await makeOrganisation(t.db);
    const left = await signInAs(t.app, org.leftAdmin.email ?? "");
    const sibling = await left.request({ method: "GET", url: `/api/people?unitId=${org.right.id}` });
    expect(sibling.statusCode).toBe(403);
    // Asking from above one's scope is allowed and still shows only the scope.
    const above = (
      await left.request({ method: "GET", url: `/api/people?unitId=${org.root.id}&pageSize=200` })
    ).json();
    expect(above.items.map((p: { unitId: string }) => p.unitId)).toEqual([org.left.id]);
    const missing = await left.request({ method: "GET", url: `/api/people?unitId=${crypto.randomUUID()}` });
    expect(missing.statusCode).toBe(404);
  });

  it("deactivates a person, who can then no longer sign in", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const person = await makePerson(t.db, { unitId: org.left.id });
    const session = await signInAs(t.app, person.email ?? "");
    const off = await admin.request({ method: "POST", url: `/api/people/${person.id}/deactivate` });
    expect(off.json().status).toBe("inactive");
    expect((await session.request({ method: "GET", url: "/api/auth/session" })).json().authenticated).toBe(
      false,
    );
    await expect(signInAs(t.app, person.email ?? "")).rejects.toThrow(/400/);
    await admin.request({ method: "POST", url: `/api/people/${person.id}/reactivate` });
    await signInAs(t.app, person.email ?? "");
  });

  it("grants a role that covers the subtree, and revokes it", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const person = await makePerson(t.db, { unitId: org.left.id });
    const granted = await admin.request({
      method: "POST",
      url: `/api/people/${person.id}/roles`,
      payload: { role: "administrator", unitId: org.left.id },
    });
    expect(granted.statusCode).toBe(200);
    expect(granted.json().items[0].unitPath).toBe(org.left.path);
    const client = await signInAs(t.app, person.email ?? "");
    expect((await client.request({ method: "GET", url: "/api/people" })).statusCode).toBe(200);
    const grantId = granted.json().items.find((g: { role: string }) => g.role === "administrator").id;
    const revoked = await admin.request({
      method: "DELETE",
      url: `/api/people/${person.id}/roles/${grantId}`,
    });
    expect(revoked.json().items).toEqual([]);
    expect((await client.request({ method: "GET", url: "/api/people" })).statusCode).toBe(403);
  });

  it("audits every read of personal data", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const person = await makePerson(t.db, { unitId: org.left.id });
    await admin.request({ method: "GET", url: `/api/people/${person.id}` });
    await admin.request({ method: "GET", url: `/api/people?q=${encodeURIComponent(person.fullName)}` });
    const rows = await queryRows<{ action: string; details: { personIds?: string[] } | null }>(
      t.db,
      sql`select action, details from audit_events where actor_id = ${org.leftAdmin.id} and action like 'person.%' order by id`,
    );
    expect(rows.map((r) => r.action)).toEqual(["person.read", "person.list"]);
    expect(rows[1]?.details?.personIds).toContain(person.id);
  });
});
