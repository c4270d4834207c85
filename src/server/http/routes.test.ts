import type { InjectOptions } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, makeUnit, signInAs } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import { campaigns, impersonationCandidates, mediaItems, shareKits } from "../db/schema/index.ts";
import { registerChannel } from "../modules/channels/service.ts";
import { declarationPurpose } from "../modules/declarations/purpose.ts";
import { grantRole } from "../modules/org/people-service.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
/** A person and a unit on the right-hand branch, the targets of the left administrator's attempts. */
let rightPerson: Awaited<ReturnType<typeof makePerson>>;
let rightChild: Awaited<ReturnType<typeof makeUnit>>;
let rightGrantId: string;
let rightChannelId: string;
let rightRequestId: string;
let rightReportId: string;
let rightPostId: string;
let rightVariantId: string;
let rightMediaId: string;
let rightKitId: string;
let rightCampaignId: string;
let rightCandidateId: string;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  rightPerson = await makePerson(t.db, { unitId: org.right.id });
  rightChild = await makeUnit(t.db, { parentId: org.right.id });
  const grants = await grantRole(
    { db: t.db, actor: null, ip: null },
    { personId: rightPerson.id, unitId: org.right.id, role: "editor" },
  );
  rightGrantId = grants[0]?.id ?? "";
  const channel = await registerChannel(
    { db: t.db, actor: null, ip: null },
    {
      unitId: org.right.id,
      platform: "facebook_page",
      url: "https://www.facebook.com/phuongbenphai",
      displayName: "Phường Bên Phải",
    },
  );
  rightChannelId = channel.id;
  // A declaration request and a member's hijack report on the right-hand branch.
  const rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
  const request = await rightAdmin.request({
    method: "POST",
    url: "/api/declaration-requests",
    payload: { unitId: org.right.id, title: "Rà soát", dueOn: "2099-12-31" },
  });
  rightRequestId = request.json().id;
  const member = await signInAs(t.app, rightPerson.email ?? "");
  const declared = await member.request({
    method: "POST",
    url: "/api/me/declarations",
    payload: {
      platform: "tiktok",
      url: "https://www.tiktok.com/@nguoibenphai",
      displayName: "Người bên phải",
      realName: true,
      consent: true,
      purposeVersion: declarationPurpose.version,
    },
  });
  const report = await member.request({
    method: "POST",
    url: `/api/me/declarations/${declared.json().id}/report`,
    payload: { kind: "compromised", happenedAt: new Date().toISOString() },
  });
  rightReportId = report.json().id;
  // A library row is enough: every attempt on it is refused before its file would be read.
  const [media] = await t.db
    .insert(mediaItems)
    .values({
      unitId: org.right.id,
      kind: "image",
      mime: "image/jpeg",
      bytes: 1,
      altText: "Ảnh của phường bên phải",
      storageKey: `${"ab".repeat(16)}.jpg`,
      sha256: "0".repeat(64),
    })
    .returning();
  rightMediaId = media?.id ?? "";
  const written = await member.request({
    method: "POST",
    url: "/api/posts",
    payload: {
      unitId: org.right.id,
      title: "Tin bên phải",
      bodyHtml: "<p>Nội dung</p>",
      channelIds: [rightChannelId],
    },
  });
  rightPostId = written.json().id;
  rightVariantId = written.json().variants[0].id;
  const [kit] = await t.db
    .insert(shareKits)
    .values({
      unitId: org.right.id,
      targetUrl: "https://www.facebook.com/phuongbenphai",
      title: "Tin bên phải",
      captions: ["Chia sẻ"],
      targetUnitIds: [org.right.id],
    })
    .returning();
  rightKitId = kit?.id ?? "";
  const [campaign] = await t.db
    .insert(campaigns)
    .values({
      unitId: org.right.id,
      name: "Chiến dịch bên phải",
      goalKind: "followers",
      goalTarget: 100,
      channelId: rightChannelId,
      startsOn: "2026-01-01",
      endsOn: "2099-12-31",
      unitIds: [org.right.id],
    })
    .returning();
  rightCampaignId = campaign?.id ?? "";
  const [candidate] = await t.db
    .insert(impersonationCandidates)
    .values({
      unitId: org.right.id,
      source: "checker",
      url: "https://www.facebook.com/giamaobenphai",
      urlKey: "facebook_page:giamaobenphai",
      displayName: "Giả mạo bên phải",
      score: 0.5,
    })
    .returning();
  rightCandidateId = candidate?.id ?? "";
});
afterAll(async () => {
  await t?.close();
});

