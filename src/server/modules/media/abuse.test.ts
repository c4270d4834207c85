import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";

/*
 * What one member can make the server do with uploads (security review, issue 9, finding 9): an image
 * that is cheap to send and dear to decode, and an unbounded volume of uploads.
 */

let t: TestApp;
let dataDir: string;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let member: SessionClient;
let editor: SessionClient;

/** The quota of this test app: 64 KB a day, so that a few small files use it up. */
const quotaBytes = 64 * 1024;

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), "caunoi-media-abuse-"));
  t = await createTestApp({
    env: { DATA_DIR: dataDir, MEDIA_MEMBER_QUOTA_MB: String(quotaBytes / 1024 / 1024) },
  });
  org = await makeOrganisation(t.db);
  const person = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
  member = await signInAs(t.app, person.email ?? "");
  const board = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
  editor = await signInAs(t.app, board.email ?? "");
});
afterAll(async () => {
  await t?.close();
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A real, complete greyscale PNG of `width` × `height`: every row a filter byte and black pixels. */
function blackPng(width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 0, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.alloc((width + 1) * height), { level: 9 })),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

/** Random bytes behind an MP4 header: kept as sent, so what it stores is exactly its size. */
function video(bytes: number): Buffer {
  const ftyp = Buffer.alloc(24);
  ftyp.writeUInt32BE(24);
  ftyp.write("ftypisom", 4, "latin1");
  ftyp.write("isomiso2", 16, "latin1");
  const mdat = Buffer.alloc(8);
  mdat.writeUInt32BE(bytes - 24);
  mdat.write("mdat", 4, "latin1");
  return Buffer.concat([ftyp, mdat, randomBytes(bytes - 32)]);
}

const send = (client: SessionClient, url: string, file: Buffer, altText?: string) =>
  client.request({
    method: "POST",
    url: altText ? `${url}${url.includes("?") ? "&" : "?"}altText=${encodeURIComponent(altText)}` : url,
    headers: { "content-type": "application/octet-stream" },
    payload: file,
  });

describe("images too elongated to decode cheaply", () => {
  it("refuses a 76 KB PNG of 1 × 39,000,000 pixels from its header, in well under a second", async () => {
    const strip = blackPng(1, 39_000_000);
    expect(strip.length).toBeLessThan(100 * 1024);
    const started = performance.now();
    const response = await send(member, "/api/me/media", strip, "Một dải ảnh rất dài");
    const ms = performance.now() - started;
    console.log(
      `1 × 39,000,000 PNG of ${(strip.length / 1024).toFixed(0)} KB refused in ${ms.toFixed(0)} ms`,
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers["content-type"]).toContain("application/problem+json");
    expect(response.json()).toMatchObject({
      code: "media.image_shape",
      errors: { width: 1, height: 39_000_000, maxEdge: 20_000, maxAspectRatio: 50 },
    });
    expect(response.json().messages.vi).toContain("Vui lòng chọn ảnh");
    expect(ms).toBeLessThan(1000);
  });

  it("refuses an edge over 20,000 pixels and a shape longer than 50:1, and takes a 50:1 banner", async () => {
    const wide = await send(
      editor,
      `/api/media?unitId=${org.left.id}`,
      blackPng(20_001, 2),
      "Ảnh rộng quá mức",
    );
    expect(wide.json().code).toBe("media.image_shape");
    const thin = await send(
      editor,
      `/api/media?unitId=${org.left.id}`,
      blackPng(1020, 20),
      "Dải băng rôn mảnh",
    );
    expect(thin.json().code).toBe("media.image_shape");
    const banner = await send(
      editor,
      `/api/media?unitId=${org.left.id}`,
      await sharp({ create: { width: 1000, height: 20, channels: 3, background: "#c00" } })
        .png()
        .toBuffer(),
      "Băng rôn chào mừng",
    );
    expect(banner.statusCode).toBe(201);
  });
});

describe("the members' upload quota", () => {
  it("refuses what would go over the quota of 24 hours, and then anything, with 429 problem+json", async () => {
    const first = await send(member, "/api/me/media", video(40 * 1024));
    expect(first.statusCode).toBe(201);
    // 40 KB used: 30 KB more would make 70 KB of 64.
    const over = await send(member, "/api/me/media", video(30 * 1024));
    expect(over.statusCode).toBe(429);
    expect(over.headers["content-type"]).toContain("application/problem+json");
    expect(over.json()).toMatchObject({
      code: "media.quota_exceeded",
      errors: { quotaBytes, usedBytes: 40 * 1024 },
    });
    expect(over.json().messages.vi).toContain("Vui lòng thử lại sau");
    // Nothing of the refused file was kept.
    const mine = await editor.request({ method: "GET", url: `/api/media?unitId=${org.left.id}&kind=video` });
    expect(mine.json().total).toBe(1);

    const fits = await send(member, "/api/me/media", video(24 * 1024));
    expect(fits.statusCode).toBe(201);
    // 64 KB used: even a tiny file is refused before its bytes are read.
    const full = await send(member, "/api/me/media", video(1024));
    expect(full.statusCode).toBe(429);
    expect(full.json().errors.usedBytes).toBe(64 * 1024);
  });

  it("leaves the board's own library uploads alone", async () => {
    const response = await send(editor, `/api/media?unitId=${org.left.id}`, video(100 * 1024));
    expect(response.statusCode).toBe(201);
  });
});
