import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
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
import { findUnitByCodeOrId } from "../org/unit-queries.ts";
import { renderCard } from "./template.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let editor: SessionClient;
let approver: SessionClient;
let mediaDir = "";
let code = "";
let websiteId = "";
let photoId = "";

const longTitle =
  "Quyết định công nhận xã Tân Trào đạt chuẩn nông thôn mới nâng cao: người dân được hưởng lợi gì ở thôn bản vùng cao";

/** A landscape to stand in for a photo: sky, sun, hills and a field. */
function scene(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1600" height="1000"><rect width="1600" height="1000" fill="#8fc3ea"/><circle cx="1200" cy="260" r="90" fill="#ffd35c"/><path d="M0 560 Q300 380 620 540 T1600 500 V1000 H0Z" fill="#3f7d3a"/><path d="M0 700 Q400 620 800 700 T1600 680 V1000 H0Z" fill="#6aa84f"/></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}

function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

async function createPost(title: string, mediaIds: string[] = []) {
  const response = await editor.request({
    method: "POST",
    url: "/api/posts",
    payload: { unitId: org.left.id, title, bodyHtml: "<p>Nội dung.</p>", mediaIds, channelIds: [websiteId] },
  });
  expect(response.statusCode).toBe(201);
  return response.json() as { id: string; slug: string; variants: { id: string }[] };
}

async function publish(post: { id: string; variants: { id: string }[] }) {
  const variantId = post.variants[0]?.id;
  await editor.request({ method: "POST", url: `/api/variants/${variantId}/submit` });
  await approver.request({ method: "POST", url: `/api/variants/${variantId}/approve` });
  await editor.request({ method: "POST", url: `/api/variants/${variantId}/publish-now` });
  await eventually(
    async () =>
      (await editor.request({ method: "GET", url: `/api/posts/${post.id}` })).json().variants[0].status ===
      "published",
    { what: "the post to be published" },
  );
}

const card = (client: SessionClient, postId: string, query = "") =>
  client.request({ method: "GET", url: `/api/posts/${postId}/share-card.png${query}` });

beforeAll(async () => {
  mediaDir = await mkdtemp(join(tmpdir(), "caunoi-cards-"));
  t = await createTestApp({ env: { MEDIA_DIR: mediaDir } });
  org = await makeOrganisation(t.db);
  code = (await findUnitByCodeOrId(t.db, org.left.id))?.code ?? "";
  websiteId = (
    await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "website",
        url: `https://the-chia-se-${Date.now()}.gov.vn`,
        displayName: "Cổng xã",
      },
    )
  ).id;
  editor = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] })).email ?? "",
  );
  approver = await signInAs(
    t.app,
    (await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] })).email ?? "",
  );
  const uploaded = await editor.request({
    method: "POST",
    url: `/api/media?unitId=${org.left.id}&altText=${encodeURIComponent("Cánh đồng dưới chân đồi")}`,
    headers: { "content-type": "application/octet-stream" },
    payload: await scene(),
  });
  expect(uploaded.statusCode).toBe(201);
  photoId = uploaded.json().id;
});
afterAll(async () => {
  await t?.close();
  await rm(mediaDir, { recursive: true, force: true });
});

describe("share cards on the desk", () => {
  it("draws a post's card at 1200×630 and 1080×1080, then serves it from the disk until the post changes", async () => {
    const post = await createPost(longTitle, [photoId]);
    for (const [size, width, height] of [
      ["1200x630", 1200, 630],
      ["1080x1080", 1080, 1080],
    ] as const) {
      const first = await card(editor, post.id, `?size=${size}`);
      expect(first.statusCode).toBe(200);
      expect(first.headers["content-type"]).toBe("image/png");
      expect(first.headers["x-share-card"]).toBe("drawn");
      expect(pngSize(first.rawPayload)).toEqual({ width, height });
    }
    const cardDir = join(mediaDir, "share-cards", post.id);
    const [landscape] = (await readdir(cardDir)).filter((name) => name.startsWith("1200x630-"));
    const drawnAt = (await stat(join(cardDir, landscape as string))).mtimeMs;

    const again = await card(editor, post.id);
    expect(again.headers["x-share-card"]).toBe("cached");
    expect(pngSize(again.rawPayload)).toEqual({ width: 1200, height: 630 });
    expect((await stat(join(cardDir, landscape as string))).mtimeMs).toBe(drawnAt);

    const edited = await editor.request({
      method: "PATCH",
      url: `/api/posts/${post.id}`,
      payload: { title: "Hưởng ứng Ngày hội Đại đoàn kết toàn dân tộc ở thôn Tân Lập" },
    });
    expect(edited.statusCode).toBe(200);
    const redrawn = await card(editor, post.id);
    expect(redrawn.headers["x-share-card"]).toBe("drawn");
    expect(redrawn.rawPayload.equals(again.rawPayload)).toBe(false);
    // The old card of that size is gone; the square one stays until it is asked for again.
    const files = await readdir(cardDir);
    expect(files.filter((name) => name.startsWith("1200x630-"))).toHaveLength(1);
    expect(files).not.toContain(landscape);
    expect(files.filter((name) => name.startsWith("1080x1080-"))).toHaveLength(1);
  });

  it("offers the card as a download, and refuses another branch and anonymous callers", async () => {
    const post = await createPost("Thông báo lịch tiếp công dân tháng 12");
    const download = await card(editor, post.id, "?size=1080x1080&download=1");
    expect(download.statusCode).toBe(200);
    expect(download.headers["content-disposition"]).toBe(
      `attachment; filename="the-chia-se-${post.slug}-1080x1080.png"`,
    );
    expect(pngSize(download.rawPayload)).toEqual({ width: 1080, height: 1080 });

    const outsider = await signInAs(
      t.app,
      (await makePerson(t.db, { unitId: org.right.id, roles: ["editor"] })).email ?? "",
    );
    const refused = await card(outsider, post.id);
    expect(refused.statusCode).toBe(403);
    expect(refused.json().code).toBe("auth.forbidden");
    const anonymous = await t.app.inject({ method: "GET", url: `/api/posts/${post.id}/share-card.png` });
    expect(anonymous.statusCode).toBe(401);
    expect((await card(editor, post.id, "?size=800x800")).statusCode).toBe(400);
  });
});

