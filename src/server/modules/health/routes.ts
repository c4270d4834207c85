import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { healthResponse } from "../../../shared/api/health.ts";
import { isFullyMigrated } from "../../db/migrate.ts";
import { healthErrors } from "./errors.ts";

/** Liveness (`/healthz`) and readiness (`/readyz`: database reachable and fully migrated). */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  routes.get(
    "/healthz",
    {
      config: { access: { public: true } },
      schema: { tags: ["health"], summary: "Process is up", response: { 200: healthResponse } },
    },
    async () => ({ status: "ok" as const }),
  );
  routes.get(
    "/readyz",
    {
      config: { access: { public: true } },
      schema: {
        tags: ["health"],
        summary: "Database reachable and migrated",
        response: { 200: healthResponse },
      },
    },
    async () => {
      const migrated = await isFullyMigrated(app.deps.database).catch(() => false);
      if (!migrated) {
        throw healthErrors.notReady();
      }
      return { status: "ok" as const };
    },
  );
}
