import { sql } from "drizzle-orm";
import {
  bigint,
  boolean,
  index,
  integer,
  jsonb,
  pgTable,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  caseCategoryValues,
  caseStatusValues,
  caseUrgencyValues,
  fingerprintKindValues,
  impersonationSourceValues,
  impersonationStatusValues,
  indicatorKindValues,
  ocrStatusValues,
  suggestionStatusValues,
  tipMatchValues,
  tipSourceValues,
  verdictLabelValues,
  verdictStatusValues,
} from "../../../shared/api/verification-values.ts";
import { bytea } from "./types.ts";

/*
 * The verification desk: citizens' and members' tips, the cases they are grouped into, the keys cases
 * are matched on, evidence, verdicts and their public corrections, pages suspected of impersonating a
 * registered channel, and scam indicators. The desk works on claims and pages, never on a person:
 * a reporter's e-mail is optional, only used to tell them the outcome, and purged with the case.
 */

export const verificationCases = pgTable(
  "verification_cases",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The unit whose desk handles the case (the portal the tip came through, or the member's unit). */
    unitId: uuid("unit_id").notNull(),
    /** A short line a checker can scan in the queue; starts as the first tip's text. */
    title: text("title").notNull(),
    /** The claim as first received (the first tip's text), kept for matching and the timeline. */
    claimText: text("claim_text").notNull().default(""),
    /** claimText folded (lower case, no tone marks, đ → d, spaces collapsed): what matching compares. */
    foldedText: text("folded_text").notNull().default(""),
    url: text("url"),
    /** The registry's canonical key of `url` (channels' canonicalisation), when it has one. */
    urlKey: text("url_key"),
    category: text("category", { enum: caseCategoryValues }),
    urgency: text("urgency", { enum: caseUrgencyValues }).notNull().default("normal"),
    status: text("status", { enum: caseStatusValues }).notNull().default("received"),
    dueAt: timestamp("due_at", { withTimezone: true }),
    assigneeId: uuid("assignee_id"),
    /** How many tips asked about this claim (merged ones included): the queue sorts on it. */
    demandCount: integer("demand_count").notNull().default(1),
    /** Checklist items ticked, by item key → { by, at }. The list itself is the unit's (verification_checklists). */
    checklist: jsonb("checklist").$type<Record<string, { by: string; at: string }>>().notNull().default({}),
    /** Set when the case was merged into another one (status "merged"). */
    mergedIntoId: uuid("merged_into_id"),
    firstActionAt: timestamp("first_action_at", { withTimezone: true }),
    verdictAt: timestamp("verdict_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("verification_cases_unit_status_idx").on(t.unitId, t.status),
    index("verification_cases_created_idx").on(t.createdAt),
    index("verification_cases_url_key_idx").on(t.urlKey),
  ],
);

export const verificationTips = pgTable(
  "verification_tips",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    source: text("source", { enum: tipSourceValues }).notNull(),
    /** What the reporter keeps to follow their tip at /bao-tin/<code>; random, so codes cannot be walked. */
    trackingCode: text("tracking_code").notNull(),
    url: text("url"),
    urlKey: text("url_key"),
    text: text("text"),
    /** Optional; only to tell the reporter the outcome; erased when the case's retention ends. */
    email: text("email"),
    /** The member who sent it from the app (null for the public form). */
    reporterId: uuid("reporter_id"),
    match: text("match", { enum: tipMatchValues }).notNull(),
    /** The match score when the tip was merged automatically. */
    matchScore: real("match_score"),
    /** When the reporter was last told of the outcome (the verdict's version they were told of). */
    notifiedVersion: integer("notified_version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("verification_tips_tracking_code_idx").on(t.trackingCode),
    index("verification_tips_case_idx").on(t.caseId),
  ],
);

/**
 * Screenshots sent with tips and files kept as evidence, re-encoded on arrival (metadata dropped),
 * with their OCR text once the job has read them.
 */
export const verificationFiles = pgTable(
  "verification_files",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    tipId: uuid("tip_id"),
    evidenceId: uuid("evidence_id"),
    mimeType: text("mime_type").notNull(),
    fileName: text("file_name"),
    byteSize: integer("byte_size").notNull(),
    width: integer("width"),
    height: integer("height"),
    /** Hex SHA-256 of the bytes as received (before re-encoding): the same screenshot sent twice. */
    sha256: text("sha256").notNull(),
    /** 64-bit perceptual hash as 16 hex digits, for near-identical images. */
    phash: text("phash"),
    content: bytea("content").notNull(),
    ocrStatus: text("ocr_status", { enum: ocrStatusValues }).notNull().default("none"),
    ocrText: text("ocr_text"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("verification_files_case_idx").on(t.caseId),
    index("verification_files_tip_idx").on(t.tipId),
    // The OCR worker asks every few seconds for files still to read: only those are in this index.
    index("verification_files_ocr_waiting_idx").on(t.createdAt).where(sql`ocr_status in ('none', 'pending')`),
  ],
);

/**
 * The keys a case is found by: one row per key (its URL's canonical key, each MinHash band of its
 * text, each image's hash). A new tip's keys are looked up by (kind, value), so matching reads a few
 * index entries however many cases there are.
 */
export const verificationFingerprints = pgTable(
  "verification_fingerprints",
  {
    caseId: uuid("case_id").notNull(),
    kind: text("kind", { enum: fingerprintKindValues }).notNull(),
    value: bigint("value", { mode: "bigint" }).notNull(),
  },
  (t) => [
    index("verification_fingerprints_lookup_idx").on(t.kind, t.value),
    index("verification_fingerprints_case_idx").on(t.caseId),
  ],
);

/** A likely duplicate, for a checker to merge or dismiss. */
export const verificationSuggestions = pgTable(
  "verification_suggestions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The newer case, which would be merged. */
    caseId: uuid("case_id").notNull(),
    /** The known case it resembles. */
    candidateCaseId: uuid("candidate_case_id").notNull(),
    score: real("score").notNull(),
    /** Why it was suggested (e.g. { text: 0.62, image: false }). */
    reasons: jsonb("reasons").$type<Record<string, unknown>>().notNull().default({}),
    status: text("status", { enum: suggestionStatusValues }).notNull().default("open"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("verification_suggestions_pair_idx").on(t.caseId, t.candidateCaseId),
    index("verification_suggestions_candidate_idx").on(t.candidateCaseId),
  ],
);

/** The case's timeline: every action on it, by whom and when, in order. */
export const verificationEvents = pgTable(
  "verification_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    /** Null for what a citizen or the system did (a tip arrived, OCR finished). */
    actorId: uuid("actor_id"),
    kind: text("kind").notNull(),
    details: jsonb("details").$type<Record<string, unknown>>().notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("verification_events_case_idx").on(t.caseId, t.createdAt)],
);

