import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";

/*
 * A search typed with Vietnamese marks still finds names without them, but lists the names that
 * carry those marks first; a search typed without marks keeps the plain name order.
 */

let t: TestApp;
let admin: SessionClient;
let unitId = "";

const names = [
  "Trần Văn Anh",
  "Lê Thị Anh",
  "Nguyễn Anh Tuấn",
  "Lê Khánh",
  "Phạm Ánh Dương",
  "Đỗ Thị Ánh",
  "Lê Văn Hoa",
  "Vũ Thị Hòa",
];

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrganisation(t.db);
  unitId = (await makeUnit(t.db, { parentId: org.left.id, name: "Chi đoàn Ánh Dương" })).id;
  for (const fullName of names) {
    await makePerson(t.db, { unitId, fullName });
  }
  admin = await signInAs(t.app, org.leftAdmin.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

async function listed(q: string, query = "&pageSize=50"): Promise<string[]> {
  const response = await admin.request({
    method: "GET",
    url: `/api/people?unitId=${unitId}&q=${encodeURIComponent(q)}${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((person: { fullName: string }) => person.fullName);
}

describe("searching people with Vietnamese marks", () => {
  it("lists the names carrying the typed marks first, then those matching only without them", async () => {
    expect(await listed("Ánh", "&pageSize=2")).toEqual(["Đỗ Thị Ánh", "Phạm Ánh Dương"]);
    const all = await listed("Ánh");
    expect(all.slice(0, 2)).toEqual(["Đỗ Thị Ánh", "Phạm Ánh Dương"]);
    // Still found without the marks, in name order.
    expect(all.slice(2)).toEqual(["Lê Thị Anh", "Trần Văn Anh", "Lê Khánh", "Nguyễn Anh Tuấn"]);
  });

  it("keeps the plain name order for a search typed without marks", async () => {
    expect(await listed("anh")).toEqual([
      "Lê Thị Anh",
      "Trần Văn Anh",
      "Đỗ Thị Ánh",
      "Phạm Ánh Dương",
      "Lê Khánh",
      "Nguyễn Anh Tuấn",
    ]);
  });

  it("counts a tone mark on either vowel of oa as the same mark", async () => {
    expect(await listed("Hoa")).toEqual(["Lê Văn Hoa", "Vũ Thị Hòa"]);
    expect(await listed("hoà")).toEqual(["Vũ Thị Hòa", "Lê Văn Hoa"]);
    expect(await listed("Hòa")).toEqual(["Vũ Thị Hòa", "Lê Văn Hoa"]);
  });

  it("ranks each marked word, and reads LIKE wildcards in the search as letters", async () => {
    expect(await listed("Thị Ánh")).toEqual(["Đỗ Thị Ánh", "Lê Thị Anh"]);
    expect(await listed("Ánh%")).toEqual([]);
    expect(await listed("Á_h")).toEqual([]);
  });

  it("answers a page past the end with no one on it and the list's total", async () => {
    const response = await admin.request({ method: "GET", url: `/api/people?unitId=${unitId}&page=9999` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ items: [], total: names.length, page: 9999 });
  });
});