describe("share cards of the portal", () => {
  it("answers only for a published article, publicly, and is the article page's OpenGraph image", async () => {
    const post = await createPost("Quyết định khen thưởng tập thể, cá nhân có thành tích xuất sắc", [
      photoId,
    ]);
    const address = `/u/${encodeURIComponent(code)}/${post.slug}/the-chia-se.png`;
    expect((await t.app.inject({ method: "GET", url: address })).statusCode).toBe(404);

    await publish(post);
    const response = await t.app.inject({ method: "GET", url: address });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-type"]).toBe("image/png");
    expect(response.headers["cache-control"]).toBe("public, max-age=3600");
    expect(pngSize(response.rawPayload)).toEqual({ width: 1200, height: 630 });
    const square = await t.app.inject({ method: "GET", url: `${address}?size=1080x1080` });
    expect(pngSize(square.rawPayload)).toEqual({ width: 1080, height: 1080 });

    const page = await t.app.inject({ method: "GET", url: `/u/${encodeURIComponent(code)}/${post.slug}` });
    const image = `http://caunoi.test/u/${encodeURIComponent(code)}/${post.slug}/the-chia-se.png`;
    expect(page.body).toContain(`<meta property="og:image" content="${image}">`);
    expect(page.body).toContain('<meta property="og:image:width" content="1200">');
    expect(page.body).toContain('<meta property="og:image:height" content="630">');
    expect(page.body).toContain(
      '<meta property="og:image:alt" content="Quyết định khen thưởng tập thể, cá nhân có thành tích xuất sắc">',
    );
    expect(page.body).toContain(`<meta name="twitter:image" content="${image}">`);
    // The page itself still shows the photo.
    expect(page.body).toMatch(/<figure class="cover"><img class="pic" src="http:\/\/caunoi\.test\/media\//);

    const elsewhere = (await findUnitByCodeOrId(t.db, org.right.id))?.code ?? "";
    expect(
      (
        await t.app.inject({
          method: "GET",
          url: `/u/${encodeURIComponent(elsewhere)}/${post.slug}/the-chia-se.png`,
        })
      ).statusCode,
    ).toBe(404);
  });
});

describe("the card template", () => {
  /** Pixels of a region that differ clearly from the panel's blue: the ink of the title. */
  async function ink(png: Buffer, region: { left: number; top: number; width: number; height: number }) {
    const { data } = await sharp(png).extract(region).raw().toBuffer({ resolveWithObject: true });
    let bright = 0;
    for (let i = 0; i < data.length; i += 3) {
      if ((data[i] as number) > 200 && (data[i + 1] as number) > 200 && (data[i + 2] as number) > 200) {
        bright += 1;
      }
    }
    return bright;
  }

  it("draws the title's glyphs, Vietnamese marks included", async () => {
    const unitName = "Ủy ban nhân dân xã Tân Trào";
    const titleArea = { left: 72, top: 330, width: 1056, height: 260 };
    const render = (title: string) => renderCard({ title, unitName, coverPath: null }, "1200x630");
    const empty = await render("");
    const vietnamese = await render("Quyết định hưởng ứng ở Đồng Tháp");
    const bare = await render("Quyet dinh huong ung o Dong Thap");
    const emptyInk = await ink(empty, titleArea);
    const vietnameseInk = await ink(vietnamese, titleArea);
    const bareInk = await ink(bare, titleArea);
    expect(emptyInk).toBe(0);
    expect(bareInk).toBeGreaterThan(5_000);
    // The same letters with their marks (ế, ị, ư, ở, ứ, ồ, Đ, á) carry more ink, not less: no glyph is missing.
    expect(vietnameseInk).toBeGreaterThan(bareInk);
  });
});
