import { escapeHtml } from "../../http/html.ts";
import type { PublishedArticle } from "../publishing/index.ts";
import type { Cover, PortalSite } from "./pages.ts";

/** Whether XML 1.0 allows this character at all (tabs and line breaks yes, other controls and lone surrogates no). */
function allowedInXml(codePoint: number): boolean {
  return (
    codePoint === 0x9 ||
    codePoint === 0xa ||
    codePoint === 0xd ||
    (codePoint >= 0x20 && codePoint <= 0xd7ff) ||
    (codePoint >= 0xe000 && codePoint <= 0xfffd) ||
    codePoint >= 0x10000
  );
}

/** XML text and attribute values: the same five characters as HTML escaped, and nothing XML forbids. */
function xml(value: string): string {
  let kept = "";
  for (const char of value) {
    if (allowedInXml(char.codePointAt(0) ?? 0)) {
      kept += char;
    }
  }
  return escapeHtml(kept);
}

function articleUrl(site: PortalSite, article: PublishedArticle): string {
  return `${site.baseUrl}/${encodeURIComponent(article.slug)}`;
}

/** RSS 2.0 (the format Zalo, Google News and most readers take), full text in content:encoded. */
export function rssFeed(
  site: PortalSite,
  articles: { article: PublishedArticle; cover: Cover | null }[],
): string {
  const items = articles
    .map(({ article, cover }) => {
      const link = articleUrl(site, article);
      return `<item>
<title>${xml(article.title)}</title>
<link>${xml(link)}</link>
<guid isPermaLink="false">${xml(`caunoi:${article.postId}`)}</guid>
<pubDate>${article.publishedAt.toUTCString()}</pubDate>
<description>${xml(article.summary)}</description>
${article.tags.map((tag) => `<category>${xml(tag)}</category>`).join("")}
${cover ? `<enclosure url="${xml(cover.url)}" type="${cover.url.endsWith(".png") ? "image/png" : cover.url.endsWith(".webp") ? "image/webp" : "image/jpeg"}" length="0"/>` : ""}
<content:encoded>${xml(article.bodyHtml)}</content:encoded>
</item>`;
    })
    .join("\n");
  const updated = articles[0]?.article.publishedAt ?? new Date(0);
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:atom="http://www.w3.org/2005/Atom">
<channel>
<title>${xml(site.name)}</title>
<link>${xml(site.baseUrl)}</link>
<atom:link href="${xml(`${site.baseUrl}/rss.xml`)}" rel="self" type="application/rss+xml"/>
<description>${xml(`Tin tức chính thức của ${site.name}`)}</description>
<language>vi</language>
<lastBuildDate>${updated.toUTCString()}</lastBuildDate>
${items}
</channel>
</rss>
`;
}

/** Atom 1.0 (RFC 4287). */
export function atomFeed(
  site: PortalSite,
  articles: { article: PublishedArticle; cover: Cover | null }[],
): string {
  const updated = articles[0]?.article.updatedAt ?? new Date(0);
  const entries = articles
    .map(({ article }) => {
      const link = articleUrl(site, article);
      return `<entry>
<title>${xml(article.title)}</title>
<link rel="alternate" type="text/html" href="${xml(link)}"/>
<id>${xml(`urn:uuid:${article.postId}`)}</id>
<published>${article.publishedAt.toISOString()}</published>
<updated>${article.updatedAt.toISOString()}</updated>
<author><name>${xml(site.name)}</name></author>
${article.tags.map((tag) => `<category term="${xml(tag)}"/>`).join("")}
<summary>${xml(article.summary)}</summary>
<content type="html">${xml(article.bodyHtml)}</content>
</entry>`;
    })
    .join("\n");
  return `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="vi">
<title>${xml(site.name)}</title>
<link rel="alternate" type="text/html" href="${xml(site.baseUrl)}"/>
<link rel="self" type="application/atom+xml" href="${xml(`${site.baseUrl}/atom.xml`)}"/>
<id>${xml(`${site.baseUrl}/`)}</id>
<updated>${updated.toISOString()}</updated>
${entries}
</feed>
`;
}

/** sitemap.xml (sitemaps.org 0.9): the home page and every published article. */
export function sitemap(site: PortalSite, articles: PublishedArticle[]): string {
  const urls = [
    `<url><loc>${xml(site.baseUrl)}</loc>${articles[0] ? `<lastmod>${articles[0].updatedAt.toISOString()}</lastmod>` : ""}</url>`,
    ...articles.map(
      (article) =>
        `<url><loc>${xml(articleUrl(site, article))}</loc><lastmod>${article.updatedAt.toISOString()}</lastmod></url>`,
    ),
  ];
  return `<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
${urls.join("\n")}
</urlset>
`;
}
