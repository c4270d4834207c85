import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { toCsv } from "../../../shared/csv.ts";
import { formatVietnamTime } from "../../../shared/vietnam-time.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../org/policy.ts";
import { listFilterPath } from "../org/service.ts";
import { declarationPurpose } from "./purpose.ts";
import {
  closeDeclarationRequest,
  createDeclarationRequest,
  declarationRequestCompletion,
  listDeclarationRequests,
  registerDeclarationReminderWorker,
  requestsForMember,
  respondToRequest,
  unitOfRequest,
} from "./requests.ts";
import {
  acknowledgedResponse,
  alertsQuery,
  alertsResponse,
  createdRequestResponse,
  createRequestBody,
  declarationSchema,
  declarationStatusBody,
  declareBody,
  deletedResponse,
  exportResponse,
  idParams,
  memberDeclarationsQuery,
  memberDeclarationsResponse,
  memberRequestsResponse,
  ownDeclarationsResponse,
  reportBody,
  reportResponse,
  requestDetailResponse,
  requestListQuery,
  requestListResponse,
  requestSchema,
  respondResponse,
  updateDeclarationBody,
} from "./schema.ts";
import {
  acknowledgeReport,
  declarationView,
  declareAccount,
  deleteDeclarations,
  exportOwnDeclarations,
  listAccountReports,
  listMemberDeclarations,
  listOwnDeclarations,
  reportAccount,
  setDeclarationStatus,
  unitOfReport,
  updateDeclaration,
} from "./service.ts";

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;
const exportFileName = (at: Date) => `ke-khai-tai-khoan-${at.toISOString().slice(0, 10)}`;

/**
 * Members' own account declarations (Regulation 85), requests to review them, and the alerts when
 * an account is taken over or impersonated. A member reaches only their own declarations; reading
 * other people's needs `declarations.view`, and every such read is audited.
 */
