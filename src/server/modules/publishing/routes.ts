import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { markPublished, mediaForPublish } from "../media/service.ts";
import { scopeFor } from "../org/policy.ts";
import { listFilterPath, unitPath } from "../org/service.ts";
import { approvalPolicyFor, clearApprovalPolicy, setApprovalPolicy } from "./approval-policy.ts";
import { connectionForPublish, markNeedsReconnect } from "./connections.ts";
import { publishingConnectors } from "./connectors/index.ts";
import { zaloConnector } from "./connectors/zalo.ts";
import { registerPlatformJobs } from "./platform-jobs.ts";
import { registerPublishingWorker, type SchedulerDeps } from "./scheduler.ts";
import {
  addVariantBody,
  byHandBody,
  calendarQuery,
  calendarResponse,
  createPostBody,
  historyResponse,
  idParams,
  listPostsQuery,
  policyBody,
  policyResponse,
  postDetail,
  postListResponse,
  rejectBody,
  scheduleBody,
  storiesResponse,
  storyBody,
  storyCreatedResponse,
  updatePostBody,
  updateVariantBody,
  variantSchema,
  versionsResponse,
} from "./schema.ts";
import {
  addVariant,
  approveVariant,
  calendar,
  createPost,
  getPost,
  listPosts,
  listPostVersions,
  markPublishedByHand,
  type PublishingDeps,
  rejectVariant,
  scheduleVariant,
  submitVariant,
  unitOfPost,
  unitOfVariant,
  unscheduleVariant,
  updatePost,
  updateVariant,
  variantHistory,
  variantView,
} from "./service.ts";
import { listOwnStories, submitStory } from "./stories.ts";

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

