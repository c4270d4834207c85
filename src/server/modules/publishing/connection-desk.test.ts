import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraph, startFakeGraph } from "../../../../test/fakes/facebook-graph.ts";
import { type FakeZaloOa, startFakeZaloOa } from "../../../../test/fakes/zalo-oa.ts";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { connectionEndpoints } from "../../../shared/api/connections.ts";
import { registerChannel } from "../channels/service.ts";

/*
 * What the desk does with a channel's connection: testing it against the platform's "who am I",
 * listing the channels that need connecting, and refusing to schedule a variant the scheduler
 * could not publish (while posting by hand stays open). Facebook and Zalo are the local fakes.
 */

let t: TestApp;
let graph: FakeGraph;
let zalo: FakeZaloOa;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let admin: SessionClient;
let editor: SessionClient;
let approver: SessionClient;

beforeAll(async () => {
  graph = await startFakeGraph();
  zalo = await startFakeZaloOa();
  t = await createTestApp({
    env: {
      CAUNOI_GRAPH_API_URL: graph.origin,
      CAUNOI_ZALO_API_URL: zalo.origin,
      CAUNOI_ZALO_OAUTH_URL: zalo.origin,
    },
  });
  org = await makeOrganisation(t.db);
  admin = await signInAs(t.app, org.leftAdmin.email ?? "");
  const writer = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
  const checker = await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] });
  editor = await signInAs(t.app, writer.email ?? "");
  approver = await signInAs(t.app, checker.email ?? "");
});
afterAll(async () => {
  await t?.close();
  await graph?.close();
  await zalo?.close();
});

const suffix = () => randomBytes(4).toString("hex");

async function channel(platform: "facebook_page" | "zalo_oa", name: string) {
  const url =
    platform === "facebook_page"
      ? `https://www.facebook.com/trang${suffix()}`
      : `https://zalo.me/${Date.now()}${Math.floor(Math.random() * 1000)}`;
  return registerChannel(
    { db: t.db, actor: null, ip: null },
    { unitId: org.left.id, platform, url, displayName: name },
  );
}

const testConnection = (channelId: string) =>
  admin.request({ method: "POST", url: `/api/channels/${channelId}/connection/test` });

async function needed(): Promise<{ channelId: string; state: string }[]> {
  const response = await admin.request({ method: "GET", url: `/api/connections/needed?pageSize=100` });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().items;
}

describe("a variant for an unconnected channel", () => {
  async function approvedVariant(channelId: string) {
    const created = await editor.request({
      method: "POST",
      url: "/api/posts",
      payload: {
        unitId: org.left.id,
        title: "Lịch tiếp công dân tháng 12",
        bodyHtml: "<p>Ủy ban nhân dân xã tiếp công dân vào thứ Năm hằng tuần.</p>",
        channelIds: [channelId],
      },
    });
    expect(created.statusCode, created.body).toBe(201);
    const variant = created.json().variants[0] as { id: string };
    expect(
      (await editor.request({ method: "POST", url: `/api/variants/${variant.id}/submit` })).statusCode,
    ).toBe(200);
    const approved = await approver.request({
      method: "POST",
      url: `/api/variants/${variant.id}/approve`,
      payload: {},
    });
    expect(approved.statusCode, approved.body).toBe(200);
    return variant.id;
  }

  it("is shown as not connected, cannot be scheduled or published now, and can still be recorded as posted by hand", async () => {
    const page = await channel("facebook_page", "Trang chưa kết nối");
    const variantId = await approvedVariant(page.id);

    const states = await editor.request({
      method: "GET",
      url: `/api/connections/states?channelIds=${page.id}`,
    });
    expect(states.json().items).toEqual([{ channelId: page.id, state: "not_connected" }]);

    for (const url of [`/api/variants/${variantId}/schedule`, `/api/variants/${variantId}/publish-now`]) {
      const refused = await editor.request({
        method: "POST",
        url,
        ...(url.endsWith("schedule")
          ? { payload: { at: new Date(Date.now() + 3_600_000).toISOString() } }
          : {}),
      });
      expect(refused.statusCode, url).toBe(409);
      expect(refused.json().code).toBe("publishing.channel_not_connected");
      expect(refused.json().messages.vi).toContain("chưa được kết nối");
      expect(refused.json().messages.en).toContain("not connected");
      expect(refused.body).not.toContain("facebook_page");
    }
    const detail = await editor.request({ method: "GET", url: `/api/variants/${variantId}/history` });
    expect(detail.json().items.map((item: { to: string }) => item.to)).not.toContain("scheduled");

    const byHand = await editor.request({
      method: "POST",
      url: `/api/variants/${variantId}/published-by-hand`,
      payload: { externalUrl: "https://www.facebook.com/trang/posts/123" },
    });
    expect(byHand.statusCode, byHand.body).toBe(200);
    expect(byHand.json()).toMatchObject({
      status: "published",
      externalUrl: "https://www.facebook.com/trang/posts/123",
    });
  });

  it("can be scheduled once the channel is connected, and not while the platform says its token expired", async () => {
    const page = await channel("facebook_page", "Trang sẽ kết nối");
    const variantId = await approvedVariant(page.id);
    const at = new Date(Date.now() + 3_600_000).toISOString();
    const schedule = () =>
      editor.request({ method: "POST", url: `/api/variants/${variantId}/schedule`, payload: { at } });
    await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { token: graph.token, accountId: graph.pageId },
    });
    graph.setMode("expired_token");
    try {
      expect((await testConnection(page.id)).json()).toMatchObject({ result: "expired", state: "expired" });
      const refused = await schedule();
      expect([refused.statusCode, refused.json().code]).toEqual([409, "publishing.channel_not_connected"]);
      expect(refused.json().messages.vi).toContain("hết hạn");
    } finally {
      graph.setMode("ok");
    }
    // Facebook accepts the token again (say the Page's admin restored the app): the test clears the mark.
    expect((await testConnection(page.id)).json()).toMatchObject({ result: "ok", state: "connected" });
    const scheduled = await schedule();
    expect(scheduled.statusCode, scheduled.body).toBe(200);
    expect(scheduled.json()).toMatchObject({ status: "scheduled", scheduledAt: at });
  });
});

