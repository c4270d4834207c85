import fastifyMultipart from "@fastify/multipart";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  myTipsQuery,
  myTipsResponse,
  tipBody,
  tipCreatedResponse,
  tipStatusResponse,
  trackingCodeParams,
} from "../../../shared/api/verification-tips.ts";
import { contextOf, pageOf, signedInContextOf } from "../../http/context.ts";
import { readTipForm, tipMultipartLimits } from "./tips/form-reader.ts";
import type { IncomingImage } from "./tips/images.ts";
import { submitTip } from "./tips/intake.ts";
import { tipPageRoutes } from "./tips/page-routes.ts";
import { tipLimit, tipStatusLimit } from "./tips/rate-limits.ts";
import { listOwnTips, tipStatusByCode } from "./tips/status.ts";

/** Screenshots read from a multipart tip before validation, for its handler. */
const imagesOf = new WeakMap<FastifyRequest, IncomingImage[]>();

/**
 * A multipart tip becomes the same body as a JSON one (its text fields), with its files kept aside:
 * the route's schema then checks both alike.
 */
async function readMultipartTip(request: FastifyRequest): Promise<void> {
  if (!request.isMultipart()) {
    return;
  }
  const form = await readTipForm(request);
  if (form.problem) {
    throw form.problem;
  }
  request.body = form.fields;
  imagesOf.set(request, form.images);
}

/** Tip intake (JSON or multipart with screenshots), the tracking code's status, a member's own tips. */
export async function tipRoutes(app: FastifyInstance): Promise<void> {
  // Only this plugin's routes take multipart bodies.
  await app.register(fastifyMultipart, { limits: tipMultipartLimits, throwFileSizeLimit: false });
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["verification"];

  routes.post(
    "/api/public/tips",
    {
      config: { access: { public: true }, rateLimit: tipLimit },
      preValidation: readMultipartTip,
      schema: {
        tags,
        summary:
          "Send a tip to be verified, without an account: url and/or text, optional e-mail (only to tell the outcome), as JSON or as multipart/form-data with up to 5 screenshots in `images` (10 MB each)",
        security: [],
        body: tipBody,
        response: { 201: tipCreatedResponse },
      },
    },
    async (request, reply) => {
      const ctx = { ...contextOf(request), actor: null };
      const { trackingCode } = await submitTip(ctx, request.body, imagesOf.get(request) ?? []);
      reply.status(201);
      return { trackingCode };
    },
  );

  routes.get(
    "/api/public/tips/:code",
    {
      config: { access: { public: true }, rateLimit: tipStatusLimit },
      schema: {
        tags,
        summary:
          "Where a tip has got, by its tracking code: received, checking or answered, with the published verdict",
        security: [],
        params: trackingCodeParams,
        response: { 200: tipStatusResponse },
      },
    },
    async (request, reply) => {
      reply.header("cache-control", "no-store");
      return tipStatusByCode(db, request.params.code);
    },
  );

  routes.post(
    "/api/tips",
    {
      config: { access: { authenticated: true }, rateLimit: tipLimit },
      preValidation: readMultipartTip,
      schema: {
        tags,
        summary:
          "Send a tip as a member (to my own unit's desk), as JSON or multipart/form-data with screenshots",
        body: tipBody,
        response: { 201: tipCreatedResponse },
      },
    },
    async (request, reply) => {
      const { trackingCode } = await submitTip(
        signedInContextOf(request),
        { ...request.body, unitId: undefined },
        imagesOf.get(request) ?? [],
      );
      reply.status(201);
      return { trackingCode };
    },
  );

  routes.get(
    "/api/tips/mine",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "My own tips with their tracking codes and where each has got",
        querystring: myTipsQuery,
        response: { 200: myTipsResponse },
      },
    },
    async (request) =>
      listOwnTips(db, signedInContextOf(request).actor.personId, pageOf({ pageSize: 20, ...request.query })),
  );

  await app.register(tipPageRoutes);
}
