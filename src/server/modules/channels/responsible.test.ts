import { randomBytes, randomUUID } from "node:crypto";
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
 * A channel's responsible person (security review, issue 9, finding 14): an administrator could name
 * anyone, from any unit, and the channel then showed that person's name.
 */

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let leftAdmin: SessionClient;
let rootAdmin: SessionClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
  rootAdmin = await signInAs(t.app, org.rootAdmin.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

const register = (client: SessionClient, responsiblePersonId: string) =>
  client.request({
    method: "POST",
    url: "/api/channels",
    payload: {
      unitId: org.left.id,
      platform: "facebook_page",
      url: `https://www.facebook.com/trangtin${randomBytes(4).toString("hex")}`,
      displayName: "Trang tin Xã Bên Trái",
      responsiblePersonId,
    },
  });

describe("the person responsible for a channel", () => {
  it("refuses a person of another unit, and an unknown id, with the same 400", async () => {
    const stranger = await makePerson(t.db, { unitId: org.right.id, fullName: "Người Đơn Vị Khác" });
    for (const id of [stranger.id, randomUUID()]) {
      const response = await register(leftAdmin, id);
      expect(response.statusCode).toBe(400);
      expect(response.headers["content-type"]).toContain("application/problem+json");
      expect(response.json().code).toBe("channel.person_unknown");
      expect(response.json().messages.vi).toContain("Vui lòng chọn người phụ trách");
    }
  });

  it("takes a person of the channel's unit or a unit below it, and one the actor manages channels for", async () => {
    const keeper = await makePerson(t.db, { unitId: org.left.id });
    expect((await register(leftAdmin, keeper.id)).statusCode).toBe(201);
    const below = await makeUnit(t.db, { name: "Chi đoàn thôn", parentId: org.left.id });
    const villager = await makePerson(t.db, { unitId: below.id });
    expect((await register(leftAdmin, villager.id)).statusCode).toBe(201);
    // The province's administrator may put one of the province's own people on a commune's page.
    const provincial = await makePerson(t.db, { unitId: org.root.id });
    expect((await register(rootAdmin, provincial.id)).statusCode).toBe(201);
    expect((await register(leftAdmin, provincial.id)).statusCode).toBe(400);
  });

  it("refuses the same on an edit, and lets an edit leave the person as they are", async () => {
    const keeper = await makePerson(t.db, { unitId: org.left.id });
    const channel = (await register(leftAdmin, keeper.id)).json();
    const stranger = await makePerson(t.db, { unitId: org.right.id });
    const moved = await leftAdmin.request({
      method: "PATCH",
      url: `/api/channels/${channel.id}`,
      payload: { responsiblePersonId: stranger.id },
    });
    expect(moved.statusCode).toBe(400);
    expect(moved.json().code).toBe("channel.person_unknown");
    const renamed = await leftAdmin.request({
      method: "PATCH",
      url: `/api/channels/${channel.id}`,
      payload: { displayName: "Trang thông tin Xã Bên Trái", responsiblePersonId: keeper.id },
    });
    expect(renamed.statusCode).toBe(200);
    expect(renamed.json().responsiblePersonId).toBe(keeper.id);
  });
});
