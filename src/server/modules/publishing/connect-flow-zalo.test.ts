import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeZaloOa, startFakeZaloOa } from "../../../../test/fakes/zalo-oa.ts";
import {
  callBack,
  runFlow,
  startFlow,
  suffix,
  throughDialog,
} from "../../../../test/helpers/connect-flow.ts";
import { makeOrganisation, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditEvents, channelConnections } from "../../db/schema/index.ts";
import { registerChannel } from "../channels/service.ts";
import { renewZaloToken } from "./connection-renewal.ts";
import { exchangeZaloCode } from "./connectors/zalo-oauth.ts";

/*
 * "Kết nối bằng Zalo" (OAuth v4 with PKCE) end to end against the fake Zalo OAuth server, and what
 * the app says when the operator has not set the apps up.
 */

let t: TestApp;
let bare: TestApp;
let zalo: FakeZaloOa;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
beforeAll(async () => {
  zalo = await startFakeZaloOa();
  t = await createTestApp({
    env: {
      CAUNOI_ZALO_API_URL: zalo.origin,
      CAUNOI_ZALO_OAUTH_URL: zalo.origin,
      ZALO_APP_ID: zalo.appId,
      ZALO_APP_SECRET_KEY: zalo.appSecret,
    },
  });
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
  await bare?.close();
  await zalo?.close();
});

const system = () => ({ db: t.db, actor: null, ip: null });
const oa = () =>
  registerChannel(system(), {
    unitId: org.left.id,
    platform: "zalo_oa",
    url: `https://zalo.me/${Date.now()}${Math.floor(Math.random() * 1000)}`,
    displayName: `Tỉnh đoàn ${suffix()}`,
  });
const connectionOf = async (channelId: string) =>
  (await t.db.select().from(channelConnections).where(eq(channelConnections.channelId, channelId)))[0];
const options = () => ({ secretKey: t.app.deps.config.secretKey(), apis: t.app.deps.config.platformApis });

