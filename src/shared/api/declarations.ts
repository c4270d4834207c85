/**
 * The declarations API contract, shared by the server's routes and the web's typed client: the enums,
 * the request and response schemas, and `declarationEndpoints`, which names each route's schemas.
 * Shared code imports no server code: the database schema takes its enum lists from here.
 */
import { z } from "zod";

export const declarationStatusValues = ["active", "closed", "compromised"] as const;
export const accountReportKindValues = ["compromised", "impersonated"] as const;

/**
 * What a member can declare (Regulation 85 is about members' own accounts): their personal accounts
 * first, then the pages, groups and channels they run, on any platform a channel can live on. A
 * personal Facebook or Zalo account has its own kind, as its address alone reads like a page's or an
 * OA's; a personal TikTok account or YouTube channel is the same kind as any other.
 */
export const declarationPlatformValues = [
  "facebook_profile",
  "zalo_account",
  "tiktok",
  "youtube",
  "facebook_page",
  "facebook_group",
  "zalo_oa",
  "zalo_group",
  "website",
  "other",
] as const;
export type DeclarationPlatform = (typeof declarationPlatformValues)[number];

const platform = z.enum(declarationPlatformValues);
const declarationStatus = z.enum(declarationStatusValues);
const pageQuery = {
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};

export const idParams = z.object({ id: z.uuid() });

export const purposeSchema = z.object({ version: z.string(), vi: z.string(), en: z.string() });

export const declareBody = z.object({
  platform,
  url: z.string().trim().min(1).max(2000),
  displayName: z.string().trim().min(1).max(300),
  realName: z.boolean(),
  /** Must be true: the member agrees to the purpose shown (version `purposeVersion`, in `locale`). */
  consent: z.literal(true),
  purposeVersion: z.string().min(1).max(50),
  locale: z.enum(["vi", "en"]).default("vi"),
});

export const updateDeclarationBody = z.object({
  url: z.string().trim().min(1).max(2000).optional(),
  displayName: z.string().trim().min(1).max(300).optional(),
  realName: z.boolean().optional(),
});

export const declarationStatusBody = z.object({
  status: z.enum(["active", "closed"]),
  /** When it was closed (or recovered); now when absent. */
  since: z.coerce.date().optional(),
});

export const reportBody = z
  .object({
    kind: z.enum(accountReportKindValues),
    happenedAt: z.coerce.date(),
    description: z.string().trim().max(2000).optional(),
    impersonatorUrl: z
      .url({ protocol: /^https?$/ })
      .max(2000)
      .optional(),
  })
  .refine((body) => body.kind === "impersonated" || !body.impersonatorUrl, {
    path: ["impersonatorUrl"],
    message: "only for impersonation",
  });

export const reportSchema = z.object({
  id: z.string(),
  declarationId: z.string(),
  kind: z.enum(accountReportKindValues),
  happenedAt: z.date(),
  description: z.string().nullable(),
  impersonatorUrl: z.string().nullable(),
  alertedCount: z.number(),
  acknowledgedAt: z.date().nullable(),
  createdAt: z.date(),
});

