import { randomBytes } from "node:crypto";
import { inflateRawSync, inflateSync } from "node:zlib";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, signInAs } from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { registerChannel } from "../../channels/index.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const suffix = () => randomBytes(4).toString("hex");

/** The entries of a ZIP archive, read from its central directory (stored or deflated). */
function unzip(zip: Buffer): Map<string, Buffer> {
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const extraLength = zip.readUInt16LE(at + 30);
    const commentLength = zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    const name = zip.subarray(at + 46, at + 46 + nameLength).toString("utf8");
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : Buffer.from(data));
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/**
 * The text a PDF written by pdfkit shows: each font's ToUnicode map turns the glyph ids of the
 * content streams' Tj/TJ strings back into characters, in drawing order.
 */
function pdfText(pdf: Buffer): string {
  const source = pdf.toString("latin1");
  const objects = new Map<string, { dict: string; stream: string | null }>();
  // Objects are read in order, each stream by its /Length: compressed bytes may hold "endobj" or
  // "endstream" by chance (the page's text changes with every run's random names), so searching
  // for those words cut a stream short now and then.
  const header = /(\d+) 0 obj\s*/g;
  for (let match = header.exec(source); match; match = header.exec(source)) {
    const start = match.index + match[0].length;
    const endObject = source.indexOf("endobj", start);
    const streamWord = source.indexOf("stream", start);
    if (streamWord < 0 || (endObject >= 0 && endObject < streamWord)) {
      objects.set(match[1] as string, { dict: source.slice(start, endObject), stream: null });
      header.lastIndex = endObject;
      continue;
    }
    const dict = source.slice(start, streamWord);
    const length = Number(/\/Length (\d+)/.exec(dict)?.[1] ?? Number.NaN);
    let dataStart = streamWord + "stream".length;
    dataStart += source.startsWith("\r\n", dataStart) ? 2 : source[dataStart] === "\n" ? 1 : 0;
    const raw = Buffer.from(source.slice(dataStart, dataStart + length), "latin1");
    const stream = (/FlateDecode/.test(dict) ? inflateSync(raw) : raw).toString("latin1");
    objects.set(match[1] as string, { dict, stream });
    header.lastIndex = dataStart + length;
  }
  const cmaps = new Map<string, Map<number, string>>();
  for (const [id, object] of objects) {
    const toUnicode = /\/ToUnicode (\d+) 0 R/.exec(object.dict);
    const cmapSource = toUnicode ? objects.get(toUnicode[1] as string)?.stream : null;
    if (!cmapSource) {
      continue;
    }
    const map = new Map<number, string>();
    // A hex string may hold spaces (PDF ignores them): pdfkit writes a ligature's entry as
    // <0066 0066>, so an "ff" in a random address once shifted every later glyph by one.
    const hexText = (hex: string) =>
      String.fromCharCode(
        ...(hex.replace(/\s+/g, "").match(/.{4}/g) ?? []).map((unit) => Number.parseInt(unit, 16)),
      );
    for (const range of cmapSource.matchAll(/<([0-9a-f]+)>\s*<([0-9a-f]+)>\s*\[([^\]]*)\]/gi)) {
      const start = Number.parseInt(range[1] as string, 16);
      [...(range[3] as string).matchAll(/<([0-9a-f\s]*)>/gi)].forEach((entry, index) => {
        map.set(start + index, hexText(entry[1] as string));
      });
    }
    cmaps.set(id, map);
  }
  const fontsByName = new Map<string, string>();
  for (const object of objects.values()) {
    for (const ref of object.dict.matchAll(/\/(F\d+) (\d+) 0 R/g)) {
      fontsByName.set(ref[1] as string, ref[2] as string);
    }
  }
  let text = "";
  for (const object of objects.values()) {
    if (!object.stream || !/\bTf\b/.test(object.stream)) {
      continue;
    }
    let cmap: Map<number, string> | undefined;
    for (const token of object.stream.matchAll(
      /\/(F\d+) [\d.]+ Tf|\[((?:<[0-9a-f]*>|[^\]])*)\] TJ|<([0-9a-f]*)> Tj|\bT[d*]\b/gi,
    )) {
      if (token[1]) {
        cmap = cmaps.get(fontsByName.get(token[1]) ?? "");
      } else if (token[0].startsWith("T") && !token[0].endsWith("j")) {
        text += "\n";
      } else {
        const hex = [...(token[2] ?? `<${token[3]}>`).matchAll(/<([0-9a-f]*)>/gi)].map((m) => m[1]).join("");
        for (const glyph of hex.match(/.{4}/g) ?? []) {
          text += cmap?.get(Number.parseInt(glyph, 16)) ?? "?";
        }
      }
    }
  }
  return text;
}

