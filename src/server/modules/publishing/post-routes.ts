import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  addVariantBody,
  createPostBody,
  idParams,
  listPostsQuery,
  postDetail,
  postListResponse,
  updatePostBody,
  variantSchema,
  versionsResponse,
} from "../../../shared/api/publishing.ts";
import type { Db } from "../../db/client.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { scopeFor } from "../../platform/actor.ts";
import { listFilterPath } from "../org/index.ts";
import { type PublishingDeps, unitOfPost } from "./post-records.ts";
import { addVariant, createPost, updatePost } from "./posts.ts";
import { variantView } from "./presenters.ts";
import { getPost, listPosts, listPostVersions } from "./queries.ts";

/** What the desk's route files share: the database and the publishing services' dependencies. */
export interface DeskRoutes {
  db: Db;
  deps: PublishingDeps;
  tags: string[];
}

/** The posts themselves: the list, writing and editing one, its versions, adding a channel. */
export function postRoutes(app: FastifyInstance, { db, deps, tags }: DeskRoutes): void {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const postUnit = (request: FastifyRequest) => unitOfPost(db, (request.params as { id: string }).id);
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
}
