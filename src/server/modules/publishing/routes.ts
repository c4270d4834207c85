import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  calendarQuery,
  calendarResponse,
  idParams,
  policyBody,
  policyResponse,
  storiesResponse,
  storyBody,
  storyCreatedResponse,
} from "../../../shared/api/publishing.ts";
import { signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { listFilterPath, unitPath } from "../org/index.ts";
import { approvalPolicyFor, clearApprovalPolicy, setApprovalPolicy } from "./approval-policy.ts";
import { approvalQueueRoutes } from "./approval-queue-routes.ts";
import { postRoutes } from "./post-routes.ts";
import { calendar } from "./queries.ts";
import { listOwnStories, submitStory } from "./stories.ts";
import { variantListRoutes } from "./variant-list-routes.ts";
import { variantRoutes } from "./variant-routes.ts";
import { publishingDepsOf } from "./workers.ts";

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** The publishing desk: posts, their variants per channel, approvals, the schedule and the calendar. */
export async function publishingRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const deps = publishingDepsOf(app.deps);
  const tags = ["publishing"];
  const desk = { db, deps, tags };
  postRoutes(app, desk);
  variantRoutes(app, desk);
  approvalQueueRoutes(app, desk);
  variantListRoutes(app, desk);

  routes.get(
    "/api/publishing/calendar",
    {
      config: { access: { permission: "posts.read" } },
      schema: {
        tags,
        summary: "Variants scheduled or published between two instants, for the month and week views",
        querystring: calendarQuery,
        response: { 200: calendarResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "posts.read");
      return {
        items: await calendar(db, {
          scope,
          from: request.query.from,
          to: request.query.to,
          unitPath: await listFilterPath(db, scope, request.query.unitId),
          channelId: request.query.channelId,
          tag: request.query.tag,
          status: request.query.status,
        }),
      };
    },
  );

  routes.post(
    "/api/me/stories",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary:
          "Send a story (text and my own photos) to my unit's editorial board; it arrives as a draft credited to me",
        body: storyBody,
        response: { 201: storyCreatedResponse },
      },
    },
    async (request, reply) => {
      const post = await submitStory(signedInContextOf(request), deps, request.body);
      reply.status(201);
      return { id: post.id, title: post.title };
    },
  );

  routes.get(
    "/api/me/stories",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags,
        summary: "The stories I have sent, with how far each has got and where it was published",
        response: { 200: storiesResponse },
      },
    },
    async (request) => ({ items: await listOwnStories(db, signedInContextOf(request).actor.personId) }),
  );

  const unitParam = (request: FastifyRequest) => idOf(request);
  const targetUnit = async (request: FastifyRequest) => ({
    id: idOf(request),
    path: (await unitPath(db, idOf(request))) ?? "",
  });

  routes.get(
    "/api/units/:id/approval-policy",
    {
      config: { access: { permission: "posts.read", unit: unitParam } },
      schema: {
        tags,
        summary: "The approval rules that apply to a unit (its own, inherited, or the defaults)",
        params: idParams,
        response: { 200: policyResponse },
      },
    },
    async (request) => approvalPolicyFor(db, request.params.id),
  );

  routes.put(
    "/api/units/:id/approval-policy",
    {
      config: { access: { permission: "settings.manage", unit: unitParam } },
      schema: {
        tags,
        summary: "Set which roles approve a unit's posts and which tags need a second approval",
        params: idParams,
        body: policyBody,
        response: { 200: policyResponse },
      },
    },
    async (request) => setApprovalPolicy(signedInContextOf(request), await targetUnit(request), request.body),
  );

  routes.delete(
    "/api/units/:id/approval-policy",
    {
      config: { access: { permission: "settings.manage", unit: unitParam } },
      schema: {
        tags,
        summary: "Drop a unit's own approval rules (it follows the unit above again)",
        params: idParams,
        response: { 200: policyResponse },
      },
    },
    async (request) => clearApprovalPolicy(signedInContextOf(request), await targetUnit(request)),
  );
}
