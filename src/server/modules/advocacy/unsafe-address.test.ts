import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { shareKits } from "../../db/schema/index.ts";
import { registerChannel } from "../channels/service.ts";
import { repairStoredVariantAddresses } from "../publishing/published.ts";
import { repairStoredKitTargets } from "./redirect-routes.ts";

/*
 * Finding 1 of the security review: a post recorded as published by hand at an ordinary Vietnamese
 * address, made into a share kit, and one anonymous click on its link ended the process (the address
 * went into the Location header as typed). Finding 8: the by-hand address of any site became a kit's
 * target without the registry check that typed addresses get.
 */

let t: TestApp;
let editor: SessionClient;
let approver: SessionClient;
let unitId = "";
let fanpageUrl = "";
let base = "";

/** A post for the fanpage, approved and recorded as published by hand at `address`; the answer of that. */
async function publishedByHand(address: string) {
  const written = await editor.request({
    method: "POST",
    url: "/api/posts",
    payload: {
      unitId,
      title: `Tin tức mới ${Math.random()}`,
      bodyHtml: "<p>Nội dung.</p>",
      channelIds: [fanpageChannelId],
    },
  });
  expect(written.statusCode).toBe(201);
  const post = written.json();
  const variantId = post.variants[0].id;
  expect(
    (await editor.request({ method: "POST", url: `/api/variants/${variantId}/submit` })).statusCode,
  ).toBe(200);
  expect(
    (await approver.request({ method: "POST", url: `/api/variants/${variantId}/approve` })).statusCode,
  ).toBe(200);
  const marked = await editor.request({
    method: "POST",
    url: `/api/variants/${variantId}/published-by-hand`,
    payload: { externalUrl: address },
  });
  return { postId: post.id as string, variantId: variantId as string, marked };
}

let fanpageChannelId = "";

async function kitOf(postId: string) {
  return editor.request({
    method: "POST",
    url: "/api/share-kits",
    payload: { unitId, postId, title: "Bộ tin", captions: ["Mời đọc"] },
  });
}

async function linkCodeOf(kitId: string): Promise<string> {
  const member = await makePerson(t.db, { unitId, roles: ["member"] });
  const client = await signInAs(t.app, member.email ?? "");
  const feed = (await client.request({ method: "GET", url: "/api/me/share-feed" })).json();
  const item = feed.items.find((candidate: { id: string }) => candidate.id === kitId);
  return item.link.code;
}

beforeAll(async () => {
  t = await createTestApp();
  const org = await makeOrganisation(t.db);
  unitId = org.left.id;
  fanpageUrl = `https://www.facebook.com/xabentrai${Date.now()}`;
  fanpageChannelId = (
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      { unitId, platform: "facebook_page", url: fanpageUrl, displayName: "Fanpage xã" },
    )
  ).id;
  editor = await signInAs(t.app, (await makePerson(t.db, { unitId, roles: ["editor"] })).email ?? "");
  approver = await signInAs(t.app, (await makePerson(t.db, { unitId, roles: ["approver"] })).email ?? "");
  await t.app.listen({ port: 0, host: "127.0.0.1" });
  const address = t.app.server.address();
  base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  await t?.close();
});

