import type { FastifyInstance } from "fastify";

/** The portal's Hỏi đáp form and published answers. STUB (skeleton): the part's routes go here. */
export async function portalQuestionRoutes(_app: FastifyInstance): Promise<void> {}
