import type { FastifyInstance } from "fastify";

export async function caseRoutes(_app: FastifyInstance): Promise<void> {}
