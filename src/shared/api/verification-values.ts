/*
 * The verification desk's vocabulary, shared by the server's tables and the web app's labels.
 * Zod-free on purpose: db/schema/verification.ts imports these lists.
 */

/** Where a tip came from: the public form or API (no account), or a member signed in to the app. */
export const tipSourceValues = ["public", "member"] as const;
export type TipSource = (typeof tipSourceValues)[number];

/** What happened to a tip when it arrived: it opened a new case, or was merged into a known one. */
export const tipMatchValues = ["new_case", "merged"] as const;
export type TipMatch = (typeof tipMatchValues)[number];

export const caseCategoryValues = [
  "scam",
  "health",
  "disaster",
  "public_order",
  "impersonation",
  "other",
] as const;
export type CaseCategory = (typeof caseCategoryValues)[number];

export const caseUrgencyValues = ["low", "normal", "high", "critical"] as const;
export type CaseUrgency = (typeof caseUrgencyValues)[number];

/**
 * A case's life: received → checking (someone acted on it) → awaiting sign-off (a verdict is drafted)
 * → published (the verdict is public) ⇄ paused (taken down to be corrected) ; closed without a public
 * verdict (not enough evidence, out of scope) ; merged into another case (its tips moved there).
 */
export const caseStatusValues = [
  "received",
  "checking",
  "awaiting_signoff",
  "published",
  "paused",
  "closed",
  "merged",
] as const;
export type CaseStatus = (typeof caseStatusValues)[number];

/** What a reporter's status page shows (tingia.gov.vn: received → verify → label). */
export const tipPublicStatusValues = ["received", "checking", "answered"] as const;

/**
 * The one public scale (tingia.gov.vn's labels) and the outcomes that are never published.
 * fake = Tin giả, false = Tin sai sự thật, true = Tin xác thực.
 */
export const publicLabelValues = ["fake", "false", "true"] as const;
export const verdictLabelValues = [...publicLabelValues, "insufficient_evidence", "out_of_scope"] as const;
export type VerdictLabel = (typeof verdictLabelValues)[number];

/** Where a verdict stands: drafted, signed off by an approver, public, or taken down to be corrected. */
export const verdictStatusValues = ["draft", "signed_off", "published", "paused"] as const;
export type VerdictStatus = (typeof verdictStatusValues)[number];

/** Suggested merges a checker decides on (the likely level of de-duplication). */
export const suggestionStatusValues = ["open", "merged", "dismissed"] as const;

/** Kinds of key a case is matched on; each row of verification_fingerprints is one of them. */
export const fingerprintKindValues = [
  /** The registry's canonical key of a URL in the case. */
  "url",
  /** One LSH band of the MinHash signature of the folded text. */
  "text_band",
  /** SHA-256 of an image's bytes (first 8 bytes, as a signed 64-bit number). */
  "image_sha",
  /** One 16-bit quarter of an image's 64-bit perceptual hash, tagged with its position. */
  "image_phash_part",
] as const;
export type FingerprintKind = (typeof fingerprintKindValues)[number];

export const ocrStatusValues = ["none", "pending", "done", "unavailable", "failed"] as const;
export type OcrStatus = (typeof ocrStatusValues)[number];

export const impersonationSourceValues = ["citizen", "checker", "import"] as const;
export const impersonationStatusValues = ["candidate", "confirmed", "dismissed"] as const;
export type ImpersonationStatus = (typeof impersonationStatusValues)[number];

export const indicatorKindValues = ["phone", "bank_account", "domain", "account_url"] as const;
export type IndicatorKind = (typeof indicatorKindValues)[number];
