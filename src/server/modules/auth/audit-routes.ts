import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { auditListResponse, auditQuery } from "../../../shared/api/auth.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { isWithin, scopeFor } from "../../platform/actor.ts";
import { errors } from "../../platform/errors.ts";
import { unitPath } from "../org/index.ts";
import { listAuditEvents } from "./audit.ts";

/** The read-only audit log; nothing in the app edits or deletes it. */
export async function auditRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  routes.get(
    "/api/audit",
    {
      config: { access: { permission: "audit.read" } },
      schema: {
        tags: ["audit"],
        summary: "Audit events in my scope, newest first",
        querystring: auditQuery,
        response: { 200: auditListResponse },
      },
    },
    async (request) => {
      const scope = scopeFor(signedInContextOf(request).actor, "audit.read");
      let path: string | undefined;
      if (request.query.unitId) {
        path = (await unitPath(db, request.query.unitId)) ?? undefined;
        if (!path || !scope.some((top) => isWithin(path as string, top))) {
          throw errors.forbidden();
        }
      }
      const { limit, offset, page } = pageOf(request.query);
      const result = await listAuditEvents(db, { ...request.query, unitPath: path, scope, limit, offset });
      return { ...result, page };
    },
  );
}
