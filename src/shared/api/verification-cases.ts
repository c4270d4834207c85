import { z } from "zod";
import {
  caseCategoryValues,
  caseStatusValues,
  caseUrgencyValues,
  ocrStatusValues,
  tipMatchValues,
  tipSourceValues,
} from "./verification-values.ts";

/*
 * The verification desk's cases as checkers work them: the queue, one case with its tips, files,
 * suggested duplicates, evidence, checklist and timeline, triage, evidence, merges and checklists.
 * A reporter's e-mail never appears here: only whether a tip has one.
 */

const category = z.enum(caseCategoryValues);
const urgency = z.enum(caseUrgencyValues);
const status = z.enum(caseStatusValues);

/** The statuses a case is still worked in: the queue's default. */
export const openCaseStatusValues = ["received", "checking", "awaiting_signoff", "paused"] as const;

export const caseIdParams = z.object({ id: z.uuid() });
export const caseFileParams = z.object({ id: z.uuid(), fileId: z.uuid() });
export const caseEvidenceParams = z.object({ id: z.uuid(), evidenceId: z.uuid() });
export const caseSuggestionParams = z.object({ id: z.uuid(), suggestionId: z.uuid() });
export const checklistItemParams = z.object({
  id: z.uuid(),
  itemKey: z.string().regex(/^[a-z0-9_-]{1,40}$/),
});

const personRef = z.object({ id: z.string(), fullName: z.string() });

export const caseQueueQuery = z.object({
  /** One status, "open" (the default: received, checking, awaiting sign-off, paused) or "all". */
  status: z.enum([...caseStatusValues, "open", "all"]).optional(),
  category: z.enum([...caseCategoryValues, "none"]).optional(),
  /** A person's id, "mine" or "unassigned". */
  assignee: z.union([z.uuid(), z.enum(["mine", "unassigned"])]).optional(),
  unitId: z.uuid().optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const queueItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  category: category.nullable(),
  urgency,
  status,
  demand: z.number(),
  dueAt: z.date().nullable(),
  assignee: personRef.nullable(),
  createdAt: z.date(),
  /** Whole hours since the case was opened. */
  ageHours: z.number(),
  overdue: z.boolean(),
  /** Tips whose reporter left an e-mail to be told the outcome (the count only). */
  withContact: z.number(),
});

export const caseQueueResponse = z.object({
  items: z.array(queueItemSchema),
  total: z.number(),
  page: z.number(),
  /** Open cases in the actor's scope (all filters but status and assignee ignored). */
  counts: z.object({ open: z.number(), mine: z.number(), unassigned: z.number(), overdue: z.number() }),
});

export const caseFileSchema = z.object({
  id: z.string(),
  tipId: z.string().nullable(),
  evidenceId: z.string().nullable(),
  mimeType: z.string(),
  fileName: z.string().nullable(),
  byteSize: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  ocrStatus: z.enum(ocrStatusValues),
  ocrText: z.string().nullable(),
  createdAt: z.date(),
});

export const caseTipSchema = z.object({
  id: z.string(),
  source: z.enum(tipSourceValues),
  match: z.enum(tipMatchValues),
  text: z.string().nullable(),
  url: z.string().nullable(),
  hasEmail: z.boolean(),
  createdAt: z.date(),
  files: z.array(caseFileSchema),
});

export const caseSuggestionSchema = z.object({
  id: z.string(),
  /** The case that would be merged (the newer one) and the one it would be merged into. */
  fromCaseId: z.string(),
  intoCaseId: z.string(),
  /** The case on the other side of the pair from the one being read. */
  otherCase: z.object({ id: z.string(), title: z.string(), status, demand: z.number() }),
  score: z.number(),
  reasons: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});

export const evidenceSchema = z.object({
  id: z.string(),
  url: z.string().nullable(),
  title: z.string().nullable(),
  note: z.string().nullable(),
  authoritative: z.boolean(),
  isPublic: z.boolean(),
  createdBy: personRef.nullable(),
  createdAt: z.date(),
  files: z.array(caseFileSchema),
});

export const checklistItemSchema = z.object({
  key: z.string(),
  text: z.string(),
  ticked: z.object({ by: personRef.nullable(), at: z.date() }).nullable(),
});

export const timelineEventSchema = z.object({
  id: z.string(),
  kind: z.string(),
  actor: personRef.nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.date(),
});

