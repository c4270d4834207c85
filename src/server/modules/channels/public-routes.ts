import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  directoryExportResponse,
  lookupQuery,
  lookupResponse,
  publicDirectoryQuery,
  publicDirectoryResponse,
  publicUnitChannelsResponse,
  publicUnitParams,
} from "../../../shared/api/channels.ts";
import { answerFailuresWithHtml } from "../../http/html-page-errors.ts";
import { AppError } from "../../platform/errors.ts";
import { renderDirectoryPage, renderLookupPage, renderProblemPage } from "./pages.ts";
import {
  directoryCsv,
  directoryExport,
  lookupChannel,
  publicDirectoryRoots,
  publicUnitChannels,
  searchPublicDirectory,
  unitSiteAddresses,
} from "./public-service.ts";

/** Per client address: generous for people, a brake on scripts that would enumerate the registry. */
const lookupLimit = { max: 120, timeWindow: "1 minute" };
const browseLimit = { max: 300, timeWindow: "1 minute" };
const exportLimit = { max: 30, timeWindow: "1 minute" };
const publicCache = "public, max-age=60";

function cacheable(reply: FastifyReply): void {
  reply.header("cache-control", publicCache);
}

/** The public side of the registry, without sign-in: the lookup, the directory, its exports and pages. */
export async function publicChannelRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["channels"];

  routes.get(
    "/api/public/channels/lookup",
    {
      config: { access: { public: true }, rateLimit: lookupLimit },
      schema: {
        tags,
        summary:
          "Is this page official? official / formerly_official / impersonation / unknown (no sign-in; 400 when the address is not a link)",
        security: [],
        querystring: lookupQuery,
        response: { 200: lookupResponse },
      },
    },
    async (request, reply) => {
      const answer = await lookupChannel(db, request.query.url);
      cacheable(reply);
      return answer;
    },
  );

  routes.get(
    "/api/public/channels",
    {
      config: { access: { public: true }, rateLimit: browseLimit },
      schema: {
        tags,
        summary: "Search the directory of official channels (name or unit, diacritics ignored)",
        security: [],
        querystring: publicDirectoryQuery,
        response: { 200: publicDirectoryResponse },
      },
    },
    async (request, reply) => {
      const result = await searchPublicDirectory(db, request.query);
      cacheable(reply);
      return result;
    },
  );

  routes.get(
    "/api/public/units/:id/channels",
    {
      config: { access: { public: true }, rateLimit: browseLimit },
      schema: {
        tags,
        summary: "A unit's official channels and its child units that have some, to browse down the tree",
        security: [],
        params: publicUnitParams,
        response: { 200: publicUnitChannelsResponse },
      },
    },
    async (request, reply) => {
      const result = await publicUnitChannels(db, request.params.id);
      cacheable(reply);
      return result;
    },
  );

  routes.get(
    "/api/public/channels.json",
    {
      config: { access: { public: true }, rateLimit: exportLimit },
      schema: {
        tags,
        summary: "The whole directory of active official channels as JSON",
        security: [],
        response: { 200: directoryExportResponse },
      },
    },
    async (_request, reply) => {
      const items = await directoryExport(db);
      cacheable(reply);
      return { generatedAt: new Date().toISOString(), items };
    },
  );

  routes.get(
    "/api/public/channels.csv",
    {
      config: { access: { public: true }, rateLimit: exportLimit },
      schema: {
        tags,
        summary: "The whole directory of active official channels as CSV (UTF-8)",
        security: [],
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      const csv = directoryCsv(await directoryExport(db));
      cacheable(reply);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="danh-ba-kenh-chinh-thuc.csv"');
      return csv;
    },
  );

  await app.register(publicPageRoutes);
}

/**
 * The server-rendered pages citizens open in a browser. Their own error handler answers every
 * failure (unknown unit, bad link, rate limit) with a Vietnamese HTML page instead of the API's
 * problem+json, and addresses below them that do not exist get an HTML 404 rather than the web
 * app's shell.
 */
async function publicPageRoutes(app: FastifyInstance): Promise<void> {
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  answerFailuresWithHtml(pages, {
    what: "public page",
    invalidInput: "Địa chỉ có tham số không hợp lệ. Vui lòng quay lại trang danh bạ và chọn lại.",
    render: renderProblemPage,
  });

  pages.get(
    "/kiem-tra",
    {
      config: { access: { public: true }, rateLimit: lookupLimit },
      schema: {
        hide: true,
        querystring: z.object({ url: z.string().max(2000).optional() }),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const url = request.query.url?.trim();
      reply.type("text/html; charset=utf-8");
      if (!url) {
        cacheable(reply);
        return renderLookupPage({});
      }
      try {
        const answer = await lookupChannel(db, url);
        cacheable(reply);
        return renderLookupPage({ url, answer });
      } catch (error) {
        if (error instanceof AppError && error.status === 400) {
          return renderLookupPage({ url, error: error.messages });
        }
        throw error;
      }
    },
  );

  pages.get(
    "/danh-ba",
    {
      config: { access: { public: true }, rateLimit: browseLimit },
      schema: {
        hide: true,
        querystring: z.object({
          q: z.string().max(200).optional(),
          unitId: z.uuid().optional(),
          page: z.coerce.number().int().min(1).max(10_000).optional(),
        }),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const { q, unitId, page } = request.query;
      reply.type("text/html; charset=utf-8");
      cacheable(reply);
      const unitView = unitId ? await publicUnitChannels(db, unitId) : null;
      if (q?.trim()) {
        const search = await searchPublicDirectory(db, { q, unitId, page });
        return renderDirectoryPage({ q, search, unit: unitView?.unit, children: [] });
      }
      if (unitView) {
        return renderDirectoryPage({
          unit: unitView.unit,
          channels: unitView.channels,
          children: unitView.children,
          sites: await unitSiteAddresses(db, [
            unitView.unit.id,
            ...unitView.children.map((child) => child.id),
          ]),
        });
      }
      const roots = await publicDirectoryRoots(db);
      return renderDirectoryPage({
        children: roots,
        sites: await unitSiteAddresses(
          db,
          roots.map((root) => root.id),
        ),
      });
    },
  );

  for (const prefix of ["/kiem-tra", "/danh-ba"]) {
    pages.get(
      `${prefix}/*`,
      {
        config: { access: { public: true }, rateLimit: browseLimit },
        schema: { hide: true, response: { 404: z.string() } },
      },
      async (_request, reply) => {
        reply.status(404).type("text/html; charset=utf-8");
        return renderProblemPage({ status: 404 });
      },
    );
  }
}
