import type { FastifyRequest } from "fastify";
import type { Actor } from "../platform/actor.ts";
import type { ActionContext } from "../platform/context.ts";
import { errors } from "../platform/errors.ts";

/** The acting context of a request, for services that change data. */
export function contextOf(request: FastifyRequest): ActionContext {
  return { db: request.server.deps.database.db, actor: request.actor, ip: request.ip ?? null };
}

/** The context of a route that requires a signed-in person (the access check guarantees one). */
export function signedInContextOf(request: FastifyRequest): ActionContext & { actor: Actor } {
  const actor = request.actor;
  if (!actor) {
    throw errors.unauthenticated();
  }
  return { db: request.server.deps.database.db, actor, ip: request.ip ?? null };
}

/** Page number and size from a query, with sane bounds. */
export function pageOf(query: { page?: number; pageSize?: number }): {
  limit: number;
  offset: number;
  page: number;
} {
  const page = Math.max(1, query.page ?? 1);
  const limit = Math.min(200, Math.max(1, query.pageSize ?? 50));
  return { limit, offset: (page - 1) * limit, page };
}
