import sharp, { type Metadata, type OutputInfo } from "sharp";
import { tipLimits } from "../../../../shared/api/verification-tips.ts";
import { hashImage } from "../matching/image-hash.ts";
import { tipErrors } from "./errors.ts";

/*
 * Screenshots sent with a tip. The bytes are the sender's word: the format is read from the header,
 * the pixel count is checked before anything is decoded (a few kilobytes of PNG can declare
 * billions of pixels), and only re-encoded pixels are kept, without EXIF, GPS or any other metadata.
 */

/** A phone screenshot is 2–4 megapixels and a 5K desktop one 15: beyond this it is not a screenshot. */
export const maxTipImagePixels = 24_000_000;
/** Longest edge kept: enough to read any screenshot's text (and for OCR). */
export const maxTipImageEdge = 2000;

const acceptedFormats = new Set(["jpeg", "png", "webp", "gif", "avif"]);

/** One file as it arrived. */
export interface IncomingImage {
  fileName: string;
  bytes: Buffer;
  /** Cut short by the size limit while it was being received. */
  truncated?: boolean;
}

export interface TipImage {
  fileName: string;
  mimeType: "image/jpeg" | "image/webp";
  content: Buffer;
  width: number;
  height: number;
  /** Of the bytes as received: the same screenshot sent twice. */
  sha256: string;
  phash: string;
}

/** A file name fit to show back to the reporter (no path, no control characters, not too long). */
function shownName(fileName: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: stripping control characters is the point
  const base = (fileName.split(/[\\/]/).pop() ?? "").replace(/[\u0000-\u001f\u007f]/g, "").trim();
  return (base || "ảnh").slice(0, 80);
}

/** Checks and re-encodes one screenshot; throws the reporter-facing refusal. */
export async function prepareTipImage(image: IncomingImage): Promise<TipImage> {
  const name = shownName(image.fileName);
  if (image.truncated || image.bytes.length > tipLimits.imageBytes) {
    throw tipErrors.imageTooLarge({ name }, { name });
  }
  let header: Metadata;
  try {
    header = await sharp(image.bytes, { limitInputPixels: false }).metadata();
  } catch {
    throw tipErrors.notAnImage({ name }, { name });
  }
  const width = header.width ?? 0;
  const height = header.pageHeight ?? header.height ?? 0;
  if (!acceptedFormats.has(header.format) || width <= 0 || height <= 0) {
    throw tipErrors.notAnImage({ name }, { name });
  }
  if (width * height > maxTipImagePixels) {
    const megapixels = maxTipImagePixels / 1_000_000;
    throw tipErrors.imageTooManyPixels({ name, megapixels }, { name, width, height });
  }
  let encoded: { data: Buffer; info: OutputInfo };
  try {
    const frame = sharp(image.bytes, { limitInputPixels: maxTipImagePixels, pages: 1, failOn: "error" })
      .timeout({ seconds: 20 })
      .autoOrient()
      .resize({ width: maxTipImageEdge, height: maxTipImageEdge, fit: "inside", withoutEnlargement: true });
    encoded = header.hasAlpha
      ? await frame.webp({ quality: 85 }).toBuffer({ resolveWithObject: true })
      : await frame
          .flatten({ background: "#ffffff" })
          .jpeg({ quality: 85 })
          .toBuffer({ resolveWithObject: true });
  } catch {
    throw tipErrors.notAnImage({ name }, { name });
  }
  const { sha256, phash } = await hashImage(image.bytes);
  return {
    fileName: name,
    mimeType: header.hasAlpha ? "image/webp" : "image/jpeg",
    content: encoded.data,
    width: encoded.info.width,
    height: encoded.info.height,
    sha256,
    phash,
  };
}

/** Every screenshot of a tip, checked one after another (each decode holds a core). */
export async function prepareTipImages(images: readonly IncomingImage[]): Promise<TipImage[]> {
  if (images.length > tipLimits.images) {
    throw tipErrors.tooManyImages();
  }
  const prepared: TipImage[] = [];
  for (const image of images) {
    prepared.push(await prepareTipImage(image));
  }
  return prepared;
}
