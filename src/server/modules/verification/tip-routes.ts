import type { FastifyInstance } from "fastify";

export async function tipRoutes(_app: FastifyInstance): Promise<void> {}
