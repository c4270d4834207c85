import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  cannedReplyBody,
  cannedReplyIdParams,
  cannedReplyListQuery,
  cannedReplyListResponse,
  cannedReplySchema,
  conversationChangedResponse,
  officeBody,
  officeIdParams,
  officeListResponse,
  officeSchema,
} from "../../../../shared/api/inbox-conversations.ts";
import { signedInContextOf } from "../../../http/context.ts";
import { scopeFor } from "../../../platform/actor.ts";
import { listFilterPath } from "../../org/index.ts";
import {
  createOffice,
  deleteCannedReply,
  deleteOffice,
  listCannedReplies,
  listOffices,
  saveCannedReply,
} from "./canned.ts";

/**
 * Canned replies and offices of each unit. Creating names the unit in the body ({ permission, unit });
 * changing or deleting one checks inbox.manage on the record's own unit.
 */
export async function setupRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["inbox"];
  const changed = { ok: true as const };

  routes.get(
    "/api/inbox/canned-replies",
    {
      config: { access: { permission: "inbox.read" } },
      schema: {
        tags,
        summary:
          "Canned replies usable in my units (theirs and their ancestors'; with unitId, that unit's and its ancestors'), found by shortcut or title ignoring diacritics. {ten} and {don_vi} in the body are filled by the composer with the contact's name and the unit's name",
        querystring: cannedReplyListQuery,
        response: { 200: cannedReplyListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const unitPath = await listFilterPath(db, scopeFor(ctx.actor, "inbox.read"), request.query.unitId);
      return listCannedReplies(db, ctx.actor, unitPath, request.query.q);
    },
  );

  routes.post(
    "/api/inbox/canned-replies",
    {
      config: {
        access: {
          permission: "inbox.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary: "A new canned reply of a unit (its shortcut unique in the unit)",
        body: cannedReplyBody,
        response: { 200: cannedReplySchema },
      },
    },
    async (request) => saveCannedReply(signedInContextOf(request), request.body),
  );

  routes.put(
    "/api/inbox/canned-replies/:id",
    {
      config: { access: { permission: "inbox.manage" } },
      schema: {
        tags,
        summary: "Change a canned reply (inbox.manage on its unit and on the unit named)",
        params: cannedReplyIdParams,
        body: cannedReplyBody,
        response: { 200: cannedReplySchema },
      },
    },
    async (request) => saveCannedReply(signedInContextOf(request), request.body, request.params.id),
  );

  routes.delete(
    "/api/inbox/canned-replies/:id",
    {
      config: { access: { permission: "inbox.manage" } },
      schema: {
        tags,
        summary: "Delete a canned reply",
        params: cannedReplyIdParams,
        response: { 200: conversationChangedResponse },
      },
    },
    async (request) => {
      await deleteCannedReply(signedInContextOf(request), request.params.id);
      return changed;
    },
  );

  routes.get(
    "/api/inbox/offices",
    {
      config: { access: { permission: "inbox.read" } },
      schema: {
        tags,
        summary: "Offices conversations may be escalated to (with unitId: that unit's and its ancestors')",
        querystring: z.object({ unitId: z.uuid().optional() }),
        response: { 200: officeListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const unitPath = await listFilterPath(db, scopeFor(ctx.actor, "inbox.read"), request.query.unitId);
      return listOffices(db, ctx.actor, unitPath);
    },
  );

  routes.post(
    "/api/inbox/offices",
    {
      config: {
        access: {
          permission: "inbox.manage",
          unit: (request) => (request.body as { unitId: string }).unitId,
        },
      },
      schema: {
        tags,
        summary: "A new office of a unit, reached by e-mail when a conversation is escalated to it",
        body: officeBody,
        response: { 200: officeSchema },
      },
    },
    async (request) => createOffice(signedInContextOf(request), request.body),
  );

  routes.delete(
    "/api/inbox/offices/:id",
    {
      config: { access: { permission: "inbox.manage" } },
      schema: {
        tags,
        summary: "Remove an office (conversations escalated to it keep their history)",
        params: officeIdParams,
        response: { 200: conversationChangedResponse },
      },
    },
    async (request) => {
      await deleteOffice(signedInContextOf(request), request.params.id);
      return changed;
    },
  );
}
