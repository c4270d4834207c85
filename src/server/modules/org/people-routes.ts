import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  createPersonBody,
  grantIdParams,
  grantListResponse,
  grantRoleBody,
  importBody,
  importPreviewResponse,
  importResultResponse,
  listPeopleQuery,
  personIdParams,
  personListResponse,
  personSchema,
  updatedPersonResponse,
  updatePersonBody,
} from "../../../shared/api/org.ts";
import { contextOf, pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { queueEmailChangeMails } from "./email-change-mail.ts";
import { cachedOrgList } from "./list-cache.ts";
import { previewPeopleImport, runPeopleImport } from "./people-import.ts";
import { auditPeopleList, readPeoplePage, readPersonAudited, unitOfPerson } from "./people-queries.ts";
import { createPerson, setPersonStatus, updatePerson } from "./people-service.ts";
import { grantRole, listGrants, revokeRole, unitOfGrant } from "./role-grants.ts";
import { listFilterPath } from "./unit-queries.ts";

const personParam = (request: FastifyRequest) => (request.params as { id: string }).id;

/** People: list and search, create, edit, deactivate, roles, and import from XLSX/CSV. */
export async function peopleRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["people"];
  const personUnit = (request: FastifyRequest) => unitOfPerson(db, personParam(request));

  routes.get(
    "/api/people",
    {
      config: { access: { permission: "people.read" } },
      schema: {
        tags,
        summary: "People in my scope; q searches name, e-mail and phone ignoring case and diacritics",
        querystring: listPeopleQuery,
        response: { 200: personListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "people.read");
      const path = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf(request.query);
      const options = { ...request.query, unitPath: path, scope, limit, offset };
      const result = await cachedOrgList(db, JSON.stringify(["people", options]), () =>
        readPeoplePage(db, options),
      );
      await auditPeopleList(ctx, options, result.items);
      return { ...result, page };
    },
  );

  routes.post(
    "/api/people",
    {
      config: {
        access: {
          permission: "people.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary: "Create a person in a unit",
        body: createPersonBody,
        response: { 201: personSchema },
      },
    },
    async (request, reply) => {
      const person = await createPerson(contextOf(request), request.body);
      reply.status(201);
      return person;
    },
  );

  routes.get(
    "/api/people/:id",
    {
      config: { access: { permission: "people.read", unit: personUnit } },
      schema: {
        tags,
        summary: "One person (the read is audited)",
        params: personIdParams,
        response: { 200: personSchema },
      },
    },
    async (request) => readPersonAudited(contextOf(request), request.params.id),
  );

  routes.patch(
    "/api/people/:id",
    {
      config: {
        access: {
          permission: "people.manage",
          unit: async (request) => {
            const target = (request.body as { unitId?: string }).unitId;
            const current = await personUnit(request);
            return target ? [current, target] : current;
          },
        },
      },
      schema: {
        tags,
        summary:
          "Edit a person or move them to another unit; a new e-mail waits for confirmation from that address",
        params: personIdParams,
        body: updatePersonBody,
        response: { 200: updatedPersonResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const { person, emailChange } = await updatePerson(ctx, request.params.id, request.body);
      if (emailChange) {
        await queueEmailChangeMails(app.deps.jobs, {
          publicUrl: app.deps.config.publicUrl,
          change: emailChange,
          requestedBy: ctx.actor.fullName,
        });
      }
      return {
        ...person,
        pendingEmail: emailChange ? { email: emailChange.newEmail, expiresAt: emailChange.expiresAt } : null,
      };
    },
  );

  for (const [action, status] of [
    ["deactivate", "inactive"],
    ["reactivate", "active"],
  ] as const) {
    routes.post(
      `/api/people/:id/${action}`,
      {
        config: { access: { permission: "people.manage", unit: personUnit } },
        schema: {
          tags,
          summary:
            status === "inactive"
              ? "Deactivate a person (they can no longer sign in)"
              : "Reactivate a person",
          params: personIdParams,
          response: { 200: personSchema },
        },
      },
      async (request) => setPersonStatus(contextOf(request), request.params.id, status),
    );
  }

  routes.get(
    "/api/people/:id/roles",
    {
      config: { access: { permission: "people.read", unit: personUnit } },
      schema: {
        tags,
        summary: "A person's roles",
        params: personIdParams,
        response: { 200: grantListResponse },
      },
    },
    async (request) => ({ items: await listGrants(db, request.params.id) }),
  );

  routes.post(
    "/api/people/:id/roles",
    {
      config: {
        access: {
          permission: "roles.manage",
          unit: async (request) => [(request.body as { unitId: string }).unitId, await personUnit(request)],
        },
      },
      schema: {
        tags,
        summary: "Grant a role on a unit (it covers the unit's whole subtree)",
        params: personIdParams,
        body: grantRoleBody,
        response: { 200: grantListResponse },
      },
    },
    async (request) => ({
      items: await grantRole(contextOf(request), { personId: request.params.id, ...request.body }),
    }),
  );

  routes.delete(
    "/api/people/:id/roles/:grantId",
    {
      config: {
        access: {
          permission: "roles.manage",
          unit: (request) => unitOfGrant(db, (request.params as { grantId: string }).grantId),
        },
      },
      schema: {
        tags,
        summary: "Revoke a role grant",
        params: grantIdParams,
        response: { 200: grantListResponse },
      },
    },
    async (request) => ({
      items: await revokeRole(contextOf(request), request.params.id, request.params.grantId),
    }),
  );

  routes.post(
    "/api/people/import/preview",
    {
      config: {
        access: {
          permission: "people.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary:
          "Check an XLSX or CSV file of people without importing: every bad row with its number and reason",
        body: importBody,
        response: { 200: importPreviewResponse },
      },
    },
    async (request) =>
      previewPeopleImport(db, {
        unitId: request.body.unitId,
        fileName: request.body.fileName,
        content: Buffer.from(request.body.contentBase64, "base64"),
      }),
  );

  routes.post(
    "/api/people/import",
    {
      config: {
        access: {
          permission: "people.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary: "Import the good rows of an XLSX or CSV file in one transaction; bad rows are reported",
        body: importBody,
        response: { 200: importResultResponse },
      },
    },
    async (request) =>
      runPeopleImport(contextOf(request), {
        unitId: request.body.unitId,
        fileName: request.body.fileName,
        content: Buffer.from(request.body.contentBase64, "base64"),
      }),
  );
}
