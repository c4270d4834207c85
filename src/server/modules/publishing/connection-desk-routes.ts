import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  connectionStatesQuery,
  connectionStatesResponse,
  connectionsNeededQuery,
  connectionsNeededResponse,
  connectionTestResponse,
} from "../../../shared/api/connections.ts";
import { channelIdParams } from "../../../shared/api/publishing.ts";
import { contextOf, pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { unitOfChannel } from "../channels/index.ts";
import { listFilterPath } from "../org/index.ts";
import { testConnection } from "./connection-check.ts";
import { connectionStates, connectionsNeeded } from "./connections-needed.ts";

/** The desk's connection checks: testing one, the channels that need connecting, and states for a post's channels. */
export async function connectionDeskRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;
  const tags = ["connections"];
  const channelUnit = (request: FastifyRequest) => unitOfChannel(db, (request.params as { id: string }).id);

  routes.post(
    "/api/channels/:id/connection/test",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary:
          "Ask the platform who the channel's stored token belongs to; an expired or refused token marks the channel for reconnecting",
        params: channelIdParams,
        response: { 200: connectionTestResponse },
      },
    },
    async (request) =>
      testConnection(
        contextOf(request),
        { secretKey: config.secretKey(), apis: config.platformApis, timeoutMs: 15_000 },
        request.params.id,
      ),
  );

  routes.get(
    "/api/connections/needed",
    {
      config: { access: { permission: "channels.manage" } },
      schema: {
        tags,
        summary:
          "Facebook Pages, Zalo OAs and YouTube channels I manage whose connection is missing, refused, expired or expiring within 7 days",
        querystring: connectionsNeededQuery,
        response: { 200: connectionsNeededResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "channels.manage");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf(request.query);
      return { ...(await connectionsNeeded(db, scope, { unitPath, limit, offset })), page };
    },
  );

  routes.get(
    "/api/connections/states",
    {
      config: { access: { permission: "posts.read" } },
      schema: {
        tags,
        summary: "Whether each of these channels is connected for automatic publishing (those I may see)",
        querystring: connectionStatesQuery,
        response: { 200: connectionStatesResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const ids = request.query.channelIds.split(",").filter(Boolean);
      return { items: await connectionStates(db, scopeFor(ctx.actor, "units.read"), ids) };
    },
  );
}
