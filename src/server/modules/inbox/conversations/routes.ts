import type { FastifyInstance } from "fastify";

/** Conversations, notes, labels, assignment, escalation, canned replies, offices, erasure. STUB (skeleton): the part's routes go here. */
export async function conversationRoutes(_app: FastifyInstance): Promise<void> {}
