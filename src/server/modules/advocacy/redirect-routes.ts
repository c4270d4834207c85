import { eq } from "drizzle-orm";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Executor } from "../../db/client.ts";
import { shareKits, shareLinks } from "../../db/schema/index.ts";
import type { HitRecorder } from "./hit-recorder.ts";
import { type LinkTarget, linkTargetCacheFor } from "./link-cache.ts";
import { isWellFormedLinkCode } from "./link-codes.ts";
import { unknownLinkPage, withdrawnLinkPage } from "./link-pages.ts";
import { deviceClassOf, hitKindOf, referrerDomainOf } from "./visitor-classes.ts";

/** The one database read of the redirect, for a code not in memory. */
async function loadLinkTarget(db: Executor, code: string): Promise<LinkTarget | null> {
  const [row] = await db
    .select({
      linkId: shareLinks.id,
      kitId: shareLinks.kitId,
      unitId: shareLinks.unitId,
      targetUrl: shareKits.targetUrl,
      status: shareKits.status,
    })
    .from(shareLinks)
    .innerJoin(shareKits, eq(shareKits.id, shareLinks.kitId))
    .where(eq(shareLinks.code, code));
  return row
    ? {
        linkId: row.linkId,
        kitId: row.kitId,
        unitId: row.unitId,
        targetUrl: row.targetUrl,
        withdrawn: row.status === "withdrawn",
      }
    : null;
}

function sendPage(reply: FastifyReply, status: number, body: string) {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("x-robots-tag", "noindex")
    .send(body);
}

/**
 * `/s/<code>`: a member's tracked link. Answers a 302 to the kit's stored address at once (from memory
 * when the code is hot) and hands the hit to the recorder; a malformed code is refused before any
 * database work, and the target is only ever the address an editor stored.
 */
export async function redirectRoutes(app: FastifyInstance, options: { hits: HitRecorder }): Promise<void> {
  const db = app.deps.database.db;
  const cache = linkTargetCacheFor(db);
  const { hits } = options;

  const answer = (request: FastifyRequest, reply: FastifyReply, target: LinkTarget | null, now: number) => {
    if (!target) {
      return sendPage(reply, 404, unknownLinkPage);
    }
    if (target.withdrawn) {
      return sendPage(reply, 410, withdrawnLinkPage);
    }
    const userAgent = request.headers["user-agent"];
    hits.record({
      linkId: target.linkId,
      kitId: target.kitId,
      unitId: target.unitId,
      at: new Date(now),
      kind: hitKindOf(userAgent),
      referrerDomain: referrerDomainOf(request.headers.referer),
      device: deviceClassOf(userAgent),
      ip: request.ip ?? "",
      userAgent: userAgent ?? "",
    });
    // Not cached anywhere, so every click reaches us and is counted.
    return reply
      .code(302)
      .header("location", target.targetUrl)
      .header("cache-control", "private, no-store")
      .send();
  };

  app.get(
    "/s/:code",
    {
      config: { access: { public: true } },
      // The redirect sends no page of ours, so the page-protecting headers would be bytes for nothing.
      helmet: false,
      schema: { hide: true },
    },
    (request, reply) => {
      const code = (request.params as { code: string }).code;
      if (!isWellFormedLinkCode(code)) {
        return sendPage(reply, 404, unknownLinkPage);
      }
      const now = Date.now();
      const cached = cache.get(code, now);
      if (cached !== undefined) {
        return answer(request, reply, cached, now);
      }
      return loadLinkTarget(db, code).then((target) => {
        cache.set(code, target, now);
        return answer(request, reply, target, now);
      });
    },
  );
}
