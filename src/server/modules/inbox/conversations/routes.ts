import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  contactErasedResponse,
  conversationAssignBody,
  conversationChangedResponse,
  conversationDetailResponse,
  conversationEscalateBody,
  conversationIdParams,
  conversationLabelsBody,
  conversationListQuery,
  conversationListResponse,
  conversationNoteBody,
  conversationPeopleResponse,
  conversationStatusBody,
  inboxMessageSchema,
} from "../../../../shared/api/inbox-conversations.ts";
import { pageOf, signedInContextOf } from "../../../http/context.ts";
import { scopeFor } from "../../../platform/actor.ts";
import { listFilterPath, personNames, unitIdsWithin } from "../../org/index.ts";
import { eraseContact } from "../privacy/erasure.ts";
import { conversationFor } from "./access.ts";
import { addNote, assignConversation, inboxReaders, setLabels, setStatus } from "./changes.ts";
import { conversationDetail } from "./detail.ts";
import { escalateToOffice, escalateToParent } from "./escalate.ts";
import { listConversations } from "./list.ts";
import { setupRoutes } from "./setup-routes.ts";

/**
 * Conversations as duty officers work them. Each route on one conversation goes through
 * conversationFor (404 unknown, 403 inbox.conversation_forbidden outside the actor's units and the
 * units it was escalated to); the list is limited to the actor's scope.
 */
export async function conversationRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const tags = ["inbox"];
  const changed = { ok: true as const };

  routes.get(
    "/api/inbox/conversations",
    {
      config: { access: { permission: "inbox.read" } },
      schema: {
        tags,
        summary:
          "The conversations I may see (my units' and those escalated to them), newest message first; q searches names and messages ignoring diacritics",
        querystring: conversationListQuery,
        response: { 200: conversationListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "inbox.read");
      const unitPath = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf({ ...request.query, pageSize: request.query.pageSize ?? 30 });
      const unitIds = await unitIdsWithin(db, scope, unitPath);
      const result = await listConversations(db, { unitIds, personId: ctx.actor.personId }, request.query, {
        limit,
        offset,
      });
      return { ...result, page };
    },
  );

  routes.get(
    "/api/inbox/conversations/:id",
    {
      config: { access: { permission: "inbox.read" } },
      schema: {
        tags,
        summary:
          "One conversation with its latest messages (oldest first), notes and timeline; the read is audited; the contact's e-mail is never shown",
        params: conversationIdParams,
        response: { 200: conversationDetailResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scoped = await conversationFor(db, ctx.actor, request.params.id, "read");
      return conversationDetail(db, ctx.actor, scoped, ctx.ip);
    },
  );

  routes.post(
    "/api/inbox/conversations/:id/status",
    {
      config: { access: { permission: "inbox.reply" } },
      schema: {
        tags,
        summary:
          "Open, pending (waiting for the citizen or an office) or resolved; reopening clears the resolution",
        params: conversationIdParams,
        body: conversationStatusBody,
        response: { 200: conversationChangedResponse },
      },
    },
    async (request) => {
      await setStatus(
        signedInContextOf(request),
        request.params.id,
        request.body.status,
        request.body.pendingReason,
      );
      return changed;
    },
  );

  routes.put(
    "/api/inbox/conversations/:id/labels",
    {
      config: { access: { permission: "inbox.reply" } },
      schema: {
        tags,
        summary: "Replace the conversation's labels (lower case, each once)",
        params: conversationIdParams,
        body: conversationLabelsBody,
        response: { 200: conversationChangedResponse },
      },
    },
    async (request) => {
      await setLabels(signedInContextOf(request), request.params.id, request.body.labels);
      return changed;
    },
  );

  routes.post(
    "/api/inbox/conversations/:id/assign",
    {
      config: { access: { permission: "inbox.reply" } },
      schema: {
        tags,
        summary: "Assign to someone who reads the unit's inbox (they are notified), or unassign",
        params: conversationIdParams,
        body: conversationAssignBody,
        response: { 200: conversationChangedResponse },
      },
    },
    async (request) => {
      await assignConversation(signedInContextOf(request), request.params.id, request.body.personId);
      return changed;
    },
  );

  routes.post(
    "/api/inbox/conversations/:id/notes",
    {
      config: { access: { permission: "inbox.reply" } },
      schema: {
        tags,
        summary: "An internal note (never sent); the people @mentioned are notified",
        params: conversationIdParams,
        body: conversationNoteBody,
        response: { 200: inboxMessageSchema },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const note = await addNote(ctx, request.params.id, request.body.text, request.body.mentions);
      const names = await personNames(db, [ctx.actor.personId, ...note.mentions]);
      return {
        id: note.id,
        direction: note.direction,
        text: note.text,
        attachments: note.attachments,
        author: { id: ctx.actor.personId, fullName: ctx.actor.fullName },
        mentions: note.mentions.map((id) => ({ id, fullName: names.get(id) ?? "" })),
        sendStatus: null,
        sendError: null,
        hidden: false,
        isComment: false,
        createdAt: note.createdAt,
      };
    },
  );

  routes.post(
    "/api/inbox/conversations/:id/escalate",
    {
      config: { access: { permission: "inbox.reply" } },
      schema: {
        tags,
        summary:
          "Escalate to the parent unit (it sees and may answer it; its inbox managers are notified) or to an office (pending on it; the office gets the history by e-mail)",
        params: conversationIdParams,
        body: conversationEscalateBody,
        response: { 200: conversationChangedResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const { to, note } = request.body;
      if (to === "parent") {
        await escalateToParent(ctx, request.params.id, note);
      } else {
        await escalateToOffice(
          ctx,
          { jobs: app.deps.jobs, publicUrl: app.deps.config.publicUrl },
          request.params.id,
          to.officeId,
          note,
        );
      }
      return changed;
    },
  );

  routes.get(
    "/api/inbox/conversations/:id/people",
    {
      config: { access: { permission: "inbox.read" } },
      schema: {
        tags,
        summary: "Who may be assigned or @mentioned on this conversation (they read its unit's inbox)",
        params: conversationIdParams,
        response: { 200: conversationPeopleResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scoped = await conversationFor(db, ctx.actor, request.params.id, "read");
      const names = await personNames(db, await inboxReaders(db, scoped.row.unitId));
      const items = [...names]
        .map(([id, fullName]) => ({ id, fullName }))
        .sort((a, b) => a.fullName.localeCompare(b.fullName, "vi"));
      return { items };
    },
  );

  routes.delete(
    "/api/inbox/conversations/:id/contact",
    {
      config: { access: { permission: "inbox.manage" } },
      schema: {
        tags,
        summary:
          "A citizen's request to be forgotten: the contact and all their conversations, messages and history are erased (the audit keeps only counts)",
        params: conversationIdParams,
        response: { 200: contactErasedResponse },
      },
    },
    async (request) => eraseContact(signedInContextOf(request), request.params.id),
  );

  await setupRoutes(app);
}
