import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makeUnit, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { repairProvincialMassOrganisations } from "./index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

describe("provincial mass organisations stored as branches by earlier versions", () => {
  it("are shown as socio-political organisations after a start, with the change in their history", async () => {
    const org = await makeOrganisation(t.db);
    const youthUnion = await makeUnit(t.db, {
      parentId: org.root.id,
      name: "Tỉnh đoàn Tuyên Quang",
      kind: "union_branch",
    });
    const veterans = await makeUnit(t.db, {
      parentId: org.root.id,
      name: "Hội Cựu chiến binh tỉnh",
      kind: "union_branch",
    });
    const provincialBranch = await makeUnit(t.db, {
      parentId: org.root.id,
      name: "Chi đoàn Văn phòng UBND tỉnh",
      kind: "union_branch",
    });
    const communeBranch = await makeUnit(t.db, {
      parentId: youthUnion.id,
      name: "Hội Thanh niên xã",
      kind: "union_branch",
    });

    const repaired = await repairProvincialMassOrganisations(t.db);
    expect(repaired).toEqual(expect.arrayContaining(["Tỉnh đoàn Tuyên Quang", "Hội Cựu chiến binh tỉnh"]));
    expect(repaired).not.toContain("Chi đoàn Văn phòng UBND tỉnh");

    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const kindOf = async (id: string) =>
      (await admin.request({ method: "GET", url: `/api/units/${id}` })).json();
    const youth = await kindOf(youthUnion.id);
    expect(youth.kind).toBe("mass_organisation");
    expect(youth.history.map((h: { change: string; kind: string }) => [h.change, h.kind])).toEqual([
      ["created", "union_branch"],
      ["edited", "mass_organisation"],
    ]);
    expect((await kindOf(veterans.id)).kind).toBe("mass_organisation");
    expect((await kindOf(provincialBranch.id)).kind).toBe("union_branch");
    expect((await kindOf(communeBranch.id)).kind).toBe("union_branch");

    expect(await repairProvincialMassOrganisations(t.db)).toEqual([]);
  });
});
