import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraph, startFakeGraph } from "../../../../test/fakes/facebook-graph.ts";
import {
  callBack,
  runFlow,
  startFlow,
  suffix,
  throughDialog,
} from "../../../../test/helpers/connect-flow.ts";
import { makeOrganisation, makePerson, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditEvents, channelConnectFlows, channelConnections } from "../../db/schema/index.ts";
import { registerChannel } from "../channels/service.ts";

/*
 * "Kết nối bằng Facebook" end to end against the fake Graph API and its login dialog: start →
 * dialog → callback → the Page connected with its token sealed, and every way the flow must refuse.
 */

let t: TestApp;
let graph: FakeGraph;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
beforeAll(async () => {
  graph = await startFakeGraph({ otherPages: [{ id: "200300400500", name: "Đoàn Thanh niên phường" }] });
  t = await createTestApp({
    env: {
      CAUNOI_GRAPH_API_URL: graph.origin,
      CAUNOI_FACEBOOK_DIALOG_URL: graph.origin,
      FACEBOOK_APP_ID: graph.login.appId,
      FACEBOOK_APP_SECRET: graph.login.appSecret,
    },
  });
  org = await makeOrganisation(t.db);
});
afterAll(async () => {
  await t?.close();
  await graph?.close();
});

const system = () => ({ db: t.db, actor: null, ip: null });

/** A Facebook Page channel; with `platformId` the registry already knows its Page id. */
async function page(platformId?: string) {
  return registerChannel(system(), {
    unitId: org.left.id,
    platform: "facebook_page",
    url: `https://www.facebook.com/trang${suffix()}`,
    displayName: "Thông tin phường",
    ...(platformId ? { platformId } : {}),
  });
}

const connectionOf = async (channelId: string) =>
  (await t.db.select().from(channelConnections).where(eq(channelConnections.channelId, channelId)))[0];

