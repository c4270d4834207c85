/*
 * Text similarity that survives rewording: 2-word shingles of the folded text, a 128-value MinHash
 * signature, and LSH bands over it. Pure (no I/O) so the bench and the tests share it with the service.
 */

/** Lower case, no tone marks, đ → d, punctuation to spaces, spaces collapsed. */
export function foldText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

export function wordsOf(folded: string): string[] {
  return folded.length === 0 ? [] : folded.split(" ");
}

export const signatureSize = 128;

/**
 * 3 rows × 42 bands (126 of the 128 values). A pair becomes a candidate with probability
 * 1 − (1 − J³)^42 for a shingle Jaccard J. Measured: the rumour table's rewordings have J = 0.52–0.95;
 * the bench's harsher synthetic rewordings (12 % of words replaced, 5 % dropped, halves swapped, a
 * sentence added) J = 0.38–0.53 (p5–p50). With 4 × 32 LSH found 85 % of those (849/1000), with 3 × 42
 * 98 % (982/1000), while unrelated 60-word texts (J p99 0.026) still collide on ~42·J³ ≈ 0.1 % of
 * cases at worst, and only the 50 cases sharing most bands are scored exactly.
 */
export const bandRows = 3;
export const bandCount = Math.floor(signatureSize / bandRows);

/** 32-bit FNV-1a of a string, then a murmur finaliser so nearby strings spread. */
function hashString(value: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < value.length; i++) {
    h ^= value.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

function fmix32(input: number): number {
  let h = input;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Fixed seeds: stored band values must stay comparable across restarts and releases. */
const seeds = (() => {
  const out = new Uint32Array(signatureSize);
  let state = 0x9e3779b9;
  for (let i = 0; i < signatureSize; i++) {
    state = fmix32(state + 0x6d2b79f5);
    out[i] = state;
  }
  return out;
})();

/** The 2-word shingles of a folded text (its single word when it has only one). */
export function shinglesOf(folded: string): Set<string> {
  const words = wordsOf(folded);
  const out = new Set<string>();
  if (words.length === 1) {
    out.add(words[0] as string);
  }
  for (let i = 0; i + 1 < words.length; i++) {
    out.add(`${words[i]} ${words[i + 1]}`);
  }
  return out;
}

export function minHash(shingles: Set<string>): Uint32Array {
  const signature = new Uint32Array(signatureSize).fill(0xffffffff);
  for (const shingle of shingles) {
    const base = hashString(shingle);
    for (let i = 0; i < signatureSize; i++) {
      const h = fmix32(base ^ (seeds[i] as number));
      if (h < (signature[i] as number)) {
        signature[i] = h;
      }
    }
  }
  return signature;
}

/** One signed 64-bit value per band: hash of (band index, its rows), as stored in `text_band` rows. */
export function bandValues(signature: Uint32Array): bigint[] {
  const out: bigint[] = [];
  for (let band = 0; band < bandCount; band++) {
    let hi = fmix32(band * 0x27d4eb2d + 1);
    let lo = fmix32(band ^ 0x165667b1);
    for (let row = 0; row < bandRows; row++) {
      const v = signature[band * bandRows + row] as number;
      hi = fmix32((hi ^ v) + 0x9e3779b9);
      lo = fmix32(Math.imul(lo ^ v, 0x85ebca6b) + row);
    }
    out.push(BigInt.asIntN(64, (BigInt(hi) << 32n) | BigInt(lo)));
  }
  return out;
}

/** The LSH band values of a text (none for an empty text). */
export function textBands(text: string): bigint[] {
  const shingles = shinglesOf(foldText(text));
  return shingles.size === 0 ? [] : bandValues(minHash(shingles));
}

export function jaccard(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) {
    return 0;
  }
  let common = 0;
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const item of small) {
    if (large.has(item)) {
      common++;
    }
  }
  return common / (a.size + b.size - common);
}
