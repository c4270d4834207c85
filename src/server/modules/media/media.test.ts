import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32, deflateSync } from "node:zlib";
import { and, eq } from "drizzle-orm";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditEvents } from "../../db/schema/index.ts";
import { markPublished, mediaForPublish } from "./service.ts";

let t: TestApp;
let mediaDir: string;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let editor: SessionClient;

beforeAll(async () => {
  const dataDir = await mkdtemp(join(tmpdir(), "caunoi-media-"));
  mediaDir = join(dataDir, "media");
  t = await createTestApp({ env: { DATA_DIR: dataDir } });
  org = await makeOrganisation(t.db);
  const person = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"], fullName: "Lê Thu Trang" });
  editor = await signInAs(t.app, person.email ?? "");
});
afterAll(async () => {
  await t?.close();
  if (mediaDir) {
    await rm(join(mediaDir, ".."), { recursive: true, force: true });
  }
});

const solid = (width: number, height: number, colour = { r: 200, g: 30, b: 30 }) =>
  sharp({ create: { width, height, channels: 3, background: colour } });

/** A phone photo: stored sideways with an orientation tag, the place it was taken, the owner's name. */
async function phonePhoto(): Promise<Buffer> {
  return solid(400, 200)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Artist: "Nguyen Van Chup", Copyright: "Nguyen Van Chup" },
      IFD3: {
        GPSLatitudeRef: "N",
        GPSLatitude: "21/1 1/1 30/1",
        GPSLongitudeRef: "E",
        GPSLongitude: "105/1 51/1 0/1",
      },
    })
    .withXmp(
      '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:creator>Nguyen Van Chup</dc:creator></rdf:Description></rdf:RDF></x:xmpmeta>',
    )
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A few hundred bytes that declare 30,000 × 30,000 pixels: decoding it would take gigabytes. */
function pixelBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(30_000, 0);
  header.writeUInt32BE(30_000, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.alloc(1000))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
}

function upload(
  client: SessionClient,
  file: Buffer,
  query: { unitId?: string; altText?: string; name?: string } = {},
) {
  const params = new URLSearchParams({ unitId: query.unitId ?? org.left.id });
  if (query.altText !== undefined) {
    params.set("altText", query.altText);
  }
  if (query.name) {
    params.set("name", query.name);
  }
  return client.request({
    method: "POST",
    url: `/api/media?${params}`,
    headers: { "content-type": "application/octet-stream" },
    payload: file,
  });
}

const fetchFile = (url: string) => t.app.inject({ method: "GET", url });

