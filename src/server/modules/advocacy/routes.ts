import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { resolveCredentials, SESSION_COOKIE } from "../auth/service.ts";
import { personSummary } from "../org/membership.ts";
import { scopeFor } from "../org/policy.ts";
import { listFilterPath } from "../org/service.ts";
import { shareCard } from "../share-cards/service.ts";
import { type CardSize, cardSizes } from "../share-cards/template.ts";
import {
  campaignViews,
  createCampaign,
  enterFollowerCount,
  followerCounts,
  listCampaigns,
  requireCampaign,
  unitOfCampaign,
  updateCampaign,
} from "./campaigns.ts";
import { renderFeedPage } from "./feed-page.ts";
import { markShared, memberFeed, requireKitReadable, unmarkShared } from "./member-feed.ts";
import { rankingConsentOf, setRankingConsent } from "./ranking-consent.ts";
import { campaignReport, campaignReportXlsx, kitReport, kitReportXlsx } from "./reports.ts";
import {
  campaignListResponse,
  campaignReportSchema,
  campaignSchema,
  createCampaignBody,
  createKitBody,
  feedQuery,
  feedResponse,
  followerCountBody,
  followerCountSchema,
  idParams,
  kitListResponse,
  kitReportSchema,
  kitSchema,
  listCampaignsQuery,
  listKitsQuery,
  markSharedBody,
  rankingConsentBody,
  rankingConsentResponse,
  reportQuery,
  sharedResponse,
  updateCampaignBody,
  updateKitBody,
} from "./schema.ts";
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

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
const xlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const xlsxResponse = z.string().describe("The report as an XLSX workbook");
const sizeQuery = z.object({
  size: z
    .enum(Object.keys(cardSizes) as [CardSize, ...CardSize[]])
    .default("1200x630")
    .describe("1200x630 (Zalo, Facebook) or 1080x1080 (square)"),
  download: z.enum(["0", "1"]).optional().describe("1: sent as an attachment to save"),
});

