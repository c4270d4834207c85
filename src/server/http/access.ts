import type { FastifyInstance, FastifyRequest } from "fastify";
import { authErrors } from "../modules/auth/index.ts";
import { type Actor, can, type Permission, scopeFor } from "../platform/actor.ts";
import { errors } from "../platform/errors.ts";
import { objectNotFound } from "./errors.ts";

/**
 * What a route needs, declared on the route itself (`config.access`) and checked here only.
 * - public: anyone, signed in or not.
 * - authenticated: any signed-in person, acting on their own things.
 * - permission: the actor must hold it on the unit that `unit` resolves from the request; without
 *   `unit` (lists) the actor must hold it somewhere and the handler limits the query to `request.scope(...)`.
 */
export type RouteAccess =
  | { public: true }
  | { authenticated: true }
  | {
      permission: Permission;
      /** The unit(s) acted on; with several (a move, a merge) the permission is needed on each. */
      unit?: (request: FastifyRequest) => Promise<UnitRef | UnitRef[]> | UnitRef | UnitRef[];
    };

declare module "fastify" {
  interface FastifyContextConfig {
    access?: RouteAccess;
  }
  interface FastifyRequest {
    actor: Actor | null;
    /** The unit the route acts on, once access has resolved and allowed it. */
    targetUnit: { id: string; path: string } | null;
  }
}

type UnitRef = string | null | undefined;

export interface RegisteredRoute {
  method: string;
  url: string;
  readonly access: RouteAccess | undefined;
  hasSchema: boolean;
  hasResponseSchema: boolean;
}

export interface AccessOptions {
  /** Resolves a unit id to its current ltree path, or null when there is no such unit. */
  unitPath: (unitId: string) => Promise<string | null>;
}

const unitNotFound = () => errors.notFound({ vi: "đơn vị", en: "Unit" });

/** Registers the single access check and records every route for the route-inventory test. */
export function registerAccessControl(app: FastifyInstance, options: AccessOptions): RegisteredRoute[] {
  const routes: RegisteredRoute[] = [];
  app.decorateRequest("actor", null);
  app.decorateRequest("targetUnit", null);

  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      if (method === "HEAD") {
        continue;
      }
      // Read lazily: an encapsulated plugin may declare access in an onRoute hook that runs after this one.
      const schema = route.schema;
      routes.push({
        method,
        url: route.url,
        get access() {
          return route.config?.access;
        },
        hasSchema: Boolean(schema),
        hasResponseSchema: Boolean(schema?.response),
      });
    }
  });

  // Who may call at all is settled before the body is validated, so anonymous callers learn nothing.
  app.addHook("preValidation", async (request) => {
    if (request.is404) {
      // The not-found handler answers for addresses no route declares.
      return;
    }
    const access = request.routeOptions.config.access;
    if (!access) {
      // Routes from plugins we do not own (static files, /docs) are declared public in app.ts; anything else is refused.
      throw errors.forbidden();
    }
    if ("public" in access) {
      return;
    }
    const actor = request.actor;
    if (!actor) {
      throw errors.unauthenticated();
    }
    if ("authenticated" in access) {
      return;
    }
    if (actor.totpSetupRequired) {
      throw authErrors.totpSetupRequired();
    }
    if (scopeFor(actor, access.permission).length === 0) {
      throw errors.forbidden();
    }
  });

  // The unit a route acts on comes from validated params and body, so it is checked after validation.
  app.addHook("preHandler", async (request) => {
    const access = request.routeOptions.config.access;
    const actor = request.actor;
    if (!access || !("permission" in access) || !access.unit || !actor) {
      return;
    }
    const resolved = await access.unit(request);
    const unitIds = Array.isArray(resolved) ? resolved : [resolved];
    for (const [index, unitId] of unitIds.entries()) {
      if (!unitId) {
        // No unit because there is no such object (a post, a case, a kit…): saying "Không tìm thấy
        // đơn vị" sent people who followed a link to a deleted post looking for a unit.
        throw objectNotFound();
      }
      const path = await options.unitPath(unitId);
      if (!path) {
        throw unitNotFound();
      }
      if (!can(actor, access.permission, path)) {
        throw errors.forbidden();
      }
      if (index === 0) {
        request.targetUnit = { id: unitId, path };
      }
    }
  });
  return routes;
}

/** Marks every route of an encapsulated plugin (docs, static files) as public. */
export function markRoutesPublic(scope: FastifyInstance): void {
  scope.addHook("onRoute", (route) => {
    route.config = { ...(route.config ?? {}), access: { public: true } };
  });
}