describe("addresses with Vietnamese letters", () => {
  it("are stored encoded when recorded by hand, and their kit's link redirects instead of crashing", async () => {
    const typed = `${fanpageUrl}/posts/tin-tức-mới`;
    const { postId, marked } = await publishedByHand(typed);
    expect(marked.statusCode).toBe(200);
    expect(marked.json().externalUrl).toBe(`${fanpageUrl}/posts/tin-t%E1%BB%A9c-m%E1%BB%9Bi`);
    const kit = await kitOf(postId);
    expect(kit.statusCode).toBe(201);
    const code = await linkCodeOf(kit.json().id);
    const followed = await fetch(`${base}/s/${code}`, { redirect: "manual" });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe(`${fanpageUrl}/posts/tin-t%E1%BB%A9c-m%E1%BB%9Bi`);
    // Still serving.
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it("stored as typed by an earlier version still redirect, encoded, and are repaired at start-up", async () => {
    const { postId } = await publishedByHand(`${fanpageUrl}/posts/bai-cu`);
    const kitId = (await kitOf(postId)).json().id;
    const code = await linkCodeOf(kitId);
    const legacy = `https://xã-bên-trái.gov.vn/tin tức/mới?q=đường`;
    await t.db.update(shareKits).set({ targetUrl: legacy }).where(eq(shareKits.id, kitId));
    // Forget the remembered target: the row changed behind the service's back.
    await editor.request({ method: "POST", url: `/api/share-kits/${kitId}/withdraw` });
    await editor.request({ method: "POST", url: `/api/share-kits/${kitId}/reinstate` });
    const followed = await fetch(`${base}/s/${code}`, { redirect: "manual" });
    expect(followed.status).toBe(302);
    expect(followed.headers.get("location")).toBe(
      "https://xn--x-bn-tri-fzan3f.gov.vn/tin%20t%E1%BB%A9c/m%E1%BB%9Bi?q=%C4%91%C6%B0%E1%BB%9Dng",
    );
    const repair = await repairStoredKitTargets(t.db);
    expect(repair.repaired).toBeGreaterThanOrEqual(1);
    const [row] = await t.db.select().from(shareKits).where(eq(shareKits.id, kitId));
    expect(row?.targetUrl).toMatch(/^[!-~]+$/);
    expect((await repairStoredKitTargets(t.db)).repaired).toBe(0);
  });

  it("that cannot be made into a header answer the unknown-link page, and the server goes on", async () => {
    const { postId } = await publishedByHand(`${fanpageUrl}/posts/hong`);
    const kitId = (await kitOf(postId)).json().id;
    const code = await linkCodeOf(kitId);
    await t.db
      .update(shareKits)
      .set({ targetUrl: "không phải địa chỉ\r\nSet-Cookie: x=1" })
      .where(eq(shareKits.id, kitId));
    await editor.request({ method: "POST", url: `/api/share-kits/${kitId}/withdraw` });
    await editor.request({ method: "POST", url: `/api/share-kits/${kitId}/reinstate` });
    const followed = await fetch(`${base}/s/${code}`, { redirect: "manual" });
    expect(followed.status).toBe(404);
    expect(followed.headers.get("set-cookie")).toBeNull();
    expect((await repairStoredKitTargets(t.db)).unrepairable).toContain(kitId);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    await t.db
      .update(shareKits)
      .set({ targetUrl: `${fanpageUrl}/posts/hong` })
      .where(eq(shareKits.id, kitId));
  });

  it("in a variant's published address are repaired at start-up", async () => {
    const { variantId } = await publishedByHand(`${fanpageUrl}/posts/bai-khac`);
    await t.db.execute(
      sql`update post_variants set external_url = ${`${fanpageUrl}/posts/bài khác`} where id = ${variantId}`,
    );
    const repair = await repairStoredVariantAddresses(t.db);
    expect(repair.repaired).toBe(1);
    const view = await editor.request({ method: "GET", url: `/api/variants/${variantId}/history` });
    expect(view.statusCode).toBe(200);
  });
});

describe("a by-hand published address", () => {
  it("is refused as a kit's target unless it lies on an official channel of the registry", async () => {
    const { postId, marked } = await publishedByHand("https://evil.example/phish");
    expect(marked.statusCode).toBe(200);
    const kit = await kitOf(postId);
    expect(kit.statusCode).toBe(400);
    expect(kit.json().code).toBe("advocacy.url_not_official");
  });

  it("must be an http(s) address", async () => {
    for (const externalUrl of ["javascript:alert(1)", "ftp://files.example/x", "tin tức"]) {
      const { marked } = await publishedByHand(externalUrl);
      expect({ externalUrl, status: marked.statusCode }).toEqual({ externalUrl, status: 400 });
      expect(marked.headers["content-type"]).toContain("application/problem+json");
    }
  });
});
