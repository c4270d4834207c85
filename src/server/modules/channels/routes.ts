import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  channelIdParams,
  channelImportBody,
  channelImportPreviewResponse,
  channelImportResultResponse,
  channelListResponse,
  channelSchema,
  channelWithHistory,
  handOverChannelBody,
  listChannelsQuery,
  registerChannelBody,
  removeChannelBody,
  removedChannelResponse,
  setChannelStatusBody,
  updateChannelBody,
} from "../../../shared/api/channels.ts";
import { contextOf, pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { listFilterPath } from "../org/index.ts";
import { previewChannelImport, runChannelImport } from "./import.ts";
import { canManageChannel } from "./policy.ts";
import {
  getChannel,
  getChannelHistory,
  handOverChannel,
  listChannels,
  registerChannel,
  removeChannel,
  setChannelStatus,
  unitOfChannel,
  updateChannel,
  verifyChannel,
} from "./service.ts";

const channelParam = (request: FastifyRequest) => (request.params as { id: string }).id;

/** The internal registry of official channels: register, edit, close, hand over, verify, list. */
export async function channelRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["channels"];
  const channelUnit = (request: FastifyRequest) => unitOfChannel(db, channelParam(request));

  routes.get(
    "/api/channels",
    {
      config: { access: { permission: "units.read" } },
      schema: {
        tags,
        summary: "Official channels of the units I may see; q searches name and address ignoring diacritics",
        querystring: listChannelsQuery,
        response: { 200: channelListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "units.read");
      const path = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf(request.query);
      const result = await listChannels(db, {
        scope,
        unitPath: path,
        platform: request.query.platform,
        status: request.query.status,
        q: request.query.q,
        limit,
        offset,
      });
      return { ...result, page };
    },
  );

  routes.post(
    "/api/channels",
    {
      config: {
        access: {
          permission: "channels.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary:
          "Register an official channel of a unit (refused with 409 when its page is already registered)",
        body: registerChannelBody,
        response: { 201: channelSchema },
      },
    },
    async (request, reply) => {
      const channel = await registerChannel(contextOf(request), request.body);
      reply.status(201);
      return getChannel(db, channel.id);
    },
  );

  routes.get(
    "/api/channels/:id",
    {
      config: { access: { permission: "units.read", unit: channelUnit } },
      schema: {
        tags,
        summary: "One channel with its history",
        params: channelIdParams,
        response: { 200: channelWithHistory },
      },
    },
    async (request) => ({
      ...(await getChannel(db, request.params.id)),
      history: await getChannelHistory(db, request.params.id),
      // The access check above found the channel's unit.
      canManage:
        request.targetUnit !== null &&
        canManageChannel(signedInContextOf(request).actor, request.targetUnit.path),
    }),
  );

  routes.patch(
    "/api/channels/:id",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary: "Edit a channel's address, name, handle, avatar, person responsible or follower count",
        params: channelIdParams,
        body: updateChannelBody,
        response: { 200: channelSchema },
      },
    },
    async (request) => {
      await updateChannel(contextOf(request), { channelId: request.params.id, ...request.body });
      return getChannel(db, request.params.id);
    },
  );

  routes.post(
    "/api/channels/:id/status",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary: "Close a channel, record that control was lost, or reactivate it, as of a date",
        params: channelIdParams,
        body: setChannelStatusBody,
        response: { 200: channelSchema },
      },
    },
    async (request) => {
      await setChannelStatus(contextOf(request), { channelId: request.params.id, ...request.body });
      return getChannel(db, request.params.id);
    },
  );

  routes.post(
    "/api/channels/:id/hand-over",
    {
      config: {
        access: {
          permission: "channels.manage",
          unit: async (request) => [await channelUnit(request), (request.body as { unitId: string }).unitId],
        },
      },
      schema: {
        tags,
        summary: "Hand a channel over to another unit (needs channels.manage on both)",
        params: channelIdParams,
        body: handOverChannelBody,
        response: { 200: channelSchema },
      },
    },
    async (request) => {
      await handOverChannel(contextOf(request), { channelId: request.params.id, ...request.body });
      return getChannel(db, request.params.id);
    },
  );

  routes.post(
    "/api/channels/:id/verify",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary: "Record that I checked this channel really is the unit's",
        params: channelIdParams,
        response: { 200: channelSchema },
      },
    },
    async (request) => {
      await verifyChannel(contextOf(request), { channelId: request.params.id });
      return getChannel(db, request.params.id);
    },
  );

  routes.post(
    "/api/channels/:id/remove",
    {
      config: { access: { permission: "channels.manage", unit: channelUnit } },
      schema: {
        tags,
        summary:
          "Take an entry made by mistake out of the registry (a channel that closed is closed instead, so the lookup still knows it)",
        params: channelIdParams,
        body: removeChannelBody,
        response: { 200: removedChannelResponse },
      },
    },
    async (request) => {
      await removeChannel(contextOf(request), { channelId: request.params.id, reason: request.body.reason });
      return { id: request.params.id, removed: true as const };
    },
  );

  routes.post(
    "/api/channels/import/preview",
    {
      config: {
        access: {
          permission: "channels.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary:
          "Check an XLSX or CSV inventory of channels without importing: every bad row with its number and reason",
        body: channelImportBody,
        response: { 200: channelImportPreviewResponse },
      },
    },
    async (request) =>
      previewChannelImport(db, {
        unitId: request.body.unitId,
        fileName: request.body.fileName,
        content: Buffer.from(request.body.contentBase64, "base64"),
      }),
  );

  routes.post(
    "/api/channels/import",
    {
      config: {
        access: {
          permission: "channels.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary:
          "Import the good rows of an XLSX or CSV inventory of channels in one transaction; bad rows are reported",
        body: channelImportBody,
        response: { 200: channelImportResultResponse },
      },
    },
    async (request) =>
      runChannelImport(contextOf(request), {
        unitId: request.body.unitId,
        fileName: request.body.fileName,
        content: Buffer.from(request.body.contentBase64, "base64"),
      }),
  );
}