/** The checklist a unit's checkers follow for each category; the unit edits it. */
export const verificationChecklists = pgTable(
  "verification_checklists",
  {
    unitId: uuid("unit_id").notNull(),
    category: text("category", { enum: caseCategoryValues }).notNull(),
    /** Items in order: a stable key and the text shown. */
    items: jsonb("items").$type<{ key: string; text: string }[]>().notNull().default([]),
    updatedBy: uuid("updated_by"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("verification_checklists_unit_category_idx").on(t.unitId, t.category)],
);

/** A source consulted: its address, a note, whether it is authoritative, and an archive copy (a file). */
export const verificationEvidence = pgTable(
  "verification_evidence",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    url: text("url"),
    title: text("title"),
    note: text("note"),
    authoritative: boolean("authoritative").notNull().default(false),
    /** Shown in the published correction's evidence list. */
    isPublic: boolean("is_public").notNull().default(true),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [index("verification_evidence_case_idx").on(t.caseId)],
);

/**
 * A case's verdict. Once published it is never edited in place: it is paused, changed and published
 * again, each publication a new `version` with its line in verification_verdict_changes.
 */
export const verificationVerdicts = pgTable(
  "verification_verdicts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    label: text("label", { enum: verdictLabelValues }).notNull(),
    /** The claim as reviewed, under 75 characters (ClaimReview's claimReviewed). */
    claimReviewed: text("claim_reviewed").notNull(),
    /** The public explanation (plain text; paragraphs separated by blank lines). */
    explanation: text("explanation").notNull().default(""),
    status: text("status", { enum: verdictStatusValues }).notNull().default("draft"),
    /** Publications so far; 0 until first published. */
    version: integer("version").notNull().default(0),
    draftedBy: uuid("drafted_by"),
    signedOffBy: uuid("signed_off_by"),
    signedOffAt: timestamp("signed_off_at", { withTimezone: true }),
    /** The correction article (a publishing post) the verdict is published as. */
    postId: uuid("post_id"),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("verification_verdicts_case_idx").on(t.caseId)],
);

/** The public correction log of a verdict: every publication after the first says what changed. */
export const verificationVerdictChanges = pgTable(
  "verification_verdict_changes",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    verdictId: uuid("verdict_id").notNull(),
    version: integer("version").notNull(),
    labelBefore: text("label_before", { enum: verdictLabelValues }),
    labelAfter: text("label_after", { enum: verdictLabelValues }).notNull(),
    /** What was corrected and why, as published. */
    note: text("note").notNull(),
    changedBy: uuid("changed_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("verification_verdict_changes_version_idx").on(t.verdictId, t.version)],
);

/**
 * A page suspected of impersonating a registered channel, with the score and its reasons for a
 * person to confirm or dismiss. Never an automatic verdict.
 */
export const impersonationCandidates = pgTable(
  "impersonation_candidates",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The unit whose desk looks at it (the imitated channel's unit once known). */
    unitId: uuid("unit_id").notNull(),
    caseId: uuid("case_id"),
    source: text("source", { enum: impersonationSourceValues }).notNull(),
    url: text("url").notNull(),
    urlKey: text("url_key"),
    platform: text("platform"),
    displayName: text("display_name").notNull(),
    handle: text("handle"),
    /** A screenshot of the page or its avatar, if given, and its perceptual hash. */
    avatarFileId: uuid("avatar_file_id"),
    avatarPhash: text("avatar_phash"),
    score: real("score").notNull(),
    reasons: jsonb("reasons")
      .$type<{ code: string; weight: number; detail?: string }[]>()
      .notNull()
      .default([]),
    /** The registered channel it most resembles. */
    channelId: uuid("channel_id"),
    status: text("status", { enum: impersonationStatusValues }).notNull().default("candidate"),
    decidedBy: uuid("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("impersonation_candidates_unit_idx").on(t.unitId, t.status),
    index("impersonation_candidates_key_idx").on(t.urlKey),
  ],
);

/** A phone number, bank account, domain or account URL seen in a confirmed scam, linked to its case. */
export const scamIndicators = pgTable(
  "scam_indicators",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    caseId: uuid("case_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    kind: text("kind", { enum: indicatorKindValues }).notNull(),
    /** Normalised: 0xxxxxxxxx phones, digits-only accounts, registrable domains, canonical URL keys. */
    value: text("value").notNull(),
    /** As entered, for people to read. */
    display: text("display").notNull(),
    note: text("note"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    removedAt: timestamp("removed_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("scam_indicators_case_value_idx").on(t.caseId, t.kind, t.value),
    index("scam_indicators_lookup_idx").on(t.kind, t.value).where(sql`removed_at is null`),
  ],
);
