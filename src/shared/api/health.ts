/**
 * The health API contract: what a load balancer or an operator's monitor asks of each instance.
 * Shared code imports no server code.
 */
import { z } from "zod";

export const healthResponse = z.object({ status: z.literal("ok") });

export const healthEndpoints = {
  /** The process is up. */
  "GET /healthz": { response: healthResponse },
  /** The database is reachable and fully migrated; 503 health.not_ready otherwise. */
  "GET /readyz": { response: healthResponse },
} as const;
