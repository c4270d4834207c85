/**
 * The channels API contract (the registry of units' official channels, its import, and the public
 * lookup and directory), shared by the server's routes and the web's typed client: the enums, the
 * request and response schemas, and `channelEndpoints`, which names each route's schemas. Shared code
 * imports no server code: the database schema takes its enum lists from here.
 */
import { z } from "zod";

/** The platforms a channel can live on; the canonicaliser in modules/channels knows each one's URL forms. */
export const channelPlatformValues = [
  "website",
  "facebook_page",
  "facebook_group",
  "zalo_oa",
  "zalo_group",
  "youtube",
  "tiktok",
  "other",
] as const;

export const channelStatusValues = ["active", "closed", "lost_control"] as const;

export const channelPlatformSchema = z.enum(channelPlatformValues);
export const channelStatusSchema = z.enum(channelStatusValues);

const pageQuery = {
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};

const localized = z.object({ vi: z.string(), en: z.string() });

export const channelIdParams = z.object({ id: z.uuid() });

const optionalText = (max: number) => z.string().trim().max(max).nullable().optional();

export const registerChannelBody = z.object({
  unitId: z.uuid(),
  platform: channelPlatformSchema,
  url: z.string().trim().min(1).max(2000),
  displayName: z.string().trim().min(1).max(300),
  handle: optionalText(200),
  platformId: optionalText(200),
  avatarUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  responsiblePersonId: z.uuid().nullable().optional(),
  followerCount: z.number().int().min(0).nullable().optional(),
  followersCountedOn: z.iso.date().nullable().optional(),
});

export const updateChannelBody = z.object({
  url: z.string().trim().min(1).max(2000).optional(),
  displayName: z.string().trim().min(1).max(300).optional(),
  handle: optionalText(200),
  platformId: optionalText(200),
  avatarUrl: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .nullable()
    .optional(),
  responsiblePersonId: z.uuid().nullable().optional(),
  followerCount: z.number().int().min(0).nullable().optional(),
  followersCountedOn: z.iso.date().nullable().optional(),
});

export const setChannelStatusBody = z.object({
  status: channelStatusSchema,
  /** When the change happened (the page was closed, control was lost); now when absent. */
  since: z.coerce.date().optional(),
  note: z.string().trim().max(1000).optional(),
});

export const handOverChannelBody = z.object({
  unitId: z.uuid(),
  note: z.string().trim().max(1000).optional(),
});

export const removeChannelBody = z.object({
  /** Why the entry is wrong (kept in the history and the audit log). */
  reason: z.string().trim().min(1).max(1000),
});

export const removedChannelResponse = z.object({ id: z.string(), removed: z.literal(true) });

export const listChannelsQuery = z.object({
  q: z.string().max(200).optional(),
  unitId: z.uuid().optional(),
  platform: channelPlatformSchema.optional(),
  status: channelStatusSchema.optional(),
  ...pageQuery,
});

export const channelSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  platform: channelPlatformSchema,
  key: z.string(),
  url: z.string(),
  displayName: z.string(),
  handle: z.string().nullable(),
  platformId: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  responsiblePersonId: z.string().nullable(),
  responsiblePersonName: z.string().nullable(),
  status: channelStatusSchema,
  statusSince: z.date(),
  verifiedBy: z.string().nullable(),
  verifiedByName: z.string().nullable(),
  verifiedAt: z.date().nullable(),
  followerCount: z.number().nullable(),
  followersCountedOn: z.string().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const channelListResponse = z.object({
  items: z.array(channelSchema),
  total: z.number(),
  page: z.number(),
});

