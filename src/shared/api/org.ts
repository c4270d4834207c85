/**
 * The org API contract (units, people, roles, imports, administrative areas), shared by the server's
 * routes and the web's typed client: the enums, the request and response schemas, and `orgEndpoints`,
 * which names each route's schemas. Shared code imports no server code: the database schema takes its
 * enum lists from here.
 */
import { z } from "zod";
import { roles, unitKinds } from "../organisation.ts";

export const unitStatusValues = ["active", "merged", "dissolved"] as const;
export const personStatusValues = ["active", "inactive"] as const;
export const personLocaleValues = ["vi", "en"] as const;
export const adminAreaLevelValues = ["province", "commune"] as const;
/** What a period of a unit's history began with. */
export const unitChangeValues = [
  "created",
  "renamed",
  "moved",
  "merged",
  "absorbed_children",
  "dissolved",
  "edited",
] as const;

export const unitKindSchema = z.enum(unitKinds);
const unitStatus = z.enum(unitStatusValues);
const personStatus = z.enum(personStatusValues);
const adminAreaLevel = z.enum(adminAreaLevelValues);

const pageQuery = {
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};

export const unitIdParams = z.object({ id: z.uuid() });

export const listUnitsQuery = z.object({
  q: z.string().max(200).optional(),
  parentId: z.uuid().optional(),
  includeEnded: z
    .enum(["true", "false"])
    .optional()
    .transform((v) => v === "true"),
  ...pageQuery,
});

export const unitSummary = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  parentId: z.string().nullable(),
  path: z.string(),
  depth: z.number(),
  status: unitStatus,
  mergedIntoId: z.string().nullable(),
  adminAreaCode: z.string().nullable(),
  endedAt: z.date().nullable(),
  childCount: z.number(),
  peopleCount: z.number(),
});

export const unitListResponse = z.object({
  items: z.array(unitSummary),
  total: z.number(),
  page: z.number(),
});

export const unitDetail = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  kind: unitKindSchema,
  parentId: z.string().nullable(),
  path: z.string(),
  status: unitStatus,
  mergedIntoId: z.string().nullable(),
  adminAreaCode: z.string().nullable(),
  contactAddress: z.string().nullable(),
  contactPhone: z.string().nullable(),
  contactEmail: z.string().nullable(),
  contentResponsible: z.string().nullable(),
  endedAt: z.date().nullable(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const unitHistoryEntry = z.object({
  name: z.string(),
  kind: z.string(),
  parentId: z.string().nullable(),
  status: z.string(),
  mergedIntoId: z.string().nullable(),
  change: z.string(),
  validFrom: z.date(),
  validTo: z.date().nullable(),
  actorId: z.string().nullable(),
});

export const unitWithHistory = unitDetail.extend({ history: z.array(unitHistoryEntry) });

export const createUnitBody = z.object({
  name: z.string().trim().min(1).max(300),
  kind: unitKindSchema,
  parentId: z.uuid(),
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9._-]{1,60}$/, "code: letters, digits, . _ - (max 60)")
    .optional(),
  adminAreaCode: z.string().trim().max(10).optional(),
});

/** A contact field of the portal's footer: blank clears it. */
const contactText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .optional()
    .transform((value) => (value === "" ? null : value));

export const updateUnitBody = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  kind: unitKindSchema.optional(),
  adminAreaCode: z.string().trim().max(10).nullable().optional(),
  contactAddress: contactText(300),
  contactPhone: contactText(40),
  contactEmail: z
    .union([z.literal(""), z.email().max(254)])
    .nullable()
    .optional()
    .transform((value) => (value === "" ? null : value)),
  contentResponsible: contactText(200),
});

export const moveUnitBody = z.object({ parentId: z.uuid() });
export const mergeUnitBody = z.object({ targetId: z.uuid() });

export const treeAsOfQuery = z.object({ asOf: z.coerce.date() });
export const treeAsOfResponse = z.object({
  asOf: z.date(),
  items: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      kind: z.string(),
      parentId: z.string().nullable(),
      path: z.string(),
      status: z.string(),
    }),
  ),
});

export const adminAreaQuery = z.object({
  q: z.string().max(200).optional(),
  level: adminAreaLevel.optional(),
  provinceCode: z.string().max(3).optional(),
  ...pageQuery,
});

export const adminAreaSchema = z.object({
  code: z.string(),
  level: adminAreaLevel,
  name: z.string(),
  provinceCode: z.string().nullable(),
  datasetVersion: z.string(),
});

export const adminAreaListResponse = z.object({
  items: z.array(adminAreaSchema),
  total: z.number(),
  page: z.number(),
});

export const adminAreaMappingQuery = z.object({
  q: z.string().max(200).optional(),
  oldCode: z.string().max(10).optional(),
  newCode: z.string().max(10).optional(),
  ...pageQuery,
});

export const adminAreaMappingSchema = z.object({
  oldCode: z.string().nullable(),
  oldName: z.string(),
  oldDistrictName: z.string(),
  oldProvinceName: z.string(),
  newCode: z.string(),
  newName: z.string().nullable(),
  datasetVersion: z.string(),
});

export const adminAreaMappingListResponse = z.object({
  items: z.array(adminAreaMappingSchema),
  total: z.number(),
  page: z.number(),
});

// People

export const roleSchema = z.enum(roles);

