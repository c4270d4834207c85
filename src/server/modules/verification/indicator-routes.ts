import type { FastifyInstance } from "fastify";

export async function indicatorRoutes(_app: FastifyInstance): Promise<void> {}
