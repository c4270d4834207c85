import type { FastifyInstance } from "fastify";

/** The platforms' webhooks: /webhooks/facebook and /webhooks/zalo. STUB (skeleton): the part's routes go here. */
export async function webhookRoutes(_app: FastifyInstance): Promise<void> {}
