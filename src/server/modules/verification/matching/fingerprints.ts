import { and, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { verificationFingerprints } from "../../../db/schema/verification.ts";
import { phashParts, shaValue } from "./image-hash.ts";
import { textBands } from "./text.ts";
import { urlFingerprints, urlKeysOf } from "./url-key.ts";

export type FingerprintKind = "url" | "text_band" | "image_sha" | "image_phash_part";

export interface FingerprintInput {
  url?: string | null;
  urlKey?: string | null;
  text?: string | null;
  images?: { sha256: string; phash: string | null }[];
}

export interface Fingerprint {
  kind: FingerprintKind;
  value: bigint;
}

/** Every key an input is found by, without repeats. */
export function fingerprintsOf(input: FingerprintInput): Fingerprint[] {
  const out = new Map<string, Fingerprint>();
  const add = (kind: FingerprintKind, value: bigint) => out.set(`${kind}:${value}`, { kind, value });
  const keys = urlKeysOf(input.url, input.urlKey);
  if (keys) {
    const { exact, owner } = urlFingerprints(keys);
    add("url", exact);
    if (owner !== null) {
      add("url", owner);
    }
  }
  if (input.text) {
    for (const band of textBands(input.text)) {
      add("text_band", band);
    }
  }
  for (const image of input.images ?? []) {
    add("image_sha", shaValue(image.sha256));
    if (image.phash) {
      for (const part of phashParts(image.phash)) {
        add("image_phash_part", part);
      }
    }
  }
  return [...out.values()];
}

/** A Postgres bigint[] literal, passed as one text parameter (both drivers accept it). */
export function bigintArray(values: readonly bigint[]): string {
  return `{${values.join(",")}}`;
}

/**
 * Records the keys a case is found by. Keys the case already has are skipped, so a tip merged into a
 * case adds only what is new (the table has no unique index to lean on).
 */
export async function writeCaseFingerprints(
  tx: Executor,
  caseId: string,
  input: FingerprintInput,
): Promise<void> {
  const wanted = fingerprintsOf(input);
  if (wanted.length === 0) {
    return;
  }
  const existing = await tx
    .select({ kind: verificationFingerprints.kind, value: verificationFingerprints.value })
    .from(verificationFingerprints)
    .where(
      and(
        eq(verificationFingerprints.caseId, caseId),
        sql`${verificationFingerprints.value} = any(${bigintArray(wanted.map((f) => f.value))}::bigint[])`,
      ),
    );
  const have = new Set(existing.map((row) => `${row.kind}:${BigInt(row.value)}`));
  const rows = wanted.filter((f) => !have.has(`${f.kind}:${f.value}`)).map((f) => ({ caseId, ...f }));
  if (rows.length > 0) {
    await tx.insert(verificationFingerprints).values(rows);
  }
}
