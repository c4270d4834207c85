import { createHash } from "node:crypto";
import type { Readable } from "node:stream";
import sharp from "sharp";
import { hashImage } from "../matching/image-hash.ts";
import { deskErrors } from "./errors.ts";

/*
 * An archive copy or a screenshot kept as evidence: images are re-encoded (nothing but the pixels
 * survives, no EXIF or GPS), PDFs are kept as they are. What a file is comes from its first bytes,
 * never from the name or the declared type.
 */

export const maxEvidenceBytes = 10 * 1024 * 1024;
export const maxEvidencePixels = 40_000_000;
/** Longest edge kept: a phone screenshot stays readable (and OCR-able) at full size. */
const maxEdge = 3000;

export interface StoredFile {
  mimeType: string;
  byteSize: number;
  width: number | null;
  height: number | null;
  sha256: string;
  phash: string | null;
  content: Buffer;
  isImage: boolean;
}

/** Reads a request body up to the limit; refuses with 413 as soon as it is passed. */
export async function readLimited(stream: Readable, limit = maxEvidenceBytes): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as Uint8Array);
    size += buffer.length;
    if (size > limit) {
      stream.resume();
      throw deskErrors.evidenceFileTooLarge({ maxMb: limit / (1024 * 1024) }, { maxBytes: limit });
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

type Kind = "image" | "pdf" | null;

function kindOf(head: Buffer): Kind {
  const starts = (bytes: number[]) => bytes.every((byte, i) => head[i] === byte);
  if (
    starts([0xff, 0xd8, 0xff]) ||
    starts([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) ||
    head.subarray(0, 4).toString("latin1") === "GIF8" ||
    (head.subarray(0, 4).toString("latin1") === "RIFF" && head.subarray(8, 12).toString("latin1") === "WEBP")
  ) {
    return "image";
  }
  return head.subarray(0, 5).toString("latin1") === "%PDF-" ? "pdf" : null;
}

/** Checks and prepares an uploaded file for storage: an image re-encoded as PNG, or a PDF as is. */
export async function prepareEvidenceFile(bytes: Buffer): Promise<StoredFile> {
  if (bytes.length === 0) {
    throw deskErrors.evidenceFileRequired();
  }
  const kind = kindOf(bytes.subarray(0, 16));
  if (kind === null) {
    throw deskErrors.evidenceFileType();
  }
  if (kind === "pdf") {
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    return {
      mimeType: "application/pdf",
      byteSize: bytes.length,
      width: null,
      height: null,
      sha256,
      phash: null,
      content: bytes,
      isImage: false,
    };
  }
  let width = 0;
  let height = 0;
  try {
    const header = await sharp(bytes, { limitInputPixels: false }).metadata();
    width = header.width ?? 0;
    height = header.pageHeight ?? header.height ?? 0;
  } catch {
    throw deskErrors.evidenceImageUnreadable();
  }
  if (width <= 0 || height <= 0 || width * height > maxEvidencePixels) {
    throw deskErrors.evidenceImageUnreadable();
  }
  try {
    const { data, info } = await sharp(bytes, {
      limitInputPixels: maxEvidencePixels,
      pages: 1,
      failOn: "error",
    })
      .timeout({ seconds: 30 })
      .autoOrient()
      .resize({ width: maxEdge, height: maxEdge, fit: "inside", withoutEnlargement: true })
      .png({ compressionLevel: 6 })
      .toBuffer({ resolveWithObject: true });
    const hashes = await hashImage(bytes);
    return {
      mimeType: "image/png",
      byteSize: data.length,
      width: info.width,
      height: info.height,
      sha256: hashes.sha256,
      phash: hashes.phash,
      content: data,
      isImage: true,
    };
  } catch {
    throw deskErrors.evidenceImageUnreadable();
  }
}
