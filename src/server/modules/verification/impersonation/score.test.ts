import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePerson, makeUnit, type SessionClient, signInAs } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { registerChannel } from "../../channels/index.ts";
import { scoreImpersonation } from "./score.ts";

let t: TestApp;
let checker: SessionClient;
let member: SessionClient;
const ids: Record<string, string> = {};
// Handles unique per run, so the two engines' databases never share a key by accident.
const tag = randomBytes(3).toString("hex");
const dongThapHandle = `congantinhdongthap${tag}`;

beforeAll(async () => {
  t = await createTestApp();
  const system = { db: t.db, actor: null, ip: null };
  const province = await makeUnit(t.db, { name: "Công an tỉnh Đồng Tháp", kind: "province" });
  const tuyenQuang = await makeUnit(t.db, { name: "UBND tỉnh Tuyên Quang", kind: "province" });
  const communeA = await makeUnit(t.db, { name: "Xã A", kind: "commune", parentId: province.id });
  const register = async (name: string, unitId: string, platform: "facebook_page" | "website", url: string) =>
    (await registerChannel(system, { unitId, platform, url, displayName: name })).id;
  ids.dongThap = await register(
    "Công an tỉnh Đồng Tháp",
    province.id,
    "facebook_page",
    `https://www.facebook.com/${dongThapHandle}`,
  );
  ids.tuyenQuang = await register(
    "Cổng thông tin điện tử tỉnh Tuyên Quang",
    tuyenQuang.id,
    "website",
    `https://tuyenquang${tag}.gov.vn`,
  );
  ids.xaA = await register(
    "Công an xã A",
    communeA.id,
    "facebook_page",
    `https://www.facebook.com/conganxaa${tag}`,
  );
  const checkerPerson = await makePerson(t.db, { unitId: province.id, roles: ["checker"] });
  checker = await signInAs(t.app, checkerPerson.email ?? "");
  const memberPerson = await makePerson(t.db, { unitId: province.id });
  member = await signInAs(t.app, memberPerson.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

const score = (url: string, displayName: string, handle?: string) =>
  scoreImpersonation(t.db, { url, displayName, handle });
const codes = (result: { reasons: { code: string }[] }) => result.reasons.map((reason) => reason.code);

describe("scoring a page against the registry", () => {
  it("never makes a registered channel, or a page of one, a candidate", async () => {
    for (const url of [
      `https://m.facebook.com/${dongThapHandle.toUpperCase()}?ref=share`,
      `https://tuyenquang${tag}.gov.vn/tin-tuc/bai-1`,
    ]) {
      const result = await score(url, "Công an tỉnh Đồng Tháp");
      expect(result).toMatchObject({ score: 0, registered: true });
    }
  });

  it("flags a copied name, more when it hides look-alike letters", async () => {
    const copy = await score("https://www.facebook.com/tintuc.dongthap.24h", "Công an tỉnh Đồng Tháp");
    expect(copy.channelId).toBe(ids.dongThap);
    expect(codes(copy)).toContain("name_same");
    expect(copy.score).toBeGreaterThan(0.8);
    const disguised = await score(
      "https://www.facebook.com/tintuc.dongthap.24h",
      "Сông аn tỉnh Đồ\u200Bng Tháр",
    );
    expect(disguised.channelId).toBe(ids.dongThap);
    expect(codes(disguised)).toEqual(expect.arrayContaining(["name_same", "name_disguised"]));
    expect(disguised.score).toBeGreaterThan(copy.score);
  });

  it("flags a name that contains the official one", async () => {
    const result = await score("https://www.facebook.com/tin.tuc.moi.99", "Công an tỉnh Đồng Tháp - Tin tức");
    expect(result.channelId).toBe(ids.dongThap);
    expect(codes(result)).toContain("name_contains");
    expect(result.score).toBeGreaterThan(0.7);
  });

  it("does not flag a different real place", async () => {
    const result = await score("https://www.facebook.com/congantinhdongnai.page", "Công an tỉnh Đồng Nai");
    expect(result.score).toBeLessThan(0.3);
    expect(codes(result)).toContain("different_place");
    const sibling = await score("https://www.facebook.com/conganxab.page", "Công an xã B");
    expect(sibling.score).toBeLessThan(0.3);
  });

  it("flags handles one edit away, with a suffix, or spelt with leet digits", async () => {
    const base = dongThapHandle;
    for (const handle of [`${base}.official`, base.replace("o", "0"), `${base}x`]) {
      const result = await score(`https://www.facebook.com/${handle}`, "Tin nhanh miền Tây");
      expect(result.channelId).toBe(ids.dongThap);
      expect(codes(result).some((code) => code.startsWith("handle_"))).toBe(true);
      expect(result.score).toBeGreaterThan(0.5);
    }
    const stranger = await score("https://www.facebook.com/banhcanhcuadongthap", "Bánh canh cua");
    expect(stranger.score).toBeLessThan(0.5);
  });

  it("sees an official domain worn in front of another one", async () => {
    const result = await score(`https://tuyenquang${tag}.gov.vn.tin-tuc.com/thong-bao`, "Thông báo khẩn");
    expect(result.channelId).toBe(ids.tuyenQuang);
    expect(codes(result)).toContain("domain_imitates");
    expect(result.score).toBeGreaterThan(0.85);
    const lookalike = await score(
      `https://tuyenquang${tag}-gov.com`,
      "Cổng thông tin điện tử tỉnh Tuyên Quang",
    );
    expect(codes(lookalike)).toEqual(expect.arrayContaining(["name_same", "domain_similar"]));
  });

  it("sees a channel registered a moment ago", async () => {
    const unit = await makeUnit(t.db, { name: "Đoàn Thanh niên xã Mỹ Hiệp", kind: "commune" });
    const before = await score("https://www.facebook.com/doanxamyhiep.fan", "Đoàn Thanh niên xã Mỹ Hiệp");
    expect(before.score).toBe(0);
    const channel = await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: unit.id,
        platform: "facebook_page",
        url: `https://www.facebook.com/doanxamyhiep${tag}`,
        displayName: "Đoàn Thanh niên xã Mỹ Hiệp",
      },
    );
    const after = await score("https://www.facebook.com/doanxamyhiep.fan", "Đoàn Thanh niên xã Mỹ Hiệp");
    expect(after.channelId).toBe(channel.id);
    expect(after.score).toBeGreaterThan(0.8);
  });
});

describe("POST /api/impersonation/score", () => {
  it("answers a checker with the score, the reasons and the channel it resembles", async () => {
    const response = await checker.request({
      method: "POST",
      url: "/api/impersonation/score",
      payload: {
        url: "https://www.facebook.com/congan.dongthap.tintuc",
        displayName: "Công an tỉnh Đồng Tháp",
      },
    });
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.score).toBeGreaterThan(0.8);
    expect(body.registered).toBe(false);
    expect(body.channel).toMatchObject({
      id: ids.dongThap,
      displayName: "Công an tỉnh Đồng Tháp",
      platform: "facebook_page",
      unitName: "Công an tỉnh Đồng Tháp",
    });
    expect(body.reasons[0]).toMatchObject({ code: "name_same" });
  });

  it("answers registered for an official channel's own address", async () => {
    const response = await checker.request({
      method: "POST",
      url: "/api/impersonation/score",
      payload: { url: `https://www.facebook.com/${dongThapHandle}`, displayName: "Công an tỉnh Đồng Tháp" },
    });
    expect(response.json()).toMatchObject({ score: 0, registered: true, channel: { id: ids.dongThap } });
  });

  it("refuses a javascript: link in Vietnamese and English", async () => {
    const response = await checker.request({
      method: "POST",
      url: "/api/impersonation/score",
      payload: { url: "javascript:alert(1)", displayName: "Công an tỉnh Đồng Tháp" },
    });
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({ code: "verification.score_link_invalid" });
    const english = await checker.request({
      method: "POST",
      url: "/api/impersonation/score",
      headers: { "accept-language": "en" },
      payload: { url: "javascript:alert(1)", displayName: "x" },
    });
    expect(english.json().title ?? english.json().detail).toMatch(/web links/);
  });

  it("is for checkers only", async () => {
    const response = await member.request({
      method: "POST",
      url: "/api/impersonation/score",
      payload: { url: "https://www.facebook.com/abc.def", displayName: "Công an tỉnh Đồng Tháp" },
    });
    expect(response.statusCode).toBe(403);
  });
});
