import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { matchCasesBody, matchCasesResponse } from "../../../shared/api/verification-matching.ts";
import { signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { matchingErrors } from "./matching/errors.ts";
import { findMatches, normaliseUrl } from "./matching/index.ts";

/** A checker asks which known cases a link or a claim resembles, among the cases of their units. */
export async function matchRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  routes.post(
    "/api/cases/match",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags: ["verification"],
        summary: "Known cases a link or a claim resembles, best first: merge (certain) or suggest (likely)",
        body: matchCasesBody,
        response: { 200: matchCasesResponse },
      },
    },
    async (request) => {
      const url = request.body.url?.trim() || null;
      const text = request.body.text?.trim() || null;
      if (!url && !text) {
        throw matchingErrors.nothingToMatch();
      }
      if (url && (!/^https?:\/\//i.test(url) || !normaliseUrl(url))) {
        throw matchingErrors.linkNotWeb();
      }
      const scope = scopeFor(signedInContextOf(request).actor, "cases.read");
      const matches = await findMatches(db, { url, text }, { scope, limit: 20 });
      return { items: matches.map(({ caseId, score, level }) => ({ caseId, score, level })) };
    },
  );
}
