import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  feedQuery,
  feedResponse,
  idParams,
  markSharedBody,
  rankingConsentBody,
  rankingConsentResponse,
  sharedResponse,
} from "../../../shared/api/advocacy.ts";
import { pageOf, signedInContextOf } from "../../http/context.ts";
import { resolveCredentials, SESSION_COOKIE } from "../auth/index.ts";
import { requestsForMember } from "../declarations/index.ts";
import { personSummary } from "../org/index.ts";
import { renderFeedPage } from "./feed-page.ts";
import { markShared, memberFeed, unmarkShared } from "./member-feed.ts";
import { rankingConsentOf, setRankingConsent } from "./ranking-consent.ts";

/**
 * A member's side of advocacy: the feed (as a light page of its own and through the API), the
 * "I shared it" marks, and their consent to be named in rankings. Each reaches only the member's own.
 */
export async function memberAdvocacyRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const { database, config } = app.deps;
  const db = database.db;
  const deps = { publicUrl: config.publicUrl };
  const tags = ["advocacy"];

  const feedScript = readFileSync(new URL("./feed-page-script.js", import.meta.url), "utf8");
  const feedScriptUrl = `/share/feed.js?v=${createHash("sha256").update(feedScript).digest("hex").slice(0, 12)}`;

  routes.get(
    "/share/feed.js",
    { config: { access: { public: true } }, schema: { hide: true } },
    async (_request, reply) =>
      reply
        .type("text/javascript; charset=utf-8")
        // Its address changes with its content.
        .header("cache-control", "public, max-age=31536000, immutable")
        .send(feedScript),
  );

  routes.get(
    "/share",
    {
      // The page signs its reader in itself, from the session cookie: without one, a browser is sent
      // to sign in and brought back here.
      config: { access: { public: true } },
      schema: {
        hide: true,
        querystring: z.object({
          // A mangled address still opens the feed: a member should never land on an error here.
          page: z.coerce.number().int().min(1).max(10_000).catch(1),
          lang: z.enum(["vi", "en"]).optional().catch(undefined),
        }),
      },
    },
    async (request, reply) => {
      const sessionToken = request.cookies[SESSION_COOKIE];
      const session = sessionToken ? await resolveCredentials(db, { sessionToken }) : null;
      if (!session?.csrfToken) {
        return reply.redirect(`/sign-in?next=${encodeURIComponent(request.url)}`, 302);
      }
      if (session.actor.totpSetupRequired) {
        return reply.redirect("/profile", 302);
      }
      const pageSize = 10;
      const { page } = request.query;
      const feed = await memberFeed(db, deps, session.actor, {
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      const locale = request.query.lang ?? (await personSummary(db, session.actor.personId))?.locale ?? "vi";
      // The feed is the member's home: it also says when a declaration review waits for them.
      const unanswered = (await requestsForMember(db, session.actor.personId)).filter(
        (open) => open.respondedAt === null,
      );
      const dueOn = unanswered.map((open) => open.dueOn).sort()[0];
      return reply
        .type("text/html; charset=utf-8")
        .header("cache-control", "private, no-store")
        .send(
          renderFeedPage({
            locale,
            items: feed.items,
            page,
            hasMore: page * pageSize < feed.total,
            csrfToken: session.csrfToken,
            scriptUrl: feedScriptUrl,
            declarationsDue: dueOn ? { count: unanswered.length, dueOn } : null,
          }),
        );
    },
  );

  routes.get(
    "/api/me/share-feed",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: tags,
        summary: "Kits for my units, newest first, each with my own tracked link",
        querystring: feedQuery,
        response: { 200: feedResponse },
      },
    },
    async (request) => {
      const { limit, offset, page } = pageOf({ pageSize: 20, ...request.query });
      const feed = await memberFeed(db, deps, signedInContextOf(request).actor, { limit, offset });
      return { ...feed, page, pageSize: limit };
    },
  );

  routes.post(
    "/api/me/share-feed/:id/shared",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: tags,
        summary: "I shared this kit (and how)",
        params: idParams,
        body: markSharedBody,
        response: { 200: sharedResponse },
      },
    },
    async (request) => markShared(signedInContextOf(request), request.params.id, request.body.method),
  );

  routes.delete(
    "/api/me/share-feed/:id/shared",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: tags,
        summary: "Take back my 'shared' mark",
        params: idParams,
        response: { 200: sharedResponse },
      },
    },
    async (request) => unmarkShared(signedInContextOf(request), request.params.id),
  );

  routes.get(
    "/api/me/ranking-consent",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: tags,
        summary: "Whether I agreed to be named in individual rankings, and the text",
        response: { 200: rankingConsentResponse },
      },
    },
    async (request) => rankingConsentOf(db, signedInContextOf(request).actor.personId),
  );

  routes.put(
    "/api/me/ranking-consent",
    {
      config: { access: { authenticated: true } },
      schema: {
        tags: tags,
        summary:
          "Agree to be named in individual rankings (optIn: true with the purpose version shown), or withdraw",
        body: rankingConsentBody,
        response: { 200: rankingConsentResponse },
      },
    },
    async (request) => setRankingConsent(signedInContextOf(request), request.body),
  );
}
