import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  adminAreaListResponse,
  adminAreaMappingListResponse,
  adminAreaMappingQuery,
  adminAreaQuery,
  createUnitBody,
  listUnitsQuery,
  mergeUnitBody,
  moveUnitBody,
  treeAsOfQuery,
  treeAsOfResponse,
  unitDetail,
  unitIdParams,
  unitListResponse,
  unitWithHistory,
  updateUnitBody,
} from "../../../shared/api/org.ts";
import { contextOf, pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { errors } from "../../platform/errors.ts";
import { listAdminAreaMappings, listAdminAreas } from "./admin-areas.ts";
import { cachedOrgList } from "./list-cache.ts";
import { createUnit, dissolveUnit, mergeUnits, moveUnit, updateUnit } from "./service.ts";
import { getUnit, getUnitHistory, listUnits, unitLabel, unitPath, unitTreeAsOf } from "./unit-queries.ts";

/** The unit tree: browse, search, create, rename, move, merge, dissolve, and the tree at a past date. */
export async function unitRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["units"];

  routes.get(
    "/api/units",
    {
      config: { access: { permission: "units.read" } },
      schema: {
        tags,
        summary: "Units I may see (search ignores diacritics), in tree order",
        querystring: listUnitsQuery,
        response: { 200: unitListResponse },
      },
    },
    async (request) => {
      const scope = scopeFor(signedInContextOf(request).actor, "units.read");
      if (request.query.parentId) {
        const path = await unitPath(db, request.query.parentId);
        if (!path) {
          throw errors.notFound(unitLabel);
        }
      }
      const { limit, offset, page } = pageOf({ pageSize: 200, ...request.query });
      const options = { ...request.query, scope, limit, offset };
      const result = await cachedOrgList(db, JSON.stringify(["units", options]), () =>
        listUnits(db, options),
      );
      return { ...result, page };
    },
  );

  routes.get(
    "/api/units/tree",
    {
      config: { access: { permission: "units.read" } },
      schema: {
        tags,
        summary: "The unit tree as it stood at a date (names, places and statuses of then)",
        querystring: treeAsOfQuery,
        response: { 200: treeAsOfResponse },
      },
    },
    async (request) => {
      const scope = scopeFor(signedInContextOf(request).actor, "units.read");
      return { asOf: request.query.asOf, items: await unitTreeAsOf(db, scope, request.query.asOf) };
    },
  );

  routes.get(
    "/api/units/:id",
    {
      config: {
        access: { permission: "units.read", unit: (request) => (request.params as { id: string }).id },
      },
      schema: {
        tags,
        summary: "One unit with its history",
        params: unitIdParams,
        response: { 200: unitWithHistory },
      },
    },
    async (request) => {
      const unit = await getUnit(db, request.params.id);
      return { ...unit, history: await getUnitHistory(db, unit.id) };
    },
  );

  routes.post(
    "/api/units",
    {
      config: {
        access: {
          permission: "units.manage",
          unit: (request) => (request.body as { parentId: string }).parentId,
        },
      },
      schema: {
        tags,
        summary: "Create a unit under a parent",
        body: createUnitBody,
        response: { 201: unitDetail },
      },
    },
    async (request, reply) => {
      const unit = await createUnit(contextOf(request), request.body);
      reply.status(201);
      return unit;
    },
  );

  routes.patch(
    "/api/units/:id",
    {
      config: {
        access: { permission: "units.manage", unit: (request) => (request.params as { id: string }).id },
      },
      schema: {
        tags,
        summary: "Rename or re-classify a unit",
        params: unitIdParams,
        body: updateUnitBody,
        response: { 200: unitDetail },
      },
    },
    async (request) => updateUnit(contextOf(request), request.params.id, request.body),
  );

  routes.post(
    "/api/units/:id/move",
    {
      config: {
        access: {
          permission: "units.manage",
          unit: (request) => [
            (request.params as { id: string }).id,
            (request.body as { parentId: string }).parentId,
          ],
        },
      },
      schema: {
        tags,
        summary: "Move a unit (and its subtree) under another unit",
        params: unitIdParams,
        body: moveUnitBody,
        response: { 200: unitDetail },
      },
    },
    async (request) => moveUnit(contextOf(request), request.params.id, request.body.parentId),
  );

  routes.post(
    "/api/units/:id/merge",
    {
      config: {
        access: {
          permission: "units.manage",
          unit: (request) => [
            (request.params as { id: string }).id,
            (request.body as { targetId: string }).targetId,
          ],
        },
      },
      schema: {
        tags,
        summary: "Merge this unit into another: its sub-units and people move there, its history stays",
        params: unitIdParams,
        body: mergeUnitBody,
        response: { 200: unitDetail },
      },
    },
    async (request) => mergeUnits(contextOf(request), request.params.id, request.body.targetId),
  );

  routes.post(
    "/api/units/:id/dissolve",
    {
      config: {
        access: { permission: "units.manage", unit: (request) => (request.params as { id: string }).id },
      },
      schema: {
        tags,
        summary: "Dissolve an empty unit",
        params: unitIdParams,
        response: { 200: unitDetail },
      },
    },
    async (request) => dissolveUnit(contextOf(request), request.params.id),
  );

  routes.get(
    "/api/admin-areas",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ["admin-areas"],
        summary: "Official provinces and communes (2025 two-tier list, Decision 19/2025 codes)",
        querystring: adminAreaQuery,
        response: { 200: adminAreaListResponse },
      },
    },
    async (request) => {
      const { limit, offset, page } = pageOf(request.query);
      return { ...(await listAdminAreas(db, { ...request.query, limit, offset })), page };
    },
  );

  routes.get(
    "/api/admin-areas/mappings",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: ["admin-areas"],
        summary: "Old (pre-July 2025) communes and the new commune each became part of",
        querystring: adminAreaMappingQuery,
        response: { 200: adminAreaMappingListResponse },
      },
    },
    async (request) => {
      const { limit, offset, page } = pageOf(request.query);
      return { ...(await listAdminAreaMappings(db, { ...request.query, limit, offset })), page };
    },
  );
}
