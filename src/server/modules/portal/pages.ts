import { html, SafeHtml } from "../../http/html.ts";
import type { PublishedArticle } from "../publishing/index.ts";
import {
  channelsSection,
  emblem,
  type OfficialChannel,
  type SubPortal,
  siteFooter,
  subPortalsSection,
  type UnitContact,
} from "./chrome.ts";
import { portalStyles } from "./styles.ts";
import { topicSlug } from "./topics.ts";

export interface PortalSite {
  /** The unit's code, used in every address of its portal. */
  code: string;
  name: string;
  /** Absolute root of the portal, e.g. https://caunoi.example/u/TQ-TANTRAO. */
  baseUrl: string;
  /** The unit's avatar from the registry, when it has one; otherwise an emblem is drawn. */
  avatarUrl?: string | null;
  contact?: UnitContact | null;
  /** The topics offered in the header, most used first. */
  topics?: { tag: string; count: number }[];
}

export interface Cover {
  url: string;
  thumbnailUrl: string | null;
  altText: string;
  width: number | null;
  height: number | null;
}

const dateTimeFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit",
  minute: "2-digit",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** "07:30, 24/11/2026" in Vietnam time, whatever the server's zone. */
export function vietnamDateTime(value: Date): string {
  return dateTimeFormat.format(value);
}

interface PageMeta {
  title: string;
  /** What a shared link shows as its title (the article's own, without the site's name). */
  shareTitle?: string;
  description: string;
  url: string;
  cover?: Cover | null;
  /** What a shared link shows as its picture, when not the cover (an article's share card). */
  shareImage?: ShareImage;
  article?: PublishedArticle;
  /** Structured data another module adds to the page (a correction's ClaimReview JSON-LD). */
  extraHead?: SafeHtml;
}

interface ShareImage {
  url: string;
  width: number | null;
  height: number | null;
  alt: string;
}

function head(site: PortalSite, meta: PageMeta) {
  const image: ShareImage | null =
    meta.shareImage ??
    (meta.cover
      ? { url: meta.cover.url, width: meta.cover.width, height: meta.cover.height, alt: meta.cover.altText }
      : null);
  return html`<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${meta.title}</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<meta name="description" content="${meta.description}">
<link rel="canonical" href="${meta.url}">
${
  // A page outside any portal (an unknown portal's 404) has no feeds to offer.
  site.baseUrl
    ? html`<link rel="alternate" type="application/rss+xml" title="${site.name} (RSS)" href="${site.baseUrl}/rss.xml">
<link rel="alternate" type="application/atom+xml" title="${site.name} (Atom)" href="${site.baseUrl}/atom.xml">`
    : ""
}
<meta property="og:site_name" content="${site.name}">
<meta property="og:locale" content="vi_VN">
<meta property="og:type" content="${meta.article ? "article" : "website"}">
<meta property="og:title" content="${meta.shareTitle ?? meta.title}">
<meta property="og:description" content="${meta.description}">
<meta property="og:url" content="${meta.url}">
${image ? html`<meta property="og:image" content="${image.url}">${image.width ? html`<meta property="og:image:width" content="${image.width}"><meta property="og:image:height" content="${image.height ?? ""}">` : ""}<meta property="og:image:alt" content="${image.alt}">` : ""}
${meta.article ? html`<meta property="article:published_time" content="${meta.article.publishedAt.toISOString()}">${meta.article.tags.map((tag) => html`<meta property="article:tag" content="${tag}">`)}` : ""}
<meta name="twitter:card" content="${image ? "summary_large_image" : "summary"}">
<meta name="twitter:title" content="${meta.shareTitle ?? meta.title}">
<meta name="twitter:description" content="${meta.description}">
${image ? html`<meta name="twitter:image" content="${image.url}"><meta name="twitter:image:alt" content="${image.alt}">` : ""}
${meta.extraHead ?? ""}
<style>${portalStyles}</style>`;
}

interface PageOptions {
  query?: string;
  /** Which entry of the topics bar this page is: the home, or a topic's tag. */
  current?: string;
  /** On the home page the unit's name is the page's heading. */
  nameAsHeading?: boolean;
}