export const caseDetailResponse = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  claimText: z.string(),
  url: z.string().nullable(),
  category: category.nullable(),
  urgency,
  status,
  dueAt: z.date().nullable(),
  overdue: z.boolean(),
  assignee: personRef.nullable(),
  demand: z.number(),
  mergedIntoId: z.string().nullable(),
  firstActionAt: z.date().nullable(),
  createdAt: z.date(),
  contacts: z.object({ tips: z.number(), withEmail: z.number() }),
  tips: z.array(caseTipSchema),
  suggestions: z.array(caseSuggestionSchema),
  evidence: z.array(evidenceSchema),
  /** The unit's checklist for the case's category (the "other" list while it has none). */
  checklist: z.array(checklistItemSchema),
  timeline: z.array(timelineEventSchema),
  /** The people a manager may assign the case to (checkers over its unit). */
  assignees: z.array(personRef),
  /** Whether the OCR program is installed; screenshots are not read without it. */
  ocrAvailable: z.boolean(),
  canManage: z.boolean(),
});

export const triageBody = z
  .object({
    title: z.string().trim().min(1).max(300).optional(),
    category: category.optional(),
    urgency: urgency.optional(),
    dueAt: z.coerce.date().nullable().optional(),
    assigneeId: z.uuid().nullable().optional(),
  })
  .refine((body) => Object.values(body).some((value) => value !== undefined), {
    message: "nothing to change",
  });

export const checklistTickBody = z.object({ ticked: z.boolean() });
export const checklistTickResponse = z.object({ checklist: z.array(checklistItemSchema) });

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const evidenceBody = z
  .object({
    url: httpUrl.nullable().optional(),
    title: z.string().trim().max(300).nullable().optional(),
    note: z.string().trim().max(4000).nullable().optional(),
    authoritative: z.boolean().default(false),
    isPublic: z.boolean().default(true),
  })
  .refine((body) => Boolean(body.url || body.title || body.note), {
    path: ["url"],
    message: "a source needs an address, a title or a note",
  });

/** The same fields in the query string of an upload, whose body is the file itself. */
export const evidenceUploadQuery = z.object({
  url: httpUrl.optional(),
  title: z.string().trim().max(300).optional(),
  note: z.string().trim().max(4000).optional(),
  authoritative: z.enum(["true", "false"]).optional(),
  isPublic: z.enum(["true", "false"]).optional(),
  fileName: z.string().trim().max(200).optional(),
});

export const mergeBody = z.object({ intoCaseId: z.uuid() });
export const mergeResponse = z.object({
  id: z.string(),
  intoCaseId: z.string(),
  movedTips: z.number(),
  demand: z.number(),
});

export const caseFileResponse = z.string().describe("The file's bytes (an image or a PDF), shown inline");

export const suggestionDismissResponse = z.object({ id: z.string(), status: z.literal("dismissed") });
export const evidenceRemovedResponse = z.object({ id: z.string(), removedAt: z.date() });

export const checklistsQuery = z.object({ unitId: z.uuid() });
const checklistItemInput = z.object({
  key: z
    .string()
    .regex(/^[a-z0-9_-]{1,40}$/)
    .optional(),
  text: z.string().trim().min(1).max(300),
});
export const checklistsBody = z.object({
  lists: z
    .array(z.object({ category, items: z.array(checklistItemInput).max(30) }))
    .min(1)
    .max(caseCategoryValues.length),
});
export const checklistsResponse = z.object({
  unitId: z.string(),
  unitName: z.string(),
  lists: z.array(
    z.object({
      category,
      items: z.array(z.object({ key: z.string(), text: z.string() })),
      /** True while the unit has not edited it: the desk's default list is shown. */
      isDefault: z.boolean(),
    }),
  ),
});

/** Method and path → schemas, as in declarations.ts. */
export const caseEndpoints = {
  "GET /api/cases": { query: caseQueueQuery, response: caseQueueResponse },
  "GET /api/cases/:id": { params: caseIdParams, response: caseDetailResponse },
  "GET /api/cases/:id/files/:fileId": { params: caseFileParams, response: caseFileResponse },
  "PATCH /api/cases/:id": { params: caseIdParams, body: triageBody, response: caseDetailResponse },
  "POST /api/cases/:id/checklist/:itemKey": {
    params: checklistItemParams,
    body: checklistTickBody,
    response: checklistTickResponse,
  },
  "POST /api/cases/:id/evidence": { params: caseIdParams, body: evidenceBody, response: evidenceSchema },
  "POST /api/cases/:id/evidence/upload": {
    params: caseIdParams,
    query: evidenceUploadQuery,
    response: evidenceSchema,
  },
  "DELETE /api/cases/:id/evidence/:evidenceId": {
    params: caseEvidenceParams,
    response: evidenceRemovedResponse,
  },
  "POST /api/cases/:id/merge": { params: caseIdParams, body: mergeBody, response: mergeResponse },
  "POST /api/cases/:id/suggestions/:suggestionId/dismiss": {
    params: caseSuggestionParams,
    response: suggestionDismissResponse,
  },
  "GET /api/verification/checklists": { query: checklistsQuery, response: checklistsResponse },
  "PUT /api/verification/checklists": {
    query: checklistsQuery,
    body: checklistsBody,
    response: checklistsResponse,
  },
} as const;
