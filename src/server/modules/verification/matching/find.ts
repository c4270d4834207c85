import { sql } from "drizzle-orm";
import { type Executor, queryRows } from "../../../db/client.ts";
import { verificationCases } from "../../../db/schema/verification.ts";
import { unitIdWithin } from "../../org/index.ts";
import { bigintArray, type FingerprintInput, fingerprintsOf } from "./fingerprints.ts";
import { hashDistance } from "./image-hash.ts";
import { foldText, jaccard, shinglesOf, wordsOf } from "./text.ts";
import { urlFingerprints, urlKeysOf } from "./url-key.ts";

/*
 * Thresholds, measured on the rumour table (rumour-pairs.fixture.ts) and the bench's planted rewordings.
 * Text similarity is the mean of the 2-word-shingle Jaccard and containment (shared shingles over the
 * smaller set): a forward with "Chuyển tiếp:" and "chia sẻ giúp nhé" around the rumour keeps
 * containment 1.0 while its Jaccard falls to 0.84. Retyped copies (tone marks, punctuation, sentence
 * order) score 0.92–1.0; rewordings 0.60–0.83; different rumours on the same topic (two electricity
 * scams, two vaccine rumours) 0.00–0.13.
 */
/** Certain: retyped copies and forwards; a rewording (≤ 0.83 measured) stays a suggestion. */
export const textMergeSimilarity = 0.85;
/** Likely: rewordings measured from 0.60 down; other rumours on the same topic reached 0.13. */
export const textSuggestSimilarity = 0.3;
/** Under this many words a text says too little to merge on (e.g. "cắt điện tối nay"). */
export const minWordsToMerge = 8;
/** Older cases are only ever suggested: a rumour that comes back months later may be a new event. */
export const mergeMaxAgeDays = 90;
/**
 * Resized, mirrored and JPEG-60 copies measured at 0–2 bits; different pictures at 24–30; chat-like
 * screenshots of the same layout with other lines of text at 14–26 (the same screenshot with one digit
 * changed stays at 0–2, and is merged: it is the same picture going round).
 */
export const phashMergeDistance = 4;
export const phashSuggestDistance = 10;
/** A post of the same page as a known case: worth a look, never certain. */
export const sameOwnerScore = 0.4;
/** How many text candidates (most shared bands first) are scored exactly. */
const textCandidateLimit = 50;
const fingerprintRowLimit = 20_000;

export interface MatchInput extends FingerprintInput {}

export interface CaseMatch {
  caseId: string;
  /** 0–1, best first. */
  score: number;
  level: "merge" | "suggest";
  reasons: Record<string, unknown>;
}

export interface FindOptions {
  limit?: number;
  now?: Date;
  excludeCaseId?: string;
  /** Unit paths the caller may see (scopeFor); every unit when absent. */
  scope?: readonly string[];
}

interface Hits {
  bands: number;
  urlExact: boolean;
  urlOwner: boolean;
  imageSha: boolean;
  phashPart: boolean;
}

function textSimilarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) {
    return 0;
  }
  const j = jaccard(a, b);
  // Containment from the Jaccard: common = j (|a| + |b|) / (1 + j).
  const common = (j * (a.size + b.size)) / (1 + j);
  return (j + common / Math.min(a.size, b.size)) / 2;
}