/** A topic as the header and the tag lists show it: "Du lịch". */
function capitalised(tag: string): string {
  return tag.charAt(0).toLocaleUpperCase("vi") + tag.slice(1);
}

/** The address of a topic's page on the portal. */
export function topicUrl(site: PortalSite, tag: string): string {
  return `${site.baseUrl}/chu-de/${topicSlug(tag)}`;
}

/** The header's mark for the Hỏi đáp page (no topic is named so: topics are lower-case tags). */
export const questionsPageKey = "Hỏi đáp";

/** A page of the portal around `body`: its header (name, topics, Hỏi đáp, search) and official footer. */
export function page(site: PortalSite, meta: PageMeta, body: SafeHtml, options: PageOptions = {}): string {
  const query = options.query ?? "";
  return html`<!doctype html>
<html lang="vi">
<head>
${head(site, meta)}
</head>
<body>
<header>
<div class="wrap">
<a class="brand" href="${site.baseUrl || "/"}">${emblem(site.name, site.avatarUrl)}<span class="names">${site.baseUrl ? html`<span class="kicker">Trang tin chính thức</span>` : ""}${options.nameAsHeading ? html`<h1 class="name">${site.name}</h1>` : html`<span class="name">${site.name}</span>`}</span></a>
<div class="bar">
${site.baseUrl ? html`<nav class="topics" aria-label="Chủ đề"><a href="${site.baseUrl}"${options.current === "home" ? new SafeHtml(' aria-current="page"') : ""}>Trang chủ</a>${(site.topics ?? []).map((topic) => html`<a href="${topicUrl(site, topic.tag)}"${options.current === topic.tag ? new SafeHtml(' aria-current="page"') : ""}>${capitalised(topic.tag)}</a>`)}<a href="${site.baseUrl}/hoi-dap"${options.current === questionsPageKey ? new SafeHtml(' aria-current="page"') : ""}>Hỏi đáp</a></nav>` : ""}
${
  site.baseUrl
    ? html`<form method="get" action="${site.baseUrl}/tim-kiem" role="search">
<label for="q" class="sr">Tìm bài viết</label>
<input id="q" type="search" name="q" value="${query}" placeholder="Tìm bài viết" maxlength="200">
<button type="submit">Tìm</button>
</form>`
    : ""
}
</div>
</div>
</header>
<main id="noi-dung" class="wrap">
${body}
</main>
${siteFooter(site, site.contact)}
</body>
</html>`.value;
}

function articleUrl(site: PortalSite, article: PublishedArticle): string {
  return `${site.baseUrl}/${encodeURIComponent(article.slug)}`;
}

// The width the thumbnail rendition is made at (media's thumbnailEdge, for a landscape picture).
const thumbnailWidth = 480;

/**
 * A cover with both renditions offered (the thumbnail and the full picture), so a phone fetches
 * only what its screen needs; its size is declared, so nothing moves when it arrives. Only the
 * picture at the top of a page loads at once; the rest wait until scrolled near.
 */
function coverImage(cover: Cover | null, eager: boolean, sizes: string) {
  if (!cover) {
    return "";
  }
  const width = cover.width ?? 1600;
  const height = cover.height ?? 900;
  const srcset =
    cover.thumbnailUrl && width > thumbnailWidth
      ? `${cover.thumbnailUrl} ${thumbnailWidth}w, ${cover.url} ${width}w`
      : null;
  return html`<img class="pic" src="${cover.url}"${srcset ? html` srcset="${srcset}" sizes="${sizes}"` : ""} alt="${cover.altText}" width="${width}" height="${height}" ${eager ? new SafeHtml('fetchpriority="high"') : new SafeHtml('loading="lazy" decoding="async"')}>`;
}

