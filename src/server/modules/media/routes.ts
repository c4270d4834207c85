import { existsSync, mkdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import { dirname } from "node:path";
import type { Readable } from "node:stream";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  deletedMediaResponse,
  listMediaQuery,
  mediaIdParams,
  mediaItemSchema,
  mediaKeyParams,
  mediaListResponse,
  updateMediaBody,
  uploadedMediaSchema,
  uploadMediaQuery,
} from "../../../shared/api/media.ts";
import { contextOf, pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { errors } from "../../platform/errors.ts";
import { listFilterPath, personSummary } from "../org/index.ts";
import { mediaErrors } from "./errors.ts";
import { canManageMedia } from "./policy.ts";
import {
  deleteMedia,
  getMedia,
  listMedia,
  maxVideoBytes,
  mediaViews,
  setDefaultMediaStorage,
  unitOfMedia,
  updateAltText,
  uploadMedia,
} from "./service.ts";
import { contentTypeOfKey, isMediaKey, localMediaStorage } from "./storage.ts";

const mediaNotFound = () => errors.notFound({ vi: "tệp", en: "File" });

/** The media library of each unit (upload, list, alt text, delete) and the public file addresses. */
export async function mediaRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const storage = localMediaStorage(app.deps.config.mediaDir);
  setDefaultMediaStorage(storage);
  const tags = ["media"];
  const mediaUnit = (request: FastifyRequest) => unitOfMedia(db, (request.params as { id: string }).id);
  const targetUnit = (request: FastifyRequest) => {
    const unit = request.targetUnit;
    if (!unit) {
      throw errors.forbidden();
    }
    return unit;
  };

  // The upload body is the file itself, handed over unread: the handler streams it to disk with the
  // limit of the type its first bytes show (200 MB would not fit the app's 15 MB JSON body limit).
  app.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));

  // Made up front where the data directory already exists (a running server), so the file sender
  // finds its root; a test app without a data directory leaves the disk alone.
  if (existsSync(dirname(app.deps.config.mediaDir))) {
    mkdirSync(app.deps.config.mediaDir, { recursive: true });
  }
  // Range requests (video seeking), ETag and Last-Modified come from the static file sender.
  await app.register(fastifyStatic, { root: app.deps.config.mediaDir, serve: false });

  /** Streams an upload into `unit`'s library (the first bytes decide the type and its limit). */
  async function receiveUpload(
    request: FastifyRequest,
    reply: FastifyReply,
    unit: { id: string; path: string },
    quotaBytes?: number,
  ) {
    const declared = Number(request.headers["content-length"] ?? 0);
    if (declared > maxVideoBytes) {
      throw mediaErrors.tooLarge({ kind: "file", maxBytes: maxVideoBytes }, { maxBytes: maxVideoBytes });
    }
    const body = request.body as Readable | undefined;
    if (!body || typeof (body as Readable).pipe !== "function") {
      throw mediaErrors.bodyRequired();
    }
    const query = request.query as { altText?: string; name?: string };
    const result = await uploadMedia(contextOf(request), storage, {
      unit,
      altText: query.altText,
      name: query.name,
      body,
      quotaBytes,
    });
    const [view] = await mediaViews(db, [result.row]);
    reply.status(result.duplicate ? 200 : 201);
    return { ...(view as NonNullable<typeof view>), duplicate: result.duplicate };
  }

  routes.get(
    "/media/:key",
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary: "An uploaded file or thumbnail; its address never changes, so it is cached for a year",
        params: mediaKeyParams,
      },
    },
    async (request, reply) => {
      const { key } = request.params;
      // Only the exact shape of a key we issue names a file: no dots, slashes or encodings get through.
      if (!isMediaKey(key)) {
        throw mediaNotFound();
      }
      const path = storage.pathOf(key);
      const found = await stat(path).catch(() => null);
      if (!found?.isFile()) {
        throw mediaNotFound();
      }
      reply
        .type(contentTypeOfKey(key))
        .header("x-content-type-options", "nosniff")
        .header("content-disposition", "inline")
        .header("cross-origin-resource-policy", "cross-origin");
      return reply.sendFile(path.slice(app.deps.config.mediaDir.length + 1), {
        cacheControl: true,
        maxAge: "365d",
        immutable: true,
        acceptRanges: true,
        dotfiles: "deny",
      });
    },
  );

  routes.post(
    "/api/media",
    {
      config: {
        access: {
          permission: "channels.manage",
          unit: (request) => (request.query as { unitId: string }).unitId,
        },
      },
      bodyLimit: maxVideoBytes,
      schema: {
        tags,
        summary:
          "Upload an image (≤ 20 MB, ≤ 40 megapixels, no edge over 20,000 px, no longer than 50:1; re-encoded without EXIF/GPS, with a thumbnail) or a video (MP4/WebM ≤ 200 MB): the body is the file (application/octet-stream); alt text is required for images. The same file twice in a unit returns the existing item (200, duplicate: true)",
        querystring: uploadMediaQuery,
        consumes: ["application/octet-stream"],
        response: { 200: uploadedMediaSchema, 201: uploadedMediaSchema },
      },
    },
    async (request, reply) => receiveUpload(request, reply, targetUnit(request)),
  );

  // A member sends photos with a story for the board (collaborators): they go to the library of
  // the member's own unit, with the same checks, and no permission on the library is needed.
  routes.post(
    "/api/me/media",
    {
      config: { access: { authenticated: true } },
      bodyLimit: maxVideoBytes,
      schema: {
        tags,
        summary:
          "Upload a photo or video to my own unit's library, for a story I send to the board (same limits and checks as /api/media; at most MEDIA_MEMBER_QUOTA_MB, 500 MB by default, stored per person in any 24 hours, else 429 media.quota_exceeded)",
        querystring: uploadMediaQuery.omit({ unitId: true }),
        consumes: ["application/octet-stream"],
        response: { 200: uploadedMediaSchema, 201: uploadedMediaSchema },
      },
    },
    async (request, reply) => {
      const me = await personSummary(db, signedInContextOf(request).actor.personId);
      if (!me) {
        throw errors.unauthenticated();
      }
      return receiveUpload(
        request,
        reply,
        { id: me.unitId, path: me.unitPath },
        app.deps.config.mediaMemberQuotaBytes,
      );
    },
  );

  routes.get(
    "/api/media",
    {
      config: { access: { permission: "units.read" } },
      schema: {
        tags,
        summary:
          "The media library of the units I may see, newest first; unitId narrows to a unit's subtree (exact=true: the unit alone); q searches alt text and file name ignoring diacritics",
        querystring: listMediaQuery,
        response: { 200: mediaListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "units.read");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf({
        page: request.query.page,
        pageSize: request.query.pageSize ?? 24,
      });
      const result = await listMedia(db, {
        scope,
        unitPath,
        exactUnitId: request.query.exact ? request.query.unitId : undefined,
        kind: request.query.kind,
        q: request.query.q,
        limit,
        offset,
      });
      return {
        ...result,
        items: result.items.map((item) => ({ ...item, canManage: canManageMedia(ctx.actor, item.unitPath) })),
        page,
      };
    },
  );

  routes.get(
    "/api/media/:id",
    {
      config: { access: { permission: "units.read", unit: mediaUnit } },
      schema: {
        tags,
        summary: "One item of a media library",
        params: mediaIdParams,
        response: { 200: mediaItemSchema },
      },
    },
    async (request) => getMedia(db, request.params.id),
  );

  routes.patch(
    "/api/media/:id",
    {
      config: { access: { permission: "channels.manage", unit: mediaUnit } },
      schema: {
        tags,
        summary: "Change the alt text of an item",
        params: mediaIdParams,
        body: updateMediaBody,
        response: { 200: mediaItemSchema },
      },
    },
    async (request) => {
      await updateAltText(contextOf(request), {
        id: request.params.id,
        unit: targetUnit(request),
        altText: request.body.altText,
      });
      return getMedia(db, request.params.id);
    },
  );

  routes.delete(
    "/api/media/:id",
    {
      config: { access: { permission: "channels.manage", unit: mediaUnit } },
      schema: {
        tags,
        summary: "Delete an item from the library (refused with 409 once a published post used it)",
        params: mediaIdParams,
        response: { 200: deletedMediaResponse },
      },
    },
    async (request) => {
      await deleteMedia(contextOf(request), storage, { id: request.params.id, unit: targetUnit(request) });
      return { id: request.params.id, deleted: true as const };
    },
  );
}