export const listPeopleQuery = z.object({
  q: z.string().max(200).optional(),
  unitId: z.uuid().optional(),
  status: personStatus.optional(),
  role: roleSchema.optional(),
  ...pageQuery,
});

export const personSchema = z.object({
  id: z.string(),
  fullName: z.string(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  position: z.string().nullable(),
  status: personStatus,
  unitId: z.string(),
  unitName: z.string(),
  /** The unit's tree path, so a client can match it against its abilities. */
  unitPath: z.string(),
  createdAt: z.date(),
  updatedAt: z.date(),
});

export const personListResponse = z.object({
  items: z.array(personSchema),
  total: z.number(),
  page: z.number(),
});

// The services refuse names and positions over personTextLimits (org-values.ts), naming the field in
// both languages; the contract's own ceiling only stops what no form would send.
const personTextCeiling = 2000;

export const createPersonBody = z.object({
  fullName: z.string().trim().min(1).max(personTextCeiling),
  email: z.string().trim().max(254).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  position: z.string().trim().max(personTextCeiling).nullable().optional(),
  unitId: z.uuid(),
});

export const updatePersonBody = z.object({
  fullName: z.string().trim().min(1).max(personTextCeiling).optional(),
  email: z.string().trim().max(254).nullable().optional(),
  phone: z.string().trim().max(30).nullable().optional(),
  position: z.string().trim().max(personTextCeiling).nullable().optional(),
  unitId: z.uuid().optional(),
});

/** An edited person; `pendingEmail` is a new e-mail that takes effect once confirmed from that address. */
export const updatedPersonResponse = personSchema.extend({
  pendingEmail: z.object({ email: z.string(), expiresAt: z.date() }).nullable(),
});

export const personIdParams = z.object({ id: z.uuid() });

export const grantSchema = z.object({
  id: z.string(),
  role: roleSchema,
  unitId: z.string(),
  unitName: z.string(),
  unitPath: z.string(),
  createdAt: z.date(),
});

export const grantListResponse = z.object({ items: z.array(grantSchema) });

export const grantIdParams = z.object({ id: z.uuid(), grantId: z.uuid() });

export const grantRoleBody = z.object({ role: roleSchema, unitId: z.uuid() });

export const importBody = z.object({
  unitId: z.uuid(),
  fileName: z.string().trim().min(1).max(255),
  /** The file's bytes, base64-encoded (XLSX or CSV, at most 10 MB). */
  contentBase64: z.string().min(1).max(14_000_000),
});

export const importRowError = z.object({
  row: z.number(),
  field: z.string().nullable(),
  code: z.string(),
  message: z.object({ vi: z.string(), en: z.string() }),
});

export const importPreviewResponse = z.object({
  totalRows: z.number(),
  validRows: z.number(),
  errors: z.array(importRowError),
  sample: z.array(
    z.object({
      row: z.number(),
      fullName: z.string(),
      email: z.string().nullable(),
      phone: z.string().nullable(),
      position: z.string().nullable(),
      unitName: z.string(),
    }),
  ),
});

export const importResultResponse = z.object({
  created: z.number(),
  /** The new people's ids (to invite them through auth's `POST /api/people/invitations`). */
  createdPersonIds: z.array(z.string()),
  totalRows: z.number(),
  errors: z.array(importRowError),
});

/**
 * Every org route by method and path, with the schemas its handler is declared with; `response` is
 * the success answer. The web's typed client derives each call's types from this map.
 */
export const orgEndpoints = {
  "GET /api/units": { query: listUnitsQuery, response: unitListResponse },
  "GET /api/units/tree": { query: treeAsOfQuery, response: treeAsOfResponse },
  "GET /api/units/:id": { params: unitIdParams, response: unitWithHistory },
  "POST /api/units": { body: createUnitBody, response: unitDetail },
  "PATCH /api/units/:id": { params: unitIdParams, body: updateUnitBody, response: unitDetail },
  "POST /api/units/:id/move": { params: unitIdParams, body: moveUnitBody, response: unitDetail },
  "POST /api/units/:id/merge": { params: unitIdParams, body: mergeUnitBody, response: unitDetail },
  "POST /api/units/:id/dissolve": { params: unitIdParams, response: unitDetail },
  "GET /api/admin-areas": { query: adminAreaQuery, response: adminAreaListResponse },
  "GET /api/admin-areas/mappings": { query: adminAreaMappingQuery, response: adminAreaMappingListResponse },
  "GET /api/people": { query: listPeopleQuery, response: personListResponse },
  "POST /api/people": { body: createPersonBody, response: personSchema },
  "GET /api/people/:id": { params: personIdParams, response: personSchema },
  "PATCH /api/people/:id": {
    params: personIdParams,
    body: updatePersonBody,
    response: updatedPersonResponse,
  },
  "POST /api/people/:id/deactivate": { params: personIdParams, response: personSchema },
  "POST /api/people/:id/reactivate": { params: personIdParams, response: personSchema },
  "GET /api/people/:id/roles": { params: personIdParams, response: grantListResponse },
  "POST /api/people/:id/roles": { params: personIdParams, body: grantRoleBody, response: grantListResponse },
  "DELETE /api/people/:id/roles/:grantId": { params: grantIdParams, response: grantListResponse },
  "POST /api/people/import/preview": { body: importBody, response: importPreviewResponse },
  "POST /api/people/import": { body: importBody, response: importResultResponse },
} as const;