export const declarationSchema = z.object({
  id: z.string(),
  platform,
  url: z.string(),
  displayName: z.string(),
  realName: z.boolean(),
  status: declarationStatus,
  statusSince: z.date(),
  purposeVersion: z.string(),
  purposeText: z.string(),
  consentedAt: z.date(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const ownDeclarationSchema = declarationSchema.extend({
  /** The status the declaration's status action sets (policy.toggledStatus): reopen a closed one, else close. */
  statusAction: z.enum(["active", "closed"]),
  reports: z.array(reportSchema),
});

export const ownDeclarationsResponse = z.object({
  purpose: purposeSchema,
  items: z.array(ownDeclarationSchema),
});

export const reportResponse = reportSchema.extend({
  alerted: z.array(z.object({ id: z.string(), fullName: z.string() })),
});

export const deletedResponse = z.object({ deleted: z.number() });

export const exportResponse = z.object({
  exportedAt: z.date(),
  declarations: z.array(ownDeclarationSchema),
  requestResponses: z.array(
    z.object({ requestId: z.string(), declarationCount: z.number(), respondedAt: z.date() }),
  ),
});

export const memberDeclarationsQuery = z.object({
  unitId: z.uuid().optional(),
  personId: z.uuid().optional(),
  platform: platform.optional(),
  status: declarationStatus.optional(),
  q: z.string().max(200).optional(),
  ...pageQuery,
});

const personRef = z.object({
  id: z.string(),
  fullName: z.string(),
  unitId: z.string(),
  unitName: z.string(),
});

export const memberDeclarationsResponse = z.object({
  items: z.array(declarationSchema.extend({ person: personRef })),
  total: z.number(),
  page: z.number(),
});

export const alertsQuery = z.object({
  unitId: z.uuid().optional(),
  open: z
    .enum(["true", "false"])
    .transform((value) => value === "true")
    .optional(),
  ...pageQuery,
});

export const alertSchema = reportSchema.extend({
  account: z.object({ platform, url: z.string(), displayName: z.string() }),
  member: personRef,
  acknowledgedBy: z.object({ id: z.string(), fullName: z.string() }).nullable(),
  canAcknowledge: z.boolean(),
});

export const alertsResponse = z.object({ items: z.array(alertSchema), total: z.number(), page: z.number() });

export const acknowledgedResponse = z.object({ id: z.string(), acknowledgedAt: z.date().nullable() });

// Requests

export const createRequestBody = z.object({
  unitId: z.uuid(),
  title: z.string().trim().min(1).max(300),
  message: z.string().trim().max(4000).nullable().optional(),
  dueOn: z.iso.date(),
});

export const requestSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  title: z.string(),
  message: z.string().nullable(),
  dueOn: z.string(),
  createdAt: z.date(),
  closedAt: z.date().nullable(),
  overdue: z.boolean(),
  canClose: z.boolean(),
});

export const requestWithCompletion = requestSchema.extend({ members: z.number(), responded: z.number() });

export const requestListQuery = z.object({ unitId: z.uuid().optional(), ...pageQuery });

export const requestListResponse = z.object({
  items: z.array(requestWithCompletion),
  total: z.number(),
  page: z.number(),
});

export const requestDetailResponse = requestWithCompletion.extend({
  units: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      parentId: z.string().nullable(),
      depth: z.number(),
      members: z.number(),
      responded: z.number(),
      subtreeMembers: z.number(),
      subtreeResponded: z.number(),
    }),
  ),
});

export const createdRequestResponse = z.object({
  id: z.string(),
  dueOn: z.string(),
  reminders: z.array(z.date()),
});

export const memberRequestsResponse = z.object({
  items: z.array(requestSchema.extend({ respondedAt: z.date().nullable() })),
});

export const respondResponse = z.object({
  requestId: z.string(),
  respondedAt: z.date(),
  declarationCount: z.number(),
});

export const closedRequestResponse = requestSchema.pick({ id: true, closedAt: true });

/**
 * Every declarations route by method and path, with the schemas its handler is declared with;
 * `response` is the success answer. The web's typed client derives each call's types from this map.
 */
export const declarationEndpoints = {
  "GET /api/me/declarations": { response: ownDeclarationsResponse },
  "POST /api/me/declarations": { body: declareBody, response: declarationSchema },
  "PATCH /api/me/declarations/:id": {
    params: idParams,
    body: updateDeclarationBody,
    response: declarationSchema,
  },
  "POST /api/me/declarations/:id/status": {
    params: idParams,
    body: declarationStatusBody,
    response: declarationSchema,
  },
  "POST /api/me/declarations/:id/report": { params: idParams, body: reportBody, response: reportResponse },
  "DELETE /api/me/declarations/:id": { params: idParams, response: deletedResponse },
  "DELETE /api/me/declarations": { response: deletedResponse },
  "GET /api/me/declarations/export.json": { response: exportResponse },
  "GET /api/me/declarations/export.csv": { response: z.string() },
  "GET /api/me/declaration-requests": { response: memberRequestsResponse },
  "POST /api/me/declaration-requests/:id/respond": { params: idParams, response: respondResponse },
  "POST /api/declaration-requests": { body: createRequestBody, response: createdRequestResponse },
  "GET /api/declaration-requests": { query: requestListQuery, response: requestListResponse },
  "GET /api/declaration-requests/:id": { params: idParams, response: requestDetailResponse },
  "POST /api/declaration-requests/:id/close": { params: idParams, response: closedRequestResponse },
  "GET /api/declaration-alerts": { query: alertsQuery, response: alertsResponse },
  "POST /api/declaration-alerts/:id/acknowledge": { params: idParams, response: acknowledgedResponse },
  "GET /api/declarations": { query: memberDeclarationsQuery, response: memberDeclarationsResponse },
} as const;