describe("connecting a Facebook Page by signing in", () => {
  it("says the flow is available, then connects the channel's Page: token sealed, audited, test passes", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await page(graph.pageId);
    graph.login.decide("approve");
    graph.login.grant([graph.pageId, graph.otherPages[0]?.id ?? ""]);

    const available = await admin.request({
      method: "GET",
      url: `/api/channels/${channel.id}/connection/flow`,
    });
    expect(available.json()).toEqual({ platform: "facebook_page", available: true, missingSettings: [] });

    const authorizeUrl = await startFlow(admin, channel.id);
    const dialog = new URL(authorizeUrl);
    expect(`${dialog.origin}${dialog.pathname}`).toBe(`${graph.origin}/v26.0/dialog/oauth`);
    expect(Object.fromEntries(dialog.searchParams)).toMatchObject({
      client_id: graph.login.appId,
      redirect_uri: "http://caunoi.test/api/connect/facebook/callback",
      scope: "pages_show_list,pages_manage_posts,pages_read_engagement,pages_manage_metadata,pages_messaging",
      response_type: "code",
    });
    const state = dialog.searchParams.get("state") ?? "";
    expect(state.length).toBeGreaterThanOrEqual(40);
    // Only the state's hash is stored.
    const flows = await t.db
      .select()
      .from(channelConnectFlows)
      .where(eq(channelConnectFlows.channelId, channel.id));
    expect(flows.map((flow) => flow.stateHash)).not.toContain(state);

    const back = await throughDialog(authorizeUrl);
    const done = await callBack(admin, back);
    expect(done.status).toBe(302);
    expect(done.location).toBe(`/channels/${channel.id}?ket-noi=ok`);

    const row = await connectionOf(channel.id);
    expect(row).toMatchObject({ connector: "facebook_page", accountId: graph.pageId, status: "connected" });
    expect(row?.tokenSealed).toMatch(/^v1:/);
    expect(row?.tokenSealed).not.toContain(graph.token);
    // A Page token got with a long-lived user token does not expire.
    expect(row?.tokenExpiresAt).toBeNull();
    expect(graph.login.longLivedPageTokensIssued()).toBeGreaterThan(0);
    // The exchange sent the same redirect_uri and the app's secret, the way Graph documents it.
    const exchange = graph.received.find(
      (r) => r.path === "/v26.0/oauth/access_token" && r.query.has("code"),
    );
    expect(exchange?.query.get("redirect_uri")).toBe("http://caunoi.test/api/connect/facebook/callback");
    expect(graph.received.some((r) => r.query.get("grant_type") === "fb_exchange_token")).toBe(true);

    const tested = await admin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/connection/test`,
    });
    expect(tested.json()).toMatchObject({ result: "ok", accountName: graph.pageName, state: "connected" });

    const audit = await t.db.select().from(auditEvents).where(eq(auditEvents.targetId, channel.id));
    const created = audit.find((event) => event.action === "channel.connection.create");
    expect(created?.details).toMatchObject({
      via: "facebook_login",
      accountId: graph.pageId,
      tokenReplaced: true,
    });
    expect(JSON.stringify(audit)).not.toContain(graph.token);
    expect(JSON.stringify(audit)).not.toContain(back.searchParams.get("code") ?? "∅");

    // The same state played back is refused, and changes nothing.
    const again = await callBack(admin, back);
    expect(again.location).toBe(`/channels/${channel.id}?ket-noi=state_used`);
  });

  it("takes the only Page granted when the channel names none", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await page();
    graph.login.grant([graph.pageId]);
    const done = await runFlow(admin, channel.id);
    expect(done.location).toBe(`/channels/${channel.id}?ket-noi=ok`);
    expect((await connectionOf(channel.id))?.accountId).toBe(graph.pageId);
  });

  it("offers a chooser when several Pages were granted, and connects the one chosen", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await page();
    graph.login.grant([graph.pageId, graph.otherPages[0]?.id ?? ""]);
    const done = await runFlow(admin, channel.id);
    expect(done.url.pathname).toBe(`/channels/${channel.id}`);
    expect(done.url.searchParams.get("ket-noi")).toBe("choose");
    const choice = done.url.searchParams.get("chon") ?? "";
    expect(choice).not.toBe("");
    expect(await connectionOf(channel.id)).toBeUndefined();

    // Another administrator of the same unit cannot use the chooser.
    const colleague = await makePerson(t.db, { unitId: org.left.id, roles: ["administrator"] });
    const other = await signInAs(t.app, colleague.email ?? "");
    const refused = await other.request({
      method: "GET",
      url: `/api/channels/${channel.id}/connection/flow/pages?choice=${choice}`,
    });
    expect([refused.statusCode, refused.json().code]).toEqual([403, "connection.flow_not_yours"]);

    const pages = await admin.request({
      method: "GET",
      url: `/api/channels/${channel.id}/connection/flow/pages?choice=${choice}`,
    });
    expect(pages.json().items).toEqual([
      { id: graph.pageId, name: graph.pageName },
      { id: graph.otherPages[0]?.id, name: graph.otherPages[0]?.name },
    ]);
    expect(pages.body).not.toContain(graph.token);

    const chosen = await admin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/connection/flow/pages`,
      payload: { choice, pageId: graph.pageId },
    });
    expect(chosen.statusCode).toBe(200);
    expect(chosen.json()).toMatchObject({ accountId: graph.pageId, tokenSet: true, status: "connected" });
    const twice = await admin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/connection/flow/pages`,
      payload: { choice, pageId: graph.pageId },
    });
    expect([twice.statusCode, twice.json().code]).toEqual([400, "connection.flow_state_unknown"]);
  });

  it("says when the channel's Page was not among those granted", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await page("999888777666");
    graph.login.grant([graph.pageId]);
    const done = await runFlow(admin, channel.id);
    expect(done.location).toBe(`/channels/${channel.id}?ket-noi=page_not_granted`);
    expect(await connectionOf(channel.id)).toBeUndefined();
  });

  it("brings the admin back with 'denied' when they refuse in Facebook's dialog", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await page(graph.pageId);
    graph.login.decide("deny");
    try {
      const done = await runFlow(admin, channel.id);
      expect(done.back.searchParams.get("error_reason")).toBe("user_denied");
      expect(done.location).toBe(`/channels/${channel.id}?ket-noi=denied`);
    } finally {
      graph.login.decide("approve");
    }
    expect(await connectionOf(channel.id)).toBeUndefined();
  });

  it("refuses a state started by someone else, an expired one, and one nobody issued", async () => {
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const channel = await page(graph.pageId);
    graph.login.grant([graph.pageId]);

    const back = await throughDialog(await startFlow(admin, channel.id));
    const rootAdmin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const stolen = await callBack(rootAdmin, back);
    expect(stolen.location).toBe(`/channels/${channel.id}?ket-noi=not_yours`);
    expect(await connectionOf(channel.id)).toBeUndefined();

    const late = await throughDialog(await startFlow(admin, channel.id));
    await t.db
      .update(channelConnectFlows)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(eq(channelConnectFlows.channelId, channel.id));
    expect((await callBack(admin, late)).location).toBe(`/channels/${channel.id}?ket-noi=state_expired`);

    const forged = new URL(back);
    forged.searchParams.set("state", "khong-ai-cap");
    expect((await callBack(admin, forged)).location).toBe("/channels?ket-noi=state_unknown");
    forged.searchParams.delete("state");
    expect((await callBack(admin, forged)).location).toBe("/channels?ket-noi=state_unknown");
    expect(await connectionOf(channel.id)).toBeUndefined();

    // Signed out: sent to sign in, nothing spent.
    const anonymous = await t.app.inject({ method: "GET", url: `${back.pathname}${back.search}` });
    expect([anonymous.statusCode, anonymous.headers.location]).toEqual([302, "/sign-in?next=%2Fchannels"]);
  });

  it("refuses the start to someone who may not manage the channel", async () => {
    const channel = await page(graph.pageId);
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    const refused = await rightAdmin.request({
      method: "POST",
      url: `/api/channels/${channel.id}/connection/flow`,
    });
    expect(refused.statusCode).toBe(403);
  });
});
