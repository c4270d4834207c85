import { randomBytes } from "node:crypto";
import { mkdtemp, readFile, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeServer, startFakeServer } from "../../../../../test/fakes/fake-http.ts";
import { type FakeZaloOa, startFakeZaloOa } from "../../../../../test/fakes/zalo-oa.ts";
import { makeOrganisation, signInAs } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { forPlatform, mediaPreparer, pictureRules } from "./renditions.ts";
import type { MediaForPublish, PublishRequest } from "./types.ts";
import { createZaloConnector } from "./zalo.ts";

let dir: string;
let zalo: FakeZaloOa;
/** Stands in for this server's public address: serves the library files and the renditions by name. */
let site: FakeServer;
const secretKey = randomBytes(32);

async function noisyJpeg(path: string, edge = 1600) {
  // Random noise compresses badly: a 1600 px JPEG at quality 95 is a few megabytes.
  const pixels = randomBytes(edge * edge * 3);
  await sharp(pixels, { raw: { width: edge, height: edge, channels: 3 } })
    .jpeg({ quality: 95 })
    .toFile(path);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "caunoi-renditions-test-"));
  zalo = await startFakeZaloOa();
  site = await startFakeServer(async (request, response) => {
    const file = join(dir, basename(request.path));
    const data = await readFile(file).catch(() => null);
    if (!data) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": "application/octet-stream" }).end(data);
  });
  await noisyJpeg(join(dir, "large.jpg"));
  await sharp({
    create: { width: 800, height: 600, channels: 4, background: { r: 0, g: 90, b: 200, alpha: 0.5 } },
  })
    .webp()
    .toFile(join(dir, "transparent.webp"));
  await sharp({ create: { width: 400, height: 300, channels: 3, background: "#c00" } })
    .jpeg()
    .toFile(join(dir, "small.jpg"));
});
afterAll(async () => {
  await zalo?.close();
  await site?.close();
  await rm(dir, { recursive: true, force: true });
});

function media(file: string, mime: string): MediaForPublish {
  return {
    id: crypto.randomUUID(),
    kind: "image",
    mime,
    url: `${site.origin}/media/${file}`,
    path: join(dir, file),
    altText: "Ảnh",
  };
}

const options = () => ({ secretKey, publicUrl: site.origin, dir });

describe("pictures made to fit each platform", () => {
  it("keeps a picture the platform takes, and makes a JPEG under 1 MB of a large JPEG and of a WebP for Zalo", async () => {
    const small = media("small.jpg", "image/jpeg");
    expect(await forPlatform(options(), small, "zalo")).toEqual(small);

    const large = media("large.jpg", "image/jpeg");
    expect((await stat(large.path)).size).toBeGreaterThan(pictureRules.zalo.maxBytes);
    const fitted = await forPlatform(options(), large, "zalo");
    expect(fitted.url).toMatch(
      new RegExp(`^${site.origin}/media-renditions/${large.id}-zalo-[\\w-]{22}\\.jpg$`),
    );
    expect(fitted.mime).toBe("image/jpeg");
    const data = await readFile(fitted.path);
    expect(data.length).toBeLessThan(1024 * 1024);
    expect([data[0], data[1]]).toEqual([0xff, 0xd8]);
    // Facebook takes up to 4 MB: the same picture may pass there untouched or shrink less.
    const forFacebook = await forPlatform(options(), large, "facebook");
    expect((await readFile(forFacebook.path)).length).toBeLessThanOrEqual(4 * 1024 * 1024);

    const webp = media("transparent.webp", "image/webp");
    for (const platform of ["zalo", "facebook"] as const) {
      const copy = await forPlatform(options(), webp, platform);
      expect(copy.mime).toBe("image/jpeg");
      expect((await sharp(copy.path).metadata()).format).toBe("jpeg");
    }
  });

  it("publishes a Zalo article whose WebP cover Zalo would refuse, through a JPEG copy Zalo fetches and accepts", async () => {
    const request = (prepared: boolean): PublishRequest => ({
      variantId: crypto.randomUUID(),
      idempotencyKey: crypto.randomUUID(),
      connection: { baseUrl: zalo.baseUrl, accountId: null, token: zalo.token },
      title: `Ngày hội đại đoàn kết ${prepared ? "có" : "không"} bản sao ảnh`,
      body: "<p>Khu dân cư tổ chức ngày hội.</p>",
      linkUrl: null,
      media: [media("transparent.webp", "image/webp"), media("large.jpg", "image/jpeg")],
      scheduledAt: null,
    });
    const plain = createZaloConnector({ timeoutMs: 5000, verifyAttempts: 1 });
    const refused = await plain.publish(request(false));
    expect(refused).toMatchObject({ kind: "needs_person", code: "verification_failed" });
    expect(refused.kind !== "published" && refused.message).toContain("jpg, png");

    const fitted = createZaloConnector({
      timeoutMs: 5000,
      verifyAttempts: 1,
      prepareMedia: mediaPreparer(options()),
    });
    const published = await fitted.publish(request(true));
    expect(published).toMatchObject({ kind: "published", externalUrl: expect.stringContaining("zalo.me") });
    const created = zalo.createCalls().at(-1)?.json as {
      cover: { photo_url: string };
      body: { url?: string }[];
    };
    expect(created.cover.photo_url).toMatch(/\/media-renditions\/.+-zalo-.+\.jpg$/);
    expect(created.body.find((part) => part.url)?.url).toMatch(/\/media-renditions\/.+-zalo-.+\.jpg$/);
  });
});

describe("the rendition address", () => {
  let t: TestApp;
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), "caunoi-renditions-app-"));
    t = await createTestApp({ env: { DATA_DIR: dataDir } });
  });
  afterAll(async () => {
    await t?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it("serves a copy made from the library for an address it issued, and 404 for any other name", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const upload = await admin.request({
      method: "POST",
      url: `/api/media?unitId=${org.left.id}&altText=${encodeURIComponent("Ảnh trong suốt")}&name=logo.webp`,
      headers: { "content-type": "application/octet-stream" },
      payload: await readFile(join(dir, "transparent.webp")),
    });
    expect(upload.statusCode).toBe(201);
    const item = upload.json() as { id: string };
    const { mediaForPublish } = await import("../../media/service.ts");
    const [library] = await mediaForPublish(t.db, [item.id], "http://caunoi.test");
    if (!library) {
      throw new Error("uploaded item not found");
    }
    expect(library.mime).toBe("image/webp");
    const copy = await forPlatform(
      { secretKey: t.app.deps.config.secretKey(), publicUrl: "http://caunoi.test", dir: join(dataDir, "r") },
      library,
      "zalo",
    );
    const path = new URL(copy.url).pathname;
    // Another instance (another cache directory) makes it again from the library.
    const served = await t.app.inject({ method: "GET", url: path });
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/jpeg");
    expect([served.rawPayload[0], served.rawPayload[1]]).toEqual([0xff, 0xd8]);
    expect(served.rawPayload.length).toBeLessThan(1024 * 1024);

    const forged = path.replace(/-zalo-[\w-]{22}/, `-zalo-${"A".repeat(22)}`);
    expect((await t.app.inject({ method: "GET", url: forged })).statusCode).toBe(404);
    expect(
      (await t.app.inject({ method: "GET", url: "/media-renditions/..%2F..%2Fsecret.key" })).statusCode,
    ).toBe(404);
  });
});