export const channelHistoryEntry = z.object({
  id: z.number(),
  change: z.string(),
  status: channelStatusSchema,
  unitId: z.string(),
  unitName: z.string().nullable(),
  fromUnitId: z.string().nullable(),
  fromUnitName: z.string().nullable(),
  details: z.record(z.string(), z.unknown()).nullable(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  at: z.date(),
});

export const channelWithHistory = channelSchema.extend({
  history: z.array(channelHistoryEntry),
  /** Whether the reader may change the channel (channels' policy.canManageChannel). */
  canManage: z.boolean(),
});

// Import

export const channelImportBody = z.object({
  unitId: z.uuid(),
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64-encoded (XLSX or CSV, at most 10 MB). */
  contentBase64: z.string().min(1).max(14_000_000),
});

export const channelImportRowError = z.object({
  row: z.number(),
  field: z.string().nullable(),
  code: z.string(),
  message: localized,
});

export const channelImportPreviewResponse = z.object({
  totalRows: z.number(),
  validRows: z.number(),
  errors: z.array(channelImportRowError),
  sample: z.array(
    z.object({
      row: z.number(),
      platform: channelPlatformSchema,
      url: z.string(),
      displayName: z.string(),
      unitName: z.string(),
    }),
  ),
});

export const channelImportResultResponse = z.object({
  created: z.number(),
  totalRows: z.number(),
  errors: z.array(channelImportRowError),
});

// Public

export const lookupStatuses = ["official", "formerly_official", "impersonation", "unknown"] as const;

export const lookupQuery = z.object({ url: z.string().trim().min(1).max(2000) });

export const publicUnitRef = z.object({
  id: z.string(),
  name: z.string(),
  /** Names from the root of the tree down to the unit itself. */
  path: z.array(z.string()),
});

export const publicChannelSchema = z.object({
  id: z.string(),
  platform: channelPlatformSchema,
  url: z.string(),
  displayName: z.string(),
  handle: z.string().nullable(),
  avatarUrl: z.string().nullable(),
  status: channelStatusSchema,
  unit: publicUnitRef,
  since: z.date(),
});

export const lookupResponse = z.object({
  status: z.enum(lookupStatuses),
  channel: publicChannelSchema.optional(),
  canonicalKey: z.string().optional(),
  platform: channelPlatformSchema.optional(),
  /** Why the answer is "unknown" when the address could not be judged (url.unsupported). */
  reason: z.object({ code: z.string(), messages: localized }).optional(),
});

export const publicDirectoryQuery = z.object({
  q: z.string().max(200).optional(),
  unitId: z.uuid().optional(),
  platform: channelPlatformSchema.optional(),
  page: z.coerce.number().int().min(1).max(10_000).optional(),
});

export const publicDirectoryResponse = z.object({
  items: z.array(publicChannelSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const publicUnitParams = z.object({ id: z.uuid() });

export const publicUnitChannelsResponse = z.object({
  unit: publicUnitRef,
  channels: z.array(publicChannelSchema),
  /** Child units that have official channels somewhere in their subtree. */
  children: z.array(z.object({ id: z.string(), name: z.string(), channelCount: z.number() })),
});

export const directoryExportEntry = z.object({
  unit: z.string(),
  unitPath: z.array(z.string()),
  platform: channelPlatformSchema,
  name: z.string(),
  url: z.string(),
  since: z.string(),
});

export const directoryExportResponse = z.object({
  generatedAt: z.string(),
  items: z.array(directoryExportEntry),
});

export type PublicChannel = z.infer<typeof publicChannelSchema>;
export type LookupAnswer = z.infer<typeof lookupResponse>;

/**
 * Every route of the channels module by method and path, with the schemas its handler is declared
 * with; `response` is the success answer. The web's typed client derives each call's types from this
 * map. (A channel's publishing connection, under the same tag, belongs to the publishing module.)
 */
export const channelEndpoints = {
  "GET /api/channels": { query: listChannelsQuery, response: channelListResponse },
  "POST /api/channels": { body: registerChannelBody, response: channelSchema },
  "GET /api/channels/:id": { params: channelIdParams, response: channelWithHistory },
  "PATCH /api/channels/:id": { params: channelIdParams, body: updateChannelBody, response: channelSchema },
  "POST /api/channels/:id/status": {
    params: channelIdParams,
    body: setChannelStatusBody,
    response: channelSchema,
  },
  "POST /api/channels/:id/hand-over": {
    params: channelIdParams,
    body: handOverChannelBody,
    response: channelSchema,
  },
  "POST /api/channels/:id/verify": { params: channelIdParams, response: channelSchema },
  "POST /api/channels/:id/remove": {
    params: channelIdParams,
    body: removeChannelBody,
    response: removedChannelResponse,
  },
  "POST /api/channels/import/preview": { body: channelImportBody, response: channelImportPreviewResponse },
  "POST /api/channels/import": { body: channelImportBody, response: channelImportResultResponse },
  "GET /api/public/channels/lookup": { query: lookupQuery, response: lookupResponse },
  "GET /api/public/channels": { query: publicDirectoryQuery, response: publicDirectoryResponse },
  "GET /api/public/units/:id/channels": { params: publicUnitParams, response: publicUnitChannelsResponse },
  "GET /api/public/channels.json": { response: directoryExportResponse },
  "GET /api/public/channels.csv": { response: z.string() },
} as const;