describe("connecting a Zalo OA by signing in", () => {
  it("sends a PKCE challenge, exchanges the code with its verifier, stores the tokens as pasting does, and renews", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await oa();
    const authorizeUrl = await startFlow(admin, channel.id);
    const permission = new URL(authorizeUrl);
    expect(`${permission.origin}${permission.pathname}`).toBe(`${zalo.origin}/v4/oa/permission`);
    expect(permission.searchParams.get("app_id")).toBe(zalo.appId);
    expect(permission.searchParams.get("redirect_uri")).toBe("http://caunoi.test/api/connect/zalo/callback");
    expect(permission.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);

    zalo.oauth.grantOa(channel.platformId);
    const back = await throughDialog(authorizeUrl);
    expect(back.searchParams.get("oa_id")).toBe(channel.platformId);
    const done = await callBack(admin, back);
    expect(done.location).toBe(`/channels/${channel.id}?ket-noi=ok`);

    // The verifier sent matches the challenge, as Zalo checks it.
    const exchange = zalo.received.find((r) => r.form?.get("grant_type") === "authorization_code");
    const verifier = exchange?.form?.get("code_verifier") ?? "";
    expect(createHash("sha256").update(verifier).digest("base64url")).toBe(
      permission.searchParams.get("code_challenge"),
    );
    expect(exchange?.headers.secret_key).toBe(zalo.appSecret);

    const row = await connectionOf(channel.id);
    expect(row).toMatchObject({
      connector: "zalo_oa",
      accountId: channel.platformId,
      appId: zalo.appId,
      status: "connected",
    });
    for (const sealed of [row?.tokenSealed, row?.refreshTokenSealed, row?.appSecretSealed]) {
      expect(sealed).toMatch(/^v1:/);
    }
    expect(JSON.stringify(row)).not.toContain(zalo.token);
    expect(JSON.stringify(row)).not.toContain(zalo.refreshToken);
    expect(row?.tokenExpiresAt?.getTime()).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);

    const shown = await admin.request({ method: "GET", url: `/api/channels/${channel.id}/connection` });
    expect(shown.json()).toMatchObject({ renewsItself: true, accountId: channel.platformId });
    const tested = await admin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/connection/test`,
    });
    expect(tested.json()).toMatchObject({ result: "ok", accountName: zalo.oaName });

    // The existing renewal works with what the flow stored.
    expect(await renewZaloToken(t.db, channel.id, options(), { force: true })).toBe("renewed");

    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, channel.id));
    expect(audit.find((e) => e.action === "channel.connection.create")?.details).toMatchObject({
      via: "zalo_oauth",
      refreshTokenReplaced: true,
    });
    expect(JSON.stringify(audit)).not.toContain(back.searchParams.get("code") ?? "∅");

    expect((await callBack(admin, back)).location).toBe(`/channels/${channel.id}?ket-noi=state_used`);
  });

  it("refuses an OA other than the one the channel is connected to", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await oa();
    const put = await admin.request({
      method: "PUT",
      url: `/api/channels/${channel.id}/connection`,
      payload: { token: zalo.token, accountId: "111222333" },
    });
    expect(put.statusCode).toBe(200);
    const done = await runFlow(admin, channel.id);
    expect(done.location).toBe(`/channels/${channel.id}?ket-noi=wrong_oa`);
    expect((await connectionOf(channel.id))?.refreshTokenSealed).toBeNull();
  });

  it("brings the admin back with 'denied' when they refuse, and refuses another person's state", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await oa();
    zalo.oauth.decide("deny");
    try {
      expect((await runFlow(admin, channel.id)).location).toBe(`/channels/${channel.id}?ket-noi=denied`);
    } finally {
      zalo.oauth.decide("approve");
    }
    const back = await throughDialog(await startFlow(admin, channel.id));
    const rootAdmin = await signInAs(t.app, org.rootAdmin.email ?? "");
    expect((await callBack(rootAdmin, back)).location).toBe(`/channels/${channel.id}?ket-noi=not_yours`);
    expect(await connectionOf(channel.id)).toBeUndefined();
  });

  it("refuses an OA other than the one the channel's address names, and connects nothing", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await oa();
    // The admin runs several OAs and picks another one on Zalo's consent page.
    zalo.oauth.grantOa(zalo.oaId);
    const back = await throughDialog(await startFlow(admin, channel.id));
    expect(back.searchParams.get("oa_id")).not.toBe(channel.platformId);
    expect((await callBack(admin, back)).location).toBe(`/channels/${channel.id}?ket-noi=wrong_oa`);
    expect(await connectionOf(channel.id)).toBeUndefined();
    expect(zalo.received.filter((r) => r.form?.get("code") === back.searchParams.get("code"))).toHaveLength(
      0,
    );
  });

  it("the fake refuses a wrong verifier and a reused code with Zalo's error body", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await oa();
    zalo.oauth.grantOa(channel.platformId);
    const back = await throughDialog(await startFlow(admin, channel.id));
    const code = back.searchParams.get("code") ?? "";
    const request = { appId: zalo.appId, appSecret: zalo.appSecret, code, codeVerifier: "sai" };
    const wrong = await exchangeZaloCode(zalo.origin, request);
    expect(wrong).toMatchObject({ kind: "needs_person" });
    const body = zalo.received.at(-1)?.body ?? "";
    expect(body).toContain("code_verifier=sai");
    // The real callback still works (a wrong verifier did not spend the code), and only once.
    expect((await callBack(admin, back)).location).toBe(`/channels/${channel.id}?ket-noi=ok`);
    const reused = await fetch(`${zalo.origin}/v4/oa/access_token`, {
      method: "POST",
      headers: { secret_key: zalo.appSecret, "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({
        app_id: zalo.appId,
        code,
        grant_type: "authorization_code",
        code_verifier: "x",
      }),
    });
    expect(await reused.json()).toMatchObject({ error: -14005, error_name: "Invalid authorization code" });
  });
});

describe("when the operator has not set the apps up", () => {
  it("says no flow is available, and the start names the settings in both languages", async () => {
    bare = await createTestApp();
    const local = await makeOrganisation(bare.db);
    const admin = await signInAs(bare.app, local.leftAdmin.email ?? "");
    const ctx = { db: bare.db, actor: null, ip: null };
    for (const [platform, settings] of [
      ["facebook_page", "FACEBOOK_APP_ID, FACEBOOK_APP_SECRET"],
      ["zalo_oa", "ZALO_APP_ID, ZALO_APP_SECRET_KEY"],
    ] as const) {
      const channel = await registerChannel(ctx, {
        unitId: local.left.id,
        platform,
        url:
          platform === "zalo_oa"
            ? `https://zalo.me/${Date.now()}`
            : `https://www.facebook.com/trang${suffix()}`,
        displayName: "Kênh thử",
      });
      const flow = await admin.request({ method: "GET", url: `/api/channels/${channel.id}/connection/flow` });
      expect(flow.json()).toEqual({ platform, available: false, missingSettings: settings.split(", ") });
      const started = await admin.request({
        method: "POST",
        url: `/api/channels/${channel.id}/connection/flow`,
      });
      expect(started.statusCode).toBe(503);
      expect(started.headers["content-type"]).toContain("application/problem+json");
      expect(started.json().code).toBe("connection.flow_not_configured");
      const english = await admin.request({
        method: "POST",
        url: `/api/channels/${channel.id}/connection/flow`,
        headers: { "accept-language": "en" },
      });
      expect(started.json().detail ?? started.json().title).toContain(settings);
      expect(english.json().detail ?? english.json().title).toContain(settings);
      expect(english.body).not.toBe(started.body);
    }
  });
});
