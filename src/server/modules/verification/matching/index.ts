import type { Executor } from "../../../db/client.ts";

/*
 * Finding known cases for a new tip, in two levels: "merge" where the match is certain, "suggest"
 * where it is likely. This file is the matching part's surface inside the module.
 */

export interface MatchInput {
  url?: string | null;
  /** The registry's canonical key of `url`, when it has one. */
  urlKey?: string | null;
  text?: string | null;
  images?: { sha256: string; phash: string | null }[];
}

export interface CaseMatch {
  caseId: string;
  /** 0–1, best first. */
  score: number;
  level: "merge" | "suggest";
  reasons: Record<string, unknown>;
}

/** Known cases resembling the input, best first (merged-away cases excluded). */
export async function findMatches(
  _db: Executor,
  _input: MatchInput,
  _options: { limit?: number; now?: Date; excludeCaseId?: string } = {},
): Promise<CaseMatch[]> {
  return [];
}

/** Records the keys a case is found by (call in the transaction that writes the case or its new tip). */
export async function writeFingerprints(_tx: Executor, _caseId: string, _input: MatchInput): Promise<void> {}

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
