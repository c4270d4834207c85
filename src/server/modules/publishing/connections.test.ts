import { randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraph, startFakeGraph } from "../../../../test/fakes/facebook-graph.ts";
import { type FakeZaloOa, startFakeZaloOa } from "../../../../test/fakes/zalo-oa.ts";
import { makeOrganisation, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditEvents, channelConnections } from "../../db/schema/index.ts";
import { registerChannel } from "../channels/service.ts";
import { connectionForPublish, markNeedsReconnect, saveConnection } from "./connections.ts";

let t: TestApp;
let graph: FakeGraph;
let zalo: FakeZaloOa;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
beforeAll(async () => {
  graph = await startFakeGraph();
  zalo = await startFakeZaloOa();
  // The operator's configuration is the only way to another API address: here, the local fakes.
  t = await createTestApp({
    env: {
      CAUNOI_GRAPH_API_URL: graph.origin,
      CAUNOI_ZALO_API_URL: zalo.origin,
      CAUNOI_ZALO_OAUTH_URL: zalo.origin,
    },
  });
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
  await graph?.close();
  await zalo?.close();
});

const suffix = () => randomBytes(4).toString("hex");
const system = () => ({ db: t.db, actor: null, ip: null });
const options = () => ({ secretKey: t.app.deps.config.secretKey(), apis: t.app.deps.config.platformApis });

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

    const saved = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { token: graph.token, accountId: graph.pageId, tokenExpiresAt: "2027-01-31T00:00:00Z" },
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      channelId: page.id,
      connector: "facebook_page",
      accountId: graph.pageId,
      tokenSet: true,
      tokenExpiresAt: "2027-01-31T00:00:00.000Z",
      renewsItself: false,
      status: "connected",
      statusReason: null,
      updatedBy: org.leftAdmin.id,
    });
    expect(saved.json()).not.toHaveProperty("baseUrl");
    expect(saved.body).not.toContain(graph.token);

    const [row] = await t.db
      .select()
      .from(channelConnections)
      .where(eq(channelConnections.channelId, page.id));
    expect(row?.tokenSealed).toMatch(/^v1:/);
    expect(row?.tokenSealed).not.toContain(graph.token);

    // Another page id is checked against the token, which belongs to the first page.
    const edited = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { accountId: "999000111" },
    });
    expect([edited.statusCode, edited.json().code]).toEqual([400, "connection.token_wrong_page"]);
    const shown = await admin.request({ method: "GET", url: `/api/channels/${page.id}/connection` });
    expect(shown.json()).toMatchObject({ accountId: graph.pageId, tokenSet: true, status: "connected" });
    expect(shown.body).not.toContain(graph.token);

    const forPublish = await connectionForPublish(t.db, page.id, options());
    expect(forPublish).toMatchObject({
      connector: "facebook_page",
      baseUrl: `${graph.origin}/v26.0`,
      accountId: graph.pageId,
      token: graph.token,
      status: "connected",
    });
    // Under another key (the key file was replaced) the token reads as needing a reconnect, not as garbage.
    expect(
      await connectionForPublish(t.db, page.id, { ...options(), secretKey: randomBytes(32) }),
    ).toMatchObject({
      token: null,
      status: "needs_reconnect",
    });

    const removed = await admin.request({ method: "DELETE", url: `/api/channels/${page.id}/connection` });
    expect(removed.statusCode).toBe(204);
    expect(
      (await admin.request({ method: "GET", url: `/api/channels/${page.id}/connection` })).statusCode,
    ).toBe(404);
    expect(await connectionForPublish(t.db, page.id, options())).toBeNull();

    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, page.id));
    const actions = audit.map((event) => event.action).filter((action) => action.includes("connection"));
    expect(actions).toEqual(["channel.connection.create", "channel.connection.delete"]);
    expect(audit.find((e) => e.action === "channel.connection.create")?.details).toMatchObject({
      connector: "facebook_page",
      accountId: graph.pageId,
      tokenReplaced: true,
    });
    expect(JSON.stringify(audit)).not.toContain(graph.token);
  });

  it("takes no API address from a request: a body with baseUrl is refused and the token only ever goes to the configured platform", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const page = await channel("facebook_page");
    const connected = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { token: graph.token, accountId: graph.pageId },
    });
    expect(connected.statusCode).toBe(200);
    // The attack of finding 2: an editor repoints a connected page at an address of their choosing.
    const stolen: string[] = [];
    const { startFakeServer } = await import("../../../../test/fakes/fake-http.ts");
    const thief = await startFakeServer((request, response) => {
      stolen.push(String(request.headers.authorization ?? ""));
      response.writeHead(400, { "content-type": "text/plain" }).end("internal secret: db password hunter2");
    });
    try {
      for (const baseUrl of [`${thief.origin}/v26.0`, "http://169.254.169.254/latest", null]) {
        const moved = await admin.request({
          method: "PUT",
          url: `/api/channels/${page.id}/connection`,
          payload: { baseUrl },
        });
        expect([moved.statusCode, moved.json().code]).toEqual([400, "validation.invalid"]);
        expect(moved.body).not.toContain("hunter2");
      }
      const forPublish = await connectionForPublish(t.db, page.id, options());
      expect(forPublish?.baseUrl).toBe(`${graph.origin}/v26.0`);
      expect(stolen).toEqual([]);
    } finally {
      await thief.close();
    }
  });

  it("checks the Page token's permissions when connecting and says which are missing, in both languages", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const page = await channel("facebook_page");
    graph.scopes.delete("pages_manage_posts");
    graph.scopes.delete("pages_read_engagement");
    try {
      const refused = await admin.request({
        method: "PUT",
        url: `/api/channels/${page.id}/connection`,
        payload: { token: graph.token, accountId: graph.pageId },
      });
      expect(refused.statusCode).toBe(400);
      expect(refused.headers["content-type"]).toContain("application/problem+json");
      const body = refused.json();
      expect(body.code).toBe("connection.permissions_missing");
      expect(body.errors).toEqual({ missing: ["pages_manage_posts", "pages_read_engagement"] });
      expect(body.messages.vi).toContain("pages_manage_posts (đăng bài lên Trang)");
      expect(body.messages.en).toContain("pages_read_engagement (reading the Page's posts");
      expect(
        (await admin.request({ method: "GET", url: `/api/channels/${page.id}/connection` })).statusCode,
      ).toBe(404);
    } finally {
      graph.scopes.add("pages_manage_posts");
      graph.scopes.add("pages_read_engagement");
    }
    // Graph not answering: nothing is stored, and the person is told to try again (not that the token is bad).
    const offline = {
      ...options(),
      apis: { ...options().apis, graph: "http://127.0.0.1:9" },
      timeoutMs: 1000,
    };
    await expect(
      saveConnection(system(), offline, { channelId: page.id, token: graph.token, accountId: graph.pageId }),
    ).rejects.toMatchObject({ status: 503, code: "connection.check_unavailable" });
    const invalid = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { token: "EAAkhongphai", accountId: graph.pageId },
    });
    expect([invalid.statusCode, invalid.json().code]).toEqual([400, "connection.token_refused"]);
    const ok = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { token: graph.token, accountId: graph.pageId },
    });
    expect(ok.statusCode).toBe(200);
    // The expiry comes from debug_token when none is given.
    expect(new Date(ok.json().tokenExpiresAt).getTime()).toBe(
      Math.floor(graph.tokenExpiresAt.getTime() / 1000) * 1000,
    );
  });

  it("marks a refused token for reconnecting until a new token is saved", async () => {
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const oa = await channel("zalo_oa");
    const first = await admin.request({
      method: "PUT",
      url: `/api/channels/${oa.id}/connection`,
      payload: { token: "zalo-oa-token-1" },
    });
    expect(first.json()).toMatchObject({ connector: "zalo_oa", accountId: null });

    await markNeedsReconnect(t.db, oa.id, { code: "token_expired", message: "Access token is invalid" });
    const waiting = await admin.request({ method: "GET", url: `/api/channels/${oa.id}/connection` });
    expect(waiting.json()).toMatchObject({ status: "needs_reconnect", statusReason: "token_expired" });
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
    expect(renewed.json()).toMatchObject({ status: "connected", statusReason: null });
    expect((await connectionForPublish(t.db, oa.id, options()))?.token).toBe("zalo-oa-token-2");
    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, oa.id));
    expect(audit.map((e) => e.action)).toContain("channel.connection.needs_reconnect");
  });

  it("refuses a website channel, a page without its id, a first connection without a token and renewal details off Zalo", async () => {
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

    const refreshOnYoutube = await admin.request({
      method: "PUT",
      url: `/api/channels/${yt.id}/connection`,
      payload: { accountId: "UCabc", token: "k", refreshToken: "r" },
    });
    expect([refreshOnYoutube.statusCode, refreshOnYoutube.json().code]).toEqual([
      400,
      "connection.renewal_not_supported",
    ]);
  });

  it("refuses the administrator of a sibling unit, who learns nothing of the connection", async () => {
    const rightPage = await channel("facebook_page", org.right.id);
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    await rightAdmin.request({
      method: "PUT",
      url: `/api/channels/${rightPage.id}/connection`,
      payload: { token: graph.token, accountId: graph.pageId },
    });
    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    for (const method of ["GET", "PUT", "DELETE"] as const) {
      const response = await leftAdmin.request({
        method,
        url: `/api/channels/${rightPage.id}/connection`,
        ...(method === "PUT" ? { payload: { token: "hijack", accountId: "1" } } : {}),
      });
      expect([method, response.statusCode]).toEqual([method, 403]);
      expect(response.body).not.toContain(graph.token);
    }
    const still = await connectionForPublish(t.db, rightPage.id, options());
    expect(still?.token).toBe(graph.token);
  });
});
