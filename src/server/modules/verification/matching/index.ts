import type { Executor } from "../../../db/client.ts";
import { type CaseMatch, type FindOptions, findCaseMatches, type MatchInput } from "./find.ts";
import { writeCaseFingerprints } from "./fingerprints.ts";

/*
 * Finding known cases for a new tip, in two levels: "merge" where the match is certain, "suggest"
 * where it is likely. This file is the matching part's surface inside the module.
 */

export type { CaseMatch, MatchInput } from "./find.ts";
export { hashDistance, hashImage } from "./image-hash.ts";
export { foldText } from "./text.ts";
export { normaliseUrl, urlKeysOf } from "./url-key.ts";

/**
 * Known cases resembling the input, best first (merged-away cases excluded). `scope` (unit paths, as
 * scopeFor gives them) keeps the answer to the cases the caller may see.
 */
export async function findMatches(
  db: Executor,
  input: MatchInput,
  options: FindOptions = {},
): Promise<CaseMatch[]> {
  return findCaseMatches(db, input, options);
}

/** Records the keys a case is found by (call in the transaction that writes the case or its new tip). */
export async function writeFingerprints(tx: Executor, caseId: string, input: MatchInput): Promise<void> {
  await writeCaseFingerprints(tx, caseId, input);
}