function articleList(site: PortalSite, articles: { article: PublishedArticle; cover: Cover | null }[]) {
  return articles.map(
    ({ article, cover }, index) => html`<article class="item">
<a href="${articleUrl(site, article)}">
${coverImage(cover, index === 0, "(min-width: 792px) 728px, calc(100vw - 32px)")}
<h2>${article.title}</h2>
</a>
<p class="meta"><time datetime="${article.publishedAt.toISOString()}">${vietnamDateTime(article.publishedAt)}</time></p>
<p>${article.summary}</p>
</article>`,
  );
}

function pager(base: string, page: number, total: number, pageSize: number, extra = "") {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) {
    return "";
  }
  const link = (n: number) => `${base}?${extra ? `${extra}&` : ""}trang=${n}`;
  return html`<nav class="pages" aria-label="Trang">
${page > 1 ? html`<a href="${link(page - 1)}" rel="prev">← Mới hơn</a>` : html`<span></span>`}
<span class="meta">Trang ${page}/${pages}</span>
${page < pages ? html`<a href="${link(page + 1)}" rel="next">Cũ hơn →</a>` : html`<span></span>`}
</nav>`;
}

type Listed = { article: PublishedArticle; cover: Cover | null };

/** The news after the lead: small pictures beside the titles, loaded as the reader scrolls. */
function newsList(site: PortalSite, articles: Listed[]) {
  return html`<ul class="news">${articles.map(
    ({ article, cover }) => html`<li><article><a href="${articleUrl(site, article)}">
${coverImage(cover, false, "(min-width: 900px) 200px, 120px")}
<span class="text"><h3>${article.title}</h3>
<span class="meta"><time datetime="${article.publishedAt.toISOString()}">${vietnamDateTime(article.publishedAt)}</time></span></span>
</a></article></li>`,
  )}</ul>`;
}

export function homePage(
  site: PortalSite,
  data: {
    articles: Listed[];
    topics: { tag: string; count: number }[];
    page: number;
    total: number;
    pageSize: number;
    channels?: OfficialChannel[];
    subPortals?: SubPortal[];
  },
): string {
  // The lead is the newest article with a picture (a notice without one still heads the news below),
  // as official sites feature their front page; with no picture on the page, simply the newest.
  const leadIndex =
    data.page === 1 && data.articles.length > 0
      ? Math.max(
          0,
          data.articles.findIndex((item) => item.cover),
        )
      : -1;
  const lead = leadIndex >= 0 ? data.articles[leadIndex] : undefined;
  const news = data.articles.filter((_, index) => index !== leadIndex);
  const aside = html`${channelsSection(data.channels ?? [])}
${subPortalsSection(data.subPortals ?? [])}
${data.topics.length > 0 ? html`<section class="box" aria-labelledby="chu-de"><h2 id="chu-de">Chủ đề</h2><ul class="tags">${data.topics.map((topic) => html`<li><a href="${topicUrl(site, topic.tag)}">${capitalised(topic.tag)} (${topic.count})</a></li>`)}</ul></section>` : ""}`;
  const body = html`<div class="layout">
<div>
${
  lead
    ? html`<article class="lead"><a href="${articleUrl(site, lead.article)}">
${coverImage(lead.cover, true, "(min-width: 1152px) 768px, (min-width: 900px) calc(100vw - 384px), 100vw")}
<h2>${lead.article.title}</h2></a>
<p class="meta"><time datetime="${lead.article.publishedAt.toISOString()}">${vietnamDateTime(lead.article.publishedAt)}</time></p>
<p>${lead.article.summary}</p>
</article>`
    : ""
}
${data.articles.length === 0 ? html`<p>Chưa có bài viết nào.</p>` : ""}
${data.page > 1 ? html`<h1 class="section-title">Tin đã đăng · Trang ${data.page}</h1>` : news.length > 0 ? html`<h2 class="section-title">Tin mới</h2>` : ""}
${news.length > 0 ? newsList(site, news) : ""}
${pager(site.baseUrl, data.page, data.total, data.pageSize)}
</div>
<aside>${aside}</aside>
</div>`;
  return page(
    site,
    {
      title: data.page > 1 ? `${site.name} · Trang ${data.page}` : site.name,
      description: `Tin tức chính thức của ${site.name}.`,
      url: site.baseUrl,
      cover: data.articles[0]?.cover ?? null,
    },
    body,
    { current: "home", nameAsHeading: data.page === 1 },
  );
}

