import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { conversationIdParams } from "../../../../shared/api/inbox-conversations.ts";
import { portalEndpoints } from "../../../../shared/api/inbox-portal.ts";
import { signedInContextOf } from "../../../http/context.ts";
import { errors } from "../../../platform/errors.ts";
import { findUnitByCodeOrId } from "../../org/index.ts";
import {
  publishAnswer,
  publishedAnswersOfUnit,
  unitOfPublishedAnswer,
  unpublishAnswer,
} from "./published.ts";
import { askQuestion } from "./questions.ts";
import { publishedAnswersLimit, questionLimit } from "./rate-limits.ts";

export const publishedAnswersPageSize = 10;

const ask = portalEndpoints["POST /api/public/questions"];
const publish = portalEndpoints["POST /api/inbox/conversations/:id/publish-answer"];
const list = portalEndpoints["GET /api/public/units/:code/answers"];
const unpublish = portalEndpoints["DELETE /api/inbox/published-answers/:id"];

/** The portal's Hỏi đáp: a citizen's question into the inbox, and the answers a unit publishes. */
export async function portalQuestionRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["inbox"];

  routes.post(
    "/api/public/questions",
    {
      config: { access: { public: true }, rateLimit: questionLimit },
      schema: {
        tags,
        summary:
          "Ask a unit a question, without an account: the e-mail (required) is where the answer goes; the same e-mail asking again joins the same conversation",
        security: [],
        body: ask.body,
        response: { 201: ask.response },
      },
    },
    async (request, reply) => {
      await askQuestion(app.deps, request.body);
      reply.status(201).header("cache-control", "no-store");
      return { ok: true as const };
    },
  );

  routes.post(
    "/api/inbox/conversations/:id/publish-answer",
    {
      config: { access: { permission: "inbox.manage" } },
      schema: {
        tags,
        summary:
          "Publish a portal question and its answer on the unit's Q&A page, in the words given (never the asker's name); publishing again replaces them",
        params: conversationIdParams,
        body: publish.body,
        response: { 200: publish.response },
      },
    },
    async (request) => publishAnswer(signedInContextOf(request), request.params.id, request.body),
  );

  routes.get(
    "/api/public/units/:code/answers",
    {
      config: { access: { public: true }, rateLimit: publishedAnswersLimit },
      schema: {
        tags,
        summary: "A unit's published questions and answers, newest first, 10 a page (by unit code or id)",
        security: [],
        params: list.params,
        querystring: list.query,
        response: { 200: list.response },
      },
    },
    async (request, reply) => {
      const unit = await findUnitByCodeOrId(db, request.params.code);
      if (unit?.status !== "active") {
        throw errors.notFound({ vi: "đơn vị", en: "Unit" });
      }
      reply.header("cache-control", "public, max-age=60");
      return publishedAnswersOfUnit(db, unit.id, {
        page: request.query.page ?? 1,
        pageSize: publishedAnswersPageSize,
      });
    },
  );

  routes.delete(
    "/api/inbox/published-answers/:id",
    {
      config: {
        access: {
          permission: "inbox.manage",
          unit: (request: FastifyRequest) => unitOfPublishedAnswer(db, (request.params as { id: string }).id),
        },
      },
      schema: {
        tags,
        summary: "Take a published question and answer off the unit's Q&A page",
        params: unpublish.params,
        response: { 200: unpublish.response },
      },
    },
    async (request) => {
      await unpublishAnswer(signedInContextOf(request), request.params.id);
      return { ok: true as const };
    },
  );
}
