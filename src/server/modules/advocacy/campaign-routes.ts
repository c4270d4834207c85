import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import {
  campaignListResponse,
  campaignReportSchema,
  campaignSchema,
  createCampaignBody,
  followerCountBody,
  followerCountSchema,
  followerCountsResponse,
  idParams,
  listCampaignsQuery,
  updateCampaignBody,
  xlsxResponse,
} from "../../../shared/api/advocacy.ts";
import { signedInContextOf } from "../../http/context.ts";
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
import { bodyUnit, idOf, managedListOf, sendXlsx } from "./desk-route-parts.ts";
import { campaignReportXlsx } from "./report-workbooks.ts";
import { campaignReport } from "./reports.ts";

/** Campaigns: editors start and change them, enter follower counts, and read their reports. */
export async function campaignRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["advocacy"];
  const campaignUnit = (request: FastifyRequest) => unitOfCampaign(db, idOf(request));
  const managedList = managedListOf(db);

  const oneCampaign = async (id: string) =>
    (await campaignViews(db, [await requireCampaign(db, id)]))[0] as z.infer<typeof campaignSchema>;

  routes.post(
    "/api/campaigns",
    {
      config: { access: { permission: "advocacy.manage", unit: bodyUnit } },
      schema: {
        tags: tags,
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
        tags: tags,
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
        tags: tags,
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
        tags: tags,
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
        tags: tags,
        summary: "Follower counts entered for a followers campaign",
        params: idParams,
        response: { 200: followerCountsResponse },
      },
    },
    async (request) => ({ items: await followerCounts(db, request.params.id) }),
  );

  routes.post(
    "/api/campaigns/:id/followers",
    {
      config: { access: { permission: "advocacy.manage", unit: campaignUnit } },
      schema: {
        tags: tags,
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
        tags: tags,
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
        tags: tags,
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