/**
 * An article page; `correction` is what the verification module adds to a verdict's correction
 * article (its JSON-LD, the "being corrected" notice, the public correction log).
 */
export function articlePage(
  site: PortalSite,
  article: PublishedArticle,
  cover: Cover | null,
  correction: { head: SafeHtml; before: SafeHtml; after: SafeHtml } | null = null,
): string {
  const body = html`<div class="reading"><article>
<h1>${article.title}</h1>
<p class="meta"><time datetime="${article.publishedAt.toISOString()}">${vietnamDateTime(article.publishedAt)}</time> · ${site.name}</p>
${correction?.before ?? ""}
${cover ? html`<figure class="cover">${coverImage(cover, true, "(min-width: 792px) 760px, 100vw")}</figure>` : ""}
<div class="body">${new SafeHtml(article.bodyHtml)}</div>
${correction?.after ?? ""}
${article.tags.length > 0 ? html`<ul class="tags" aria-label="Chủ đề">${article.tags.map((tag) => html`<li><a href="${topicUrl(site, tag)}">${capitalised(tag)}</a></li>`)}</ul>` : ""}
</article>
<p><a href="${site.baseUrl}">← Tất cả tin của ${site.name}</a></p></div>`;
  return page(
    site,
    {
      title: `${article.title} · ${site.name}`,
      shareTitle: article.title,
      description: article.summary,
      url: articleUrl(site, article),
      cover,
      // The card carries the title, photo and unit in one picture, sized as OpenGraph asks.
      shareImage: {
        url: `${articleUrl(site, article)}/the-chia-se.png`,
        width: 1200,
        height: 630,
        alt: article.title,
      },
      article,
      ...(correction ? { extraHead: correction.head } : {}),
    },
    body,
  );
}

export function listingPage(
  site: PortalSite,
  data: {
    heading: string;
    path: string;
    query?: string;
    /** The topic this listing shows, marked in the topics bar. */
    current?: string;
    articles: { article: PublishedArticle; cover: Cover | null }[];
    page: number;
    total: number;
    pageSize: number;
  },
): string {
  const extra = data.query ? `q=${encodeURIComponent(data.query)}` : "";
  const body = html`<div class="reading"><h1>${data.heading}</h1>
${data.query !== undefined && data.query.trim() === "" ? html`<p>Nhập từ cần tìm vào ô tìm kiếm.</p>` : data.articles.length === 0 ? html`<p>Không có bài viết nào.</p>` : articleList(site, data.articles)}
${pager(`${site.baseUrl}${data.path}`, data.page, data.total, data.pageSize, extra)}</div>`;
  return page(
    site,
    {
      title: `${data.heading} · ${site.name}`,
      description: `${data.heading} — ${site.name}`,
      url: `${site.baseUrl}${data.path}`,
    },
    body,
    { query: data.query ?? "", ...(data.current ? { current: data.current } : {}) },
  );
}

export function portalNotFoundPage(site: PortalSite | null): string {
  const fallback = site ?? { code: "", name: "Cầu Nối", baseUrl: "" };
  return page(
    fallback,
    { title: "Không tìm thấy trang", description: "Không tìm thấy trang", url: fallback.baseUrl || "/" },
    site
      ? html`<h1>Không tìm thấy trang</h1><p>Địa chỉ này không có bài viết nào, hoặc bài đã được gỡ.</p><p><a href="${site.baseUrl}">Về trang tin của ${site.name}</a></p>`
      : // No unit has a site at this address: point to where the official sites are listed.
        html`<h1>Không tìm thấy trang</h1><p>Không có trang tin nào ở địa chỉ này. Vui lòng kiểm tra lại địa chỉ, hoặc tìm trang tin của đơn vị trong <a href="/danh-ba">danh bạ kênh chính thức</a>.</p>`,
  );
}
