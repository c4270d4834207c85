import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  impersonationScoreBody,
  impersonationScoreResponse,
} from "../../../../shared/api/verification-impersonation-score.ts";
import { scoreImpersonation } from "./score.ts";

/** Scoring a page against the registry of official channels, for checkers. */
export async function scoreRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  routes.post(
    "/api/impersonation/score",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags: ["verification"],
        summary:
          "How much a page looks like a registered official channel (0–1), with the reasons and the channel it resembles; a registered channel's own address scores 0. Never a verdict.",
        body: impersonationScoreBody,
        response: { 200: impersonationScoreResponse },
      },
    },
    async (request) => {
      const result = await scoreImpersonation(db, request.body);
      return {
        score: result.score,
        reasons: result.reasons,
        registered: result.registered ?? false,
        channel: result.channel ?? null,
      };
    },
  );
}