describe("testing a connection", () => {
  it("asks Facebook who the Page token belongs to, and marks the channel expired when Facebook says so", async () => {
    const page = await channel("facebook_page", "Trang thử kết nối");
    expect((await needed()).find((item) => item.channelId === page.id)?.state).toBe("not_connected");
    // Not connected: nothing to test.
    expect((await testConnection(page.id)).statusCode).toBe(404);

    const saved = await admin.request({
      method: "PUT",
      url: `/api/channels/${page.id}/connection`,
      payload: { token: graph.token, accountId: graph.pageId },
    });
    expect(saved.statusCode, saved.body).toBe(200);
    // The expiry Facebook gives the token is taken at connection; 60 days left is not "expiring".
    expect(new Date(saved.json().tokenExpiresAt).getTime()).toBeCloseTo(graph.tokenExpiresAt.getTime(), -4);
    expect((await needed()).map((item) => item.channelId)).not.toContain(page.id);

    const ok = await testConnection(page.id);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ result: "ok", accountName: graph.pageName, state: "connected" });
    const asked = graph.received.filter((request) => request.path.endsWith("/me"));
    expect(asked.at(-1)?.headers.authorization).toBe(`Bearer ${graph.token}`);
    expect(ok.body).not.toContain(graph.token);

    graph.expireToken();
    const expired = await testConnection(page.id);
    expect(expired.json()).toMatchObject({ result: "expired", accountName: null, state: "expired" });
    const connection = await admin.request({ method: "GET", url: `/api/channels/${page.id}/connection` });
    expect(connection.json()).toMatchObject({ status: "needs_reconnect", statusReason: "token_expired" });
    expect((await needed()).find((item) => item.channelId === page.id)?.state).toBe("expired");
  });

  it("names the Zalo OA a working token belongs to, and reports a token Zalo refuses", async () => {
    const oa = await channel("zalo_oa", "Zalo OA thử kết nối");
    await admin.request({
      method: "PUT",
      url: `/api/channels/${oa.id}/connection`,
      payload: { token: zalo.token },
    });
    expect((await testConnection(oa.id)).json()).toMatchObject({
      result: "ok",
      accountName: zalo.oaName,
      state: "connected",
    });

    const other = await channel("zalo_oa", "Zalo OA mã sai");
    await admin.request({
      method: "PUT",
      url: `/api/channels/${other.id}/connection`,
      payload: { token: "zoa-khong-phai-ma-that" },
    });
    const refused = await testConnection(other.id);
    expect(refused.json()).toMatchObject({ result: "refused", state: "refused" });
    // The most urgent first: a refused token stops publishing already.
    const list = await needed();
    expect(list[0]?.state).toBe("refused");
    expect(list.find((item) => item.channelId === other.id)?.state).toBe("refused");

    // Saving the right token is reconnecting: the channel leaves the list.
    await admin.request({
      method: "PUT",
      url: `/api/channels/${other.id}/connection`,
      payload: { token: zalo.token },
    });
    expect((await needed()).map((item) => item.channelId)).not.toContain(other.id);
  });

  it("is refused to an administrator of another branch, and the list to a member", async () => {
    const page = await channel("facebook_page", "Trang bên trái");
    const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
    const attempt = await rightAdmin.request({
      method: "POST",
      url: `/api/channels/${page.id}/connection/test`,
    });
    expect(attempt.statusCode).toBe(403);
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const list = await (await signInAs(t.app, member.email ?? "")).request({
      method: "GET",
      url: "/api/connections/needed",
    });
    expect(list.statusCode).toBe(403);
  });
});

describe("the contract", () => {
  it("names exactly the connection routes the server serves, for the web's typed client", async () => {
    const spec = (await t.app.inject({ method: "GET", url: "/docs/json" })).json() as {
      paths: Record<string, Record<string, { tags?: string[] }>>;
    };
    const served = Object.entries(spec.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([, operation]) => operation.tags?.includes("connections"))
        .map(([method]) => `${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`),
    );
    expect(Object.keys(connectionEndpoints).sort()).toEqual(served.sort());
  });
});
