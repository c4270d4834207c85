import type { FastifyInstance } from "fastify";

/** The inbox's server-sent events and presence. STUB (skeleton): the part's routes go here. */
export async function liveRoutes(_app: FastifyInstance): Promise<void> {}
