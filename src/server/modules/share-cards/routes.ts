import { join } from "node:path";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import {
  articleCardParams,
  pngResponse,
  postCardParams,
  postCardQuery,
  shareCardSizeQuery,
} from "../../../shared/api/share-cards.ts";
import { signedInContextOf } from "../../http/context.ts";
import { errors } from "../../platform/errors.ts";
import { activeWebsiteOf } from "../channels/index.ts";
import { findUnitByCodeOrId } from "../org/index.ts";
import { getPost, type PublishingDeps, publishedArticle, unitOfPost } from "../publishing/index.ts";
import { shareCard } from "./service.ts";

const articleNotFound = () => errors.notFound({ vi: "bài viết", en: "Article" });

/**
 * Share cards: a post's branded image at 1200×630 and 1080×1080. The desk downloads any post's
 * card; the portal's published articles have a public one, their OpenGraph/Twitter image.
 */
export async function shareCardRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config, jobs } = app.deps;
  const db = database.db;
  const options = { dir: join(config.mediaDir, "share-cards"), publicUrl: config.publicUrl };
  // The card needs the post's fields only; its variants' limit checks would look media up for nothing.
  const postDeps: PublishingDeps = { jobs, publicUrl: config.publicUrl, media: async () => [] };

  const sendPng = (reply: FastifyReply, png: Buffer, fromCache: boolean) =>
    reply
      .type("image/png")
      .header("x-share-card", fromCache ? "cached" : "drawn")
      .send(png);

  routes.get(
    "/api/posts/:id/share-card.png",
    {
      config: {
        access: {
          permission: "posts.read",
          unit: (request) => unitOfPost(db, (request.params as { id: string }).id),
        },
      },
      schema: {
        tags: ["publishing"],
        summary: "A post's share card (PNG): title, cover photo, unit name and logo",
        params: postCardParams,
        querystring: postCardQuery,
        response: { 200: pngResponse },
      },
    },
    async (request, reply) => {
      const post = await getPost(db, postDeps, request.params.id, signedInContextOf(request).actor);
      const { size } = request.query;
      const card = await shareCard(
        db,
        options,
        { key: post.id, title: post.title, unitName: post.unitName, mediaIds: post.mediaIds },
        size,
      );
      // Drafts change under the desk's hands: the browser asks again rather than keep an old card.
      reply.header("cache-control", "private, no-cache");
      if (request.query.download === "1") {
        reply.header("content-disposition", `attachment; filename="the-chia-se-${post.slug}-${size}.png"`);
      }
      return sendPng(reply, card.png, card.fromCache);
    },
  );

  routes.get(
    "/u/:code/:slug/the-chia-se.png",
    {
      config: { access: { public: true }, rateLimit: { max: 600, timeWindow: "1 minute" } },
      schema: {
        hide: true,
        params: articleCardParams,
        querystring: shareCardSizeQuery,
      },
    },
    async (request, reply) => {
      // The same gate as the portal's article page: an active unit with an official website.
      const unit = await findUnitByCodeOrId(db, request.params.code);
      if (unit?.status !== "active" || !(await activeWebsiteOf(db, unit.id))) {
        throw articleNotFound();
      }
      const article = await publishedArticle(db, unit.id, request.params.slug);
      if (!article) {
        throw articleNotFound();
      }
      const card = await shareCard(
        db,
        options,
        { key: article.postId, title: article.title, unitName: unit.name, mediaIds: article.mediaIds },
        request.query.size,
      );
      reply.header("cache-control", "public, max-age=3600");
      return sendPng(reply, card.png, card.fromCache);
    },
  );
}
