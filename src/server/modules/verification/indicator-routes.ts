import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  addIndicatorBody,
  caseIndicatorSchema,
  caseIndicatorsResponse,
  indicatorEndpoints,
  metricsQuery,
  metricsResponse,
  normaliseQuery,
  normaliseResponse,
  removedIndicatorResponse,
  staffIndicatorsQuery,
  staffIndicatorsResponse,
} from "../../../shared/api/verification-indicators.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { listFilterPath } from "../org/index.ts";
import { csvBom, staffCsvHeader, staffCsvLine } from "./indicators/csv.ts";
import { guessIndicator, normaliseAs } from "./indicators/normalise.ts";
import { publicIndicatorRoutes } from "./indicators/public-routes.ts";
import { addIndicator, listCaseIndicators, removeIndicator } from "./indicators/service.ts";
import { listStaffIndicators } from "./indicators/staff.ts";
import { deskMetrics } from "./metrics/metrics.ts";

/**
 * Scam indicators (phone numbers, bank accounts, domains, pages) on a case, the desk's list of them,
 * the public lookup and exports of those from confirmed scams, and the desk's metrics. Case routes
 * declare the permission only: caseFor answers 404 for an unknown case and 403 outside one's units.
 */
const staffCsvBatch = 500;

export async function indicatorRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["verification"];
  const endpoints = indicatorEndpoints;

  routes.get(
    "/api/cases/:id/indicators",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary: "A case's scam indicators, and whether they are public (a published scam verdict)",
        params: endpoints["GET /api/cases/:id/indicators"].params,
        response: { 200: caseIndicatorsResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      return listCaseIndicators(db, ctx.actor, request.params.id);
    },
  );

  routes.post(
    "/api/cases/:id/indicators",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: "Add a phone number, bank account, domain or page to a case (normalised; once per case)",
        params: endpoints["POST /api/cases/:id/indicators"].params,
        body: addIndicatorBody,
        response: { 201: caseIndicatorSchema },
      },
    },
    async (request, reply) => {
      const created = await addIndicator(signedInContextOf(request), request.params.id, request.body);
      reply.status(201);
      return created;
    },
  );

  routes.delete(
    "/api/cases/:id/indicators/:indicatorId",
    {
      config: { access: { permission: "cases.manage" } },
      schema: {
        tags,
        summary: "Take an indicator off a case (kept in the history, gone from the public list)",
        params: endpoints["DELETE /api/cases/:id/indicators/:indicatorId"].params,
        response: { 200: removedIndicatorResponse },
      },
    },
    async (request) =>
      removeIndicator(signedInContextOf(request), request.params.id, request.params.indicatorId),
  );

  routes.get(
    "/api/indicators",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary: "The indicators of the cases within my units, newest first, public or not yet",
        querystring: staffIndicatorsQuery,
        response: { 200: staffIndicatorsResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "cases.read");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf({ ...request.query, pageSize: request.query.pageSize ?? 50 });
      const result = await listStaffIndicators(db, {
        scope,
        unitPath,
        kind: request.query.kind,
        q: request.query.q,
        limit,
        offset,
      });
      return { ...result, page };
    },
  );

  routes.get(
    "/api/indicators.csv",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary: "The indicators within my units as CSV (UTF-8 with BOM), with the list's filters",
        querystring: staffIndicatorsQuery.omit({ page: true, pageSize: true }),
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "cases.read");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { kind, q } = request.query;
      async function* lines() {
        yield csvBom + staffCsvHeader;
        for (let offset = 0; ; offset += staffCsvBatch) {
          const { items } = await listStaffIndicators(db, {
            scope,
            unitPath,
            kind,
            q,
            limit: staffCsvBatch,
            offset,
          });
          for (const item of items) {
            yield staffCsvLine(item);
          }
          if (items.length < staffCsvBatch) {
            return;
          }
        }
      }
      reply
        .type("text/csv; charset=utf-8")
        .header("cache-control", "no-store")
        .header("content-disposition", 'attachment; filename="dau-hieu-lua-dao.csv"');
      // A stream is sent as it is, never through the response serialiser.
      return reply.send(Readable.from(lines()) as unknown as string);
    },
  );

  routes.get(
    "/api/indicators/normalise",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary: "The form an indicator would be stored and matched in, or why it is refused",
        querystring: normaliseQuery,
        response: { 200: normaliseResponse },
      },
    },
    async (request) => {
      const { kind, value } = request.query;
      if (kind) {
        const result = normaliseAs(kind, value);
        return result.ok
          ? { ok: true, kind: result.kind, value: result.value, refusal: null }
          : { ok: false, kind, value: null, refusal: result.refusal };
      }
      const guess = guessIndicator(value);
      const first = guess.candidates[0];
      return first
        ? { ok: true, kind: first.kind, value: first.value, refusal: null }
        : { ok: false, kind: null, value: null, refusal: guess.refusal ?? null };
    },
  );

  routes.get(
    "/api/verification/metrics",
    {
      config: { access: { permission: "cases.read" } },
      schema: {
        tags,
        summary:
          "Median times to first action, verdict and publication (by category and unit) and counts by label and status, for cases created in a period",
        querystring: metricsQuery,
        response: { 200: metricsResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "cases.read");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      return deskMetrics(db, { ...request.query, scope, unitPath });
    },
  );

  await app.register(publicIndicatorRoutes);
}
