import { randomBytes } from "node:crypto";
import type { Db } from "../../../db/client.ts";
import {
  verificationCases,
  verificationEvidence,
  verificationTips,
} from "../../../db/schema/verification.ts";

/*
 * For the verdict tests: cases and tips written as rows (the tips part builds the real intake), and
 * the ClaimReview validator that reads the JSON-LD out of a served page.
 */

export async function insertCase(
  db: Db,
  options: { unitId: string; claim?: string; mergedIntoId?: string | null },
): Promise<string> {
  const claim = options.claim ?? "Uống nước muối loãng chữa khỏi bệnh cúm";
  const [row] = await db
    .insert(verificationCases)
    .values({
      unitId: options.unitId,
      title: claim,
      claimText: claim,
      status: options.mergedIntoId ? "merged" : "checking",
      mergedIntoId: options.mergedIntoId ?? null,
    })
    .returning({ id: verificationCases.id });
  return row?.id ?? "";
}

export async function insertTip(
  db: Db,
  options: { caseId: string; unitId: string; email?: string | null },
): Promise<{ id: string; trackingCode: string }> {
  const trackingCode = randomBytes(5).toString("hex").toUpperCase();
  const [row] = await db
    .insert(verificationTips)
    .values({
      caseId: options.caseId,
      unitId: options.unitId,
      source: "public",
      trackingCode,
      text: "Nghe nói uống nước muối chữa khỏi cúm",
      email: options.email ?? null,
      match: "new_case",
    })
    .returning({ id: verificationTips.id });
  return { id: row?.id ?? "", trackingCode };
}

export async function insertEvidence(
  db: Db,
  options: {
    caseId: string;
    title: string;
    url: string;
    note?: string;
    authoritative?: boolean;
    isPublic?: boolean;
  },
) {
  await db.insert(verificationEvidence).values({
    caseId: options.caseId,
    title: options.title,
    url: options.url,
    note: options.note ?? null,
    authoritative: options.authoritative ?? false,
    isPublic: options.isPublic ?? true,
  });
}

/** Every JSON-LD object of an HTML page. */
export function jsonLdOf(page: string): Record<string, unknown>[] {
  const found: Record<string, unknown>[] = [];
  for (const match of page.matchAll(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/g)) {
    found.push(JSON.parse(match[1] ?? "null") as Record<string, unknown>);
  }
  return found;
}

/**
 * What Google's ClaimReview structured data requires (developers.google.com/search/docs/appearance/
 * structured-data/factcheck): claimReviewed, reviewRating (with alternateName, and ratingValue
 * between worstRating and bestRating when numbers are given), url, and an author with a name.
 * Returns the problems found; an empty list means valid.
 */
export function claimReviewProblems(item: Record<string, unknown>): string[] {
  const problems: string[] = [];
  if (item["@context"] !== "https://schema.org" && item["@context"] !== "http://schema.org") {
    problems.push("@context");
  }
  if (item["@type"] !== "ClaimReview") {
    problems.push("@type");
  }
  const claim = item.claimReviewed;
  if (typeof claim !== "string" || claim.trim() === "" || [...claim].length >= 75) {
    problems.push("claimReviewed");
  }
  const rating = item.reviewRating as Record<string, unknown> | undefined;
  if (rating?.["@type"] !== "Rating") {
    problems.push("reviewRating");
  } else {
    if (typeof rating.alternateName !== "string" || rating.alternateName.trim() === "") {
      problems.push("reviewRating.alternateName");
    }
    const { ratingValue, bestRating, worstRating } = rating as Record<string, number>;
    if (ratingValue !== undefined) {
      if (
        typeof bestRating !== "number" ||
        typeof worstRating !== "number" ||
        ratingValue < worstRating ||
        ratingValue > bestRating
      ) {
        problems.push("reviewRating.ratingValue");
      }
    }
  }
  if (typeof item.url !== "string" || !/^https?:\/\//.test(item.url)) {
    problems.push("url");
  }
  const author = item.author as Record<string, unknown> | undefined;
  if (
    !author ||
    (author["@type"] !== "Organization" && author["@type"] !== "Person") ||
    typeof author.name !== "string" ||
    author.name.trim() === ""
  ) {
    problems.push("author");
  }
  if (item.datePublished !== undefined && Number.isNaN(Date.parse(String(item.datePublished)))) {
    problems.push("datePublished");
  }
  return problems;
}
