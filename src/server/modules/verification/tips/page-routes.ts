import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { contextOf } from "../../../http/context.ts";
import { answerFailuresWithHtml } from "../../../http/html-page-errors.ts";
import { AppError } from "../../../platform/errors.ts";
import { unitSummaries } from "../../org/index.ts";
import { readTipForm } from "./form-reader.ts";
import { submitTip } from "./intake.ts";
import { renderTipFormPage, renderTipProblemPage, renderTipStatusPage } from "./pages.ts";
import { tipLimit, tipStatusLimit } from "./rate-limits.ts";
import { tipStatusByCode } from "./status.ts";
import { parseTrackingCode } from "./tracking-code.ts";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `/bao-tin` and `/bao-tin/<code>`, rendered on the server for people without an account on any
 * phone: a plain multipart form that answers with a redirect to the status page, or the form again
 * with what was typed and the reason. Failures answer a Vietnamese HTML page, never problem+json.
 */
export async function tipPageRoutes(app: FastifyInstance): Promise<void> {
  const pages = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;

  answerFailuresWithHtml(pages, {
    what: "tip page",
    render: renderTipProblemPage,
  });

  /** The active unit a portal's link names, to show where the tip goes. */
  async function portalUnit(unitId: string | undefined) {
    if (!unitId || !uuidPattern.test(unitId)) {
      return null;
    }
    const unit = (await unitSummaries(db, [unitId])).get(unitId);
    return unit?.status === "active" ? { id: unit.id, name: unit.name } : null;
  }

  pages.get(
    "/bao-tin",
    {
      config: { access: { public: true }, rateLimit: tipStatusLimit },
      schema: {
        hide: true,
        querystring: z.object({ "don-vi": z.string().max(100).optional() }),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      reply.type("text/html; charset=utf-8").header("cache-control", "public, max-age=300");
      return renderTipFormPage({ unit: await portalUnit(request.query["don-vi"]) });
    },
  );

  pages.post(
    "/bao-tin",
    {
      config: { access: { public: true }, rateLimit: tipLimit },
      schema: {
        hide: true,
        response: { 200: z.string(), 303: z.string(), 400: z.string(), 413: z.string(), 415: z.string() },
      },
    },
    async (request, reply) => {
      reply.type("text/html; charset=utf-8").header("cache-control", "no-store");
      if (!request.isMultipart()) {
        reply.status(415);
        return renderTipProblemPage({
          status: 415,
          message: "Vui lòng gửi tin bằng biểu mẫu trên trang báo tin.",
        });
      }
      const form = await readTipForm(request);
      const unit = await portalUnit(form.fields.unitId);
      const refuse = (error: AppError) => {
        reply.status(error.status as 400);
        return renderTipFormPage({
          values: { url: form.fields.url, text: form.fields.text, email: form.fields.email },
          unit,
          error: error.messages.vi,
          hadImages: form.images.length > 0 || error.code.includes("image"),
        });
      };
      if (form.problem) {
        return refuse(form.problem);
      }
      try {
        const { trackingCode } = await submitTip(
          { ...contextOf(request), actor: null },
          form.fields,
          form.images,
        );
        reply.status(303).header("location", `/bao-tin/${trackingCode}?da-gui=1`);
        return "";
      } catch (error) {
        if (error instanceof AppError && error.status < 500) {
          return refuse(error);
        }
        throw error;
      }
    },
  );

  pages.get(
    "/bao-tin/tra-cuu",
    {
      config: { access: { public: true }, rateLimit: tipStatusLimit },
      schema: {
        hide: true,
        querystring: z.object({ ma: z.string().max(100).optional() }),
        response: { 303: z.string() },
      },
    },
    async (request, reply) => {
      const code = parseTrackingCode(request.query.ma ?? "");
      reply.status(303).header("location", code ? `/bao-tin/${code}` : "/bao-tin#tra-cuu");
      return "";
    },
  );

  pages.get(
    "/bao-tin/:code",
    {
      config: { access: { public: true }, rateLimit: tipStatusLimit },
      schema: {
        hide: true,
        params: z.object({ code: z.string().max(100) }),
        querystring: z.object({ "da-gui": z.string().max(10).optional() }),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const tip = await tipStatusByCode(db, request.params.code);
      reply.type("text/html; charset=utf-8").header("cache-control", "no-store");
      return renderTipStatusPage(tip, { justSent: request.query["da-gui"] === "1" });
    },
  );
}
