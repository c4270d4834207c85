import type { VerdictLabel } from "../../../../shared/api/verification-values.ts";

/*
 * The one public scale (tingia.gov.vn's labels) and the outcomes never published, as people read them.
 * The rating numbers place the three public labels on ClaimReview's scale (worst 1, best 3).
 */

export const labelNames: Record<VerdictLabel, { vi: string; en: string }> = {
  fake: { vi: "Tin giả", en: "Fake news" },
  false: { vi: "Tin sai sự thật", en: "False information" },
  true: { vi: "Tin xác thực", en: "Verified information" },
  insufficient_evidence: { vi: "Chưa đủ căn cứ", en: "Not enough evidence" },
  out_of_scope: { vi: "Ngoài phạm vi", en: "Out of scope" },
};

export type PublicLabel = "fake" | "false" | "true";

export function isPublicLabel(label: VerdictLabel): label is PublicLabel {
  return label === "fake" || label === "false" || label === "true";
}

export const ratingOf: Record<PublicLabel, number> = { fake: 1, false: 2, true: 3 };
export const worstRating = 1;
export const bestRating = 3;

/** Where the scale, the checks, sign-off and the corrections policy are explained to the public. */
export const methodologyPath = "/phuong-phap-xac-minh";

/**
 * The topic every correction article carries: the portal shows them together, and an article page
 * asks for a verdict only when its article has it (verdicts are not indexed by post).
 */
export const correctionTag = "xác minh tin";
