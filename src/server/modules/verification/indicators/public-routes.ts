import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  lookupIndicatorQuery,
  lookupIndicatorResponse,
  publicIndicatorsQuery,
  publicIndicatorsResponse,
} from "../../../../shared/api/verification-indicators.ts";
import { answerFailuresWithHtml } from "../../../http/html-page-errors.ts";
import { AppError } from "../../../platform/errors.ts";
import { csvBom, csvHeader, csvLine } from "./csv.ts";
import { renderScamLookupPage, renderScamProblemPage } from "./page.ts";
import {
  allPublicIndicators,
  countPublicIndicators,
  lookupIndicator,
  publicIndicatorsAfter,
} from "./public.ts";

/** Per client address: generous for people, a brake on scripts that would walk the list value by value. */
const lookupLimit = { max: 60, timeWindow: "1 minute" };
const exportLimit = { max: 20, timeWindow: "1 minute" };
const publicCache = "public, max-age=60";

/** The public side of the scam indicators: lookup, exports and the lookup page, without sign-in. */
export async function publicIndicatorRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["verification"];

  routes.get(
    "/api/public/indicators/lookup",
    {
      config: { access: { public: true }, rateLimit: lookupLimit },
      schema: {
        tags,
        summary:
          "Is this phone number, bank account, domain or page in a confirmed scam? (normalised; kind guessed when not given)",
        security: [],
        querystring: lookupIndicatorQuery,
        response: { 200: lookupIndicatorResponse },
      },
    },
    async (request, reply) => {
      const answer = await lookupIndicator(db, request.query);
      reply.header("cache-control", publicCache);
      return answer;
    },
  );

  routes.get(
    "/api/public/indicators.json",
    {
      config: { access: { public: true }, rateLimit: exportLimit },
      schema: {
        tags,
        summary: "The confirmed scam indicators, a page at a time (1,000 by default, at most 5,000)",
        security: [],
        querystring: publicIndicatorsQuery,
        response: { 200: publicIndicatorsResponse },
      },
    },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const pageSize = request.query.pageSize ?? 1000;
      const [items, total] = await Promise.all([
        publicIndicatorsAfter(db, { limit: pageSize, offset: (page - 1) * pageSize }),
        countPublicIndicators(db),
      ]);
      reply.header("cache-control", publicCache);
      return { generatedAt: new Date().toISOString(), items, total, page };
    },
  );

  routes.get(
    "/api/public/indicators.csv",
    {
      config: { access: { public: true }, rateLimit: exportLimit },
      schema: {
        tags,
        summary: "The whole list of confirmed scam indicators as CSV (UTF-8 with BOM, streamed)",
        security: [],
        response: { 200: z.string() },
      },
    },
    async (_request, reply) => {
      async function* lines() {
        yield csvBom + csvHeader;
        for await (const item of allPublicIndicators(db)) {
          yield csvLine(item);
        }
      }
      reply
        .header("cache-control", publicCache)
        .type("text/csv; charset=utf-8")
        .header("content-disposition", 'attachment; filename="canh-bao-lua-dao.csv"');
      // A stream is sent as it is, never through the response serialiser.
      return reply.send(Readable.from(lines()) as unknown as string);
    },
  );

  await app.register(scamLookupPage);
}

/** The page citizens open (also from the form on /kiem-tra); failures answer Vietnamese HTML, never JSON. */
async function scamLookupPage(app: FastifyInstance): Promise<void> {
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  answerFailuresWithHtml(pages, {
    what: "scam lookup page",
    invalidInput: "Nội dung cần tra cứu quá dài hoặc không hợp lệ. Vui lòng nhập lại.",
    render: renderScamProblemPage,
  });

  pages.get(
    "/tra-cuu-lua-dao",
    {
      config: { access: { public: true }, rateLimit: lookupLimit },
      schema: {
        hide: true,
        querystring: z.object({ value: z.string().max(2000).optional() }),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const value = request.query.value?.trim();
      reply.type("text/html; charset=utf-8");
      if (!value) {
        reply.header("cache-control", publicCache);
        return renderScamLookupPage({});
      }
      try {
        const answer = await lookupIndicator(db, { value });
        reply.header("cache-control", publicCache);
        return renderScamLookupPage({ value, answer });
      } catch (error) {
        if (error instanceof AppError && error.status === 400) {
          return renderScamLookupPage({ value, error: error.messages });
        }
        throw error;
      }
    },
  );
}