describe("media library uploads", () => {
  it("re-encodes a phone photo upright with no EXIF, GPS or XMP left, and makes a smaller thumbnail", async () => {
    const original = await phonePhoto();
    expect((await sharp(original).metadata()).exif).toBeTruthy();
    const response = await upload(editor, original, {
      altText: "Lễ ra quân Tháng Thanh niên ở xã",
      name: "IMG_2041.jpg",
    });
    expect(response.statusCode).toBe(201);
    const item = response.json();
    expect(item).toMatchObject({
      kind: "image",
      mime: "image/jpeg",
      unitId: org.left.id,
      altText: "Lễ ra quân Tháng Thanh niên ở xã",
      originalName: "IMG_2041.jpg",
      duplicate: false,
      published: false,
      uploadedByName: "Lê Thu Trang",
      // The orientation tag said "turn a quarter": the stored picture is upright.
      width: 200,
      height: 400,
    });
    expect(item.url).toMatch(/^\/media\/[0-9a-f]{32}\.jpg$/);

    const served = await fetchFile(item.url);
    expect(served.statusCode).toBe(200);
    expect(served.headers["content-type"]).toBe("image/jpeg");
    expect(served.headers["x-content-type-options"]).toBe("nosniff");
    expect(served.headers["cache-control"]).toContain("immutable");
    expect(served.headers["cache-control"]).toContain("max-age=31536000");
    const stored = served.rawPayload;
    const meta = await sharp(stored).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    expect(stored.includes("Nguyen Van Chup")).toBe(false);
    expect(stored.includes("Exif")).toBe(false);

    const thumbnail = await fetchFile(item.thumbnailUrl);
    expect(thumbnail.statusCode).toBe(200);
    expect(thumbnail.headers["content-type"]).toBe("image/webp");
    const thumbMeta = await sharp(thumbnail.rawPayload).metadata();
    expect(thumbMeta.exif).toBeUndefined();
    expect(thumbMeta.height).toBeLessThanOrEqual(480);

    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "media.upload"), eq(auditEvents.targetId, item.id)));
    expect(audit).toHaveLength(1);
  });

  it("shrinks a large photo to a 2560 px edge and its thumbnail to 480 px", async () => {
    const big = await solid(3000, 1500, { r: 10, g: 120, b: 60 }).png().toBuffer();
    const response = await upload(editor, big, { altText: "Cánh đồng lúa chín ở Tân Trào" });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ width: 2560, height: 1280 });
    const thumbnail = await fetchFile(response.json().thumbnailUrl);
    expect(await sharp(thumbnail.rawPayload).metadata()).toMatchObject({ width: 480, height: 240 });
    expect(thumbnail.rawPayload.length).toBeLessThan(response.json().bytes);
  });

  it("decides the type from the bytes: a PNG named .jpg is taken, a text file named .jpg is not", async () => {
    const png = await solid(60, 40, { r: 0, g: 0, b: 255 }).png().toBuffer();
    const accepted = await upload(editor, png, { altText: "Biểu trưng màu xanh", name: "logo.jpg" });
    expect(accepted.statusCode).toBe(201);
    expect(accepted.json()).toMatchObject({ kind: "image", width: 60, height: 40 });

    const text = Buffer.from("Đây không phải là ảnh, chỉ là văn bản.\n".repeat(20));
    const refused = await upload(editor, text, { altText: "Không phải ảnh", name: "anh.jpg" });
    expect(refused.statusCode).toBe(415);
    expect(refused.json().code).toBe("media.type_unsupported");
    expect(refused.json().messages.vi).toContain("JPEG");
  });

  it("refuses an image over 20 MB and a pixel bomb, each with its own code, before decoding", async () => {
    const oversize = Buffer.concat([await solid(10, 10).jpeg().toBuffer(), Buffer.alloc(21 * 1024 * 1024)]);
    const tooLarge = await upload(editor, oversize, { altText: "Ảnh rất nặng" });
    expect(tooLarge.statusCode).toBe(413);
    expect(tooLarge.json().code).toBe("media.too_large");

    const bomb = await upload(editor, pixelBomb(), { altText: "Ảnh khai man kích thước" });
    expect(bomb.statusCode).toBe(400);
    expect(bomb.json().code).toBe("media.too_many_pixels");
    expect(bomb.json().messages.vi).toContain("30000×30000");

    // Nothing refused is left on disk.
    expect(await readdir(join(mediaDir, "incoming"))).toEqual([]);
  });

  it("requires alt text for an image, within 5 to 500 characters", async () => {
    const image = await solid(30, 30, { r: 1, g: 2, b: 3 }).png().toBuffer();
    const missing = await upload(editor, image);
    expect(missing.statusCode).toBe(400);
    expect(missing.json().code).toBe("media.alt_text_required");
    expect(missing.json().messages.vi).toContain("mô tả ảnh");
    const short = await upload(editor, image, { altText: "Ảnh" });
    expect(short.json().code).toBe("media.alt_text_too_short");
    const long = await upload(editor, image, { altText: "Ảnh dài ".repeat(80) });
    expect(long.json().code).toBe("media.alt_text_too_long");
  });

  it("returns the existing item when the same file is uploaded again to the same unit", async () => {
    const image = await solid(50, 50, { r: 9, g: 9, b: 9 }).jpeg().toBuffer();
    const first = await upload(editor, image, { altText: "Hội nghị giao ban quý" });
    const again = await upload(editor, image, { altText: "Lần tải thứ hai" });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({
      id: first.json().id,
      duplicate: true,
      altText: "Hội nghị giao ban quý",
    });
  });

  it("keeps an MP4 video as sent, reading its size and length and blanking the place it was filmed", async () => {
    const video = mp4WithLocation();
    const response = await upload(editor, video, { name: "clip.mp4" });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({
      kind: "video",
      mime: "video/mp4",
      width: 1280,
      height: 720,
      durationSeconds: 12,
      altText: "",
      thumbnailUrl: null,
      bytes: video.length,
    });
    const served = await fetchFile(response.json().url);
    expect(served.headers["content-type"]).toBe("video/mp4");
    expect(served.rawPayload.length).toBe(video.length);
    expect(served.rawPayload.includes("+21.0250+105.8542/")).toBe(false);
    const partial = await t.app.inject({
      method: "GET",
      url: response.json().url,
      headers: { range: "bytes=0-15" },
    });
    expect(partial.statusCode).toBe(206);
  });
});

