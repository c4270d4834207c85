import type { FastifyError, FastifyInstance, FastifyReply } from "fastify";
import { hasZodFastifySchemaValidationErrors, type ZodTypeProvider } from "fastify-type-provider-zod";
import {
  portalArticleParams,
  portalPageQuery,
  portalSearchQuery,
  portalSiteParams,
  portalTopicParams,
} from "../../../shared/api/portal.ts";
import type { Executor } from "../../db/client.ts";
import { AppError } from "../../platform/errors.ts";
import { activeWebsiteOf, officialChannelsOfUnit, unitsWithActiveWebsite } from "../channels/index.ts";
import { type MediaView, mediaViewsByIds } from "../media/index.ts";
import { findUnitByCodeOrId, subtreeUnits } from "../org/index.ts";
import {
  type PublishedArticle,
  publishedArticle,
  publishedArticles,
  publishedTopics,
} from "../publishing/index.ts";
import { correctionOfArticle } from "../verification/index.ts";
import { atomFeed, rssFeed, sitemap } from "./feeds.ts";
import {
  articlePage,
  type Cover,
  homePage,
  listingPage,
  type PortalSite,
  portalNotFoundPage,
} from "./pages.ts";
import { questionPageRoutes } from "./question-routes.ts";
import { tagsOfTopic, topicSlug } from "./topics.ts";

const pageSize = 12;
const readLimit = { max: 600, timeWindow: "1 minute" };

class PortalNotFound extends Error {
  readonly site: PortalSite | null;
  constructor(site: PortalSite | null) {
    super("portal page not found");
    this.site = site;
  }
}

/** The unit's portal, or a 404 when the unit has no active official website in the registry. */
async function siteOf(
  db: Executor,
  publicUrl: string,
  code: string,
): Promise<PortalSite & { unitId: string; unitPath: string }> {
  const unit = await findUnitByCodeOrId(db, code);
  if (unit?.status !== "active" || !(await activeWebsiteOf(db, unit.id))) {
    throw new PortalNotFound(null);
  }
  return {
    unitId: unit.id,
    unitPath: unit.path,
    code: unit.code,
    name: unit.name,
    baseUrl: `${publicUrl}/u/${encodeURIComponent(unit.code)}`,
    contact: {
      address: unit.contactAddress,
      phone: unit.contactPhone,
      email: unit.contactEmail,
      responsible: unit.contentResponsible,
    },
  };
}

// The header's topics bar: enough to reach the main ones, short enough for one line on a laptop.
const headerTopics = 6;

/**
 * The parts every page of a portal shows around its content: the unit's official channels (whose
 * avatar, if the registry has one, stands for the emblem) and the topics of the header.
 */
async function withChrome<T extends PortalSite & { unitId: string }>(db: Executor, site: T) {
  const [channels, topics] = await Promise.all([
    officialChannelsOfUnit(db, site.unitId),
    publishedTopics(db, site.unitId),
  ]);
  const avatarUrl =
    channels.find((channel) => channel.platform === "website" && channel.avatarUrl)?.avatarUrl ??
    channels.find((channel) => channel.avatarUrl)?.avatarUrl ??
    null;
  return {
    site: { ...site, avatarUrl, topics: topics.slice(0, headerTopics) },
    channels,
    topics,
  };
}

/** The units below this one that have a portal of their own, nearest first. */
async function subPortalsOf(db: Executor, publicUrl: string, site: { unitId: string; unitPath: string }) {
  const below = (await subtreeUnits(db, site.unitPath)).filter((unit) => unit.id !== site.unitId);
  const withWebsite = await unitsWithActiveWebsite(
    db,
    below.map((unit) => unit.id),
  );
  return below
    .filter((unit) => withWebsite.has(unit.id))
    .slice(0, 60)
    .map((unit) => ({ name: unit.name, url: `${publicUrl}/u/${encodeURIComponent(unit.code)}` }));
}

/** The first picture of an article among the media looked up, with its thumbnail and size. */
function coverFrom(article: PublishedArticle, media: Map<string, MediaView>): Cover | null {
  for (const id of article.mediaIds) {
    const item = media.get(id);
    if (item?.kind === "image") {
      return {
        url: item.url,
        thumbnailUrl: item.thumbnailUrl,
        altText: item.altText,
        width: item.width,
        height: item.height,
      };
    }
  }
  return null;
}

