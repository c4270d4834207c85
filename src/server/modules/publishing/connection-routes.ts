import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { variantTargetValues } from "../../db/schema/index.ts";
import { contextOf } from "../../http/context.ts";
import { unitOfChannel } from "../channels/service.ts";
import { disconnectChannel, getConnection, saveConnection } from "./connections.ts";

const channelIdParams = z.object({ id: z.uuid() });

const saveConnectionBody = z.object({
  /** Write-only: stored sealed, never shown again. Omit to keep the stored token. */
  token: z.string().trim().min(1).max(4096).optional(),
  tokenExpiresAt: z.coerce.date().nullable().optional(),
  accountId: z.string().trim().max(200).nullable().optional(),
  baseUrl: z.string().trim().max(500).nullable().optional(),
});

const connectionResponse = z.object({
  channelId: z.uuid(),
  connector: z.enum(variantTargetValues),
  baseUrl: z.string(),
  accountId: z.string().nullable(),
  tokenSet: z.boolean(),
  tokenExpiresAt: z.date().nullable(),
  status: z.enum(["connected", "needs_reconnect"]),
  updatedBy: z.uuid().nullable(),
  updatedAt: z.date(),
});

/** Connecting a registry channel (Facebook Page, Zalo OA, YouTube) to its platform account. */
export async function connectionRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const tags = ["channels"];
  const channelUnit = (request: FastifyRequest) =>
    unitOfChannel(database.db, (request.params as { id: string }).id);

  routes.put(
    "/api/channels/:id/connection",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary:
          "Connect a channel to its platform account or change the connection; the token is stored encrypted and never shown again",
        params: channelIdParams,
        body: saveConnectionBody,
        response: { 200: connectionResponse },
      },
    },
    async (request) =>
      saveConnection(
        contextOf(request),
        { secretKey: config.secretKey(), production: config.production },
        { channelId: request.params.id, ...request.body },
      ),
  );

  routes.get(
    "/api/channels/:id/connection",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary: "A channel's connection: account, API address, whether a token is set and when it expires",
        params: channelIdParams,
        response: { 200: connectionResponse },
      },
    },
    async (request) => getConnection(database.db, request.params.id),
  );

  routes.delete(
    "/api/channels/:id/connection",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary: "Disconnect a channel: its token is deleted and nothing more is published to it",
        params: channelIdParams,
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await disconnectChannel(contextOf(request), request.params.id);
      reply.status(204);
      return null;
    },
  );
}
