import type { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  caseEvidenceParams,
  caseIdParams,
  caseSuggestionParams,
  evidenceBody,
  evidenceRemovedResponse,
  evidenceSchema,
  evidenceUploadQuery,
  mergeBody,
  mergeResponse,
  suggestionDismissResponse,
} from "../../../../shared/api/verification-cases.ts";
import { signedInContextOf } from "../../../http/context.ts";
import { deskErrors } from "./errors.ts";
import { addEvidence, removeEvidence } from "./evidence.ts";
import { maxEvidenceBytes, prepareEvidenceFile, readLimited } from "./evidence-file.ts";
import { dismissSuggestion, mergeCase } from "./merge.ts";

/** Evidence (sources and their archive copies), merging duplicates and dismissing suggestions. */
export async function evidenceRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const tags = ["verification"];

  // The upload's body is the file itself, read as a stream so its size is checked as it arrives.
  app.addContentTypeParser("application/octet-stream", (_request, payload, done) => done(null, payload));

  routes.post(
    "/api/cases/:id/evidence",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: "Add a source: an http(s) address, a title, a note, whether it is authoritative and public",
        params: caseIdParams,
        body: evidenceBody,
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) => {
      const created = await addEvidence(signedInContextOf(request), request.params.id, request.body);
      reply.status(201);
      return created;
    },
  );

  routes.post(
    "/api/cases/:id/evidence/upload",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: `Add a source with its archive copy or screenshot: the body is the file (application/octet-stream; an image, re-encoded without metadata and read by OCR, or a PDF kept as is; at most ${maxEvidenceBytes / (1024 * 1024)} MB); the source's fields are in the query`,
        params: caseIdParams,
        querystring: evidenceUploadQuery,
        consumes: ["application/octet-stream"],
        response: { 201: evidenceSchema },
      },
    },
    async (request, reply) => {
      const ctx = signedInContextOf(request);
      const body = request.body as Readable | undefined;
      if (!body || typeof (body as Readable).on !== "function") {
        throw deskErrors.evidenceFileRequired();
      }
      const file = await prepareEvidenceFile(await readLimited(body));
      const query = request.query;
      const created = await addEvidence(
        ctx,
        request.params.id,
        {
          url: query.url,
          title: query.title,
          note: query.note,
          authoritative: query.authoritative === "true",
          isPublic: query.isPublic !== "false",
        },
        { ...file, fileName: query.fileName?.trim() || null },
      );
      reply.status(201);
      return created;
    },
  );

  routes.delete(
    "/api/cases/:id/evidence/:evidenceId",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: "Take a source off the case (kept as removed; the timeline says so)",
        params: caseEvidenceParams,
        response: { 200: evidenceRemovedResponse },
      },
    },
    async (request) =>
      removeEvidence(signedInContextOf(request), request.params.id, request.params.evidenceId),
  );

  routes.post(
    "/api/cases/:id/merge",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary:
          "Merge this case into another (its tips, files, sources and demand move there); not into itself, a merged case, nor a case with a published verdict into another",
        params: caseIdParams,
        body: mergeBody,
        response: { 200: mergeResponse },
      },
    },
    async (request) => mergeCase(signedInContextOf(request), request.params.id, request.body.intoCaseId),
  );

  routes.post(
    "/api/cases/:id/suggestions/:suggestionId/dismiss",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: "Decide that a suggested duplicate is not the same claim",
        params: caseSuggestionParams,
        response: { 200: suggestionDismissResponse },
      },
    },
    async (request) =>
      dismissSuggestion(signedInContextOf(request), request.params.id, request.params.suggestionId),
  );
}
