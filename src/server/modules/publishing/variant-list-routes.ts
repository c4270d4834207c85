import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { variantListQuery, variantListResponse } from "../../../shared/api/publishing.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { listFilterPath } from "../org/index.ts";
import type { DeskRoutes } from "./post-routes.ts";
import { listVariants } from "./variant-list.ts";

/** The desk's work lists (an editor's home): variants by status, rejected drafts, today's schedule. */
export function variantListRoutes(app: FastifyInstance, { db, tags }: DeskRoutes): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    "/api/variants",
    {
      config: { access: { permission: "posts.read" } },
      schema: {
        tags,
        summary:
          "Variants (a post on one channel) of the units I may see: by status, the drafts sent back with their reason, those scheduled in a span",
        querystring: variantListQuery,
        response: { 200: variantListResponse },
      },
    },
    async (request) => {
      const scope = scopeFor(signedInContextOf(request).actor, "posts.read");
      const { limit, offset, page } = pageOf({ ...request.query, pageSize: request.query.pageSize ?? 20 });
      return {
        ...(await listVariants(db, {
          scope,
          unitPath: await listFilterPath(db, scope, request.query.unitId),
          status: request.query.status,
          rejected: request.query.rejected,
          from: request.query.from,
          to: request.query.to,
          limit,
          offset,
        })),
        page,
      };
    },
  );
}