describe("report pack", () => {
  it("packs the PDF in Vietnamese, the screenshot, the registry entry and the unit's authority; HTML stays text", async () => {
    const org = await makeOrganisation(t.db);
    const checker = await makePerson(t.db, {
      unitId: org.left.id,
      fullName: "Trần Thị Kiểm Tra",
      roles: ["checker"],
    });
    const client = await signInAs(t.app, checker.email ?? "");
    const real = await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.left.id,
        platform: "facebook_page",
        // "official" is drawn with the font's "ffi" ligature: the address must still read whole.
        url: `https://www.facebook.com/conganxa.official${suffix()}`,
        displayName: "Công an xã Bên Trái",
      },
    );
    const payload = '<script>alert("x")</script> Công an xã';
    const created = await client.request({
      method: "POST",
      url: "/api/impersonation/candidates",
      payload: {
        url: `https://www.facebook.com/giamao${suffix()}`,
        displayName: payload,
        handle: "congan.gia",
      },
    });
    const id = created.json().candidate.id as string;

    const notYet = await client.request({
      method: "GET",
      url: `/api/impersonation/candidates/${id}/report-pack`,
    });
    expect(notYet.statusCode).toBe(409);
    expect(notYet.json().code).toBe("impersonation.not_confirmed");

    const png = await sharp({ create: { width: 120, height: 80, channels: 3, background: "#1565c0" } })
      .png()
      .toBuffer();
    const shot = await client.request({
      method: "PUT",
      url: `/api/impersonation/candidates/${id}/screenshot`,
      headers: { "content-type": "application/octet-stream" },
      payload: png,
    });
    expect(shot.statusCode).toBe(200);
    expect(shot.json().hasScreenshot).toBe(true);
    const notImage = await client.request({
      method: "PUT",
      url: `/api/impersonation/candidates/${id}/screenshot`,
      headers: { "content-type": "application/octet-stream" },
      payload: Buffer.from("<html>không phải ảnh</html>"),
    });
    expect(notImage.json().code).toBe("impersonation.image_invalid");

    await client.request({
      method: "POST",
      url: `/api/impersonation/candidates/${id}/confirm`,
      payload: { channelId: real.id },
    });
    const pack = await client.request({
      method: "GET",
      url: `/api/impersonation/candidates/${id}/report-pack`,
    });
    expect(pack.statusCode).toBe(200);
    expect(pack.headers["content-type"]).toBe("application/zip");
    expect(pack.headers["content-disposition"]).toMatch(
      /^attachment; filename="ho-so-trang-gia-mao-[\d-]+\.zip"$/,
    );
    const files = unzip(pack.rawPayload);
    expect([...files.keys()].sort()).toEqual([
      "anh-chup/01.png",
      "bao-cao.pdf",
      "don-vi/tham-quyen.json",
      "don-vi/tham-quyen.txt",
      "kenh-chinh-thuc/lich-su-kenh.json",
      "kenh-chinh-thuc/thong-tin-kenh.json",
      "trang-gia-mao.json",
    ]);
    expect((await sharp(files.get("anh-chup/01.png")).metadata()).width).toBe(120);
    expect(JSON.parse(files.get("kenh-chinh-thuc/thong-tin-kenh.json")?.toString() ?? "{}")).toMatchObject({
      id: real.id,
      url: real.url,
      displayName: "Công an xã Bên Trái",
    });
    expect(JSON.parse(files.get("kenh-chinh-thuc/lich-su-kenh.json")?.toString() ?? "[]")[0]).toMatchObject({
      change: "created",
    });
    expect(JSON.parse(files.get("don-vi/tham-quyen.json")?.toString() ?? "{}")).toMatchObject({
      name: org.left.name,
      parents: [org.root.name],
    });
    expect(JSON.parse(files.get("trang-gia-mao.json")?.toString() ?? "{}").displayName).toBe(payload);

    const pdf = files.get("bao-cao.pdf") as Buffer;
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = pdfText(pdf);
    expect(text).toContain("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM");
    expect(text).toContain("Độc lập - Tự do - Hạnh phúc");
    expect(text).toContain("BÁO CÁO TRANG GIẢ MẠO");
    expect(text).toContain(org.left.name.toLocaleUpperCase("vi"));
    expect(text).toContain(`Tên hiển thị: ${payload}`);
    expect(text).toContain("Công an xã Bên Trái");
    expect(text).toContain(real.url);
    expect(text).toContain("Trần Thị Kiểm Tra");
    expect(text).toContain("anh-chup/01.png");
  });
});
