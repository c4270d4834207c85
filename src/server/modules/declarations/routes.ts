import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  acknowledgedResponse,
  alertsQuery,
  alertsResponse,
  closedRequestResponse,
  createdRequestResponse,
  createRequestBody,
  idParams,
  memberDeclarationsQuery,
  memberDeclarationsResponse,
  requestDetailResponse,
  requestListQuery,
  requestListResponse,
} from "../../../shared/api/declarations.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { listFilterPath } from "../org/index.ts";
import { acknowledgeReport, listAccountReports, unitOfReport } from "./account-reports.ts";
import { listMemberDeclarations } from "./member-declarations.ts";
import { ownDeclarationRoutes } from "./own-routes.ts";
import {
  closeDeclarationRequest,
  createDeclarationRequest,
  declarationRequestCompletion,
  listDeclarationRequests,
  unitOfRequest,
} from "./requests.ts";

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/**
 * Members' own account declarations (Regulation 85), requests to review them, and the alerts when
 * an account is taken over or impersonated. A member reaches only their own declarations; reading
 * other people's needs `declarations.view`, and every such read is audited.
 */
export async function declarationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, jobs } = app.deps;
  const db = database.db;
  const tags = ["declarations"];

  await ownDeclarationRoutes(app);

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
        response: { 200: closedRequestResponse },
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
