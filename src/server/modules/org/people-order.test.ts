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
 * People lists read as Vietnamese lists do: by given name (the last word), then family name. A search
 * typed with Vietnamese marks still finds names without them, but lists the names that carry those
 * marks first; a search typed without marks keeps the plain name order.
 */

let t: TestApp;
let admin: SessionClient;
let unitId = "";
let marksUnitId = "";

const names = [
  "Hoàng Văn Dũng",
  "Nguyễn Văn Bình",
  "Trần Thị An",
  "Phạm Minh Đức",
  "Đỗ Thị Ánh",
  "Lê Văn An",
  "Vũ Thị Ân",
];

const marked = [
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
  unitId = (await makeUnit(t.db, { parentId: org.left.id, name: "Chi bộ thôn Đồng Đon" })).id;
  for (const fullName of names) {
    await makePerson(t.db, { unitId, fullName });
  }
  marksUnitId = (await makeUnit(t.db, { parentId: org.left.id, name: "Chi đoàn Ánh Dương" })).id;
  for (const fullName of marked) {
    await makePerson(t.db, { unitId: marksUnitId, fullName });
  }
  admin = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["administrator"] })).email ?? "",
  );
});
afterAll(async () => {
  await t?.close();
});

async function listed(query: string): Promise<string[]> {
  const response = await admin.request({ method: "GET", url: `/api/people?unitId=${unitId}${query}` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((person: { fullName: string }) => person.fullName);
}

async function found(q: string, query = "&pageSize=50"): Promise<string[]> {
  const response = await admin.request({
    method: "GET",
    url: `/api/people?unitId=${marksUnitId}&q=${encodeURIComponent(q)}${query}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items.map((person: { fullName: string }) => person.fullName);
}

describe("the people list", () => {
  it("is sorted by given name, then family and middle names, diacritics breaking ties", async () => {
    expect(await listed("&pageSize=50")).toEqual([
      "Lê Văn An",
      "Trần Thị An",
      "Vũ Thị Ân",
      "Đỗ Thị Ánh",
      "Nguyễn Văn Bình",
      "Phạm Minh Đức",
      "Hoàng Văn Dũng",
    ]);
  });

  it("pages through that order without repeating or skipping anyone", async () => {
    const pages = [];
    for (const page of [1, 2, 3, 4]) {
      pages.push(...(await listed(`&pageSize=2&page=${page}`)));
    }
    expect(pages).toEqual(await listed("&pageSize=50"));
  });
});

describe("searching people with Vietnamese marks", () => {
  it("lists the names carrying the typed marks first, then those matching only without them", async () => {
    expect(await found("Ánh", "&pageSize=2")).toEqual(["Đỗ Thị Ánh", "Phạm Ánh Dương"]);
    const all = await found("Ánh");
    expect(all.slice(0, 2)).toEqual(["Đỗ Thị Ánh", "Phạm Ánh Dương"]);
    // Still found without the marks, in name order.
    expect(all.slice(2)).toEqual(["Lê Thị Anh", "Trần Văn Anh", "Lê Khánh", "Nguyễn Anh Tuấn"]);
  });

  it("keeps the plain name order for a search typed without marks", async () => {
    expect(await found("anh")).toEqual([
      "Lê Thị Anh",
      "Trần Văn Anh",
      "Đỗ Thị Ánh",
      "Phạm Ánh Dương",
      "Lê Khánh",
      "Nguyễn Anh Tuấn",
    ]);
  });

  it("counts a tone mark on either vowel of oa as the same mark", async () => {
    expect(await found("Hoa")).toEqual(["Lê Văn Hoa", "Vũ Thị Hòa"]);
    expect(await found("hoà")).toEqual(["Vũ Thị Hòa", "Lê Văn Hoa"]);
    expect(await found("Hòa")).toEqual(["Vũ Thị Hòa", "Lê Văn Hoa"]);
  });

  it("ranks each marked word, and reads LIKE wildcards in the search as letters", async () => {
    expect(await found("Thị Ánh")).toEqual(["Đỗ Thị Ánh", "Lê Thị Anh"]);
    expect(await found("Ánh%")).toEqual([]);
    expect(await found("Á_h")).toEqual([]);
  });

  it("answers a page past the end with no one on it and the list's total", async () => {
    const response = await admin.request({
      method: "GET",
      url: `/api/people?unitId=${marksUnitId}&page=9999`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ items: [], total: marked.length, page: 9999 });
  });
});
