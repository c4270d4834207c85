import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { questionLimits } from "../../../shared/api/inbox-portal.ts";
import { portalPageQuery, portalSiteParams } from "../../../shared/api/portal.ts";
import { AppError } from "../../platform/errors.ts";
import {
  askQuestion,
  publishedAnswersOfUnit,
  publishedAnswersPageSize,
  questionFormInvalid,
  questionLimit,
} from "../inbox/index.ts";
import type { PortalSite } from "./pages.ts";
import { type QuestionFormValues, questionsPage } from "./questions-page.ts";

type Site = PortalSite & { unitId: string };

/** What the portal's routes give this page: the site with its header, and its 404. */
export interface QuestionPageHelpers {
  site: (code: string) => Promise<Site>;
  notFound: (site: Site) => Error;
}

// Lenient on purpose: a too-long field is answered on the form in the asker's words, not as a bad address.
const questionForm = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  text: z.string().optional(),
  homepageUrl: z.string().optional(),
});

/**
 * `/u/<code>/hoi-dap`: the form and the published answers; the form posts back here and is answered
 * with a redirect to the thank-you notice (a reload sends nothing twice), or the form again, as typed,
 * with the reason. Registered inside the portal's routes, which answer its 404s and 429s.
 */
export function questionPageRoutes(app: FastifyInstance, helpers: QuestionPageHelpers): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const db = deps.database.db;

  // The form's own encoding, only in the portal's plugin (every other page is read, not posted to).
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 64 * 1024 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );

  async function render(
    reply: FastifyReply,
    site: Site,
    pageNumber: number,
    extra: { values?: QuestionFormValues; error?: string; sent?: boolean } = {},
  ): Promise<string> {
    const { items, total } = await publishedAnswersOfUnit(db, site.unitId, {
      page: pageNumber,
      pageSize: publishedAnswersPageSize,
    });
    if (pageNumber > 1 && items.length === 0) {
      throw helpers.notFound(site);
    }
    reply.type("text/html; charset=utf-8");
    return questionsPage(site, {
      answers: items,
      total,
      page: pageNumber,
      pageSize: publishedAnswersPageSize,
      limits: questionLimits,
      ...extra,
    });
  }

  routes.get(
    "/u/:code/hoi-dap",
    {
      config: { access: { public: true }, rateLimit: { max: 600, timeWindow: "1 minute" } },
      schema: {
        hide: true,
        params: portalSiteParams,
        querystring: portalPageQuery.extend({ "da-gui": z.string().max(10).optional() }),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const site = await helpers.site(request.params.code);
      const sent = request.query["da-gui"] === "1";
      // The thank-you notice is for the one who sent; the list may be a minute late for everyone else.
      reply.header("cache-control", sent ? "no-store" : "public, max-age=60");
      return render(reply, site, request.query.trang ?? 1, { sent });
    },
  );

  routes.post(
    "/u/:code/hoi-dap",
    {
      config: { access: { public: true }, rateLimit: questionLimit },
      // A form the page cannot read (another encoding, a field that is not text) is answered on the form.
      attachValidation: true,
      schema: {
        hide: true,
        params: portalSiteParams,
        body: questionForm,
        response: { 200: z.string(), 303: z.string(), 400: z.string(), 404: z.string() },
      },
    },
    async (request, reply) => {
      const site = await helpers.site(request.params.code);
      reply.header("cache-control", "no-store");
      if (request.validationError) {
        reply.status(400);
        return render(reply, site, 1, { error: questionFormInvalid() });
      }
      try {
        await askQuestion(deps, { unitId: site.unitId, ...request.body });
      } catch (error) {
        if (error instanceof AppError && error.status === 400) {
          reply.status(400);
          const { name, email, text } = request.body;
          return render(reply, site, 1, { values: { name, email, text }, error: error.messages.vi });
        }
        throw error;
      }
      reply.status(303).header("location", `${site.baseUrl}/hoi-dap?da-gui=1`);
      return "";
    },
  );
}
