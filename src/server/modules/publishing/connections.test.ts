import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditEvents, channelConnections } from "../../db/schema/index.ts";
import { registerChannel } from "../channels/service.ts";
import { connectionForPublish, markNeedsReconnect } from "./connections.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
});

const suffix = () => randomBytes(4).toString("hex");
const system = () => ({ db: t.db, actor: null, ip: null });

async function channel(platform: "facebook_page" | "zalo_oa" | "youtube" | "website", unitId = org.left.id) {
  const urls = {
    facebook_page: `https://www.facebook.com/trang${suffix()}`,
    zalo_oa: `https://zalo.me/${Date.now()}${Math.floor(Math.random() * 1000)}`,
    youtube: `https://www.youtube.com/@kenh${suffix()}`,
    website: `https://xa${suffix()}.gov.vn`,
  };
  return registerChannel(system(), { unitId, platform, url: urls[platform], displayName: "Kênh thử" });
}

describe("channel connections", () => {
  it("stores the token sealed, never answers it, audits every change without it, and hands it to the scheduler", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const page = await channel("facebook_page");
    const token = `EAAB${suffix()}bí-mật-trang`;

    const saved = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { token, accountId: "104729384756", tokenExpiresAt: "2027-01-31T00:00:00Z" },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      channelId: page.id,
      connector: "facebook_page",
      baseUrl: "https://graph.facebook.com/v21.0",
      accountId: "104729384756",
      tokenSet: true,
      tokenExpiresAt: "2027-01-31T00:00:00.000Z",
      status: "connected",
      updatedBy: org.leftAdmin.id,
    });
    expect(saved.body).not.toContain(token);

    const [row] = await t.db
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.channelId, page.id));
    expect(row?.tokenSealed).toMatch(/^v1:/);
    expect(row?.tokenSealed).not.toContain(token);

    // Changing only the account keeps the token.
    const edited = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { accountId: "999000111" },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json()).toMatchObject({ accountId: "999000111", tokenSet: true });
    const shown = await admin.request({ method: "GET", url: `/api/channels/${page.id}/connection` });
    expect(shown.json()).toMatchObject({ accountId: "999000111", tokenSet: true, status: "connected" });
    expect(shown.body).not.toContain(token);

    const forPublish = await connectionForPublish(t.db, page.id, t.app.deps.config.secretKey());
    expect(forPublish).toMatchObject({
      connector: "facebook_page",
      baseUrl: "https://graph.facebook.com/v21.0",
      accountId: "999000111",
      token,
      status: "connected",
    });
    // Under another key (the key file was replaced) the token reads as needing a reconnect, not as garbage.
    expect(await connectionForPublish(t.db, page.id, randomBytes(32))).toMatchObject({
      token: null,
      status: "needs_reconnect",
    });

    const removed = await admin.request({ method: "DELETE", url: `/api/channels/${page.id}/connection` });
    expect(removed.statusCode).toBe(204);
    expect(
      (await admin.request({ method: "GET", url: `/api/channels/${page.id}/connection` })).statusCode,
    ).toBe(404);
    expect(await connectionForPublish(t.db, page.id, t.app.deps.config.secretKey())).toBeNull();

    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, page.id));
    const actions = audit.map((event) => event.action).filter((action) => action.includes("connection"));
    expect(actions).toEqual([
      "channel.connection.create",
      "channel.connection.update",
      "channel.connection.delete",
    ]);
    expect(audit.find((e) => e.action === "channel.connection.create")?.details).toMatchObject({
      connector: "facebook_page",
      accountId: "104729384756",
      tokenReplaced: true,
    });
    expect(JSON.stringify(audit)).not.toContain(token);
  });

  it("marks a refused token for reconnecting until a new token is saved", async () => {
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const oa = await channel("zalo_oa");
    const first = await admin.request({
      method: "PUT",
      url: `/api/channels/${oa.id}/connection`,
      payload: { token: "zalo-oa-token-1" },
    });
    expect(first.json()).toMatchObject({
      connector: "zalo_oa",
      baseUrl: "https://openapi.zalo.me",
      accountId: null,
    });

    await markNeedsReconnect(t.db, oa.id, { code: "token_expired", message: "Access token is invalid" });
    const waiting = await admin.request({ method: "GET", url: `/api/channels/${oa.id}/connection` });
    expect(waiting.json().status).toBe("needs_reconnect");
    // Editing something else is not a reconnect.
    await admin.request({
      method: "PUT",
      url: `/api/channels/${oa.id}/connection`,
      payload: { accountId: "4318" },
    });
    expect(
      (await admin.request({ method: "GET", url: `/api/channels/${oa.id}/connection` })).json().status,
    ).toBe("needs_reconnect");

    const renewed = await admin.request({
      method: "PUT",
      url: `/api/channels/${oa.id}/connection`,
      payload: { token: "zalo-oa-token-2" },
    });
    expect(renewed.json().status).toBe("connected");
    expect((await connectionForPublish(t.db, oa.id, t.app.deps.config.secretKey()))?.token).toBe(
      "zalo-oa-token-2",
    );
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, oa.id));
    expect(audit.map((e) => e.action)).toContain("channel.connection.needs_reconnect");
  });

  it("refuses a website channel, a page without its id, a first connection without a token and an address with a query", async () => {
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const site = await channel("website");
    const refusedSite = await admin.request({
      method: "PUT",
      url: `/api/channels/${site.id}/connection`,
      payload: { token: "x" },
    });
    expect([refusedSite.statusCode, refusedSite.json().code]).toEqual([
      400,
      "connection.unsupported_platform",
    ]);

    const page = await channel("facebook_page");
    const noId = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { token: "x" },
    });
    expect([noId.statusCode, noId.json().code]).toEqual([400, "connection.account_id_required"]);

    const yt = await channel("youtube");
    const noToken = await admin.request({
      method: "PUT",
      url: `/api/channels/${yt.id}/connection`,
      payload: { accountId: "UCabc" },
    });
    expect([noToken.statusCode, noToken.json().code]).toEqual([400, "connection.token_required"]);

    const badUrl = await admin.request({
      method: "PUT",
      url: `/api/channels/${yt.id}/connection`,
      payload: { accountId: "UCabc", token: "k", baseUrl: "https://proxy.example/youtube/v3?key=leak" },
    });
    expect([badUrl.statusCode, badUrl.json().code]).toEqual([400, "connection.base_url_invalid"]);

    const proxied = await admin.request({
      method: "PUT",
      url: `/api/channels/${yt.id}/connection`,
      payload: { accountId: "UCabc", token: "k", baseUrl: "https://proxy.example/youtube/v3/" },
    });
    expect(proxied.json()).toMatchObject({
      connector: "youtube",
      baseUrl: "https://proxy.example/youtube/v3",
    });
  });

  it("refuses the administrator of a sibling unit, who learns nothing of the connection", async () => {
    const rightPage = await channel("facebook_page", org.right.id);
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    await rightAdmin.request({
      method: "PUT",
      url: `/api/channels/${rightPage.id}/connection`,
      payload: { token: "right-token", accountId: "42" },
    });
    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    for (const method of ["GET", "PUT", "DELETE"] as const) {
      const response = await leftAdmin.request({
        method,
        url: `/api/channels/${rightPage.id}/connection`,
        ...(method === "PUT" ? { payload: { token: "hijack", accountId: "1" } } : {}),
      });
      expect([method, response.statusCode]).toEqual([method, 403]);
      expect(response.body).not.toContain("right-token");
    }
    const still = await connectionForPublish(t.db, rightPage.id, t.app.deps.config.secretKey());
    expect(still?.token).toBe("right-token");
  });
});
