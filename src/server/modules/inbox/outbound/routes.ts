import type { FastifyInstance } from "fastify";

/** Replies, retries and comment hide/unhide. STUB (skeleton): the part's routes go here. */
export async function replyRoutes(_app: FastifyInstance): Promise<void> {}