/** Known cases resembling the input, best first (merged-away cases excluded). */
export async function findCaseMatches(
  db: Executor,
  input: MatchInput,
  options: FindOptions = {},
): Promise<CaseMatch[]> {
  const fingerprints = fingerprintsOf(input);
  if (fingerprints.length === 0) {
    return [];
  }
  const ofKind = (kind: string) =>
    bigintArray(fingerprints.filter((f) => f.kind === kind).map((f) => f.value));
  const rows = await queryRows<{ case_id: string; kind: string; value: string }>(
    db,
    sql`select case_id::text, kind, value::text from verification_fingerprints
        where (kind = 'text_band' and value = any(${ofKind("text_band")}::bigint[]))
           or (kind = 'url' and value = any(${ofKind("url")}::bigint[]))
           or (kind = 'image_sha' and value = any(${ofKind("image_sha")}::bigint[]))
           or (kind = 'image_phash_part' and value = any(${ofKind("image_phash_part")}::bigint[]))
        limit ${fingerprintRowLimit}`,
  );
  const keys = urlKeysOf(input.url, input.urlKey);
  const exactUrl = keys ? String(urlFingerprints(keys).exact) : null;
  const hits = new Map<string, Hits>();
  for (const row of rows) {
    if (row.case_id === options.excludeCaseId) {
      continue;
    }
    let hit = hits.get(row.case_id);
    if (!hit) {
      hit = { bands: 0, urlExact: false, urlOwner: false, imageSha: false, phashPart: false };
      hits.set(row.case_id, hit);
    }
    if (row.kind === "text_band") {
      hit.bands++;
    } else if (row.kind === "url") {
      if (row.value === exactUrl) {
        hit.urlExact = true;
      } else {
        hit.urlOwner = true;
      }
    } else if (row.kind === "image_sha") {
      hit.imageSha = true;
    } else {
      hit.phashPart = true;
    }
  }
  const strong = [...hits].filter(([, h]) => h.urlExact || h.urlOwner || h.imageSha || h.phashPart);
  const byText = [...hits]
    .filter(([, h]) => h.bands > 0 && !(h.urlExact || h.urlOwner || h.imageSha || h.phashPart))
    .sort(([, a], [, b]) => b.bands - a.bands)
    .slice(0, textCandidateLimit);
  const ids = [...strong, ...byText].map(([id]) => id);
  if (ids.length === 0) {
    return [];
  }
  const idList = `{${ids.join(",")}}`;
  const scope = options.scope ? sql` and ${unitIdWithin(verificationCases.unitId, options.scope)}` : sql``;
  const cases = await queryRows<{ id: string; folded_text: string; created_at: string | Date }>(
    db,
    sql`select id::text, folded_text, created_at from verification_cases
        where id = any(${idList}::uuid[]) and status <> 'merged'${scope}`,
  );
  const tipTexts = input.text
    ? await queryRows<{ case_id: string; text: string }>(
        db,
        // Merged tips and screenshots' OCR text add bands to a case, so they are scored too.
        sql`select case_id::text, text from verification_tips where case_id = any(${idList}::uuid[]) and text is not null
            union all
            select case_id::text, ocr_text from verification_files
            where case_id = any(${idList}::uuid[]) and ocr_text is not null and ocr_text <> ''`,
      )
    : [];
  const imageIds = strong.filter(([, h]) => h.phashPart).map(([id]) => id);
  const files =
    imageIds.length && input.images?.some((i) => i.phash)
      ? await queryRows<{ case_id: string; phash: string }>(
          db,
          sql`select case_id::text, phash from verification_files
              where case_id = any(${`{${imageIds.join(",")}}`}::uuid[]) and phash is not null`,
        )
      : [];

  const inputFolded = input.text ? foldText(input.text) : "";
  const inputShingles = shinglesOf(inputFolded);
  const inputWords = wordsOf(inputFolded).length;
  const now = (options.now ?? new Date()).getTime();
  const matches: CaseMatch[] = [];
  for (const row of cases) {
    const hit = hits.get(row.id) as Hits;
    const fresh = now - new Date(row.created_at).getTime() <= mergeMaxAgeDays * 86_400_000;
    const reasons: Record<string, unknown> = {};
    let certain = false;
    let score = 0;
    if (hit.urlExact) {
      reasons.url = true;
      certain = true;
      score = 1;
    } else if (hit.urlOwner) {
      reasons.sameChannel = true;
      score = Math.max(score, sameOwnerScore);
    }
    if (hit.imageSha) {
      reasons.image = "same";
      certain = true;
      score = 1;
    } else if (hit.phashPart) {
      const distance = Math.min(
        ...files
          .filter((f) => f.case_id === row.id)
          .flatMap((f) =>
            (input.images ?? []).filter((i) => i.phash).map((i) => hashDistance(i.phash as string, f.phash)),
          ),
      );
      if (distance <= phashSuggestDistance) {
        reasons.imageDistance = distance;
        certain ||= distance <= phashMergeDistance;
        score = Math.max(score, 1 - distance / 32);
      }
    }
    if (inputShingles.size > 0) {
      const texts = [
        row.folded_text,
        ...tipTexts.filter((t) => t.case_id === row.id).map((t) => foldText(t.text)),
      ];
      let best = 0;
      let bestWords = 0;
      for (const text of texts) {
        const similarity = textSimilarity(inputShingles, shinglesOf(text));
        if (similarity > best) {
          best = similarity;
          bestWords = wordsOf(text).length;
        }
      }
      if (best >= textSuggestSimilarity) {
        reasons.text = Math.round(best * 100) / 100;
        certain ||= best >= textMergeSimilarity && Math.min(inputWords, bestWords) >= minWordsToMerge;
        score = Math.max(score, best);
      }
    }
    if (score === 0) {
      continue;
    }
    if (certain && !fresh) {
      reasons.olderThanDays = mergeMaxAgeDays;
    }
    matches.push({
      caseId: row.id,
      score: Math.round(score * 1000) / 1000,
      level: certain && fresh ? "merge" : "suggest",
      reasons,
    });
  }
  matches.sort((a, b) => (a.level === b.level ? b.score - a.score : a.level === "merge" ? -1 : 1));
  return matches.slice(0, options.limit ?? 20);
}
