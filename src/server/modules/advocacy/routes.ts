import { join } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import {
  createKitBody,
  idParams,
  kitCardQuery,
  kitCardResponse,
  kitCardSizeValues,
  kitListResponse,
  kitReportSchema,
  kitSchema,
  listKitsQuery,
  reportQuery,
  updateKitBody,
  xlsxResponse,
} from "../../../shared/api/advocacy.ts";
import { signedInContextOf } from "../../http/context.ts";
import { type CardSize, cardSizes, shareCard } from "../share-cards/index.ts";
import { campaignRoutes } from "./campaign-routes.ts";
import { bodyUnit, idOf, managedListOf, sendXlsx } from "./desk-route-parts.ts";
import { requireKitReadable } from "./member-feed.ts";
import { memberAdvocacyRoutes } from "./member-routes.ts";
import { kitReportXlsx } from "./report-workbooks.ts";
import { kitReport } from "./reports.ts";
import {
  createKit,
  type KitRow,
  kitCardSource,
  kitViews,
  listKits,
  reinstateKit,
  requireKit,
  unitOfKit,
  updateKit,
  withdrawKit,
} from "./service.ts";

// The contract lists the card sizes without importing the server: it must offer exactly the sizes
// the share-cards module draws, in their order (the query's enum, and so the OpenAPI document, follows it).
const offeredCardSizes: readonly CardSize[] = kitCardSizeValues;
if (offeredCardSizes.join() !== Object.keys(cardSizes).join()) {
  throw new Error("the share card sizes in shared/api/advocacy.ts differ from the share-cards module's");
}

function sendPng(reply: FastifyReply, png: Buffer) {
  return reply.type("image/png").header("cache-control", "private, max-age=300").send(png);
}

/**
 * Member advocacy: editors make share kits and campaigns; members see their feed with their own
 * tracked links and say when they shared; reports count only hits on the links we issued.
 */
export async function advocacyRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;
  const deps = { publicUrl: config.publicUrl };
  const cardOptions = { dir: join(config.mediaDir, "share-cards"), publicUrl: config.publicUrl };
  const kitTags = ["advocacy"];
  const kitUnit = (request: FastifyRequest) => unitOfKit(db, idOf(request));
  const managedList = managedListOf(db);
  const oneKit = async (row: KitRow) => (await kitViews(db, [row]))[0] as z.infer<typeof kitSchema>;

  // --- Kits -------------------------------------------------------------------------------------

  routes.post(
    "/api/share-kits",
    {
      config: { access: { permission: "advocacy.manage", unit: bodyUnit } },
      schema: {
        tags: kitTags,
        summary: "Make a share kit from a published post or an address on an official channel",
        body: createKitBody,
        response: { 201: kitSchema },
      },
    },
    async (request, reply) => {
      const row = await createKit(signedInContextOf(request), deps, request.body);
      reply.status(201);
      return oneKit(row);
    },
  );

  routes.get(
    "/api/share-kits",
    {
      config: { access: { permission: "advocacy.manage" } },
      schema: {
        tags: kitTags,
        summary: "Share kits of the units I manage, newest first",
        querystring: listKitsQuery,
        response: { 200: kitListResponse },
      },
    },
    async (request) => {
      const list = await managedList(request, request.query);
      return {
        ...(await listKits(db, { ...request.query, ...list })),
        page: list.page,
        pageSize: list.limit,
      };
    },
  );

  routes.get(
    "/api/share-kits/:id",
    {
      config: { access: { permission: "advocacy.manage", unit: kitUnit } },
      schema: { tags: kitTags, summary: "One share kit", params: idParams, response: { 200: kitSchema } },
    },
    async (request) => oneKit(await requireKit(db, request.params.id)),
  );

  routes.patch(
    "/api/share-kits/:id",
    {
      config: { access: { permission: "advocacy.manage", unit: kitUnit } },
      schema: {
        tags: kitTags,
        summary: "Change a kit's title, captions, target units, campaign or expiry (its address stays)",
        params: idParams,
        body: updateKitBody,
        response: { 200: kitSchema },
      },
    },
    async (request) => oneKit(await updateKit(signedInContextOf(request), request.params.id, request.body)),
  );

  routes.post(
    "/api/share-kits/:id/withdraw",
    {
      config: { access: { permission: "advocacy.manage", unit: kitUnit } },
      schema: {
        tags: kitTags,
        summary: "Withdraw a kit: it leaves the feeds and its links say it was withdrawn",
        params: idParams,
        response: { 200: kitSchema },
      },
    },
    async (request) => oneKit(await withdrawKit(signedInContextOf(request), request.params.id)),
  );

  routes.post(
    "/api/share-kits/:id/reinstate",
    {
      config: { access: { permission: "advocacy.manage", unit: kitUnit } },
      schema: { tags: kitTags, summary: "Undo a withdrawal", params: idParams, response: { 200: kitSchema } },
    },
    async (request) => oneKit(await reinstateKit(signedInContextOf(request), request.params.id)),
  );

  routes.get(
    "/api/share-kits/:id/report",
    {
      config: { access: { permission: "advocacy.manage", unit: kitUnit } },
      schema: {
        tags: kitTags,
        summary: "A kit's clicks over time, by unit, source and device; previews and bots apart",
        params: idParams,
        querystring: reportQuery,
        response: { 200: kitReportSchema },
      },
    },
    async (request) => kitReport(db, await requireKit(db, request.params.id), request.query),
  );

  routes.get(
    "/api/share-kits/:id/report.xlsx",
    {
      config: { access: { permission: "advocacy.manage", unit: kitUnit } },
      schema: {
        tags: kitTags,
        summary: "A kit's report as XLSX",
        params: idParams,
        querystring: reportQuery,
        response: { 200: xlsxResponse },
      },
    },
    async (request, reply) => {
      const report = await kitReport(db, await requireKit(db, request.params.id), request.query);
      return sendXlsx(reply, `bao-cao-bo-tin-${report.from}-${report.to}`, await kitReportXlsx(report));
    },
  );

  routes.get(
    "/api/share-kits/:id/card.png",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: kitTags,
        summary: "A kit's share card (PNG), for its editors and the members whose feed it is in",
        params: idParams,
        querystring: kitCardQuery,
        response: { 200: kitCardResponse },
      },
    },
    async (request, reply) => {
      const kit = await requireKitReadable(db, signedInContextOf(request).actor, request.params.id);
      const card = await shareCard(
        db,
        cardOptions,
        await kitCardSource(db, config.publicUrl, kit),
        request.query.size,
      );
      if (request.query.download === "1") {
        reply.header("content-disposition", `attachment; filename="the-chia-se-${request.query.size}.png"`);
      }
      return sendPng(reply, card.png);
    },
  );

  await memberAdvocacyRoutes(app);
  await campaignRoutes(app);
}
