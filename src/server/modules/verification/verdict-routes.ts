import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  verdictCaseParams,
  verdictDraftBody,
  verdictPublishBody,
  verdictStateResponse,
} from "../../../shared/api/verification-verdicts.ts";
import { signedInContextOf } from "../../http/context.ts";
import { methodologyPath } from "./verdicts/labels.ts";
import { methodologyPage } from "./verdicts/methodology.ts";
import {
  draftVerdict,
  pauseVerdict,
  publishVerdict,
  readVerdict,
  signOffVerdict,
} from "./verdicts/service.ts";

/**
 * A case's verdict: drafted by a checker, signed off by another person who approves, published as a
 * correction article on the unit's portal, paused and republished with a public correction note.
 * Each route needs its permission somewhere; the case itself is checked against the reader's units
 * by caseFor (404 unknown, 403 another unit's).
 */
export async function verdictRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const deps = { publicUrl: app.deps.config.publicUrl, jobs: app.deps.jobs };
  const tags = ["verification"];
  const response = { 200: verdictStateResponse };

  routes.get(
    "/api/cases/:id/verdict",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary: "A case's verdict, its correction log and what the reader may do with it",
        params: verdictCaseParams,
        response,
      },
    },
    async (request) => readVerdict(signedInContextOf(request), deps, request.params.id),
  );

  routes.put(
    "/api/cases/:id/verdict",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary:
          "Draft or change the verdict (a change needs a new sign-off; a published one must be paused first)",
        params: verdictCaseParams,
        body: verdictDraftBody,
        response,
      },
    },
    async (request) => draftVerdict(signedInContextOf(request), deps, request.params.id, request.body),
  );

  routes.post(
    "/api/cases/:id/verdict/sign-off",
    {
      config: { access: { permission: "cases.approve" } },
      schema: {
        tags,
        summary: "Sign off the draft verdict (never one's own); non-public outcomes close the case",
        params: verdictCaseParams,
        response,
      },
    },
    async (request) => signOffVerdict(signedInContextOf(request), deps, request.params.id),
  );

  routes.post(
    "/api/cases/:id/verdict/publish",
    {
      config: { access: { permission: "cases.approve" } },
      schema: {
        tags,
        summary:
          "Publish the signed-off verdict as a correction article on the unit's portal (a note is required when republishing)",
        params: verdictCaseParams,
        body: verdictPublishBody,
        response,
      },
    },
    async (request) => publishVerdict(signedInContextOf(request), deps, request.params.id, request.body),
  );

  routes.post(
    "/api/cases/:id/verdict/pause",
    {
      config: { access: { permission: "cases.approve" } },
      schema: {
        tags,
        summary: "Pause a published verdict to correct it; the article then says it is being corrected",
        params: verdictCaseParams,
        response,
      },
    },
    async (request) => pauseVerdict(signedInContextOf(request), deps, request.params.id),
  );

  routes.get(
    methodologyPath,
    {
      config: { access: { public: true }, rateLimit: { max: 600, timeWindow: "1 minute" } },
      schema: { hide: true },
    },
    async (_request, reply) => {
      reply.type("text/html; charset=utf-8").header("cache-control", "public, max-age=300");
      return methodologyPage();
    },
  );
}
