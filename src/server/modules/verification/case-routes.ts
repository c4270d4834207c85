import { and, eq } from "drizzle-orm";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  caseDetailResponse,
  caseFileParams,
  caseFileResponse,
  caseIdParams,
  caseQueueQuery,
  caseQueueResponse,
  checklistItemParams,
  checklistsBody,
  checklistsQuery,
  checklistsResponse,
  checklistTickBody,
  checklistTickResponse,
  triageBody,
} from "../../../shared/api/verification-cases.ts";
import { verificationFiles } from "../../db/schema/verification.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { listFilterPath } from "../org/index.ts";
import { caseFor } from "./case-access.ts";
import { saveChecklists, unitChecklists } from "./cases/checklists.ts";
import { caseDetail } from "./cases/detail.ts";
import { deskErrors } from "./cases/errors.ts";
import { evidenceRoutes } from "./cases/evidence-routes.ts";
import { listQueue } from "./cases/queue.ts";
import { tickChecklistItem, triageCase } from "./cases/triage.ts";

/**
 * The checkers' desk: the queue of cases in one's units, a case with everything gathered on it,
 * triage, checklists, evidence and merging duplicates. Access to each case is decided by caseFor
 * (404 unknown, 403 outside one's units); reporters' e-mails never leave the server here.
 */
export async function caseRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["verification"];

  routes.get(
    "/api/cases",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary:
          "The queue: cases of my units, most urgent first, then most asked-about, then oldest (open ones by default)",
        querystring: caseQueueQuery,
        response: { 200: caseQueueResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "cases.read");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf({ ...request.query, pageSize: request.query.pageSize ?? 30 });
      const result = await listQueue(db, {
        scope,
        unitPath,
        status: request.query.status,
        category: request.query.category,
        assignee: request.query.assignee,
        personId: ctx.actor.personId,
        limit,
        offset,
      });
      return { ...result, page };
    },
  );

  routes.get(
    "/api/cases/:id",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary:
          "One case: its tips (whether a reporter left an e-mail, never the e-mail), files, suggested duplicates, evidence, checklist and timeline",
        params: caseIdParams,
        response: { 200: caseDetailResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scoped = await caseFor(db, ctx.actor, request.params.id, "read");
      return caseDetail(db, ctx.actor, scoped);
    },
  );

  routes.get(
    "/api/cases/:id/files/:fileId",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary: "A screenshot or archive copy of the case, shown inline (image or PDF)",
        params: caseFileParams,
        response: { 200: caseFileResponse },
      },
    },
    async (request, reply) => {
      const ctx = signedInContextOf(request);
      await caseFor(db, ctx.actor, request.params.id, "read");
      const [file] = await db
        .select({ mimeType: verificationFiles.mimeType, content: verificationFiles.content })
        .from(verificationFiles)
        .where(
          and(
            eq(verificationFiles.id, request.params.fileId),
            eq(verificationFiles.caseId, request.params.id),
          ),
        );
      if (!file) {
        throw deskErrors.fileNotFound();
      }
      // The bytes as stored: the response schema only documents them.
      return (reply as FastifyReply)
        .type(file.mimeType)
        .header("Content-Disposition", "inline")
        .header("X-Content-Type-Options", "nosniff")
        .header("Cache-Control", "private, max-age=3600")
        .send(file.content);
    },
  );

  routes.patch(
    "/api/cases/:id",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary:
          "Triage: title, category, urgency, due time and assignee (a checker of the case's unit); each change on the timeline and in the audit log",
        params: caseIdParams,
        body: triageBody,
        response: { 200: caseDetailResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      await triageCase(ctx, request.params.id, request.body);
      return caseDetail(db, ctx.actor, await caseFor(db, ctx.actor, request.params.id, "read"));
    },
  );

  routes.post(
    "/api/cases/:id/checklist/:itemKey",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: "Tick or untick a step of the case's checklist",
        params: checklistItemParams,
        body: checklistTickBody,
        response: { 200: checklistTickResponse },
      },
    },
    async (request) =>
      tickChecklistItem(
        signedInContextOf(request),
        request.params.id,
        request.params.itemKey,
        request.body.ticked,
      ),
  );

  routes.get(
    "/api/verification/checklists",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: "A unit's checklist for each category (the desk's default where the unit has written none)",
        querystring: checklistsQuery,
        response: { 200: checklistsResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      return unitChecklists(db, ctx.actor, request.query.unitId);
    },
  );

  routes.put(
    "/api/verification/checklists",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: "Replace a unit's checklists for the categories sent",
        querystring: checklistsQuery,
        body: checklistsBody,
        response: { 200: checklistsResponse },
      },
    },
    async (request) => saveChecklists(signedInContextOf(request), request.query.unitId, request.body.lists),
  );

  await evidenceRoutes(app);
}
