import type { FastifyInstance } from "fastify";

/** The duty roster: slots, shifts, month view, copy week, swaps, holidays, away. STUB (skeleton): the part's routes go here. */
export async function rosterRoutes(_app: FastifyInstance): Promise<void> {}
