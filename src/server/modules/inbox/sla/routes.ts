import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { z } from "zod";
import {
  breachListQuery,
  breachListResponse,
  figuresQuery,
  figuresResponse,
  figuresXlsxResponse,
  inboxSettingsBody,
  inboxSettingsQuery,
  inboxSettingsSchema,
} from "../../../../shared/api/inbox-targets.ts";
import { pageOf, signedInContextOf } from "../../../http/context.ts";
import { can, scopeFor } from "../../../platform/actor.ts";
import { listFilterPath, requireUnitSummary } from "../../org/index.ts";
import { inboxFigures } from "../figures/figures.ts";
import { figuresWorkbook } from "../figures/workbook.ts";
import { autoReplyPreview } from "./auto-reply-preview.ts";
import { listBreaches } from "./breaches.ts";
import { saveTargetSettings, type TargetSettings, targetSettingsOf } from "./settings.ts";

/** Response targets and settings, the breach list, the figures and their XLSX. */
export async function targetRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["inbox"];
  const queryUnit = (request: FastifyRequest) => (request.query as { unitId: string }).unitId;
  const bodyUnit = (request: FastifyRequest) => (request.body as { unitId: string }).unitId;
  const targetUnitOf = (request: FastifyRequest) => {
    const unit = request.targetUnit;
    if (!unit) {
      throw new Error("the access check resolved no unit");
    }
    return unit;
  };

  async function presentSettings(request: FastifyRequest, settings: TargetSettings) {
    const actor = signedInContextOf(request).actor;
    return {
      ...settings,
      autoReplyPreview: await autoReplyPreview(db, settings, new Date()),
      canManage: can(actor, "inbox.manage", targetUnitOf(request).path),
    };
  }

  routes.get(
    "/api/inbox/settings",
    {
      config: { access: { permission: "inbox.read", unit: queryUnit } },
      schema: {
        tags,
        summary:
          "A unit's response targets (in duty minutes), warning, retention and auto-reply, with its preview",
        querystring: inboxSettingsQuery,
        response: { 200: inboxSettingsSchema },
      },
    },
    async (request) => presentSettings(request, await targetSettingsOf(db, request.query.unitId)),
  );

  routes.put(
    "/api/inbox/settings",
    {
      config: { access: { permission: "inbox.manage", unit: bodyUnit } },
      schema: {
        tags,
        summary:
          "Change a unit's response targets, retention and auto-reply (targets already set keep their due times)",
        body: inboxSettingsBody,
        response: { 200: inboxSettingsSchema },
      },
    },
    async (request) =>
      presentSettings(
        request,
        await saveTargetSettings(signedInContextOf(request), targetUnitOf(request), request.body),
      ),
  );

  routes.get(
    "/api/inbox/breaches",
    {
      config: { access: { permission: "inbox.read" } },
      schema: {
        tags,
        summary:
          "Targets missed in my units, newest first, one item per missed target, and whether each is still open",
        querystring: breachListQuery,
        response: { 200: breachListResponse },
      },
    },
    async (request) => {
      const scope = scopeFor(signedInContextOf(request).actor, "inbox.read");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf(request.query);
      const result = await listBreaches(db, {
        scope,
        unitPath,
        kind: request.query.kind,
        from: request.query.from,
        limit,
        offset,
      });
      return { ...result, page };
    },
  );

  const figuresOf = (request: FastifyRequest) => {
    const query = request.query as z.infer<typeof figuresQuery>;
    return inboxFigures(db, {
      unitId: query.unitId,
      unitPath: targetUnitOf(request).path,
      from: query.from,
      to: query.to,
      subtree: query.subtree !== "no",
    });
  };

  routes.get(
    "/api/inbox/figures",
    {
      config: { access: { permission: "inbox.read", unit: queryUnit } },
      schema: {
        tags,
        summary:
          "Conversations received in a period, first-response and resolution times (true medians and 90th percentiles, wall-clock minutes) and breaches; by channel, day, person and sub-unit",
        querystring: figuresQuery,
        response: { 200: figuresResponse },
      },
    },
    async (request) => figuresOf(request),
  );

  routes.get(
    "/api/inbox/figures.xlsx",
    {
      config: { access: { permission: "inbox.read", unit: queryUnit } },
      schema: {
        tags,
        summary: "The inbox's figures as an XLSX workbook, one sheet per grouping",
        querystring: figuresQuery,
        response: { 200: figuresXlsxResponse },
      },
    },
    async (request, reply) => {
      const figures = await figuresOf(request);
      const unit = await requireUnitSummary(db, request.query.unitId);
      const workbook = await figuresWorkbook(figures, unit.name);
      return (
        reply
          .type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
          .header(
            "content-disposition",
            `attachment; filename="so-lieu-hop-thu-${figures.from}-${figures.to}.xlsx"`,
          )
          .header("cache-control", "private, no-store")
          // The workbook is sent as it is, never through the response serialiser.
          .send(workbook as unknown as string)
      );
    },
  );
}
