import sharp, { type Metadata } from "sharp";
import { AppError } from "../../platform/errors.ts";
import { mediaErrors } from "./errors.ts";

export const maxImagePixels = 40_000_000;
/**
 * Longest edge and most elongated shape accepted. Within the pixel limit a 1 × 39,000,000 strip is
 * 76 KB of PNG and costs seconds of CPU to decode and resize; no photo, poster or panorama needs it.
 */
export const maxInputEdge = 20_000;
export const maxAspectRatio = 50;
/** Longest edge kept: sharp on a 4K screen, and what the platforms downscale to anyway. */
export const maxImageEdge = 2560;
export const thumbnailEdge = 480;

export interface ProcessedImage {
  data: Buffer;
  mime: "image/jpeg" | "image/webp";
  width: number;
  height: number;
  thumbnail: Buffer;
}

const unreadable = () => mediaErrors.imageUnreadable();

/**
 * Re-encodes an uploaded image so nothing but its pixels survives: the size is checked from the
 * header before any decoding (a small file can declare billions of pixels), the EXIF orientation is
 * applied, and the output is written without EXIF, GPS, XMP, IPTC or ICC (converted to sRGB).
 * Animated GIF/WebP keep their first frame. Opaque images become JPEG, which every platform takes;
 * images with transparency become WebP so the transparency is kept.
 */
export async function processImage(path: string): Promise<ProcessedImage> {
  let header: Metadata;
  try {
    header = await sharp(path, { limitInputPixels: false }).metadata();
  } catch {
    throw unreadable();
  }
  const width = header.width ?? 0;
  const height = header.pageHeight ?? header.height ?? 0;
  if (width <= 0 || height <= 0) {
    throw unreadable();
  }
  if (width * height > maxImagePixels) {
    throw mediaErrors.tooManyPixels(
      { width, height, maxPixels: maxImagePixels },
      { width, height, maxPixels: maxImagePixels },
    );
  }
  if (
    width > maxInputEdge ||
    height > maxInputEdge ||
    Math.max(width, height) > maxAspectRatio * Math.min(width, height)
  ) {
    throw mediaErrors.imageShape(
      { width, height, maxEdge: maxInputEdge, maxAspectRatio },
      { width, height, maxEdge: maxInputEdge, maxAspectRatio },
    );
  }
  try {
    const frame = sharp(path, { limitInputPixels: maxImagePixels, pages: 1, failOn: "error" })
      // A backstop: no image within the limits above needs this long.
      .timeout({ seconds: 30 })
      .autoOrient()
      .resize({ width: maxImageEdge, height: maxImageEdge, fit: "inside", withoutEnlargement: true });
    const { data, info } = header.hasAlpha
      ? await frame.webp({ quality: 85, alphaQuality: 90 }).toBuffer({ resolveWithObject: true })
      : await frame
          .flatten({ background: "#ffffff" })
          .jpeg({ quality: 82, mozjpeg: true })
          .toBuffer({ resolveWithObject: true });
    const thumbnail = await sharp(data)
      .resize({ width: thumbnailEdge, height: thumbnailEdge, fit: "inside", withoutEnlargement: true })
      .webp({ quality: 72 })
      .toBuffer();
    return {
      data,
      mime: header.hasAlpha ? "image/webp" : "image/jpeg",
      width: info.width,
      height: info.height,
      thumbnail,
    };
  } catch (error) {
    if (error instanceof AppError) {
      throw error;
    }
    throw unreadable();
  }
}