function sendXlsx(reply: FastifyReply, name: string, workbook: Buffer) {
  return reply
    .type(xlsxType)
    .header("content-disposition", `attachment; filename="${name}.xlsx"`)
    .header("cache-control", "private, no-store")
    .send(workbook);
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
  const campaignUnit = (request: FastifyRequest) => unitOfCampaign(db, idOf(request));
  const bodyUnit = (request: FastifyRequest) => (request.body as { unitId: string }).unitId;
  /** The reader's scope for a list of kits or campaigns, narrowed to a unit when asked, and the page. */
  const managedList = async (
    request: FastifyRequest,
    query: { unitId?: string | undefined; page?: number | undefined; pageSize?: number | undefined },
  ) => {
    const scope = scopeFor(signedInContextOf(request).actor, "advocacy.manage");
    return { scope, unitPath: await listFilterPath(db, scope, query.unitId), ...pageOf(query) };
  };
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
        querystring: sizeQuery,
        response: { 200: z.string().describe("The card, image/png") },
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

  // --- The member's feed ------------------------------------------------------------------------

  const feedScript = readFileSync(new URL("./feed-page-script.js", import.meta.url), "utf8");
  const feedScriptUrl = `/share/feed.js?v=${createHash("sha256").update(feedScript).digest("hex").slice(0, 12)}`;

  routes.get(
    "/share/feed.js",
    { config: { access: { public: true } }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .type("text/javascript; charset=utf-8")
        // Its address changes with its content.
        .header("cache-control", "public, max-age=31536000, immutable")
        .send(feedScript),
  );

  routes.get(
    "/share",
    {
      // The page signs its reader in itself, from the session cookie: without one, a browser is sent
      // to sign in and brought back here.
      config: { access: { public: true } },
      schema: {
        hide: true,
        querystring: z.object({
          // A mangled address still opens the feed: a member should never land on an error here.
          page: z.coerce.number().int().min(1).max(10_000).catch(1),
          lang: z.enum(["vi", "en"]).optional().catch(undefined),
        }),
      },
    },
    async (request, reply) => {
      const sessionToken = request.cookies[SESSION_COOKIE];
      const session = sessionToken ? await resolveCredentials(db, { sessionToken }) : null;
      if (!session?.csrfToken) {
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 302);
      }
      if (session.actor.totpSetupRequired) {
        return reply.redirect("/profile", 302);
      }
      const pageSize = 10;
      const { page } = request.query;
      const feed = await memberFeed(db, deps, session.actor, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const locale = request.query.lang ?? (await personSummary(db, session.actor.personId))?.locale ?? "vi";
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "private, no-store")
        .send(
          renderFeedPage({
            locale,
            items: feed.items,
            page,
            hasMore: page * pageSize < feed.total,
            csrfToken: session.csrfToken,
            scriptUrl: feedScriptUrl,
          }),
        );
    },
  );

  routes.get(
    "/api/me/share-feed",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: kitTags,
        summary: "Kits for my units, newest first, each with my own tracked link",
        querystring: feedQuery,
        response: { 200: feedResponse },
      },
    },
    async (request) => {
      const { limit, offset, page } = pageOf({ pageSize: 20, ...request.query });
      const feed = await memberFeed(db, deps, signedInContextOf(request).actor, { limit, offset });
      return { ...feed, page, pageSize: limit };
    },
  );

  routes.post(
    "/api/me/share-feed/:id/shared",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: kitTags,
        summary: "I shared this kit (and how)",
        params: idParams,
        body: markSharedBody,
        response: { 200: sharedResponse },
      },
    },
    async (request) => markShared(signedInContextOf(request), request.params.id, request.body.method),
  );

  routes.delete(
    "/api/me/share-feed/:id/shared",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: kitTags,
        summary: "Take back my 'shared' mark",
        params: idParams,
        response: { 200: sharedResponse },
      },
    },
    async (request) => unmarkShared(signedInContextOf(request), request.params.id),
  );

  routes.get(
    "/api/me/ranking-consent",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: kitTags,
        summary: "Whether I agreed to be named in individual rankings, and the text",
        response: { 200: rankingConsentResponse },
      },
    },
    async (request) => rankingConsentOf(db, signedInContextOf(request).actor.personId),
  );

  routes.put(
    "/api/me/ranking-consent",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: kitTags,
        summary:
          "Agree to be named in individual rankings (optIn: true with the purpose version shown), or withdraw",
        body: rankingConsentBody,
        response: { 200: rankingConsentResponse },
      },
    },
    async (request) => setRankingConsent(signedInContextOf(request), request.body),
  );

  // --- Campaigns --------------------------------------------------------------------------------

  const oneCampaign = async (id: string) =>
    (await campaignViews(db, [await requireCampaign(db, id)]))[0] as z.infer<typeof campaignSchema>;

  routes.post(
    "/api/campaigns",
    {
      config: { access: { permission: "advocacy.manage", unit: bodyUnit } },
      schema: {
        tags: kitTags,
        summary: "Start a campaign with a goal, a period and participating units",
        body: createCampaignBody,
        response: { 201: campaignSchema },
      },
    },
    async (request, reply) => {
      const row = await createCampaign(signedInContextOf(request), request.body);
      reply.status(201);
      return oneCampaign(row.id);
    },
  );

  routes.get(
    "/api/campaigns",
    {
      config: { access: { permission: "advocacy.manage" } },
      schema: {
        tags: kitTags,
        summary: "Campaigns of the units I manage",
        querystring: listCampaignsQuery,
        response: { 200: campaignListResponse },
      },
    },
    async (request) => {
      const list = await managedList(request, request.query);
      const result = await listCampaigns(db, { ...list, state: request.query.state });
      return { ...result, page: list.page, pageSize: list.limit };
    },
  );

  routes.get(
    "/api/campaigns/:id",
    {
      config: { access: { permission: "advocacy.manage", unit: campaignUnit } },
      schema: {
        tags: kitTags,
        summary: "One campaign with its progress",
        params: idParams,
        response: { 200: campaignSchema },
      },
    },
    async (request) => oneCampaign(request.params.id),
  );

  routes.patch(
    "/api/campaigns/:id",
    {
      config: { access: { permission: "advocacy.manage", unit: campaignUnit } },
      schema: {
        tags: kitTags,
        summary: "Change a campaign",
        params: idParams,
        body: updateCampaignBody,
        response: { 200: campaignSchema },
      },
    },
    async (request) => {
      await updateCampaign(signedInContextOf(request), request.params.id, request.body);
      return oneCampaign(request.params.id);
    },
  );

  routes.get(
    "/api/campaigns/:id/followers",
    {
      config: { access: { permission: "advocacy.manage", unit: campaignUnit } },
      schema: {
        tags: kitTags,
        summary: "Follower counts entered for a followers campaign",
        params: idParams,
        response: { 200: z.object({ items: z.array(followerCountSchema) }) },
      },
    },
    async (request) => ({ items: await followerCounts(db, request.params.id) }),
  );

  routes.post(
    "/api/campaigns/:id/followers",
    {
      config: { access: { permission: "advocacy.manage", unit: campaignUnit } },
      schema: {
        tags: kitTags,
        summary: "Enter the channel's follower count on a date (the same date again replaces it)",
        params: idParams,
        body: followerCountBody,
        response: { 201: followerCountSchema },
      },
    },
    async (request, reply) => {
      const entry = await enterFollowerCount(signedInContextOf(request), request.params.id, request.body);
      reply.status(201);
      return entry;
    },
  );

  routes.get(
    "/api/campaigns/:id/report",
    {
      config: { access: { permission: "advocacy.manage", unit: campaignUnit } },
      schema: {
        tags: kitTags,
        summary:
          "A campaign's progress, leaderboard of units (totals and per member), opted-in members, kits",
        params: idParams,
        response: { 200: campaignReportSchema },
      },
    },
    async (request) => campaignReport(db, await requireCampaign(db, request.params.id)),
  );

  routes.get(
    "/api/campaigns/:id/report.xlsx",
    {
      config: { access: { permission: "advocacy.manage", unit: campaignUnit } },
      schema: {
        tags: kitTags,
        summary: "A campaign's report as XLSX",
        params: idParams,
        response: { 200: xlsxResponse },
      },
    },
    async (request, reply) => {
      const report = await campaignReport(db, await requireCampaign(db, request.params.id));
      return sendXlsx(
        reply,
        `bao-cao-chien-dich-${report.campaign.startsOn}`,
        await campaignReportXlsx(report),
      );
    },
  );
}
