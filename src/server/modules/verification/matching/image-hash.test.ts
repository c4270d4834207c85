import sharp from "sharp";
import { beforeAll, describe, expect, it } from "vitest";
import { phashMergeDistance, phashSuggestDistance } from "./find.ts";
import { hashDistance, hashImage, phashParts } from "./image-hash.ts";

/** A screenshot-like picture: a coloured background, shapes placed by `seed`, a caption. */
async function picture(seed: number): Promise<Buffer> {
  const colour = ((seed * 0x345678) & 0xffffff).toString(16).padStart(6, "0");
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="#${colour}"/>
    <circle cx="${100 + ((seed * 37) % 300)}" cy="${150 + ((seed * 13) % 200)}" r="${60 + (seed % 50)}" fill="#ffcc00"/>
    <rect x="${300 + ((seed * 11) % 200)}" y="40" width="200" height="${120 + ((seed * 7) % 200)}" fill="#113399"/>
    <text x="40" y="440" font-size="48" fill="#000">Tin giả ${seed}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}

describe("image hashes", () => {
  const originals: Buffer[] = [];
  beforeAll(async () => {
    for (const seed of [1, 2, 3, 4]) {
      originals.push(await picture(seed));
    }
  });

  it("gives resized, mirrored and JPEG-60 copies a hash within the merge distance", async () => {
    for (const original of originals) {
      const { phash, sha256 } = await hashImage(original);
      const copies = [
        await sharp(original).resize(200).jpeg({ quality: 60 }).toBuffer(),
        await sharp(original).flop().toBuffer(),
        await sharp(original).flop().resize(320).jpeg({ quality: 60 }).toBuffer(),
        await sharp(original).resize(1280).webp().toBuffer(),
      ];
      for (const copy of copies) {
        const hashed = await hashImage(copy);
        expect(hashed.sha256).not.toBe(sha256);
        expect(hashDistance(phash, hashed.phash)).toBeLessThanOrEqual(phashMergeDistance);
      }
    }
  });

  it("keeps different pictures far apart", async () => {
    const hashes = await Promise.all(originals.map(async (o) => (await hashImage(o)).phash));
    for (let i = 0; i < hashes.length; i++) {
      for (let j = i + 1; j < hashes.length; j++) {
        expect(hashDistance(hashes[i] as string, hashes[j] as string)).toBeGreaterThan(phashSuggestDistance);
      }
    }
  });

  it("splits a hash into four tagged quarters, so hashes 3 bits apart share one exactly", () => {
    const a = "f0f0f0f0f0f0f0f0";
    const b = "f0f1f0f1f0f1f0f0"; // 3 bits flipped, in three quarters
    expect(hashDistance(a, b)).toBe(3);
    const shared = phashParts(a).filter((part) => phashParts(b).includes(part));
    expect(shared).toEqual([(0n << 16n) | 0xf0f0n]);
  });
});
