import type { FastifyInstance } from "fastify";

/** Response targets and settings, the breach list, the figures and their XLSX. STUB (skeleton): the part's routes go here. */
export async function targetRoutes(_app: FastifyInstance): Promise<void> {}
