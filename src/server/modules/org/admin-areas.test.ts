import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { ensureAdminAreas, readAdminAreaDataset } from "./admin-areas.ts";

/** Province codes of the 34 provincial units in Decision 19/2025/QĐ-TTg (list of administrative unit codes). */
const decision19ProvinceCodes = [
  "01",
  "04",
  "08",
  "11",
  "12",
  "14",
  "15",
  "19",
  "20",
  "22",
  "24",
  "25",
  "31",
  "33",
  "37",
  "38",
  "40",
  "42",
  "44",
  "46",
  "48",
  "51",
  "52",
  "56",
  "66",
  "68",
  "75",
  "79",
  "80",
  "82",
  "86",
  "91",
  "92",
  "96",
];

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
  await ensureAdminAreas(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe("administrative areas", () => {
  it("ships the 2025 map: 34 provinces with the decision's codes and 3,321 communes, each in a province", async () => {
    const dataset = await readAdminAreaDataset();
    expect(dataset.provinces.map(([code]) => code).sort()).toEqual(decision19ProvinceCodes);
    expect(dataset.communes).toHaveLength(3321);
    const provinceCodes = new Set(decision19ProvinceCodes);
    expect(
      dataset.communes.every(
        ([code, name, province]) => /^\d{5}$/.test(code) && name && provinceCodes.has(province),
      ),
    ).toBe(true);
    expect(new Set(dataset.communes.map(([code]) => code)).size).toBe(3321);
    const communeCodes = new Set(dataset.communes.map(([code]) => code));
    expect(dataset.mappings.length).toBeGreaterThan(10_000);
    expect(dataset.mappings.every((m) => communeCodes.has(m[4]))).toBe(true);
  });

  it("loads once and is searchable ignoring diacritics, with old communes mapped to new ones", async () => {
    expect((await ensureAdminAreas(t.db)).loaded).toBe(false);
    const org = await makeOrganisation(t.db);
    const client = await signInAs(t.app, org.leftAdmin.email ?? "");
    const provinces = (
      await client.request({ method: "GET", url: "/api/admin-areas?level=province&pageSize=100" })
    ).json();
    expect(provinces.total).toBe(34);
    const hue = (
      await client.request({ method: "GET", url: "/api/admin-areas?level=province&q=hue" })
    ).json();
    expect(hue.items.map((a: { name: string }) => a.name)).toEqual(["Thành phố Huế"]);
    const communes = (
      await client.request({
        method: "GET",
        url: "/api/admin-areas?level=commune&provinceCode=08&pageSize=200",
      })
    ).json();
    expect(communes.total).toBeGreaterThan(100);
    const mapped = (
      await client.request({ method: "GET", url: "/api/admin-areas/mappings?q=go vap&pageSize=5" })
    ).json();
    expect(mapped.total).toBeGreaterThan(0);
    expect(mapped.items[0].newName).toBeTruthy();
  });

  it("links a unit to an existing area only", async () => {
    const org = await makeOrganisation(t.db);
    const client = await signInAs(t.app, org.rootAdmin.email ?? "");
    const linked = await client.request({
      method: "PATCH",
      url: `/api/units/${org.left.id}`,
      payload: { adminAreaCode: "08" },
    });
    expect(linked.json().adminAreaCode).toBe("08");
    const unknown = await client.request({
      method: "PATCH",
      url: `/api/units/${org.left.id}`,
      payload: { adminAreaCode: "99999" },
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe("unit.admin_area_unknown");
  });
});
