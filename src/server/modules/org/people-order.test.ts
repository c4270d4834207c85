import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";

/* People lists read as Vietnamese lists do: by given name (the last word), then family name. */

let t: TestApp;
let admin: SessionClient;
let unitId = "";

const names = [
  "Hoàng Văn Dũng",
  "Nguyễn Văn Bình",
  "Trần Thị An",
  "Phạm Minh Đức",
  "Đỗ Thị Ánh",
  "Lê Văn An",
  "Vũ Thị Ân",
];

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrganisation(t.db);
  unitId = (await makeUnit(t.db, { parentId: org.left.id, name: "Chi bộ thôn Đồng Đon" })).id;
  for (const fullName of names) {
    await makePerson(t.db, { unitId, fullName });
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
