/**
 * What a file is, from its first bytes only: the name and the declared type are the sender's word,
 * and a renamed file must not reach the image decoder as something else.
 */
export type ImageMime = "image/jpeg" | "image/png" | "image/webp" | "image/gif" | "image/avif";
export type VideoMime = "video/mp4" | "video/webm";

export type Sniffed =
  | { kind: "image"; mime: ImageMime }
  | { kind: "video"; mime: VideoMime }
  /** HEIC/HEIF photos (iPhone): recognised so the refusal can say what to do instead. */
  | { kind: "heic" }
  | { kind: "unknown" };

/** How many leading bytes `sniff` wants (an ISO-BMFF `ftyp` box lists its brands there). */
export const sniffLength = 4096;

const heicBrands = new Set(["heic", "heix", "hevc", "hevx", "heim", "heis", "mif1", "msf1"]);
const avifBrands = new Set(["avif", "avis"]);
/** QuickTime, audio-only and other ISO-BMFF files that are not an MP4 video a platform takes. */
const notMp4MajorBrands = new Set(["qt  ", "M4A ", "M4B ", "M4P ", "crx ", "jp2 ", "jpx "]);

function startsWith(head: Buffer, bytes: number[], at = 0): boolean {
  return head.length >= at + bytes.length && bytes.every((byte, i) => head[at + i] === byte);
}

function ascii(head: Buffer, from: number, to: number): string {
  return head.subarray(from, to).toString("latin1");
}

function isoBrands(head: Buffer): { major: string; all: Set<string> } | null {
  if (head.length < 16 || ascii(head, 4, 8) !== "ftyp") {
    return null;
  }
  const size = Math.min(head.readUInt32BE(0), head.length);
  const major = ascii(head, 8, 12);
  const all = new Set([major]);
  for (let at = 16; at + 4 <= size; at += 4) {
    all.add(ascii(head, at, at + 4));
  }
  return { major, all };
}

export function sniff(head: Buffer): Sniffed {
  if (startsWith(head, [0xff, 0xd8, 0xff])) {
    return { kind: "image", mime: "image/jpeg" };
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    return { kind: "image", mime: "image/png" };
  }
  if (ascii(head, 0, 6) === "GIF87a" || ascii(head, 0, 6) === "GIF89a") {
    return { kind: "image", mime: "image/gif" };
  }
  if (ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 12) === "WEBP") {
    return { kind: "image", mime: "image/webp" };
  }
  const brands = isoBrands(head);
  if (brands) {
    if ([...brands.all].some((brand) => avifBrands.has(brand))) {
      return { kind: "image", mime: "image/avif" };
    }
    if ([...brands.all].some((brand) => heicBrands.has(brand))) {
      return { kind: "heic" };
    }
    return notMp4MajorBrands.has(brands.major) ? { kind: "unknown" } : { kind: "video", mime: "video/mp4" };
  }
  // EBML header; Matroska files that are not WebM name another DocType there.
  if (startsWith(head, [0x1a, 0x45, 0xdf, 0xa3])) {
    const docType = head.subarray(0, 64).indexOf("webm", 0, "latin1");
    return docType > 0 ? { kind: "video", mime: "video/webm" } : { kind: "unknown" };
  }
  return { kind: "unknown" };
}
