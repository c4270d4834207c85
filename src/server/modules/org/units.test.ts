import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makeUnit, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("units", () => {
  it("creates, renames and lists units within the administrator's subtree", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const created = await admin.request({
      method: "POST",
      url: "/api/units",
      payload: { name: "  Chi đoàn   Thanh niên  ", kind: "union_branch", parentId: org.left.id },
    });
    expect(created.statusCode).toBe(201);
    const unit = created.json();
    expect(unit.name).toBe("Chi đoàn Thanh niên");
    expect(unit.path.startsWith(`${org.left.path}.`)).toBe(true);

    const renamed = await admin.request({
      method: "PATCH",
      url: `/api/units/${unit.id}`,
      payload: { name: "Chi đoàn Xã" },
    });
    expect(renamed.statusCode).toBe(200);

    const listed = await admin.request({ method: "GET", url: "/api/units?q=chi doan xa" });
    expect(listed.statusCode).toBe(200);
    expect(listed.json().items.map((u: { id: string }) => u.id)).toEqual([unit.id]);

    const detail = await admin.request({ method: "GET", url: `/api/units/${unit.id}` });
    expect(detail.json().history.map((h: { name: string; change: string }) => [h.change, h.name])).toEqual([
      ["created", "Chi đoàn Thanh niên"],
      ["renamed", "Chi đoàn Xã"],
    ]);
  });

  it("keeps the contact details the unit's portal shows in its footer, and clears one left blank", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const saved = await admin.request({
      method: "PATCH",
      url: `/api/units/${org.left.id}`,
      payload: {
        contactAddress: "  Thôn Tân Lập,  xã Tân Trào ",
        contactPhone: "0207 3822 111",
        contactEmail: "vanphong@tantrao.example",
        contentResponsible: "Nguyễn Văn An – Phó Chủ tịch Ủy ban nhân dân xã",
      },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      contactAddress: "Thôn Tân Lập, xã Tân Trào",
      contactPhone: "0207 3822 111",
      contactEmail: "vanphong@tantrao.example",
      contentResponsible: "Nguyễn Văn An – Phó Chủ tịch Ủy ban nhân dân xã",
    });
    const cleared = await admin.request({
      method: "PATCH",
      url: `/api/units/${org.left.id}`,
      payload: { contactPhone: "" },
    });
    expect(cleared.json()).toMatchObject({ contactPhone: null, contactEmail: "vanphong@tantrao.example" });
    const refused = await admin.request({
      method: "PATCH",
      url: `/api/units/${org.left.id}`,
      payload: { contactEmail: "không phải e-mail" },
    });
    expect(refused.statusCode).toBe(400);
  });

  it("lets a branch administrator see only their branch", async () => {
    const org = await makeOrganisation(t.db);
    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const listed = await leftAdmin.request({ method: "GET", url: "/api/units?pageSize=200" });
    const ids = listed.json().items.map((u: { id: string }) => u.id);
    expect(ids).toContain(org.left.id);
    expect(ids).not.toContain(org.right.id);
    expect(ids).not.toContain(org.root.id);
    const left = listed.json().items.find((u: { id: string }) => u.id === org.left.id);
    expect(left.peopleCount).toBe(1);
    expect(left.childCount).toBe(0);
    const rootAdmin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const all = await rootAdmin.request({ method: "GET", url: "/api/units?pageSize=200" });
    expect(all.json().items.find((u: { id: string }) => u.id === org.root.id).childCount).toBe(2);
    const children = await rootAdmin.request({ method: "GET", url: `/api/units?parentId=${org.root.id}` });
    // Children of one parent come by name, ignoring diacritics: "Phường Bên Phải…" before "Xã Bên Trái…".
    expect(children.json().items.map((u: { id: string }) => u.id)).toEqual([org.right.id, org.left.id]);
  });

  it("moves a subtree and refuses a move into its own descendant", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const child = await makeUnit(t.db, { parentId: org.left.id });
    const grandchild = await makeUnit(t.db, { parentId: child.id });
    const moved = await admin.request({
      method: "POST",
      url: `/api/units/${child.id}/move`,
      payload: { parentId: org.right.id },
    });
    expect(moved.statusCode).toBe(200);
    const after = await admin.request({ method: "GET", url: `/api/units/${grandchild.id}` });
    expect(after.json().path.startsWith(`${org.right.path}.`)).toBe(true);

    const loop = await admin.request({
      method: "POST",
      url: `/api/units/${child.id}/move`,
      payload: { parentId: grandchild.id },
    });
    expect(loop.statusCode).toBe(400);
    expect(loop.json().code).toBe("unit.move_into_itself");
  });

  it("merges a unit: children and people move, the old tree stays visible at a past date", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const cell = await makeUnit(t.db, { parentId: org.left.id, name: "Chi bộ Ấp 1" });
    const beforeMerge = new Date();
    // Time itself is what this waits for: the merge must be stamped after `beforeMerge`.
    await new Promise((resolve) => setTimeout(resolve, 20));
    const merged = await admin.request({
      method: "POST",
      url: `/api/units/${org.left.id}/merge`,
      payload: { targetId: org.right.id },
    });
    expect(merged.statusCode).toBe(200);

    const cellNow = await admin.request({ method: "GET", url: `/api/units/${cell.id}` });
    expect(cellNow.json().parentId).toBe(org.right.id);
    const leftNow = await admin.request({ method: "GET", url: `/api/units/${org.left.id}` });
    expect(leftNow.json().status).toBe("merged");
    expect(leftNow.json().mergedIntoId).toBe(org.right.id);
    // The merged unit sits below its successor, so the successor's subtree totals include its past.
    expect(leftNow.json().path.startsWith(`${org.right.path}.`)).toBe(true);

    const people = await admin.request({
      method: "GET",
      url: `/api/people?unitId=${org.right.id}&pageSize=200`,
    });
    expect(people.json().items.map((p: { id: string }) => p.id)).toContain(org.leftAdmin.id);

    const past = await admin.request({
      method: "GET",
      url: `/api/units/tree?asOf=${beforeMerge.toISOString()}`,
    });
    const pastCell = past.json().items.find((u: { id: string }) => u.id === cell.id);
    expect(pastCell.parentId).toBe(org.left.id);
    const pastLeft = past.json().items.find((u: { id: string }) => u.id === org.left.id);
    expect(pastLeft.status).toBe("active");

    const activeNow = await admin.request({ method: "GET", url: "/api/units?pageSize=200" });
    expect(activeNow.json().items.map((u: { id: string }) => u.id)).not.toContain(org.left.id);
  });

  it("dissolves only empty units", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const refused = await admin.request({ method: "POST", url: `/api/units/${org.left.id}/dissolve` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("unit.not_empty");
    expect(refused.json().messages.vi).toContain("giải thể");

    const empty = await makeUnit(t.db, { parentId: org.left.id });
    const dissolved = await admin.request({ method: "POST", url: `/api/units/${empty.id}/dissolve` });
    expect(dissolved.statusCode).toBe(200);
    expect(dissolved.json().status).toBe("dissolved");
  });

  it("answers bad input with problem+json and changes nothing", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const before = await admin.request({ method: "GET", url: "/api/units?pageSize=200" });
    for (const payload of [
      { name: "", kind: "cell", parentId: org.left.id },
      { name: "X", kind: "castle", parentId: org.left.id },
      { name: "X", kind: "cell", parentId: "not-a-uuid" },
      { name: "X", kind: "cell", parentId: crypto.randomUUID() },
    ]) {
      const response = await admin.request({ method: "POST", url: "/api/units", payload });
      expect([400, 404]).toContain(response.statusCode);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      const body = response.json();
      expect(body.code).toBeTruthy();
      expect(body.messages.vi).toBeTruthy();
      expect(body.messages.en).toBeTruthy();
    }
    const after = await admin.request({ method: "GET", url: "/api/units?pageSize=200" });
    expect(after.json().total).toBe(before.json().total);
  });
});
