import { z } from "zod";
import {
  caseCategoryValues,
  caseStatusValues,
  indicatorKindValues,
  verdictLabelValues,
} from "./verification-values.ts";

/*
 * The verification desk's scam indicators (phone numbers, bank accounts, domains and account pages
 * seen in confirmed scams, each linked to its case), their public lookup and exports, and the desk's
 * metrics (true medians of its response times).
 */

export const indicatorKind = z.enum(indicatorKindValues);

const caseParams = z.object({ id: z.uuid() });
const indicatorParams = z.object({ id: z.uuid(), indicatorId: z.uuid() });

export const addIndicatorBody = z.object({
  kind: indicatorKind,
  value: z.string().trim().min(1).max(2000),
  /** A bank's name, where the number was seen… kept for people to read. */
  note: z.string().trim().max(500).optional(),
});

export const caseIndicatorSchema = z.object({
  id: z.string(),
  caseId: z.string(),
  kind: indicatorKind,
  /** The normal form the lookup matches on. */
  value: z.string(),
  /** As entered. */
  display: z.string(),
  note: z.string().nullable(),
  createdAt: z.date(),
});

export const caseIndicatorsResponse = z.object({
  items: z.array(caseIndicatorSchema),
  /** Whether the case's indicators are in the public list (a published scam verdict: Tin giả or Tin sai sự thật). */
  public: z.boolean(),
  canManage: z.boolean(),
});

export const removedIndicatorResponse = z.object({ id: z.string(), removedAt: z.date() });

export const normaliseQuery = z.object({ kind: indicatorKind.optional(), value: z.string().max(2000) });
export const normaliseResponse = z.object({
  ok: z.boolean(),
  kind: indicatorKind.nullable(),
  value: z.string().nullable(),
  refusal: z.object({ vi: z.string(), en: z.string() }).nullable(),
});

export const lookupIndicatorQuery = z.object({
  value: z.string().max(2000),
  kind: indicatorKind.optional(),
});

export const lookupIndicatorResponse = z.object({
  kind: indicatorKind,
  normalised: z.string(),
  found: z.boolean(),
  items: z.array(
    z.object({
      kind: indicatorKind,
      display: z.string(),
      case: z.object({
        title: z.string(),
        label: z.enum(verdictLabelValues),
        articleUrl: z.string().optional(),
      }),
    }),
  ),
});

export const publicIndicatorSchema = z.object({
  kind: indicatorKind,
  value: z.string(),
  display: z.string(),
  caseLabel: z.enum(verdictLabelValues),
  firstSeen: z.date(),
});

export const publicIndicatorsQuery = z.object({
  page: z.coerce.number().int().min(1).max(100_000).optional(),
  pageSize: z.coerce.number().int().min(1).max(5000).optional(),
});

export const publicIndicatorsResponse = z.object({
  generatedAt: z.string(),
  items: z.array(publicIndicatorSchema),
  total: z.number(),
  page: z.number(),
});

export const staffIndicatorsQuery = z.object({
  unitId: z.uuid().optional(),
  kind: indicatorKind.optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const staffIndicatorSchema = caseIndicatorSchema.extend({
  unitId: z.string(),
  unitName: z.string(),
  caseTitle: z.string(),
  caseLabel: z.enum(verdictLabelValues).nullable(),
  public: z.boolean(),
});

export const staffIndicatorsResponse = z.object({
  items: z.array(staffIndicatorSchema),
  total: z.number(),
  page: z.number(),
});

// --- Metrics ---------------------------------------------------------------------------------

export const metricsQuery = z.object({
  /** First and last day (Vietnam time, inclusive) of the period the cases were created in. */
  from: z.iso.date().optional(),
  to: z.iso.date().optional(),
  unitId: z.uuid().optional(),
});

/** Medians in seconds; null when no case of the group has reached that step. */
const medians = z.object({
  cases: z.number(),
  firstAction: z.number().nullable(),
  verdict: z.number().nullable(),
  publication: z.number().nullable(),
});

export const metricsResponse = z.object({
  from: z.string(),
  to: z.string(),
  overall: medians,
  byCategory: z.array(medians.extend({ category: z.enum(caseCategoryValues).nullable() })),
  byUnit: z.array(medians.extend({ unitId: z.string(), unitName: z.string() })),
  byLabel: z.array(z.object({ label: z.enum(verdictLabelValues).nullable(), cases: z.number() })),
  byStatus: z.array(z.object({ status: z.enum(caseStatusValues), cases: z.number() })),
});

/** Method and path → schemas, as in declarations.ts. */
export const indicatorEndpoints = {
  "GET /api/cases/:id/indicators": { params: caseParams, response: caseIndicatorsResponse },
  "POST /api/cases/:id/indicators": {
    params: caseParams,
    body: addIndicatorBody,
    response: caseIndicatorSchema,
  },
  "DELETE /api/cases/:id/indicators/:indicatorId": {
    params: indicatorParams,
    response: removedIndicatorResponse,
  },
  "GET /api/indicators": { query: staffIndicatorsQuery, response: staffIndicatorsResponse },
  "GET /api/indicators.csv": {
    query: staffIndicatorsQuery.omit({ page: true, pageSize: true }),
    response: z.string(),
  },
  "GET /api/indicators/normalise": { query: normaliseQuery, response: normaliseResponse },
  "GET /api/public/indicators/lookup": { query: lookupIndicatorQuery, response: lookupIndicatorResponse },
  "GET /api/public/indicators.json": { query: publicIndicatorsQuery, response: publicIndicatorsResponse },
  "GET /api/public/indicators.csv": { response: z.string() },
  "GET /api/verification/metrics": { query: metricsQuery, response: metricsResponse },
} as const;