/** ftyp + moov(mvhd, trak(tkhd, mdia(hdlr vide)), udta(©xyz)) + mdat: the boxes a phone writes. */
function mp4WithLocation(): Buffer {
  const box = (type: string, ...parts: Buffer[]) => {
    const body = Buffer.concat(parts);
    const header = Buffer.alloc(8);
    header.writeUInt32BE(body.length + 8);
    header.write(type, 4, "latin1");
    return Buffer.concat([header, body]);
  };
  const mvhd = Buffer.alloc(100);
  mvhd.writeUInt32BE(1000, 12);
  mvhd.writeUInt32BE(12_000, 16);
  const tkhd = Buffer.alloc(84);
  tkhd.writeUInt32BE(1280 * 65536, 76);
  tkhd.writeUInt32BE(720 * 65536, 80);
  const hdlr = Buffer.alloc(24);
  hdlr.write("vide", 8, "latin1");
  const ftyp = Buffer.concat([
    Buffer.from("isom", "latin1"),
    Buffer.alloc(4),
    Buffer.from("isomiso2avc1mp41", "latin1"),
  ]);
  return Buffer.concat([
    box("ftyp", ftyp),
    box(
      "moov",
      box("mvhd", mvhd),
      box("trak", box("tkhd", tkhd), box("mdia", box("hdlr", hdlr))),
      box("udta", box("©xyz", Buffer.from("+21.0250+105.8542/", "latin1"))),
    ),
    box("mdat", Buffer.alloc(5000, 7)),
  ]);
}