function absolute(publicUrl: string, cover: Cover | null): Cover | null {
  if (!cover) {
    return null;
  }
  const full = (url: string) => (url.startsWith("/") ? `${publicUrl}${url}` : url);
  return {
    ...cover,
    url: full(cover.url),
    thumbnailUrl: cover.thumbnailUrl ? full(cover.thumbnailUrl) : null,
  };
}

function html(reply: FastifyReply, body: string): string {
  reply
    .type("text/html; charset=utf-8")
    // Published news may be a minute late for a reader; the portal then survives a surge of shares.
    .header("cache-control", "public, max-age=60");
  return body;
}

function xmlReply(reply: FastifyReply, type: string, body: string): string {
  reply.type(`${type}; charset=utf-8`).header("cache-control", "public, max-age=300");
  return body;
}

/**
 * Each unit with an official website in the registry gets a public site at /u/<unit code>: the
 * latest articles, article pages with OpenGraph/Twitter cards, topics, search ignoring diacritics,
 * RSS, Atom and a sitemap. Server-rendered, no JavaScript.
 */
export async function portalRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const publicUrl = app.deps.config.publicUrl;
  // One lookup for the media of a whole page of articles, not one per article.
  const withCovers = async (articles: PublishedArticle[]) => {
    const media = await mediaViewsByIds(
      db,
      articles.flatMap((article) => article.mediaIds),
    );
    return articles.map((article) => ({ article, cover: absolute(publicUrl, coverFrom(article, media)) }));
  };

  routes.setErrorHandler((error: FastifyError | AppError | PortalNotFound, request, reply) => {
    const notFound =
      error instanceof PortalNotFound ||
      (error instanceof AppError && error.status === 404) ||
      hasZodFastifySchemaValidationErrors(error);
    const limited = !notFound && "statusCode" in error && error.statusCode === 429;
    // A request the server refused (a NUL in the address, a malformed value) is the visitor's 400.
    const refused =
      !notFound &&
      !limited &&
      ((error instanceof AppError && error.status >= 400 && error.status < 500) ||
        // A form posted in an encoding the Hỏi đáp page does not read (415), or too large (413).
        ("statusCode" in error && Number(error.statusCode) >= 400 && Number(error.statusCode) < 500));
    if (!notFound && !limited && !refused) {
      request.log.error({ err: error }, "portal page failed");
    }
    reply
      .status(notFound ? 404 : limited ? 429 : refused ? 400 : 500)
      .type("text/html; charset=utf-8")
      .header("cache-control", "no-store")
      .send(
        limited
          ? '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Hệ thống tạm thời giới hạn truy cập</title><p>Thiết bị của bạn đã gửi nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi ít phút rồi thử lại.</p></html>'
          : refused
            ? '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Địa chỉ không hợp lệ</title><p>Địa chỉ trang không hợp lệ. Vui lòng kiểm tra lại địa chỉ.</p></html>'
            : notFound
              ? portalNotFoundPage(error instanceof PortalNotFound ? error.site : null)
              : '<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi</title><p>Trang tạm thời không mở được. Vui lòng thử lại sau.</p></html>',
      );
  });

  const common = { config: { access: { public: true as const }, rateLimit: readLimit } };

  routes.get(
    "/u/:code",
    { ...common, schema: { hide: true, params: portalSiteParams, querystring: portalPageQuery } },
    async (request, reply) => {
      const { site, channels, topics } = await withChrome(
        db,
        await siteOf(db, publicUrl, request.params.code),
      );
      const page = request.query.trang ?? 1;
      const { items, total } = await publishedArticles(db, {
        unitId: site.unitId,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      if (page > 1 && items.length === 0) {
        throw new PortalNotFound(site);
      }
      return html(
        reply,
        homePage(site, {
          articles: await withCovers(items),
          topics: page === 1 ? topics.slice(0, 20) : [],
          page,
          total,
          pageSize,
          channels: page === 1 ? channels : [],
          subPortals: page === 1 ? await subPortalsOf(db, publicUrl, site) : [],
        }),
      );
    },
  );

  routes.get(
    "/u/:code/tim-kiem",
    {
      ...common,
      schema: {
        hide: true,
        params: portalSiteParams,
        querystring: portalSearchQuery,
      },
    },
    async (request, reply) => {
      const { site } = await withChrome(db, await siteOf(db, publicUrl, request.params.code));
      const q = request.query.q?.trim() ?? "";
      const page = request.query.trang ?? 1;
      const { items, total } = q
        ? await publishedArticles(db, {
            unitId: site.unitId,
            q,
            limit: pageSize,
            offset: (page - 1) * pageSize,
          })
        : { items: [], total: 0 };
      reply.header("x-robots-tag", "noindex");
      return html(
        reply,
        listingPage(site, {
          heading: q ? `Kết quả tìm “${q}”` : "Tìm bài viết",
          path: "/tim-kiem",
          query: q,
          articles: await withCovers(items),
          page,
          total,
          pageSize,
        }),
      );
    },
  );

  routes.get(
    "/u/:code/chu-de/:tag",
    {
      ...common,
      schema: {
        hide: true,
        params: portalTopicParams,
        querystring: portalPageQuery,
      },
    },
    async (request, reply) => {
      const { site, topics } = await withChrome(db, await siteOf(db, publicUrl, request.params.code));
      const requested = request.params.tag.normalize("NFC");
      const slug = topicSlug(requested);
      const tags = tagsOfTopic(topics, slug);
      const [tag] = tags;
      if (!tag) {
        throw new PortalNotFound(site);
      }
      if (requested !== slug) {
        // Addresses shared before topics had readable ones (the tag, percent-encoded) lead here still.
        const query = request.query.trang ? `?trang=${request.query.trang}` : "";
        return reply.redirect(`${site.baseUrl}/chu-de/${slug}${query}`, 301);
      }
      const page = request.query.trang ?? 1;
      const { items, total } = await publishedArticles(db, {
        unitId: site.unitId,
        tag: tags,
        limit: pageSize,
        offset: (page - 1) * pageSize,
      });
      if (total === 0) {
        throw new PortalNotFound(site);
      }
      return html(
        reply,
        listingPage(site, {
          heading: `Chủ đề: ${tag}`,
          path: `/chu-de/${slug}`,
          current: tag,
          articles: await withCovers(items),
          page,
          total,
          pageSize,
        }),
      );
    },
  );

  questionPageRoutes(app, {
    site: async (code) => (await withChrome(db, await siteOf(db, publicUrl, code))).site,
    notFound: (site) => new PortalNotFound(site),
  });

  for (const [path, type, render] of [
    ["/u/:code/rss.xml", "application/rss+xml", rssFeed],
    ["/u/:code/atom.xml", "application/atom+xml", atomFeed],
  ] as const) {
    routes.get(
      path,
      { ...common, schema: { hide: true, params: portalSiteParams } },
      async (request, reply) => {
        const site = await siteOf(db, publicUrl, request.params.code);
        const { items } = await publishedArticles(db, { unitId: site.unitId, limit: 30, offset: 0 });
        return xmlReply(reply, type, render(site, await withCovers(items)));
      },
    );
  }

  routes.get(
    "/u/:code/sitemap.xml",
    { ...common, schema: { hide: true, params: portalSiteParams } },
    async (request, reply) => {
      const site = await siteOf(db, publicUrl, request.params.code);
      const { items } = await publishedArticles(db, { unitId: site.unitId, limit: 50_000, offset: 0 });
      return xmlReply(reply, "application/xml", sitemap(site, items));
    },
  );

  routes.get(
    "/u/:code/:slug",
    { ...common, schema: { hide: true, params: portalArticleParams } },
    async (request, reply) => {
      const { site } = await withChrome(db, await siteOf(db, publicUrl, request.params.code));
      const article = await publishedArticle(db, site.unitId, request.params.slug);
      if (!article) {
        throw new PortalNotFound(site);
      }
      const [withCover] = await withCovers([article]);
      const correction = await correctionOfArticle(db, article, {
        articleUrl: `${site.baseUrl}/${encodeURIComponent(article.slug)}`,
        unitName: site.name,
        portalUrl: site.baseUrl,
        publicUrl,
      });
      return html(reply, articlePage(site, article, withCover?.cover ?? null, correction));
    },
  );
}
