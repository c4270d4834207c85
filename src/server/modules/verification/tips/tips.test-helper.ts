import { randomBytes } from "node:crypto";
import type { InjectOptions } from "fastify";
import sharp from "sharp";

/* Building what reporters send: multipart bodies and screenshots of every kind, good and bad. */

export interface FilePart {
  field?: string;
  name: string;
  type: string;
  bytes: Buffer;
}

/** A multipart/form-data request body with the given text fields and files. */
export function multipart(
  fields: Record<string, string>,
  files: FilePart[] = [],
): Pick<InjectOptions, "payload" | "headers"> {
  const boundary = `----caunoi${randomBytes(8).toString("hex")}`;
  const chunks: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
        "utf8",
      ),
    );
  }
  for (const file of files) {
    chunks.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${file.field ?? "images"}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
        "utf8",
      ),
      file.bytes,
      Buffer.from("\r\n"),
    );
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(chunks),
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
  };
}

/** A screenshot-like JPEG with EXIF (camera and GPS-like fields) to be stripped. */
export async function jpegWithExif(width = 3000, height = 1000): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 30 } } })
    .jpeg()
    .withExif({ IFD0: { Make: "Điện thoại thử", Model: "Máy chụp", Copyright: "Người báo tin" } })
    .toBuffer();
}

export async function png(width = 400, height = 300): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 4, background: { r: 10, g: 120, b: 200, alpha: 0.5 } } })
    .png()
    .toBuffer();
}

/** 40 megapixels of one colour: a few kilobytes that would take a core for seconds to decode. */
export async function fortyMegapixelPng(): Promise<Buffer> {
  return sharp({ create: { width: 8000, height: 5000, channels: 3, background: "#ffffff" } })
    .png({ compressionLevel: 9 })
    .toBuffer();
}

/** A different address for each simulated device, so the per-address limit is not shared by tests. */
export function someAddress(): string {
  return `203.0.${randomBytes(1)[0]}.${randomBytes(1)[0]}`;
}
