import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { registerChannel } from "../channels/service.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let member: SessionClient;
let memberName = "";
let editor: SessionClient;
let approver: SessionClient;
let websiteId = "";

let shade = 0;

async function photo(client: SessionClient, altText: string) {
  // Each call a different picture: the library returns the existing item for the same bytes.
  shade += 40;
  const image = await sharp({
    create: { width: 64, height: 48, channels: 3, background: { r: shade, g: 125, b: 50 } },
  })
    .jpeg()
    .toBuffer();
  const response = await client.request({
    method: "POST",
    url: `/api/me/media?altText=${encodeURIComponent(altText)}&name=anh.jpg`,
    headers: { "content-type": "application/octet-stream" },
    payload: image,
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; unitId: string };
}

beforeAll(async () => {
  t = await createTestApp({ env: { MEDIA_DIR: `/tmp/caunoi-stories-${Date.now()}` } });
  org = await makeOrganisation(t.db);
  websiteId = (
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "website",
        url: `https://tin-${Date.now()}.gov.vn`,
        displayName: "Cổng xã",
      },
    )
  ).id;
  const person = await makePerson(t.db, { unitId: org.left.id, fullName: "Đoàn Viên Gửi Tin" });
  memberName = person.fullName;
  member = await signInAs(t.app, person.email ?? "");
  editor = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] })).email ?? "",
  );
  approver = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] })).email ?? "",
  );
});
afterAll(async () => {
  await t?.close();
});

describe("a member's story for the board", () => {
  it("arrives as a draft credited to the member, who sees it move to published", async () => {
    const picture = await photo(member, "Đoàn viên dọn vệ sinh đường làng");
    expect(picture.unitId).toBe(org.left.id);
    const sent = await member.request({
      method: "POST",
      url: "/api/me/stories",
      payload: {
        title: "Chi đoàn ra quân làm sạch đường làng",
        text: "Sáng Chủ nhật, 30 đoàn viên <ra quân>.\n\nCon đường dài 2 km đã sạch.",
        mediaIds: [picture.id],
      },
    });
    expect(sent.statusCode, sent.body).toBe(201);
    const storyId = sent.json().id;

    const mine = (await member.request({ method: "GET", url: "/api/me/stories" })).json();
    expect(mine.items[0]).toMatchObject({ id: storyId, stage: "received", links: [] });

    const post = (await editor.request({ method: "GET", url: `/api/posts/${storyId}` })).json();
    expect(post).toMatchObject({
      origin: "collaborator",
      credited: { fullName: memberName },
      bodyHtml: "<p>Sáng Chủ nhật, 30 đoàn viên &lt;ra quân&gt;.</p><p>Con đường dài 2 km đã sạch.</p>",
      mediaIds: [picture.id],
      variants: [],
    });

    const variant = (
      await editor.request({
        method: "POST",
        url: `/api/posts/${storyId}/variants`,
        payload: { channelId: websiteId },
      })
    ).json();
    await editor.request({ method: "POST", url: `/api/variants/${variant.id}/submit` });
    expect((await member.request({ method: "GET", url: "/api/me/stories" })).json().items[0].stage).toBe(
      "in_review",
    );
    await approver.request({ method: "POST", url: `/api/variants/${variant.id}/approve` });
    await editor.request({ method: "POST", url: `/api/variants/${variant.id}/publish-now` });
    const story = await eventually(
      async () => {
        const first = (await member.request({ method: "GET", url: "/api/me/stories" })).json().items[0];
        return first.stage === "published" && first;
      },
      { what: "the member's story to show as published" },
    );
    expect(story.links[0]).toMatchObject({ target: "portal" });
  });

  it("refuses photos the member did not upload", async () => {
    const other = await signInAs(t.app, (await makePerson(t.db, { unitId: org.left.id })).email ?? "");
    const theirs = await photo(other, "Ảnh của người khác");
    const refused = await member.request({
      method: "POST",
      url: "/api/me/stories",
      payload: { title: "Mượn ảnh", text: "Nội dung", mediaIds: [theirs.id] },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe("stories.media_not_yours");
  });

  it("needs a title and some text", async () => {
    const empty = await member.request({
      method: "POST",
      url: "/api/me/stories",
      payload: { title: " ", text: "" },
    });
    expect(empty.statusCode).toBe(400);
  });
});
