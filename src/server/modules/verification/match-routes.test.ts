import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { makeKnownCase } from "./matching/test-cases.ts";

const rumour =
  "Điện lực thông báo: hộ gia đình nào chưa thanh toán tiền điện tháng này sẽ bị cắt điện trong vòng 2 giờ tới. Vui lòng chuyển khoản ngay vào số tài khoản 0123456789 để tránh bị ngừng cấp điện.";
const rewording =
  "Điện lực thông báo hộ nào chưa đóng tiền điện tháng này sẽ bị ngắt điện trong vòng 2 giờ tới, vui lòng chuyển khoản ngay vào số tài khoản 0123456789 để tránh bị cắt điện.";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let checker: SessionClient;
let member: SessionClient;
let ownCase: string;
let childCase: string;
let siblingCase: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const hamlet = await makeUnit(t.db, { parentId: org.left.id, name: "Thôn Nà Khá" });
  const checkerPerson = await makePerson(t.db, { unitId: org.left.id, roles: ["checker"] });
  const memberPerson = await makePerson(t.db, { unitId: org.left.id });
  checker = await signInAs(t.app, checkerPerson.email ?? "");
  member = await signInAs(t.app, memberPerson.email ?? "");
  ownCase = await makeKnownCase(t.db, {
    unitId: org.left.id,
    text: rumour,
    url: "https://tin-nong.example.vn/bai-1",
  });
  childCase = await makeKnownCase(t.db, { unitId: hamlet.id, text: rewording });
  siblingCase = await makeKnownCase(t.db, {
    unitId: org.right.id,
    text: rumour,
    url: "https://tin-nong.example.vn/bai-1",
  });
});
afterAll(async () => {
  await t?.close();
});

const match = (client: SessionClient, payload: unknown, language = "vi") =>
  client.request({
    method: "POST",
    url: "/api/cases/match",
    payload: payload as object,
    headers: { "accept-language": language },
  });

describe("POST /api/cases/match", () => {
  it("answers a checker with the cases of their units, best first, never a sibling unit's", async () => {
    const response = await match(checker, {
      url: "http://tin-nong.example.vn/bai-1/?utm_source=zalo",
      text: rumour,
    });
    expect(response.statusCode, response.body).toBe(200);
    const items = response.json().items as { caseId: string; score: number; level: string }[];
    expect(items.map((i) => i.caseId)).toEqual([ownCase, childCase]);
    expect(items[0]).toEqual({ caseId: ownCase, score: 1, level: "merge" });
    expect(items[1]?.level).toBe("suggest");
    expect(items.map((i) => i.caseId)).not.toContain(siblingCase);
  });

  it("finds by text alone", async () => {
    const response = await match(checker, { text: rewording });
    expect(response.json().items.map((i: { caseId: string }) => i.caseId)).toContain(ownCase);
  });

  it("refuses a member without cases.read, and an anonymous caller", async () => {
    expect((await match(member, { text: rumour })).statusCode).toBe(403);
    const anonymous = await t.app.inject({
      method: "POST",
      url: "/api/cases/match",
      payload: { text: rumour },
    });
    expect(anonymous.statusCode).toBe(401);
  });

  it("refuses a javascript: link with a clear problem in Vietnamese and English", async () => {
    const vi = await match(checker, { url: "javascript:alert(document.cookie)" });
    expect(vi.statusCode).toBe(400);
    expect(vi.headers["content-type"]).toContain("application/problem+json");
    expect(vi.json()).toMatchObject({ code: "verification.match_link_not_web" });
    expect(vi.body).toContain("http://");
    expect(vi.json().detail ?? vi.json().title).toMatch(/Liên kết/);
    const en = await match(checker, { url: "javascript:alert(1)" }, "en");
    expect(en.json().detail ?? en.json().title).toMatch(/web address/);
  });

  it("refuses an empty request and a text over 10,000 characters", async () => {
    const empty = await match(checker, { url: " ", text: "" });
    expect(empty.statusCode).toBe(400);
    expect(empty.json().code).toBe("verification.match_nothing");
    const long = await match(checker, { text: "tin ".repeat(2600) });
    expect(long.statusCode).toBe(400);
    expect(long.json().code).toBe("validation.invalid");
  });
});
