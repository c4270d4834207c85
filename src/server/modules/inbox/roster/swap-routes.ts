import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { rosterEndpoints as endpoints } from "../../../../shared/api/inbox-roster.ts";
import { signedInContextOf } from "../../../http/context.ts";
import { myShifts } from "./month.ts";
import { myAway, setMyAway } from "./presence.ts";
import { askSwap, decideSwap, listSwaps } from "./swaps.ts";

/**
 * The person's own side of the roster: swap requests (asked by someone on the shift, answered by the
 * colleague asked; the services check who may do what), being away, and their coming shifts.
 */
export async function swapRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["inbox"];

  routes.get(
    "/api/roster/swaps",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Swap requests: mine, or a unit's (all of them for its inbox managers)",
        querystring: endpoints["GET /api/roster/swaps"].query,
        response: { 200: endpoints["GET /api/roster/swaps"].response },
      },
    },
    async (request) => listSwaps(db, signedInContextOf(request).actor, request.query.unitId),
  );

  routes.post(
    "/api/roster/swaps",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Ask a colleague to take one of my shifts",
        body: endpoints["POST /api/roster/swaps"].body,
        response: { 201: endpoints["POST /api/roster/swaps"].response },
      },
    },
    async (request, reply) => {
      const swap = await askSwap(signedInContextOf(request), request.body);
      reply.status(201);
      return swap;
    },
  );

  routes.post(
    "/api/roster/swaps/:id/decision",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Accept or decline a swap asked of me, or withdraw mine",
        params: endpoints["POST /api/roster/swaps/:id/decision"].params,
        body: endpoints["POST /api/roster/swaps/:id/decision"].body,
        response: { 200: endpoints["POST /api/roster/swaps/:id/decision"].response },
      },
    },
    async (request) => decideSwap(signedInContextOf(request), request.params.id, request.body.decision),
  );

  routes.get(
    "/api/roster/me/away",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Whether I am marked away (new conversations skip me)",
        response: { 200: endpoints["GET /api/roster/me/away"].response },
      },
    },
    async (request) => myAway(db, signedInContextOf(request).actor.personId),
  );

  routes.put(
    "/api/roster/me/away",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Mark myself away (until a time, or until I come back) or back",
        body: endpoints["PUT /api/roster/me/away"].body,
        response: { 200: endpoints["PUT /api/roster/me/away"].response },
      },
    },
    async (request) => setMyAway(signedInContextOf(request), request.body),
  );

  routes.get(
    "/api/roster/me/shifts",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "My shifts in the next 30 days, in every unit",
        response: { 200: endpoints["GET /api/roster/me/shifts"].response },
      },
    },
    async (request) => myShifts(db, signedInContextOf(request).actor.personId),
  );
}
