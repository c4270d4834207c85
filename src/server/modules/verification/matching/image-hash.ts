import { createHash } from "node:crypto";
import sharp from "sharp";

/*
 * A DCT perceptual hash made mirror-invariant: mirroring an image left-right flips the sign of every
 * DCT coefficient of odd horizontal frequency and leaves the others alone, so the hash thresholds
 * even-frequency coefficients by value and odd-frequency ones by magnitude. A mirrored copy then gives
 * the very same hash, and a resized or re-encoded one a hash a few bits away.
 */

const side = 32;
const block = 8;

/** cos((2x + 1) u π / 2N), computed once. */
const cosines = (() => {
  const table = new Float64Array(block * side);
  for (let u = 0; u < block; u++) {
    for (let x = 0; x < side; x++) {
      table[u * side + x] = Math.cos(((2 * x + 1) * u * Math.PI) / (2 * side));
    }
  }
  return table;
})();

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** The 8×8 low-frequency DCT block of a 32×32 grey image, indexed [v * 8 + u] (u horizontal). */
function lowDct(pixels: Uint8Array): Float64Array {
  const rows = new Float64Array(side * block);
  for (let y = 0; y < side; y++) {
    for (let u = 0; u < block; u++) {
      let sum = 0;
      for (let x = 0; x < side; x++) {
        sum += (pixels[y * side + x] as number) * (cosines[u * side + x] as number);
      }
      rows[y * block + u] = sum;
    }
  }
  const out = new Float64Array(block * block);
  for (let v = 0; v < block; v++) {
    for (let u = 0; u < block; u++) {
      let sum = 0;
      for (let y = 0; y < side; y++) {
        sum += (rows[y * block + u] as number) * (cosines[v * side + y] as number);
      }
      out[v * block + u] = sum;
    }
  }
  return out;
}

/** The 64-bit hash of a 32×32 grey image as 16 hex digits. */
export function phashOfPixels(pixels: Uint8Array): string {
  const dct = lowDct(pixels);
  const even: number[] = [];
  const odd: number[] = [];
  for (let i = 0; i < block * block; i++) {
    // The DC term only says how bright the image is: left out, so 63 bits carry the picture.
    if (i === 0) {
      continue;
    }
    const u = i % block;
    (u % 2 ? odd : even).push(u % 2 ? Math.abs(dct[i] as number) : (dct[i] as number));
  }
  const evenMedian = median(even);
  const oddMedian = median(odd);
  let hash = 0n;
  for (let i = 1; i < block * block; i++) {
    const u = i % block;
    const value = dct[i] as number;
    const bit = u % 2 ? Math.abs(value) > oddMedian : value > evenMedian;
    hash = (hash << 1n) | (bit ? 1n : 0n);
  }
  // 63 informative bits; the lowest bit stays 0.
  hash <<= 1n;
  return hash.toString(16).padStart(16, "0");
}

/** Hex SHA-256 of the bytes and a 64-bit perceptual hash (16 hex digits), robust to resizing and mirroring. */
export async function hashImage(bytes: Buffer): Promise<{ sha256: string; phash: string }> {
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const { data } = await sharp(bytes, { failOn: "none" })
    .flatten({ background: "#ffffff" })
    .greyscale()
    .resize(side, side, { fit: "fill", kernel: "lanczos3" })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { sha256, phash: phashOfPixels(new Uint8Array(data.buffer, data.byteOffset, side * side)) };
}

/** Hamming distance between two 16-hex-digit hashes. */
export function hashDistance(a: string, b: string): number {
  let x = BigInt(`0x${a}`) ^ BigInt(`0x${b}`);
  let count = 0;
  while (x) {
    count += Number(x & 1n);
    x >>= 1n;
  }
  return count;
}

/** The four 16-bit quarters of a hash, each tagged with its position: `image_phash_part` values. */
export function phashParts(phash: string): bigint[] {
  const value = BigInt(`0x${phash}`);
  return [0n, 1n, 2n, 3n].map((position) => (position << 16n) | ((value >> (position * 16n)) & 0xffffn));
}

/** The `image_sha` value: the first 8 bytes of the SHA-256 as a signed 64-bit number. */
export function shaValue(sha256: string): bigint {
  return BigInt.asIntN(64, BigInt(`0x${sha256.slice(0, 16)}`));
}
