import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  publicImpersonationReportBody,
  publicImpersonationReportResponse,
} from "../../../../shared/api/verification-impersonation-candidates.ts";
import { contextOf } from "../../../http/context.ts";
import { answerFailuresWithHtml } from "../../../http/html-page-errors.ts";
import { AppError } from "../../../platform/errors.ts";
import { renderImpersonationReportPage, renderPublicProblemPage } from "../../channels/index.ts";
import { reportCandidate } from "./candidates.ts";

/** A citizen's reports: enough for a person, a brake on scripts filling the desk's list. */
const reportLimit = { max: 10, timeWindow: "10 minutes" };

type ReportBody = z.infer<typeof publicImpersonationReportBody>;
type ReportAnswer = z.infer<typeof publicImpersonationReportResponse>;

/** Takes a citizen's report; a filled honeypot is thanked like anyone and records nothing. */
async function takeReport(
  request: FastifyRequest,
  body: ReportBody,
): Promise<{ answer: ReportAnswer; created: boolean }> {
  if (body.website) {
    return { answer: { outcome: "received" }, created: false };
  }
  const outcome = await reportCandidate(contextOf(request), {
    source: "citizen",
    url: body.url,
    displayName: body.displayName ?? null,
  });
  if (outcome.kind === "official") {
    return { answer: { outcome: "official", channel: outcome.channel }, created: false };
  }
  return {
    answer: { outcome: outcome.candidate.status === "confirmed" ? "impersonation" : "received" },
    created: outcome.kind === "created",
  };
}

/**
 * Citizens report a page: the API (JSON) and the /kiem-tra page's button, which posts a form to a
 * page address outside /api/ (so a signed-in person's browser is not asked for the app's CSRF
 * header) and gets a page back, errors included.
 */
export async function publicReportRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();

  routes.post(
    "/api/public/impersonation-reports",
    {
      config: { access: { public: true }, rateLimit: reportLimit },
      schema: {
        tags: ["verification"],
        summary:
          "A citizen reports a page as impersonating an official channel (no sign-in; a registered channel's address is answered 'official' and makes no report; a page already reported makes nothing new)",
        security: [],
        body: publicImpersonationReportBody,
        response: { 200: publicImpersonationReportResponse, 201: publicImpersonationReportResponse },
      },
    },
    async (request, reply) => {
      const { answer, created } = await takeReport(request, request.body);
      reply.status(created ? 201 : 200);
      return answer;
    },
  );

  await app.register(reportPageRoutes);
}

async function reportPageRoutes(app: FastifyInstance): Promise<void> {
  const pages = app.withTypeProvider<ZodTypeProvider>();
  app.addContentTypeParser(
    "application/x-www-form-urlencoded",
    { parseAs: "string", bodyLimit: 8192 },
    (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(body as string))),
  );
  answerFailuresWithHtml(pages, {
    what: "impersonation report page",
    invalidInput:
      "Địa chỉ gửi lên không hợp lệ. Vui lòng quay lại trang Kiểm tra kênh chính thức và thử lại.",
    render: renderPublicProblemPage,
  });

  pages.post(
    "/kiem-tra/bao-gia-mao",
    {
      config: { access: { public: true }, rateLimit: reportLimit },
      schema: {
        hide: true,
        body: publicImpersonationReportBody,
        response: { 200: z.string(), 201: z.string() },
      },
    },
    async (request, reply) => {
      const url = request.body.url;
      reply.type("text/html; charset=utf-8").header("cache-control", "no-store");
      try {
        const { answer, created } = await takeReport(request, request.body);
        reply.status(created ? 201 : 200);
        return renderImpersonationReportPage({ url, outcome: answer.outcome, channel: answer.channel });
      } catch (error) {
        if (error instanceof AppError && error.status === 400) {
          (reply as FastifyReply).status(400);
          return renderImpersonationReportPage({ url, error: error.messages });
        }
        throw error;
      }
    },
  );
}