/** The publishing desk: posts, their variants per channel, approvals, the schedule and the calendar. */
export async function publishingRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, jobs, config } = app.deps;
  const db = database.db;
  const deps: PublishingDeps = {
    jobs,
    publicUrl: config.publicUrl,
    media: (executor, ids) => mediaForPublish(executor, ids, config.publicUrl),
  };
  const connectionOptions = { secretKey: config.secretKey(), apis: config.platformApis };
  const schedulerDeps: SchedulerDeps = {
    ...deps,
    database,
    connectors: publishingConnectors(db, config.publicUrl, { secretKey: config.secretKey() }),
    connection: (executor, channelId) => connectionForPublish(executor, channelId, connectionOptions),
    markMediaPublished: markPublished,
    markNeedsReconnect: (executor, channelId, reason) => markNeedsReconnect(executor, channelId, reason),
  };
  const stopRecovery = await registerPublishingWorker(schedulerDeps);
  await registerPlatformJobs(jobs, {
    db,
    zalo: zaloConnector,
    options: connectionOptions,
    jobs,
    publicUrl: config.publicUrl,
  });
  app.addHook("onClose", async () => stopRecovery());
  const tags = ["publishing"];
  const postUnit = (request: FastifyRequest) => unitOfPost(db, idOf(request));
  const variantUnit = (request: FastifyRequest) => unitOfVariant(db, idOf(request));
  const detail = (request: FastifyRequest, postId: string) =>
    getPost(db, deps, postId, signedInContextOf(request).actor);

  routes.get(
    "/api/posts",
    {
      config: { access: { permission: "posts.read" } },
      schema: {
        tags,
        summary: "Posts of the units I may see, newest change first, with each variant's status",
        querystring: listPostsQuery,
        response: { 200: postListResponse },
      },
    },
    async (request) => {
      const ctx = signedInContextOf(request);
      const scope = scopeFor(ctx.actor, "posts.read");
      const path = await listFilterPath(db, scope, request.query.unitId);
      const { limit, offset, page } = pageOf({ ...request.query, pageSize: request.query.pageSize ?? 20 });
      return {
        ...(await listPosts(db, {
          scope,
          unitPath: path,
          q: request.query.q,
          tag: request.query.tag,
          status: request.query.status,
          limit,
          offset,
        })),
        page,
      };
    },
  );

  routes.post(
    "/api/posts",
    {
      config: {
        access: { permission: "posts.write", unit: (request) => (request.body as { unitId: string }).unitId },
      },
      schema: {
        tags,
        summary: "Write a post for a unit, with a draft variant for each chosen channel",
        body: createPostBody,
        response: { 201: postDetail },
      },
    },
    async (request, reply) => {
      const post = await createPost(signedInContextOf(request), deps, request.body);
      reply.status(201);
      return detail(request, post.id);
    },
  );

  routes.get(
    "/api/posts/:id",
    {
      config: { access: { permission: "posts.read", unit: postUnit } },
      schema: {
        tags,
        summary: "One post with its variants, approvals and what keeps each from being published",
        params: idParams,
        response: { 200: postDetail },
      },
    },
    async (request) => detail(request, request.params.id),
  );

  routes.patch(
    "/api/posts/:id",
    {
      config: { access: { permission: "posts.write", unit: postUnit } },
      schema: {
        tags,
        summary: "Edit a post",
        params: idParams,
        body: updatePostBody,
        response: { 200: postDetail },
      },
    },
    async (request) => {
      await updatePost(signedInContextOf(request), deps, request.params.id, request.body);
      return detail(request, request.params.id);
    },
  );

  routes.get(
    "/api/posts/:id/versions",
    {
      config: { access: { permission: "posts.read", unit: postUnit } },
      schema: {
        tags,
        summary: "Every saved version of a post, newest first, for side-by-side comparison",
        params: idParams,
        response: { 200: versionsResponse },
      },
    },
    async (request) => ({ items: await listPostVersions(db, request.params.id) }),
  );

  routes.post(
    "/api/posts/:id/variants",
    {
      config: { access: { permission: "posts.write", unit: postUnit } },
      schema: {
        tags,
        summary: "Add a channel to a post (a new draft variant)",
        params: idParams,
        body: addVariantBody,
        response: { 201: variantSchema },
      },
    },
    async (request, reply) => {
      const variant = await addVariant(signedInContextOf(request), request.params.id, request.body.channelId);
      reply.status(201);
      return variantView(variant);
    },
  );

  routes.patch(
    "/api/variants/:id",
    {
      config: { access: { permission: "posts.write", unit: variantUnit } },
      schema: {
        tags,
        summary: "Edit a variant; an approved or scheduled one goes back to draft",
        params: idParams,
        body: updateVariantBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(await updateVariant(signedInContextOf(request), deps, request.params.id, request.body)),
  );

  const action = (
    path: string,
    permission: "posts.write" | "posts.approve",
    summary: string,
    run: (request: FastifyRequest) => Promise<Parameters<typeof variantView>[0]>,
  ) =>
    routes.post(
      path,
      {
        config: { access: { permission, unit: variantUnit } },
        schema: { tags, summary, params: idParams, response: { 200: variantSchema } },
      },
      async (request) => variantView(await run(request)),
    );

  action(
    "/api/variants/:id/submit",
    "posts.write",
    "Send a draft for approval (the platform's limits must be met)",
    (request) => submitVariant(signedInContextOf(request), deps, idOf(request)),
  );
  action(
    "/api/variants/:id/approve",
    "posts.approve",
    "Approve a variant under the unit's rules",
    (request) => approveVariant(signedInContextOf(request), idOf(request)),
  );
  action(
    "/api/variants/:id/unschedule",
    "posts.write",
    "Take a scheduled variant off the calendar",
    (request) => unscheduleVariant(signedInContextOf(request), idOf(request)),
  );
  action(
    "/api/variants/:id/publish-now",
    "posts.write",
    "Publish an approved (or failed) variant now",
    (request) => scheduleVariant(signedInContextOf(request), deps, idOf(request), new Date()),
  );

  routes.post(
    "/api/variants/:id/reject",
    {
      config: { access: { permission: "posts.approve", unit: variantUnit } },
      schema: {
        tags,
        summary: "Send a variant back to its author with a reason",
        params: idParams,
        body: rejectBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(await rejectVariant(signedInContextOf(request), request.params.id, request.body.reason)),
  );

  routes.post(
    "/api/variants/:id/schedule",
    {
      config: { access: { permission: "posts.write", unit: variantUnit } },
      schema: {
        tags,
        summary: "Schedule an approved variant, or move a scheduled one (approvals are checked again)",
        params: idParams,
        body: scheduleBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(
        await scheduleVariant(signedInContextOf(request), deps, request.params.id, request.body.at),
      ),
  );

  routes.post(
    "/api/variants/:id/published-by-hand",
    {
      config: { access: { permission: "posts.write", unit: variantUnit } },
      schema: {
        tags,
        summary: "Record that an approved variant was posted by hand (platforms without a connector)",
        params: idParams,
        body: byHandBody,
        response: { 200: variantSchema },
      },
    },
    async (request) =>
      variantView(
        await markPublishedByHand(signedInContextOf(request), request.params.id, request.body.externalUrl),
      ),
  );

  routes.get(
    "/api/variants/:id/history",
    {
      config: { access: { permission: "posts.read", unit: variantUnit } },
      schema: {
        tags,
        summary: "Every status change of a variant, with who and when",
        params: idParams,
        response: { 200: historyResponse },
      },
    },
    async (request) => ({ items: await variantHistory(db, request.params.id) }),
  );

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
