/**
 * The media API contract, shared by the server's routes and the web's typed client: the kinds of
 * item, the request and response schemas, and `mediaEndpoints`, which names each route's schemas.
 * Shared code imports no server code: the database schema takes its enum list from here.
 */
import { z } from "zod";

export const mediaKindValues = ["image", "video"] as const;

export const mediaKindSchema = z.enum(mediaKindValues);

/** Long enough to say what the picture shows, short enough for a screen reader to read it out. */
export const altTextLimits = { min: 5, max: 500 };

export const mediaIdParams = z.object({ id: z.uuid() });

/** Loose on purpose: a malformed key is answered 404 by the handler, like a key that is not there. */
export const mediaKeyParams = z.object({ key: z.string().max(200) });

/**
 * The file itself is the request body (application/octet-stream, up to 200 MB, streamed to disk);
 * what describes it travels in the query string so the body needs no multipart parsing.
 */
export const uploadMediaQuery = z.object({
  unitId: z.uuid(),
  altText: z.string().max(2000).optional(),
  /** The file's name on the sender's device, kept for searching; never used to decide its type. */
  name: z.string().max(300).optional(),
});

export const updateMediaBody = z.object({ altText: z.string().max(2000) });

export const listMediaQuery = z.object({
  unitId: z.uuid().optional(),
  /** Only the unit itself, not its sub-units (the picker of a post). */
  exact: z.stringbool().optional(),
  kind: mediaKindSchema.optional(),
  q: z.string().max(200).optional(),
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
});

export const mediaItemSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  /** The unit's tree path, so a client can tell whether its reader may manage the item. */
  unitPath: z.string().nullable(),
  kind: mediaKindSchema,
  mime: z.string(),
  bytes: z.number(),
  width: z.number().nullable(),
  height: z.number().nullable(),
  durationSeconds: z.number().nullable(),
  altText: z.string(),
  originalName: z.string().nullable(),
  /** Public, unguessable addresses of the file and its thumbnail (none for videos). */
  url: z.string(),
  thumbnailUrl: z.string().nullable(),
  published: z.boolean(),
  uploadedBy: z.string().nullable(),
  uploadedByName: z.string().nullable(),
  createdAt: z.date(),
});

export const uploadedMediaSchema = mediaItemSchema.extend({
  /** True when the unit already had this exact file: the existing item is returned, nothing is added. */
  duplicate: z.boolean(),
});

export const mediaListResponse = z.object({
  /** Each with whether the reader may change or delete it (media's policy.canManageMedia). */
  items: z.array(mediaItemSchema.extend({ canManage: z.boolean() })),
  total: z.number(),
  page: z.number(),
});

export const deletedMediaResponse = z.object({ id: z.string(), deleted: z.literal(true) });

/**
 * Every media route by method and path, with the schemas its handler is declared with; `response`
 * is the success answer. The uploads' body is the file itself (application/octet-stream, sent by
 * the web with XMLHttpRequest for its progress events), so their entries name no body; the file
 * address answers the file's bytes.
 */
export const mediaEndpoints = {
  "GET /media/:key": { params: mediaKeyParams, response: z.string() },
  "POST /api/media": { query: uploadMediaQuery, response: uploadedMediaSchema },
  "POST /api/me/media": { query: uploadMediaQuery.omit({ unitId: true }), response: uploadedMediaSchema },
  "GET /api/media": { query: listMediaQuery, response: mediaListResponse },
  "GET /api/media/:id": { params: mediaIdParams, response: mediaItemSchema },
  "PATCH /api/media/:id": { params: mediaIdParams, body: updateMediaBody, response: mediaItemSchema },
  "DELETE /api/media/:id": { params: mediaIdParams, response: deletedMediaResponse },
} as const;
