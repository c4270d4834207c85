import { z } from "zod";
import { verdictLabelValues, verdictStatusValues } from "./verification-values.ts";

/* The verification desk's verdicts: drafting, sign-off, publication as a correction article, the correction log, reporters told. */

/**
 * ClaimReview's claimReviewed should stay under 75 characters (Google's guidance), counted as people
 * see them (NFC code points, so a decomposed "ế" counts once).
 */
export const claimReviewedMaxLength = 74;

export function claimLength(text: string): number {
  return [...text.normalize("NFC").trim()].length;
}

export const verdictCaseParams = z.object({ id: z.uuid() });

export const verdictDraftBody = z.object({
  label: z.enum(verdictLabelValues),
  claimReviewed: z
    .string()
    .trim()
    .min(1)
    .refine((text) => claimLength(text) <= claimReviewedMaxLength, {
      message: `at most ${claimReviewedMaxLength} characters`,
    }),
  explanation: z.string().trim().min(1).max(20_000),
});

export const verdictPublishBody = z
  .object({
    /** What was corrected and why; required from the second publication on (the public correction log). */
    note: z.string().trim().max(2000).optional(),
  })
  .nullish();

const person = z.object({ id: z.uuid(), fullName: z.string() }).nullable();

export const verdictChangeSchema = z.object({
  version: z.number().int(),
  labelBefore: z.enum(verdictLabelValues).nullable(),
  labelAfter: z.enum(verdictLabelValues),
  note: z.string(),
  createdAt: z.date(),
});

export const verdictSchema = z.object({
  id: z.uuid(),
  label: z.enum(verdictLabelValues),
  claimReviewed: z.string(),
  explanation: z.string(),
  status: z.enum(verdictStatusValues),
  /** Publications so far (0 until first published). */
  version: z.number().int(),
  draftedBy: person,
  signedOffBy: person,
  signedOffAt: z.date().nullable(),
  publishedAt: z.date().nullable(),
  /** The correction article on the unit's portal, once published. */
  articleUrl: z.string().nullable(),
  changes: z.array(verdictChangeSchema),
});

/** A case's verdict as the desk sees it, with what the reader may do now (the UI never recomputes a rule). */
export const verdictStateResponse = z.object({
  caseId: z.uuid(),
  caseStatus: z.string(),
  verdict: verdictSchema.nullable(),
  can: z.object({
    draft: z.boolean(),
    signOff: z.boolean(),
    publish: z.boolean(),
    pause: z.boolean(),
  }),
  /** Why sign-off is not offered to this reader, when they are an approver: they drafted it. */
  ownDraft: z.boolean(),
  /** Whether the unit has a portal to publish the correction article on. */
  hasPortal: z.boolean(),
  methodologyUrl: z.string(),
});

/** Method and path → schemas, as in declarations.ts. */
export const verdictEndpoints = {
  "GET /api/cases/:id/verdict": { params: verdictCaseParams, response: verdictStateResponse },
  "PUT /api/cases/:id/verdict": {
    params: verdictCaseParams,
    body: verdictDraftBody,
    response: verdictStateResponse,
  },
  "POST /api/cases/:id/verdict/sign-off": { params: verdictCaseParams, response: verdictStateResponse },
  "POST /api/cases/:id/verdict/publish": {
    params: verdictCaseParams,
    body: verdictPublishBody,
    response: verdictStateResponse,
  },
  "POST /api/cases/:id/verdict/pause": { params: verdictCaseParams, response: verdictStateResponse },
} as const;
