import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  candidateIdParams,
  candidateImportBody,
  candidateImportPreviewResponse,
  candidateImportResultResponse,
  candidateListQuery,
  candidateListResponse,
  candidateSchema,
  confirmCandidateBody,
  createCandidateBody,
  createCandidateResponse,
  dismissCandidateBody,
  reopenCandidateBody,
  reportPackResponse,
  screenshotResponse,
} from "../../../shared/api/verification-impersonation-candidates.ts";
import { contextOf, pageOf, signedInContextOf } from "../../http/context.ts";
import { listCandidates, reportCandidate } from "./impersonation/candidates.ts";
import { confirmCandidate, dismissCandidate, reopenCandidate } from "./impersonation/candidates-decisions.ts";
import { candidateErrors } from "./impersonation/candidates-errors.ts";
import { previewCandidateImport, runCandidateImport } from "./impersonation/candidates-import.ts";
import { publicReportRoutes } from "./impersonation/candidates-public.ts";
import { attachScreenshot, fileContent, maxScreenshotBytes } from "./impersonation/candidates-screenshot.ts";
import { candidateView, requireCandidate } from "./impersonation/candidates-view.ts";
import { buildReportPack } from "./impersonation/report-pack.ts";

/** The impersonation watch: citizens' reports, the candidates list, decisions and report packs. */
export async function impersonationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["verification"];
  const candidateUnit = async (request: FastifyRequest) =>
    (await requireCandidate(db, (request.params as { id: string }).id)).unitId;

  app.addContentTypeParser(
    "application/octet-stream",
    { parseAs: "buffer", bodyLimit: maxScreenshotBytes },
    (_request, body, done) => done(null, body),
  );

  await app.register(publicReportRoutes);

  routes.get(
    "/api/impersonation/candidates",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary: "Pages suspected of impersonation in my units, highest score first",
        querystring: candidateListQuery,
        response: { 200: candidateListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const { limit, offset, page } = pageOf(request.query);
      const result = await listCandidates(db, ctx.actor, { status: request.query.status, limit, offset });
      return { ...result, page };
    },
  );

  routes.post(
    "/api/impersonation/candidates",
    {
      config: {
        access: {
          permission: "cases.manage",
          unit: (request) =>
            (request.body as { unitId?: string }).unitId ?? signedInContextOf(request).actor.unitId,
        },
      },
      schema: {
        tags,
        summary:
          "Add a page suspected of impersonation, scored against the registry (409 for a registered channel; an already known page is returned with created: false)",
        body: createCandidateBody,
        response: { 200: createCandidateResponse, 201: createCandidateResponse },
      },
    },
    async (request, reply) => {
      const ctx = signedInContextOf(request);
      const outcome = await reportCandidate(ctx, { source: "checker", ...request.body });
      if (outcome.kind === "official") {
        throw candidateErrors.officialChannel();
      }
      reply.status(outcome.kind === "created" ? 201 : 200);
      return {
        candidate: await candidateView(db, outcome.candidate, ctx.actor),
        created: outcome.kind === "created",
      };
    },
  );

  const importAccess = {
    permission: "cases.manage" as const,
    unit: (request: FastifyRequest) =>
      (request.body as { unitId?: string }).unitId ?? signedInContextOf(request).actor.unitId,
  };

  routes.post(
    "/api/impersonation/candidates/import/preview",
    {
      config: { access: importAccess },
      schema: {
        tags,
        summary: "Check a CSV list of suspected pages (address, display name, handle) without recording it",
        body: candidateImportBody,
        response: { 200: candidateImportPreviewResponse },
      },
    },
    async (request) =>
      previewCandidateImport(db, {
        unitId: request.body.unitId,
        content: Buffer.from(request.body.contentBase64, "base64"),
      }),
  );

  routes.post(
    "/api/impersonation/candidates/import",
    {
      config: { access: importAccess },
      schema: {
        tags,
        summary:
          "Record the good rows of a CSV list of suspected pages in one transaction; bad rows are reported",
        body: candidateImportBody,
        response: { 200: candidateImportResultResponse },
      },
    },
    async (request) =>
      runCandidateImport(contextOf(request), {
        unitId: request.body.unitId,
        content: Buffer.from(request.body.contentBase64, "base64"),
      }),
  );

  routes.get(
    "/api/impersonation/candidates/:id",
    {
      config: { access: { permission: "cases.read", unit: candidateUnit } },
      schema: {
        tags,
        summary: "One suspected page",
        params: candidateIdParams,
        response: { 200: candidateSchema },
      },
    },
    async (request) =>
      candidateView(db, await requireCandidate(db, request.params.id), signedInContextOf(request).actor),
  );

  routes.put(
    "/api/impersonation/candidates/:id/screenshot",
    {
      config: { access: { permission: "cases.manage", unit: candidateUnit } },
      bodyLimit: maxScreenshotBytes,
      schema: {
        tags,
        summary:
          "Attach a screenshot or the avatar of the page (application/octet-stream, ≤ 10 MB; re-encoded, hashed, and the page scored again)",
        params: candidateIdParams,
        consumes: ["application/octet-stream"],
        response: { 200: candidateSchema },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      if (!Buffer.isBuffer(request.body)) {
        throw candidateErrors.imageInvalid();
      }
      const row = await attachScreenshot(ctx, request.params.id, request.body);
      return candidateView(db, row, ctx.actor);
    },
  );

  routes.get(
    "/api/impersonation/candidates/:id/screenshot",
    {
      config: { access: { permission: "cases.read", unit: candidateUnit } },
      schema: {
        tags,
        summary: "The page's screenshot (PNG)",
        params: candidateIdParams,
        response: { 200: screenshotResponse },
      },
    },
    async (request, reply) => {
      const row = await requireCandidate(db, request.params.id);
      const file = row.avatarFileId ? await fileContent(db, row.avatarFileId) : null;
      if (!file) {
        throw candidateErrors.candidateNotFound();
      }
      return (reply as FastifyReply)
        .type(file.mimeType)
        .header("cache-control", "private, max-age=300")
        .send(Buffer.from(file.content));
    },
  );

  routes.post(
    "/api/impersonation/candidates/:id/confirm",
    {
      config: { access: { permission: "cases.manage", unit: candidateUnit } },
      schema: {
        tags,
        summary:
          "Confirm the page as impersonating a registered channel (the suggested one, or channelId): the public lookup then answers 'impersonation'",
        params: candidateIdParams,
        body: confirmCandidateBody,
        response: { 200: candidateSchema },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      return candidateView(db, await confirmCandidate(ctx, request.params.id, request.body), ctx.actor);
    },
  );

  routes.post(
    "/api/impersonation/candidates/:id/dismiss",
    {
      config: { access: { permission: "cases.manage", unit: candidateUnit } },
      schema: {
        tags,
        summary: "Record that the page is not an impersonation, with the reason",
        params: candidateIdParams,
        body: dismissCandidateBody,
        response: { 200: candidateSchema },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      return candidateView(db, await dismissCandidate(ctx, request.params.id, request.body.note), ctx.actor);
    },
  );

  routes.post(
    "/api/impersonation/candidates/:id/reopen",
    {
      config: { access: { permission: "cases.manage", unit: candidateUnit } },
      schema: {
        tags,
        summary: "Reopen a decided page; a confirmation is lifted from the public lookup",
        params: candidateIdParams,
        body: reopenCandidateBody,
        response: { 200: candidateSchema },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      return candidateView(db, await reopenCandidate(ctx, request.params.id, request.body.note), ctx.actor);
    },
  );

  routes.get(
    "/api/impersonation/candidates/:id/report-pack",
    {
      config: { access: { permission: "cases.manage", unit: candidateUnit } },
      schema: {
        tags,
        summary:
          "The report pack of a confirmed page (ZIP): the PDF summary, screenshots and archive copies, the real channel's registry entry and the unit's proof of authority",
        params: candidateIdParams,
        response: { 200: reportPackResponse },
      },
    },
    async (request, reply) => {
      const pack = await buildReportPack(signedInContextOf(request), request.params.id);
      return (reply as FastifyReply)
        .type("application/zip")
        .header("cache-control", "private, no-store")
        .header("content-disposition", `attachment; filename="${pack.fileName}"`)
        .send(pack.zip);
    },
  );
}
