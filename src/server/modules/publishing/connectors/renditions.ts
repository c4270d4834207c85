import { createHmac, timingSafeEqual } from "node:crypto";
import { mkdir, rename, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import type { MediaForPublish } from "./types.ts";

/*
 * Each platform's picture rules, and a copy of a library picture made to fit them when it does not:
 * - Zalo OA article covers and body pictures: JPEG or PNG, under 1 MB (developers.zalo.me, "Tạo bài
 *   viết": "ảnh bìa … định dạng jpg, png, dung lượng tối đa 1MB"); the library keeps WebP for
 *   transparent pictures and JPEG up to 20 MB, which Zalo's verification refuses.
 * - Facebook Page photos (developers.facebook.com/docs/graph-api/reference/page/photos): JPEG, BMP,
 *   PNG, GIF or TIFF, at most 4 MB; WebP is not among them.
 * The copy is a JPEG on white (transparency flattened), as large as fits: the longest edge and then
 * the quality come down step by step until it is under the limit. It is served at
 * /media-renditions/<media id>-<platform>-<signature>.jpg, where the signature (HMAC of the id and
 * platform with the server's secret key) means only addresses this server issued name a file; a
 * missing file (another instance, a cleared cache) is made again from the library on request.
 */

export type RenditionPlatform = "zalo" | "facebook";

export const pictureRules: Record<RenditionPlatform, { mimes: readonly string[]; maxBytes: number }> = {
  zalo: { mimes: ["image/jpeg", "image/png"], maxBytes: 1024 * 1024 - 1 },
  facebook: { mimes: ["image/jpeg", "image/png", "image/gif"], maxBytes: 4 * 1024 * 1024 },
};

const MAX_EDGE = 2560;
const MIN_EDGE = 480;
const FILE_PATTERN = /^([0-9a-f-]{36})-(zalo|facebook)-([A-Za-z0-9_-]{22})\.jpg$/;

export interface RenditionOptions {
  secretKey: Buffer;
  publicUrl: string;
  /** Where the copies are kept; a cache, made again when missing. */
  dir?: string;
}

export const defaultRenditionDir = () => join(tmpdir(), "caunoi-renditions");

function signature(secretKey: Buffer, mediaId: string, platform: RenditionPlatform): string {
  return createHmac("sha256", secretKey)
    .update(`rendition:${mediaId}:${platform}`)
    .digest("base64url")
    .slice(0, 22);
}

/** The file name for a media item on a platform; null when the name is not one this server issued. */
export function readRenditionName(
  secretKey: Buffer,
  file: string,
): { mediaId: string; platform: RenditionPlatform } | null {
  const match = FILE_PATTERN.exec(file);
  if (!match) {
    return null;
  }
  const [, mediaId = "", platform = "zalo", given = ""] = match;
  const expected = signature(secretKey, mediaId, platform as RenditionPlatform);
  const ok = given.length === expected.length && timingSafeEqual(Buffer.from(given), Buffer.from(expected));
  return ok ? { mediaId, platform: platform as RenditionPlatform } : null;
}

/** Whether the platform takes the library file as it is. */
export async function fitsPlatform(media: MediaForPublish, platform: RenditionPlatform): Promise<boolean> {
  const rules = pictureRules[platform];
  if (!rules.mimes.includes(media.mime)) {
    return false;
  }
  const size = (await stat(media.path).catch(() => null))?.size;
  return size !== undefined && size <= rules.maxBytes;
}

/**
 * Encodes a JPEG under the platform's limit with as little loss as it can: the first try keeps the
 * size (at most 2560 px) at quality 82; each next one scales the edge by the square root of how much
 * too large it was (bytes grow with the area), and below 480 px lowers the quality instead.
 */
export async function encodeWithin(path: string, maxBytes: number): Promise<Buffer> {
  const meta = await sharp(path).metadata();
  let edge = Math.min(MAX_EDGE, Math.max(meta.width ?? MAX_EDGE, meta.pageHeight ?? meta.height ?? 0));
  let quality = 82;
  for (let attempt = 0; attempt < 8; attempt++) {
    const data = await sharp(path)
      .flatten({ background: "#ffffff" })
      .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true })
      .jpeg({ quality })
      .toBuffer();
    if (data.length <= maxBytes) {
      return data;
    }
    const next = Math.floor(edge * Math.sqrt(maxBytes / data.length) * 0.9);
    if (next >= MIN_EDGE) {
      edge = next;
    } else {
      edge = MIN_EDGE;
      quality = Math.max(40, quality - 15);
    }
  }
  throw new Error(`no rendition under ${maxBytes} bytes`);
}

/** Makes (or finds) the copy of a picture for a platform; answers the path of the file. */
export async function renditionFile(
  options: RenditionOptions,
  media: Pick<MediaForPublish, "id" | "path">,
  platform: RenditionPlatform,
): Promise<{ path: string; name: string }> {
  const dir = options.dir ?? defaultRenditionDir();
  const name = `${media.id}-${platform}-${signature(options.secretKey, media.id, platform)}.jpg`;
  const path = join(dir, name);
  if ((await stat(path).catch(() => null))?.isFile()) {
    return { path, name };
  }
  const data = await encodeWithin(media.path, pictureRules[platform].maxBytes);
  await mkdir(dir, { recursive: true });
  const partial = `${path}.${process.pid}.${Date.now()}.part`;
  await writeFile(partial, data);
  await rename(partial, path);
  return { path, name };
}

/**
 * The picture as the platform will take it: the library item itself when it fits, else the address
 * of a copy made to fit. Videos pass through untouched.
 */
export async function forPlatform(
  options: RenditionOptions,
  media: MediaForPublish,
  platform: RenditionPlatform,
): Promise<MediaForPublish> {
  if (media.kind !== "image" || (await fitsPlatform(media, platform))) {
    return media;
  }
  const file = await renditionFile(options, media, platform);
  return {
    ...media,
    mime: "image/jpeg",
    path: file.path,
    url: `${options.publicUrl.replace(/\/+$/, "")}/media-renditions/${file.name}`,
  };
}

export type PrepareMedia = (
  media: MediaForPublish[],
  platform: RenditionPlatform,
) => Promise<MediaForPublish[]>;

/** What connectors are given: prepares every picture of a request for one platform. */
export function mediaPreparer(options: RenditionOptions): PrepareMedia {
  return (media, platform) => Promise.all(media.map((item) => forPlatform(options, item, platform)));
}
