import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Response as LightMyRequestResponse } from "light-my-request";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { registerChannel } from "../channels/service.ts";

/*
 * Photos a post may carry (security review, issue 9, finding 14): a post took any library item by
 * id, so an editor could publish another unit's unpublished photo (and lock it there as published).
 */

let t: TestApp;
let dataDir: string;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let leftEditor: SessionClient;
let rightEditor: SessionClient;
let rootEditor: SessionClient;
let websiteId = "";
let shade = 0;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "caunoi-media-scope-"));
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
  org = await makeOrganisation(t.db);
  websiteId = (
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "website",
        url: `https://xa-${Date.now()}.gov.vn`,
        displayName: "Cổng xã",
      },
    )
  ).id;
  const signIn = async (unitId: string) =>
    signInAs(t.app, (await makePerson(t.db, { unitId, roles: ["editor"] })).email ?? "");
  leftEditor = await signIn(org.left.id);
  rightEditor = await signIn(org.right.id);
  rootEditor = await signIn(org.root.id);
});
afterAll(async () => {
  await t?.close();
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

/** A photo in `unitId`'s library, each one different (the same bytes would return the same item). */
async function photo(client: SessionClient, unitId: string): Promise<string> {
  shade += 30;
  const image = await sharp({
    create: { width: 40, height: 30, channels: 3, background: { r: shade, g: 90, b: 9 } },
  })
    .jpeg()
    .toBuffer();
  const response = await client.request({
    method: "POST",
    url: `/api/media?unitId=${unitId}&altText=${encodeURIComponent("Ảnh hoạt động của đơn vị")}`,
    headers: { "content-type": "application/octet-stream" },
    payload: image,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().id;
}

const write = (client: SessionClient, unitId: string, mediaIds: string[], channelIds: string[] = []) =>
  client.request({
    method: "POST",
    url: "/api/posts",
    payload: { unitId, title: "Ra quân tình nguyện", bodyHtml: "<p>Nội dung</p>", mediaIds, channelIds },
  });

function expectOutOfScope(response: LightMyRequestResponse) {
  expect(response.statusCode).toBe(403);
  expect(String(response.headers["content-type"])).toContain("application/problem+json");
  expect(response.json().code).toBe("publishing.media_out_of_scope");
  expect(response.json().messages.vi).toContain("Vui lòng chọn ảnh, video khác");
}

describe("library items on a post", () => {
  it("refuses a photo of another unit's library on a new post, an edited post and an edited variant", async () => {
    const theirs = await photo(rightEditor, org.right.id);
    const ours = await photo(leftEditor, org.left.id);
    const refused = await write(leftEditor, org.left.id, [ours, theirs]);
    expectOutOfScope(refused);
    expect(refused.json().errors).toEqual({ ids: [theirs] });

    const created = await write(leftEditor, org.left.id, [ours], [websiteId]);
    expect(created.statusCode, created.body).toBe(201);
    const post = created.json();
    expectOutOfScope(
      await leftEditor.request({
        method: "PATCH",
        url: `/api/posts/${post.id}`,
        payload: { mediaIds: [theirs] },
      }),
    );
    const variant = post.variants[0];
    expectOutOfScope(
      await leftEditor.request({
        method: "PATCH",
        url: `/api/variants/${variant.id}`,
        payload: { mediaIds: [theirs] },
      }),
    );
    const kept = await leftEditor.request({ method: "GET", url: `/api/posts/${post.id}` });
    expect(kept.json().mediaIds).toEqual([ours]);
  });

  it("takes photos of the post's unit and the units below it, and of units the editor writes for", async () => {
    const commune = await photo(leftEditor, org.left.id);
    const below = await makeUnit(t.db, { name: "Chi đoàn thôn Một", parentId: org.left.id });
    const village = await photo(leftEditor, below.id);
    expect((await write(leftEditor, org.left.id, [commune, village])).statusCode).toBe(201);
    // A province editor may use a commune's photo on the province's own post.
    expect((await write(rootEditor, org.root.id, [commune])).statusCode).toBe(201);
    // A commune's editor may not take the province's photo: the province is above, not theirs.
    const provincial = await photo(rootEditor, org.root.id);
    expectOutOfScope(await write(leftEditor, org.left.id, [provincial]));
    // The province's editor may put it on a commune's post: they write for both.
    expect((await write(rootEditor, org.left.id, [provincial])).statusCode).toBe(201);
  });
});
