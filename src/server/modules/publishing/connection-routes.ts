import { createReadStream } from "node:fs";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  channelIdParams,
  connectionResponse,
  renditionParams,
  saveConnectionBody,
} from "../../../shared/api/publishing.ts";
import { contextOf } from "../../http/context.ts";
import { errors } from "../../platform/errors.ts";
import { unitOfChannel } from "../channels/index.ts";
import { mediaForPublish } from "../media/index.ts";
import { disconnectChannel, getConnection, saveConnection } from "./connections.ts";
import { readRenditionName, renditionFile } from "./connectors/renditions.ts";

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
        { secretKey: config.secretKey(), apis: config.platformApis },
        { channelId: request.params.id, ...request.body },
      ),
  );

  routes.get(
    "/api/channels/:id/connection",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary:
          "A channel's connection: account, whether a token is set, when it expires, whether it renews itself",
        params: channelIdParams,
        response: { 200: connectionResponse },
      },
    },
    async (request) => getConnection(database.db, request.params.id),
  );

  const renditionNotFound = () => errors.notFound({ vi: "ảnh", en: "Picture" });
  routes.get(
    "/media-renditions/:file",
    {
      config: { access: { public: true } },
      schema: {
        // Publishing makes these copies for the platforms' limits, so its tag names them; the library is media's.
        tags: ["publishing"],
        summary:
          "A library picture re-encoded within a platform's limits (Zalo: JPEG/PNG under 1 MB), at an address only this server issues",
        params: renditionParams,
      },
    },
    async (request, reply) => {
      const key = config.secretKey();
      const named = readRenditionName(key, request.params.file);
      if (!named) {
        throw renditionNotFound();
      }
      // Made again from the library when this instance has no copy; a deleted item has none.
      const [media] = await mediaForPublish(database.db, [named.mediaId], config.publicUrl).catch(() => []);
      if (media?.kind !== "image") {
        throw renditionNotFound();
      }
      const file = await renditionFile(
        { secretKey: key, publicUrl: config.publicUrl },
        media,
        named.platform,
      );
      reply
        .type("image/jpeg")
        .header("x-content-type-options", "nosniff")
        .header("cache-control", "public, max-age=86400");
      return reply.send(createReadStream(file.path));
    },
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
