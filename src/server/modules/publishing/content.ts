import sanitizeHtml from "sanitize-html";
import { slugOf } from "../../../shared/vietnamese-text.ts";
import { isMediaKey } from "../media/index.ts";

/*
 * What a post body may contain. Editors paste from Word and web pages; only structure and links
 * survive, so nothing they paste can run script on the portal or break its layout.
 */
const allowedTags = [
  "p",
  "br",
  "strong",
  "b",
  "em",
  "i",
  "u",
  "s",
  "blockquote",
  "ul",
  "ol",
  "li",
  "h2",
  "h3",
  "h4",
  "a",
  "figure",
  "figcaption",
  "img",
  "table",
  "thead",
  "tbody",
  "tr",
  "th",
  "td",
];

/**
 * An image address a body may keep: exactly `/media/<key>` with the media module's strict key, so a
 * reader's browser never requests anything else on our behalf (`/media/../api/…`, `%2e%2e`, a query,
 * another host). Other hosts are blocked by the CSP (`img-src 'self'`) anyway.
 */
export function isBodyImageSource(src: string | undefined): boolean {
  return src?.startsWith("/media/") === true && isMediaKey(src.slice("/media/".length));
}

/** Sanitised HTML: allowed tags only, links made safe, images only from our own media library. */
export function sanitizeBody(html: string): string {
  return sanitizeHtml(html.normalize("NFC"), {
    allowedTags,
    allowedAttributes: {
      a: ["href", "title"],
      img: ["src", "alt", "width", "height"],
      th: ["colspan", "rowspan"],
      td: ["colspan", "rowspan"],
    },
    allowedSchemes: ["https", "http", "mailto", "tel"],
    allowedSchemesByTag: { img: [] },
    allowProtocolRelative: false,
    transformTags: {
      a: sanitizeHtml.simpleTransform("a", { rel: "noopener noreferrer nofollow" }),
      b: "strong",
      i: "em",
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !isBodyImageSource(frame.attribs.src),
  }).trim();
}

const blockBreak = /<\/(p|h2|h3|h4|li|blockquote|tr|figure)>|<br\s*\/?>/gi;

/** The body as plain text (social networks take no HTML), paragraphs kept as blank lines. */
export function plainText(html: string): string {
  const withBreaks = html.replace(blockBreak, "\n\n");
  const text = sanitizeHtml(withBreaks, { allowedTags: [], allowedAttributes: {} });
  return decodeEntities(text)
    .replace(/[ \t]+\n/g, "\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/g, " ")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

/** An address segment from a Vietnamese title: "Tân Trào đón khách" → "tan-trao-don-khach". */
export function slugify(title: string): string {
  return slugOf(title) || "bai-viet";
}

/** Tags as typed: trimmed, lower case, NFC, no duplicates, no empties. */
export function cleanTags(tags: readonly string[]): string[] {
  return [...new Set(tags.map((tag) => tag.normalize("NFC").trim().toLowerCase()).filter(Boolean))];
}