const csv = Buffer.from("Họ và tên,E-mail\nTrần Thị Hoà,hoa@example.vn\n").toString("base64");
const channelCsv = Buffer.from("Tên kênh,Địa chỉ\nLấn sân,https://lan-san.gov.vn\n").toString("base64");

/**
 * For every route that acts on a unit: a request aimed at the right-hand branch. The left-hand
 * administrator must be refused each of them. A new unit-scoped route must be added here.
 */
function siblingAttempts(): Record<string, InjectOptions> {
  return {
    "POST /api/impersonation/candidates": {
      method: "POST",
      url: "/api/impersonation/candidates",
      payload: { url: "https://www.facebook.com/lansan123", displayName: "Lấn sân", unitId: org.right.id },
    },
    "POST /api/impersonation/candidates/import/preview": {
      method: "POST",
      url: "/api/impersonation/candidates/import/preview",
      payload: {
        unitId: org.right.id,
        fileName: "a.csv",
        contentBase64: Buffer.from("https://www.facebook.com/x1,X").toString("base64"),
      },
    },
    "POST /api/impersonation/candidates/import": {
      method: "POST",
      url: "/api/impersonation/candidates/import",
      payload: {
        unitId: org.right.id,
        fileName: "a.csv",
        contentBase64: Buffer.from("https://www.facebook.com/x1,X").toString("base64"),
      },
    },
    "GET /api/impersonation/candidates/:id": {
      method: "GET",
      url: `/api/impersonation/candidates/${rightCandidateId}`,
    },
    "PUT /api/impersonation/candidates/:id/screenshot": {
      method: "PUT",
      url: `/api/impersonation/candidates/${rightCandidateId}/screenshot`,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from("x"),
    },
    "GET /api/impersonation/candidates/:id/screenshot": {
      method: "GET",
      url: `/api/impersonation/candidates/${rightCandidateId}/screenshot`,
    },
    "POST /api/impersonation/candidates/:id/confirm": {
      method: "POST",
      url: `/api/impersonation/candidates/${rightCandidateId}/confirm`,
      payload: {},
    },
    "POST /api/impersonation/candidates/:id/dismiss": {
      method: "POST",
      url: `/api/impersonation/candidates/${rightCandidateId}/dismiss`,
      payload: { note: "Trái phép" },
    },
    "POST /api/impersonation/candidates/:id/reopen": {
      method: "POST",
      url: `/api/impersonation/candidates/${rightCandidateId}/reopen`,
      payload: {},
    },
    "GET /api/impersonation/candidates/:id/report-pack": {
      method: "GET",
      url: `/api/impersonation/candidates/${rightCandidateId}/report-pack`,
    },
    "GET /api/units/:id": { method: "GET", url: `/api/units/${org.right.id}` },
    "POST /api/units": {
      method: "POST",
      url: "/api/units",
      payload: { name: "Lấn sân", kind: "cell", parentId: org.right.id },
    },
    "PATCH /api/units/:id": {
      method: "PATCH",
      url: `/api/units/${org.right.id}`,
      payload: { name: "Đổi tên trái phép" },
    },
    "POST /api/units/:id/move": {
      method: "POST",
      url: `/api/units/${rightChild.id}/move`,
      payload: { parentId: org.left.id },
    },
    "POST /api/units/:id/merge": {
      method: "POST",
      url: `/api/units/${org.right.id}/merge`,
      payload: { targetId: org.left.id },
    },
    "POST /api/units/:id/dissolve": { method: "POST", url: `/api/units/${rightChild.id}/dissolve` },
    "POST /api/people": {
      method: "POST",
      url: "/api/people",
      payload: { fullName: "Người Lạ", email: "la@example.vn", unitId: org.right.id },
    },
    "GET /api/people/:id": { method: "GET", url: `/api/people/${rightPerson.id}` },
    "PATCH /api/people/:id": {
      method: "PATCH",
      url: `/api/people/${rightPerson.id}`,
      payload: { fullName: "Đổi Tên" },
    },
    "POST /api/people/:id/deactivate": { method: "POST", url: `/api/people/${rightPerson.id}/deactivate` },
    "POST /api/people/:id/reactivate": { method: "POST", url: `/api/people/${rightPerson.id}/reactivate` },
    "GET /api/people/:id/roles": { method: "GET", url: `/api/people/${rightPerson.id}/roles` },
    "POST /api/people/:id/invitation": { method: "POST", url: `/api/people/${rightPerson.id}/invitation` },
    "DELETE /api/people/:id/invitation": {
      method: "DELETE",
      url: `/api/people/${rightPerson.id}/invitation`,
    },
    "POST /api/people/invitations": {
      method: "POST",
      url: "/api/people/invitations",
      payload: { personIds: [rightPerson.id] },
    },
    "POST /api/people/:id/roles": {
      method: "POST",
      url: `/api/people/${rightPerson.id}/roles`,
      payload: { role: "administrator", unitId: org.right.id },
    },
    "DELETE /api/people/:id/roles/:grantId": {
      method: "DELETE",
      url: `/api/people/${rightPerson.id}/roles/${rightGrantId}`,
    },
    "POST /api/people/import/preview": {
      method: "POST",
      url: "/api/people/import/preview",
      payload: { unitId: org.right.id, fileName: "a.csv", contentBase64: csv },
    },
    "POST /api/people/import": {
      method: "POST",
      url: "/api/people/import",
      payload: { unitId: org.right.id, fileName: "a.csv", contentBase64: csv },
    },
    "POST /api/channels": {
      method: "POST",
      url: "/api/channels",
      payload: { unitId: org.right.id, platform: "website", url: "https://lan-san.gov.vn", displayName: "X" },
    },
    "GET /api/channels/:id": { method: "GET", url: `/api/channels/${rightChannelId}` },
    "PATCH /api/channels/:id": {
      method: "PATCH",
      url: `/api/channels/${rightChannelId}`,
      payload: { displayName: "Đổi tên trái phép" },
    },
    "POST /api/channels/:id/status": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/status`,
      payload: { status: "closed" },
    },
    "POST /api/channels/:id/hand-over": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/hand-over`,
      payload: { unitId: org.left.id },
    },
    "POST /api/channels/:id/verify": { method: "POST", url: `/api/channels/${rightChannelId}/verify` },
    "POST /api/channels/:id/remove": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/remove`,
      payload: { reason: "Xoá trái phép" },
    },
    "PUT /api/channels/:id/connection": {
      method: "PUT",
      url: `/api/channels/${rightChannelId}/connection`,
      payload: { token: "lấn-sân", accountId: "1234567890" },
    },
    "GET /api/channels/:id/connection": { method: "GET", url: `/api/channels/${rightChannelId}/connection` },
    "DELETE /api/channels/:id/connection": {
      method: "DELETE",
      url: `/api/channels/${rightChannelId}/connection`,
    },
    "POST /api/channels/:id/connection/test": {
      method: "POST",
      url: `/api/channels/${rightChannelId}/connection/test`,
    },
    "POST /api/channels/import/preview": {
      method: "POST",
      url: "/api/channels/import/preview",
      payload: { unitId: org.right.id, fileName: "a.csv", contentBase64: channelCsv },
    },
    "POST /api/channels/import": {
      method: "POST",
      url: "/api/channels/import",
      payload: { unitId: org.right.id, fileName: "a.csv", contentBase64: channelCsv },
    },
    "POST /api/declaration-requests": {
      method: "POST",
      url: "/api/declaration-requests",
      payload: { unitId: org.right.id, title: "Lấn sân", dueOn: "2099-12-31" },
    },
    "GET /api/declaration-requests/:id": {
      method: "GET",
      url: `/api/declaration-requests/${rightRequestId}`,
    },
    "POST /api/declaration-requests/:id/close": {
      method: "POST",
      url: `/api/declaration-requests/${rightRequestId}/close`,
    },
    "POST /api/declaration-alerts/:id/acknowledge": {
      method: "POST",
      url: `/api/declaration-alerts/${rightReportId}/acknowledge`,
    },
    "POST /api/media": {
      method: "POST",
      url: `/api/media?unitId=${org.right.id}&altText=${encodeURIComponent("Lấn sân bên phải")}`,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from([0xff, 0xd8, 0xff, 0xe0]),
    },
    "GET /api/media/:id": { method: "GET", url: `/api/media/${rightMediaId}` },
    "PATCH /api/media/:id": {
      method: "PATCH",
      url: `/api/media/${rightMediaId}`,
      payload: { altText: "Sửa mô tả trái phép" },
    },
    "DELETE /api/media/:id": { method: "DELETE", url: `/api/media/${rightMediaId}` },
    "POST /api/posts": {
      method: "POST",
      url: "/api/posts",
      payload: { unitId: org.right.id, title: "Lấn sân", bodyHtml: "" },
    },
    "GET /api/posts/:id": { method: "GET", url: `/api/posts/${rightPostId}` },
    "PATCH /api/posts/:id": {
      method: "PATCH",
      url: `/api/posts/${rightPostId}`,
      payload: { title: "Sửa trái phép" },
    },
    "GET /api/posts/:id/versions": { method: "GET", url: `/api/posts/${rightPostId}/versions` },
    "GET /api/posts/:id/share-card.png": {
      method: "GET",
      url: `/api/posts/${rightPostId}/share-card.png`,
    },
    "POST /api/posts/:id/variants": {
      method: "POST",
      url: `/api/posts/${rightPostId}/variants`,
      payload: { channelId: rightChannelId },
    },
    "PATCH /api/variants/:id": {
      method: "PATCH",
      url: `/api/variants/${rightVariantId}`,
      payload: { body: "x" },
    },
    "POST /api/variants/:id/submit": { method: "POST", url: `/api/variants/${rightVariantId}/submit` },
    "POST /api/variants/:id/approve": { method: "POST", url: `/api/variants/${rightVariantId}/approve` },
    "POST /api/variants/:id/unschedule": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/unschedule`,
    },
    "POST /api/variants/:id/publish-now": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/publish-now`,
    },
    "POST /api/variants/:id/reject": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/reject`,
      payload: { reason: "Trái phép" },
    },
    "POST /api/variants/:id/schedule": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/schedule`,
      payload: { at: "2099-01-01T00:00:00Z" },
    },
    "POST /api/variants/:id/published-by-hand": {
      method: "POST",
      url: `/api/variants/${rightVariantId}/published-by-hand`,
      payload: { externalUrl: "https://example.vn/x" },
    },
    "GET /api/variants/:id/history": { method: "GET", url: `/api/variants/${rightVariantId}/history` },
    "GET /api/units/:id/approval-policy": {
      method: "GET",
      url: `/api/units/${org.right.id}/approval-policy`,
    },
    "PUT /api/units/:id/approval-policy": {
      method: "PUT",
      url: `/api/units/${org.right.id}/approval-policy`,
      payload: { approverRoles: ["approver"] },
    },
    "DELETE /api/units/:id/approval-policy": {
      method: "DELETE",
      url: `/api/units/${org.right.id}/approval-policy`,
    },
    "POST /api/share-kits": {
      method: "POST",
      url: "/api/share-kits",
      payload: {
        unitId: org.right.id,
        url: "https://www.facebook.com/phuongbenphai",
        title: "Lấn sân",
        captions: ["X"],
      },
    },
    "GET /api/share-kits/:id": { method: "GET", url: `/api/share-kits/${rightKitId}` },
    "PATCH /api/share-kits/:id": {
      method: "PATCH",
      url: `/api/share-kits/${rightKitId}`,
      payload: { title: "Sửa trái phép" },
    },
    "POST /api/share-kits/:id/withdraw": { method: "POST", url: `/api/share-kits/${rightKitId}/withdraw` },
    "POST /api/share-kits/:id/reinstate": { method: "POST", url: `/api/share-kits/${rightKitId}/reinstate` },
    "GET /api/share-kits/:id/report": { method: "GET", url: `/api/share-kits/${rightKitId}/report` },
    "GET /api/share-kits/:id/report.xlsx": {
      method: "GET",
      url: `/api/share-kits/${rightKitId}/report.xlsx`,
    },
    "POST /api/campaigns": {
      method: "POST",
      url: "/api/campaigns",
      payload: {
        unitId: org.right.id,
        name: "Lấn sân",
        goalKind: "clicks",
        goalTarget: 1,
        startsOn: "2026-01-01",
        endsOn: "2026-02-01",
      },
    },
    "GET /api/campaigns/:id": { method: "GET", url: `/api/campaigns/${rightCampaignId}` },
    "PATCH /api/campaigns/:id": {
      method: "PATCH",
      url: `/api/campaigns/${rightCampaignId}`,
      payload: { name: "Sửa trái phép" },
    },
    "GET /api/campaigns/:id/followers": { method: "GET", url: `/api/campaigns/${rightCampaignId}/followers` },
    "POST /api/campaigns/:id/followers": {
      method: "POST",
      url: `/api/campaigns/${rightCampaignId}/followers`,
      payload: { onDate: "2026-06-01", followers: 1 },
    },
    "GET /api/campaigns/:id/report": { method: "GET", url: `/api/campaigns/${rightCampaignId}/report` },
    "GET /api/campaigns/:id/report.xlsx": {
      method: "GET",
      url: `/api/campaigns/${rightCampaignId}/report.xlsx`,
    },
    "PUT /api/settings/role-policies/:role": {
      method: "PUT",
      url: "/api/settings/role-policies/editor",
      payload: { requireTotp: true },
    },
  };
}

describe("route inventory", () => {
  it("every route declares its access, and every API route has request and response schemas", () => {
    const missing = t.app.registeredRoutes
      .filter((route) => !route.access)
      .map((r) => `${r.method} ${r.url}`);
    expect(missing).toEqual([]);
    const api = t.app.registeredRoutes.filter(
      (route) => route.url.startsWith("/api/") || route.url.endsWith("z"),
    );
    expect(api.length).toBeGreaterThan(20);
    const withoutSchema = api
      .filter((r) => !r.hasSchema || !r.hasResponseSchema)
      .map((r) => `${r.method} ${r.url}`);
    expect(withoutSchema).toEqual([]);
  });

  it("every unit-scoped route refuses an administrator of a sibling unit", async () => {
    const unitScoped = t.app.registeredRoutes
      .filter((route) => route.access && "permission" in route.access && route.access.unit)
      .map((route) => `${route.method} ${route.url}`);
    const attempts = siblingAttempts();
    expect(unitScoped.filter((key) => !(key in attempts))).toEqual([]);

    const leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
    for (const key of unitScoped) {
      const response = await leftAdmin.request(attempts[key] as InjectOptions);
      expect({ key, status: response.statusCode, code: response.json().code }).toEqual({
        key,
        status: 403,
        code: "auth.forbidden",
      });
    }
    // Nothing was changed by the refused attempts.
    const still = await (await signInAs(t.app, org.rootAdmin.email ?? "")).request({
      method: "GET",
      url: `/api/units/${org.right.id}`,
    });
    expect(still.json().name).toBe(org.right.name);
    expect(still.json().status).toBe("active");
  });

  it("every non-public route refuses an anonymous caller with 401", async () => {
    const attempts = siblingAttempts();
    const privateRoutes = t.app.registeredRoutes.filter(
      (route) => route.access && !("public" in route.access),
    );
    for (const route of privateRoutes) {
      const key = `${route.method} ${route.url}`;
      const request = attempts[key] ?? {
        method: route.method as InjectOptions["method"],
        url: route.url.replace(/:(\w+)/g, crypto.randomUUID()),
      };
      const response = await t.app.inject(request);
      expect({ key, status: response.statusCode }).toEqual({ key, status: 401 });
    }
  });

  it("a member without management roles is refused management of their own unit, and the staff's lists", async () => {
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const client = await signInAs(t.app, member.email ?? "");
    const create = await client.request({
      method: "POST",
      url: "/api/units",
      payload: { name: "X", kind: "cell", parentId: org.left.id },
    });
    expect(create.statusCode).toBe(403);
    const people = await client.request({ method: "GET", url: "/api/people" });
    expect(people.statusCode).toBe(403);
    // The unit tree, the channel registry and the media library are the staff's tools.
    for (const url of ["/api/units", `/api/units/${org.left.id}`, "/api/channels", "/api/media"]) {
      expect({ url, status: (await client.request({ method: "GET", url })).statusCode }).toEqual({
        url,
        status: 403,
      });
    }
  });

  it("serves the OpenAPI document generated from the route schemas", async () => {
    const response = await t.app.inject({ method: "GET", url: "/docs/json" });
    expect(response.statusCode).toBe(200);
    const spec = response.json();
    expect(spec.paths["/api/units"].get).toBeTruthy();
    expect(spec.paths["/api/people"].post.requestBody).toBeTruthy();
  });

  it("answers an unknown address with a bilingual 404, signed in or not", async () => {
    for (const url of ["/api/khong-co", "/khong-co-trang-nay"]) {
      const response = await t.app.inject({ method: "GET", url });
      expect(response.statusCode).toBe(404);
      expect(response.json().code).toBe("route.not_found");
      expect(response.json().messages.en).toBeTruthy();
    }
  });

  it("answers health and readiness", async () => {
    expect((await t.app.inject({ method: "GET", url: "/healthz" })).json()).toEqual({ status: "ok" });
    expect((await t.app.inject({ method: "GET", url: "/readyz" })).statusCode).toBe(200);
  });
});