export async function declarationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, jobs, config } = app.deps;
  const db = database.db;
  const mailDeps = { jobs, publicUrl: config.publicUrl };
  const tags = ["declarations"];
  await registerDeclarationReminderWorker(db, mailDeps);

  // --- The member's own declarations ---------------------------------------------------------

  routes.get(
    "/api/me/declarations",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "My declared public accounts, and the purpose text to show before declaring",
        response: { 200: ownDeclarationsResponse },
      },
    },
    async (request) => ({
      purpose: declarationPurpose,
      items: await listOwnDeclarations(db, signedInContextOf(request).actor.personId),
    }),
  );

  routes.post(
    "/api/me/declarations",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Declare one of my public accounts, agreeing to the stated purpose (consent: true)",
        body: declareBody,
        response: { 201: declarationSchema },
      },
    },
    async (request, reply) => {
      const row = await declareAccount(signedInContextOf(request), request.body);
      reply.status(201);
      return declarationView(row);
    },
  );

  routes.patch(
    "/api/me/declarations/:id",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Correct one of my declarations",
        params: idParams,
        body: updateDeclarationBody,
        response: { 200: declarationSchema },
      },
    },
    async (request) =>
      declarationView(await updateDeclaration(signedInContextOf(request), request.params.id, request.body)),
  );

  routes.post(
    "/api/me/declarations/:id/status",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Mark one of my accounts closed, or active again",
        params: idParams,
        body: declarationStatusBody,
        response: { 200: declarationSchema },
      },
    },
    async (request) =>
      declarationView(
        await setDeclarationStatus(signedInContextOf(request), request.params.id, request.body),
      ),
  );

  routes.post(
    "/api/me/declarations/:id/report",
    {
      config: {
        access: { authenticated: true },
        // Each report mails administrators at once: a member (or a stolen session) cannot flood them.
        rateLimit: {
          max: 10,
          timeWindow: "1 hour",
          hook: "preHandler",
          keyGenerator: (request: FastifyRequest) => `report:${request.actor?.personId ?? request.ip}`,
        },
      },
      schema: {
        tags,
        summary: "Report one of my accounts taken over or impersonated; my unit's administrators are alerted",
        params: idParams,
        body: reportBody,
        response: { 201: reportResponse },
      },
    },
    async (request, reply) => {
      const report = await reportAccount(
        signedInContextOf(request),
        mailDeps,
        request.params.id,
        request.body,
      );
      reply.status(201);
      return report;
    },
  );

  routes.delete(
    "/api/me/declarations/:id",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Delete one of my declarations with its reports",
        params: idParams,
        response: { 200: deletedResponse },
      },
    },
    async (request) => ({ deleted: await deleteDeclarations(signedInContextOf(request), request.params.id) }),
  );

  routes.delete(
    "/api/me/declarations",
    {
      config: { access: { authenticated: true } },
      schema: { tags, summary: "Delete all my declarations", response: { 200: deletedResponse } },
    },
    async (request) => ({ deleted: await deleteDeclarations(signedInContextOf(request), null) }),
  );

  routes.get(
    "/api/me/declarations/export.json",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Download everything held from my declarations, with the consent given for each",
        response: { 200: exportResponse },
      },
    },
    async (request, reply) => {
      const data = await exportOwnDeclarations(db, signedInContextOf(request).actor.personId);
      reply.header("content-disposition", `attachment; filename="${exportFileName(data.exportedAt)}.json"`);
      return data;
    },
  );

  routes.get(
    "/api/me/declarations/export.csv",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "My declarations as CSV (UTF-8) for a spreadsheet",
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const data = await exportOwnDeclarations(db, signedInContextOf(request).actor.personId);
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", `attachment; filename="${exportFileName(data.exportedAt)}.csv"`);
      return toCsv(
        ["Nền tảng", "Tên hiển thị", "Địa chỉ", "Tên thật", "Trạng thái", "Từ", "Đồng ý mục đích lúc"],
        data.declarations.map((declaration) => [
          declaration.platform,
          declaration.displayName,
          declaration.url,
          declaration.realName ? "có" : "không",
          declaration.status,
          formatVietnamTime(declaration.statusSince, "vi"),
          formatVietnamTime(declaration.consentedAt, "vi"),
        ]),
      );
    },
  );

  // --- Requests, as the member sees them -----------------------------------------------------

  routes.get(
    "/api/me/declaration-requests",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Open requests to review my declarations, with whether I have answered",
        response: { 200: memberRequestsResponse },
      },
    },
    async (request) => ({ items: await requestsForMember(db, signedInContextOf(request).actor.personId) }),
  );

  routes.post(
    "/api/me/declaration-requests/:id/respond",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "Confirm that I have reviewed my declarations for this request",
        params: idParams,
        response: { 200: respondResponse },
      },
    },
    async (request) => respondToRequest(signedInContextOf(request), request.params.id),
  );

  // --- Requests, as administrators send and follow them --------------------------------------

  routes.post(
    "/api/declaration-requests",
    {
      config: {
        access: {
          permission: "declarations.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary: "Ask everyone in a unit's subtree to review their declarations by a due date",
        body: createRequestBody,
        response: { 201: createdRequestResponse },
      },
    },
    async (request, reply) => {
      const { request: created, reminders } = await createDeclarationRequest(
        signedInContextOf(request),
        jobs,
        request.body,
      );
      reply.status(201);
      return { id: created.id, dueOn: created.dueOn, reminders };
    },
  );

  routes.get(
    "/api/declaration-requests",
    {
      config: { access: { permission: "declarations.manage" } },
      schema: {
        tags,
        summary: "Requests sent within my units, each with how many have answered",
        querystring: requestListQuery,
        response: { 200: requestListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "declarations.manage");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf({ ...request.query, pageSize: request.query.pageSize ?? 20 });
      return { ...(await listDeclarationRequests(db, { scope, unitPath, limit, offset })), page };
    },
  );

  routes.get(
    "/api/declaration-requests/:id",
    {
      config: {
        access: { permission: "declarations.manage", unit: (request) => unitOfRequest(db, idOf(request)) },
      },
      schema: {
        tags,
        summary: "One request with its completion per unit (counts only, never the declarations)",
        params: idParams,
        response: { 200: requestDetailResponse },
      },
    },
    async (request) => declarationRequestCompletion(db, request.params.id),
  );

  routes.post(
    "/api/declaration-requests/:id/close",
    {
      config: {
        access: { permission: "declarations.manage", unit: (request) => unitOfRequest(db, idOf(request)) },
      },
      schema: {
        tags,
        summary: "Close a request early: members stop seeing it and no more reminders go",
        params: idParams,
        response: { 200: requestSchema.pick({ id: true, closedAt: true }) },
      },
    },
    async (request) => {
      const row = await closeDeclarationRequest(signedInContextOf(request), request.params.id);
      return { id: row.id, closedAt: row.closedAt };
    },
  );

  // --- Alerts (reports) for administrators ---------------------------------------------------

  routes.get(
    "/api/declaration-alerts",
    {
      config: { access: { permission: "declarations.manage" } },
      schema: {
        tags,
        summary: "Members' reports of accounts taken over or impersonated, newest first",
        querystring: alertsQuery,
        response: { 200: alertsResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "declarations.manage");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf({ ...request.query, pageSize: request.query.pageSize ?? 20 });
      const result = await listAccountReports(db, {
        scope,
        unitPath,
        open: request.query.open,
        limit,
        offset,
      });
      return { ...result, page };
    },
  );

  routes.post(
    "/api/declaration-alerts/:id/acknowledge",
    {
      config: {
        access: { permission: "declarations.manage", unit: (request) => unitOfReport(db, idOf(request)) },
      },
      schema: {
        tags,
        summary: "Mark a report as being handled",
        params: idParams,
        response: { 200: acknowledgedResponse },
      },
    },
    async (request) => {
      const row = await acknowledgeReport(signedInContextOf(request), request.params.id);
      return { id: row.id, acknowledgedAt: row.acknowledgedAt };
    },
  );

  // --- Reading members' declarations: the dedicated permission, every read audited -----------

  routes.get(
    "/api/declarations",
    {
      config: { access: { permission: "declarations.view" } },
      schema: {
        tags,
        summary: "Members' declared accounts within my units (needs “view member declarations”; audited)",
        querystring: memberDeclarationsQuery,
        response: { 200: memberDeclarationsResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "declarations.view");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf(request.query);
      const result = await listMemberDeclarations(ctx, {
        scope,
        unit: unitPath && request.query.unitId ? { id: request.query.unitId, path: unitPath } : undefined,
        personId: request.query.personId,
        platform: request.query.platform,
        status: request.query.status,
        q: request.query.q,
        limit,
        offset,
      });
      return { ...result, page };
    },
  );
}
