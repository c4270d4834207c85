import type { FastifyInstance } from "fastify";

export async function verdictRoutes(_app: FastifyInstance): Promise<void> {}
