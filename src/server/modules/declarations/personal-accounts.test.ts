import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { declarationPurpose } from "./purpose.ts";

/* Regulation 85 is about members' own accounts: a personal Facebook, Zalo, TikTok or YouTube account
   is declared as such, beside the pages and groups the member runs. */

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
});

async function newMember(): Promise<SessionClient> {
  const person = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
  return signInAs(t.app, person.email ?? "");
}

function declare(client: SessionClient, platform: string, url: string, displayName = "Hoà Ma") {
  return client.request({
    method: "POST",
    url: "/api/me/declarations",
    payload: {
      platform,
      url,
      displayName,
      realName: true,
      consent: true,
      purposeVersion: declarationPurpose.version,
      locale: "vi",
    },
  });
}

async function mine(client: SessionClient) {
  const response = await client.request({ method: "GET", url: "/api/me/declarations" });
  return response.json().items as { platform: string; url: string; displayName: string }[];
}

describe("declaring personal accounts", () => {
  it("keeps a personal Facebook, Zalo, TikTok and YouTube account as the member's own kinds", async () => {
    const client = await newMember();
    for (const [platform, url] of [
      ["facebook_profile", "https://m.facebook.com/hoa.mathi.tanlap?mibextid=ZbWKwL"],
      ["zalo_account", "0912 345 678"],
      ["tiktok", "tiktok.com/@hoamathi"],
      ["youtube", "https://www.youtube.com/@hoamathi"],
    ] as const) {
      const response = await declare(client, platform, url);
      expect(response.statusCode, response.body).toBe(201);
    }
    const items = await mine(client);
    expect(items.map((item) => [item.platform, item.url]).sort()).toEqual(
      [
        ["facebook_profile", "https://www.facebook.com/hoamathitanlap"],
        ["tiktok", "https://www.tiktok.com/@hoamathi"],
        ["youtube", "https://www.youtube.com/@hoamathi"],
        ["zalo_account", "https://zalo.me/0912345678"],
      ].sort(),
    );
  });

  it("recognises the same personal account however it is typed, and keeps what the address says", async () => {
    const client = await newMember();
    expect((await declare(client, "zalo_account", "+84 912 000 111")).statusCode).toBe(201);
    const again = await declare(client, "zalo_account", "https://zalo.me/0912000111");
    expect(again.statusCode).toBe(409);
    expect(again.json().code).toBe("declarations.already_declared");
    // A profile and a page share Facebook's addresses: the same address is the same account.
    expect((await declare(client, "facebook_profile", "facebook.com/Le.Van.Pao")).statusCode).toBe(201);
    expect((await declare(client, "facebook_page", "https://www.facebook.com/levanpao")).statusCode).toBe(
      409,
    );
    // A group's address is a group, whatever was chosen.
    const group = await declare(client, "facebook_profile", "https://www.facebook.com/groups/thonbanpao");
    expect(group.statusCode, group.body).toBe(201);
    expect(group.json().platform).toBe("facebook_group");
  });

  it("refuses a kind of account it does not know", async () => {
    const response = await declare(await newMember(), "myspace", "https://myspace.com/hoa");
    expect(response.statusCode).toBe(400);
  });

  it("names each kind in words in the member's CSV, never by its code", async () => {
    const client = await newMember();
    await declare(client, "facebook_profile", "https://www.facebook.com/hoa.csv.test");
    await declare(client, "zalo_account", "0987654321");
    const csv = await client.request({ method: "GET", url: "/api/me/declarations/export.csv" });
    expect(csv.body).toContain("Tài khoản Facebook cá nhân");
    expect(csv.body).toContain("Tài khoản Zalo cá nhân");
    expect(csv.body).toContain("Đang hoạt động");
    expect(csv.body).not.toMatch(/facebook_profile|zalo_account|,active,/);
  });
});
