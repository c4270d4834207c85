import { html, SafeHtml } from "../../http/html.ts";
import type { PublishedArticle } from "../publishing/index.ts";

export interface PortalSite {
  /** The unit's code, used in every address of its portal. */
  code: string;
  name: string;
  /** Absolute root of the portal, e.g. https://caunoi.example/u/TQ-TANTRAO. */
  baseUrl: string;
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

// One small stylesheet, inlined: no extra request before the first paint on a slow phone.
const styles = new SafeHtml(`
*{box-sizing:border-box}
body{margin:0;overflow-wrap:break-word;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:18px;line-height:1.6;color:#1f2328;background:#fff}
a{color:#0b57d0}
header{background:#b71c1c;color:#fff;padding:10px 16px}
header .site{color:#fff;text-decoration:none;font-weight:700;font-size:1.1em}
header form{display:flex;gap:8px;margin:8px 0 2px}
header input{flex:1 1 auto;min-width:0;padding:8px 10px;font-size:16px;border:0;border-radius:6px}
header button{padding:8px 14px;font-size:16px;border:0;border-radius:6px;background:#fff;color:#b71c1c;font-weight:600}
main{max-width:760px;margin:0 auto;padding:12px 16px 24px}
h1{font-size:1.6em;line-height:1.25;margin:.5em 0}
h2{font-size:1.2em;line-height:1.3;margin:.2em 0}
.meta{color:#57606a;font-size:.85em;margin:.2em 0 .8em}
.cover{margin:0 0 1em}
.cover img,.item img{width:100%;height:auto;border-radius:8px;background:#eee;object-fit:cover}
.cover img{aspect-ratio:16/9}
.item{display:block;padding:12px 0;border-bottom:1px solid #d0d7de}
.item a{text-decoration:none;color:inherit}
.item img{aspect-ratio:16/9;margin-bottom:6px}
.item p{margin:.2em 0;color:#424a53}
.body img{max-width:100%;height:auto}
.body blockquote{margin:1em 0;padding-left:1em;border-left:4px solid #d0d7de;color:#424a53}
.tags{display:flex;flex-wrap:wrap;gap:8px;padding:0;list-style:none}
.tags a{display:inline-block;padding:6px 12px;border:1px solid #d0d7de;border-radius:16px;text-decoration:none;font-size:.9em;min-height:24px}
nav.pages{display:flex;justify-content:space-between;margin:16px 0}
nav.pages a{padding:10px 0}
footer{max-width:760px;margin:0 auto;padding:16px;color:#57606a;font-size:.85em;border-top:1px solid #d0d7de}
`);

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
<link rel="alternate" type="application/rss+xml" title="${site.name} (RSS)" href="${site.baseUrl}/rss.xml">
<link rel="alternate" type="application/atom+xml" title="${site.name} (Atom)" href="${site.baseUrl}/atom.xml">
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
<style>${styles}</style>`;
}

function page(site: PortalSite, meta: PageMeta, body: SafeHtml, query = ""): string {
  return html`<!doctype html>
<html lang="vi">
<head>
${head(site, meta)}
</head>
<body>
<header>
<a class="site" href="${site.baseUrl}">${site.name}</a>
<form method="get" action="${site.baseUrl}/tim-kiem" role="search">
<label for="q" style="position:absolute;left:-9999px">Tìm bài viết</label>
<input id="q" type="search" name="q" value="${query}" placeholder="Tìm bài viết" maxlength="200">
<button type="submit">Tìm</button>
</form>
</header>
<main id="noi-dung">
${body}
</main>
<footer>
<p>${site.name} · Trang tin chính thức. Theo dõi qua <a href="${site.baseUrl}/rss.xml">RSS</a> hoặc <a href="${site.baseUrl}/atom.xml">Atom</a>.</p>
<p>Kiểm tra một trang mạng xã hội có phải của đơn vị không: <a href="/kiem-tra">Kiểm tra kênh chính thức</a>.</p>
</footer>
</body>
</html>`.value;
}

function articleUrl(site: PortalSite, article: PublishedArticle): string {
  return `${site.baseUrl}/${encodeURIComponent(article.slug)}`;
}

function coverImage(cover: Cover | null, eager: boolean, useThumbnail: boolean) {
  if (!cover) {
    return "";
  }
  const source = useThumbnail && cover.thumbnailUrl ? cover.thumbnailUrl : cover.url;
  return html`<img src="${source}" alt="${cover.altText}" width="${cover.width ?? 1600}" height="${cover.height ?? 900}" ${eager ? new SafeHtml('fetchpriority="high"') : new SafeHtml('loading="lazy" decoding="async"')}>`;
}

function articleList(site: PortalSite, articles: { article: PublishedArticle; cover: Cover | null }[]) {
  return articles.map(
    ({ article, cover }, index) => html`<article class="item">
<a href="${articleUrl(site, article)}">
${coverImage(cover, index === 0, true)}
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

export function homePage(
  site: PortalSite,
  data: {
    articles: { article: PublishedArticle; cover: Cover | null }[];
    topics: { tag: string; count: number }[];
    page: number;
    total: number;
    pageSize: number;
  },
): string {
  const body = html`<h1>Tin mới</h1>
${data.articles.length === 0 ? html`<p>Chưa có bài viết nào.</p>` : articleList(site, data.articles)}
${pager(site.baseUrl, data.page, data.total, data.pageSize)}
${data.topics.length > 0 ? html`<h2>Chủ đề</h2><ul class="tags">${data.topics.map((topic) => html`<li><a href="${site.baseUrl}/chu-de/${encodeURIComponent(topic.tag)}">${topic.tag} (${topic.count})</a></li>`)}</ul>` : ""}`;
  return page(
    site,
    {
      title: data.page > 1 ? `${site.name} · Trang ${data.page}` : site.name,
      description: `Tin tức chính thức của ${site.name}.`,
      url: site.baseUrl,
      cover: data.articles[0]?.cover ?? null,
    },
    body,
  );
}

export function articlePage(site: PortalSite, article: PublishedArticle, cover: Cover | null): string {
  const body = html`<article>
<h1>${article.title}</h1>
<p class="meta"><time datetime="${article.publishedAt.toISOString()}">${vietnamDateTime(article.publishedAt)}</time> · ${site.name}</p>
${cover ? html`<figure class="cover">${coverImage(cover, true, false)}</figure>` : ""}
<div class="body">${new SafeHtml(article.bodyHtml)}</div>
${article.tags.length > 0 ? html`<ul class="tags" aria-label="Chủ đề">${article.tags.map((tag) => html`<li><a href="${site.baseUrl}/chu-de/${encodeURIComponent(tag)}">${tag}</a></li>`)}</ul>` : ""}
</article>
<p><a href="${site.baseUrl}">← Tất cả tin của ${site.name}</a></p>`;
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
    articles: { article: PublishedArticle; cover: Cover | null }[];
    page: number;
    total: number;
    pageSize: number;
  },
): string {
  const extra = data.query ? `q=${encodeURIComponent(data.query)}` : "";
  const body = html`<h1>${data.heading}</h1>
${data.query !== undefined && data.query.trim() === "" ? html`<p>Nhập từ cần tìm vào ô tìm kiếm.</p>` : data.articles.length === 0 ? html`<p>Không có bài viết nào.</p>` : articleList(site, data.articles)}
${pager(`${site.baseUrl}${data.path}`, data.page, data.total, data.pageSize, extra)}`;
  return page(
    site,
    {
      title: `${data.heading} · ${site.name}`,
      description: `${data.heading} — ${site.name}`,
      url: `${site.baseUrl}${data.path}`,
    },
    body,
    data.query ?? "",
  );
}

export function portalNotFoundPage(site: PortalSite | null): string {
  const fallback = site ?? { code: "", name: "Cầu Nối", baseUrl: "" };
  return page(
    fallback,
    { title: "Không tìm thấy trang", description: "Không tìm thấy trang", url: fallback.baseUrl || "/" },
    html`<h1>Không tìm thấy trang</h1><p>Địa chỉ này không có bài viết nào, hoặc bài đã được gỡ.</p>${site ? html`<p><a href="${site.baseUrl}">Về trang tin của ${site.name}</a></p>` : ""}`,
  );
}
