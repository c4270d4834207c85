import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";

// The share feed is a member's home: it links to their other pages and says when a review of their
// account declarations waits for them.

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
});

describe("the member's home", () => {
  it("links to the member's pages, and shows open declaration reviews until answered", async () => {
    const person = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const member = await signInAs(t.app, person.email ?? "");
    const quiet = (await member.request({ method: "GET", url: "/share" })).body;
    expect(quiet).toContain('href="/my-accounts"');
    expect(quiet).toContain('href="/my-stories"');
    expect(quiet).toContain('href="/profile"');
    expect(quiet).not.toContain("feed-declarations-due");

    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const due = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10);
    const sent = await admin.request({
      method: "POST",
      url: "/api/declaration-requests",
      payload: { unitId: org.left.id, title: "Rà soát kê khai quý IV", dueOn: due },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const [year, month, day] = due.split("-");
    const asked = (await member.request({ method: "GET", url: "/share" })).body;
    expect(asked).toContain("feed-declarations-due");
    expect(asked).toContain(
      `Bạn có 1 yêu cầu rà soát kê khai tài khoản cần xác nhận, hạn sớm nhất ngày ${day}/${month}/${year}.`,
    );

    const answered = await member.request({
      method: "POST",
      url: `/api/me/declaration-requests/${sent.json().id}/respond`,
    });
    expect(answered.statusCode, answered.body).toBe(200);
    expect((await member.request({ method: "GET", url: "/share" })).body).not.toContain(
      "feed-declarations-due",
    );
  });
});
