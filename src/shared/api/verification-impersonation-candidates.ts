import { z } from "zod";
import { impersonationSourceValues, impersonationStatusValues } from "./verification-values.ts";

/*
 * The impersonation watch's candidates: pages reported by citizens, entered by checkers or imported,
 * each with the score's suggestion, confirmed or dismissed by a person, and the report pack of a
 * confirmed one. (The scoring endpoint's schemas live beside, in verification-impersonation.ts.)
 */

const localized = z.object({ vi: z.string(), en: z.string() });

export const candidateIdParams = z.object({ id: z.uuid() });

export const candidateReasonSchema = z.object({
  code: z.string(),
  weight: z.number(),
  detail: z.string().optional(),
});

export const candidateChannelSchema = z.object({
  id: z.string(),
  platform: z.string(),
  url: z.string(),
  displayName: z.string(),
  unitName: z.string(),
});

export const candidateSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  caseId: z.string().nullable(),
  source: z.enum(impersonationSourceValues),
  url: z.string(),
  platform: z.string().nullable(),
  displayName: z.string(),
  handle: z.string().nullable(),
  hasScreenshot: z.boolean(),
  score: z.number(),
  reasons: z.array(candidateReasonSchema),
  /** The registered channel it resembles (the score's suggestion, or the one a checker confirmed). */
  channel: candidateChannelSchema.nullable(),
  status: z.enum(impersonationStatusValues),
  decidedByName: z.string().nullable(),
  decidedAt: z.date().nullable(),
  note: z.string().nullable(),
  createdAt: z.date(),
  /** Whether the reader may confirm, dismiss, reopen and download the pack. */
  canManage: z.boolean(),
});

export const candidateListQuery = z.object({
  status: z.enum(impersonationStatusValues).optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const candidateListResponse = z.object({
  items: z.array(candidateSchema),
  total: z.number(),
  page: z.number(),
});

export const createCandidateBody = z.object({
  url: z.string().trim().min(1).max(2000),
  displayName: z.string().trim().min(1).max(300),
  handle: z.string().trim().max(200).optional(),
  /** The unit whose desk looks at it when the page resembles no registered channel. */
  unitId: z.uuid().optional(),
  note: z.string().trim().max(2000).optional(),
});

export const createCandidateResponse = z.object({
  candidate: candidateSchema,
  /** False when the page was already a candidate: that one is returned, nothing new was made. */
  created: z.boolean(),
});

export const confirmCandidateBody = z.object({
  /** The real channel it imitates; required when the score found none. */
  channelId: z.uuid().optional(),
  note: z.string().trim().max(2000).optional(),
});

export const dismissCandidateBody = z.object({ note: z.string().trim().min(1).max(2000) });
export const reopenCandidateBody = z.object({ note: z.string().trim().max(2000).optional() });

export const candidateImportBody = z.object({
  unitId: z.uuid().optional(),
  fileName: z.string().trim().min(1).max(255),
  /** The CSV file's bytes, base64-encoded (columns: address, display name, handle; at most 2 MB). */
  contentBase64: z.string().min(1).max(2_800_000),
});

export const candidateImportRowError = z.object({
  row: z.number(),
  code: z.string(),
  message: localized,
});

export const candidateImportPreviewResponse = z.object({
  totalRows: z.number(),
  validRows: z.number(),
  /** Rows whose page is already a candidate: nothing new is made for them. */
  knownRows: z.number(),
  errors: z.array(candidateImportRowError),
  sample: z.array(z.object({ row: z.number(), url: z.string(), displayName: z.string() })),
});

export const candidateImportResultResponse = z.object({
  created: z.number(),
  known: z.number(),
  totalRows: z.number(),
  errors: z.array(candidateImportRowError),
});

/** A citizen's report from /kiem-tra (JSON; the page's form posts the same fields). */
export const publicImpersonationReportBody = z.object({
  url: z.string().trim().min(1).max(2000),
  displayName: z.string().trim().max(300).optional(),
  /** Honeypot: people never see this field, scripts fill it in. */
  website: z.string().max(500).optional(),
});

export const publicImpersonationReportResponse = z.object({
  /** official: the address is a registered channel (no report made); impersonation: already confirmed. */
  outcome: z.enum(["received", "official", "impersonation"]),
  channel: z.object({ displayName: z.string(), url: z.string(), unitName: z.string() }).optional(),
});

export const reportPackResponse = z.string().describe("The report pack as a ZIP archive");
export const screenshotResponse = z.string().describe("The page's screenshot as a PNG image");

export type Candidate = z.infer<typeof candidateSchema>;
export type CandidateReason = z.infer<typeof candidateReasonSchema>;

export const impersonationCandidateEndpoints = {
  "POST /api/public/impersonation-reports": {
    body: publicImpersonationReportBody,
    response: publicImpersonationReportResponse,
  },
  "GET /api/impersonation/candidates": { query: candidateListQuery, response: candidateListResponse },
  "POST /api/impersonation/candidates": { body: createCandidateBody, response: createCandidateResponse },
  "POST /api/impersonation/candidates/import/preview": {
    body: candidateImportBody,
    response: candidateImportPreviewResponse,
  },
  "POST /api/impersonation/candidates/import": {
    body: candidateImportBody,
    response: candidateImportResultResponse,
  },
  "GET /api/impersonation/candidates/:id": { params: candidateIdParams, response: candidateSchema },
  "POST /api/impersonation/candidates/:id/confirm": {
    params: candidateIdParams,
    body: confirmCandidateBody,
    response: candidateSchema,
  },
  "POST /api/impersonation/candidates/:id/dismiss": {
    params: candidateIdParams,
    body: dismissCandidateBody,
    response: candidateSchema,
  },
  "POST /api/impersonation/candidates/:id/reopen": {
    params: candidateIdParams,
    body: reopenCandidateBody,
    response: candidateSchema,
  },
} as const;