describe("media library reading and changes", () => {
  it("lists a unit's library newest first, filtered by kind and by alt text without diacritics", async () => {
    const first = await upload(editor, await solid(20, 20, { r: 100, g: 0, b: 0 }).jpeg().toBuffer(), {
      altText: "Đoàn viên dọn vệ sinh đường làng",
    });
    const second = await upload(editor, await solid(20, 20, { r: 0, g: 100, b: 0 }).jpeg().toBuffer(), {
      altText: "Trao quà cho hộ nghèo",
    });
    const list = await editor.request({ method: "GET", url: `/api/media?unitId=${org.left.id}&kind=image` });
    expect(list.statusCode).toBe(200);
    const ids = list.json().items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(second.json().id)).toBeLessThan(ids.indexOf(first.json().id));
    expect(list.json().items.every((item: { kind: string }) => item.kind === "image")).toBe(true);

    const search = await editor.request({
      method: "GET",
      url: `/api/media?q=${encodeURIComponent("doan vien DON ve sinh")}`,
    });
    expect(search.json().items.map((item: { id: string }) => item.id)).toEqual([first.json().id]);
    const videos = await editor.request({ method: "GET", url: "/api/media?kind=video" });
    expect(videos.json().items.every((item: { kind: string }) => item.kind === "video")).toBe(true);
  });

  it("edits the alt text and deletes an item, whose file then stops answering; audited", async () => {
    const created = await upload(editor, await solid(21, 21, { r: 3, g: 3, b: 3 }).jpeg().toBuffer(), {
      altText: "Ảnh tạm",
    });
    const id = created.json().id;
    const edited = await editor.request({
      method: "PATCH",
      url: `/api/media/${id}`,
      payload: { altText: "Chủ tịch xã phát biểu khai mạc" },
    });
    expect(edited.statusCode).toBe(200);
    expect(edited.json().altText).toBe("Chủ tịch xã phát biểu khai mạc");
    const tooShort = await editor.request({
      method: "PATCH",
      url: `/api/media/${id}`,
      payload: { altText: "  " },
    });
    expect(tooShort.json().code).toBe("media.alt_text_required");

    const deleted = await editor.request({ method: "DELETE", url: `/api/media/${id}` });
    expect(deleted.statusCode).toBe(200);
    expect((await fetchFile(created.json().url)).statusCode).toBe(404);
    expect((await editor.request({ method: "GET", url: `/api/media/${id}` })).statusCode).toBe(404);
    const actions = await t.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.targetId, id));
    expect(actions.map((row) => row.action).sort()).toEqual([
      "media.alt_text",
      "media.delete",
      "media.upload",
    ]);
  });

  it("hands the publishing desk its items in order, and refuses to delete one once published", async () => {
    const a = await upload(editor, await solid(22, 22, { r: 4, g: 4, b: 4 }).jpeg().toBuffer(), {
      altText: "Ảnh thứ nhất",
    });
    const b = await upload(editor, await solid(23, 23, { r: 5, g: 5, b: 5 }).jpeg().toBuffer(), {
      altText: "Ảnh thứ hai",
    });
    const forPublish = await mediaForPublish(t.db, [b.json().id, a.json().id], "https://caunoi.example/");
    expect(forPublish.map((item) => item.id)).toEqual([b.json().id, a.json().id]);
    expect(forPublish[0]).toMatchObject({
      kind: "image",
      mime: "image/jpeg",
      altText: "Ảnh thứ hai",
      url: `https://caunoi.example${b.json().url}`,
    });
    expect(forPublish[0]?.path.startsWith(mediaDir)).toBe(true);

    await markPublished(t.db, [a.json().id]);
    const refused = await editor.request({ method: "DELETE", url: `/api/media/${a.json().id}` });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().code).toBe("media.published");
    expect((await fetchFile(a.json().url)).statusCode).toBe(200);
  });

  it("never serves anything but a stored key: traversal and look-alike addresses answer 404", async () => {
    for (const url of [
      "/media/..%2F..%2Fetc%2Fpasswd",
      "/media/..%2Fincoming",
      "/media/%2e%2e%2fsecret.key",
      "/media/0123456789abcdef0123456789abcdef.jpg",
      "/media/0123456789abcdef0123456789abcdef.html",
      "/media/0123456789ABCDEF0123456789ABCDEF.jpg",
    ]) {
      const response = await fetchFile(url);
      expect({ url, status: response.statusCode }).toEqual({ url, status: 404 });
    }
  });

  it("tells each reader of the library which items they may change, as the change routes decide", async () => {
    const created = await upload(editor, await solid(23, 23, { r: 9, g: 90, b: 9 }).jpeg().toBuffer(), {
      altText: "Ảnh hội nghị của xã",
    });
    const id = created.json().id;
    const approver = await makePerson(t.db, { unitId: org.left.id, roles: ["approver"] });
    const readers = { editor, approver: await signInAs(t.app, approver.email ?? "") };
    const answers: Record<string, boolean> = {};
    for (const [name, client] of Object.entries(readers)) {
      const listed = (
        await client.request({ method: "GET", url: `/api/media?unitId=${org.left.id}` })
      ).json();
      const item = listed.items.find((candidate: { id: string }) => candidate.id === id);
      const edit = await client.request({
        method: "PATCH",
        url: `/api/media/${id}`,
        payload: { altText: `Ảnh hội nghị của xã (${name})` },
      });
      expect({ name, canManage: item.canManage }).toEqual({ name, canManage: edit.statusCode === 200 });
      answers[name] = item.canManage;
    }
    expect(answers).toEqual({ editor: true, approver: false });
  });

  it("refuses an editor of a sibling unit, and a member, any change to the library (and a member its contents)", async () => {
    const created = await upload(editor, await solid(24, 24, { r: 6, g: 6, b: 6 }).jpeg().toBuffer(), {
      altText: "Ảnh của xã bên trái",
    });
    const rightEditor = await makePerson(t.db, { unitId: org.right.id, roles: ["editor"] });
    const sibling = await signInAs(t.app, rightEditor.email ?? "");
    const image = await solid(25, 25).jpeg().toBuffer();
    expect((await upload(sibling, image, { altText: "Lấn sân bên trái" })).statusCode).toBe(403);
    expect(
      (await sibling.request({ method: "GET", url: `/api/media/${created.json().id}` })).statusCode,
    ).toBe(403);
    expect(
      (
        await sibling.request({
          method: "PATCH",
          url: `/api/media/${created.json().id}`,
          payload: { altText: "Sửa trái phép" },
        })
      ).statusCode,
    ).toBe(403);
    expect(
      (await sibling.request({ method: "DELETE", url: `/api/media/${created.json().id}` })).statusCode,
    ).toBe(403);
    const theirs = await sibling.request({ method: "GET", url: "/api/media" });
    expect(theirs.json().items.some((item: { unitId: string }) => item.unitId === org.left.id)).toBe(false);

    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const memberClient = await signInAs(t.app, member.email ?? "");
    expect((await upload(memberClient, image, { altText: "Thành viên tải ảnh" })).statusCode).toBe(403);
    expect(
      (await memberClient.request({ method: "GET", url: `/api/media/${created.json().id}` })).statusCode,
    ).toBe(403);
  });
});
