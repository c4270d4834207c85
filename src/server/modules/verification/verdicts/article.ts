import { html, SafeHtml, safeHref } from "../../../http/html.ts";
import {
  bestRating,
  isPublicLabel,
  labelNames,
  methodologyPath,
  type PublicLabel,
  ratingOf,
  worstRating,
} from "./labels.ts";

/*
 * The correction article as readers see it: its title and body (written here, published through the
 * publishing module), and the parts the portal's article page adds around it while the verdict is
 * public: the ClaimReview JSON-LD, the "being corrected" notice and the public correction log.
 * Everything a person typed is escaped by `html`.
 */

export interface PublicEvidence {
  title: string | null;
  url: string | null;
  note: string | null;
  authoritative: boolean;
}

export function articleTitle(label: PublicLabel, claim: string): string {
  return `[${labelNames[label].vi}] ${claim}`;
}

function paragraphs(text: string) {
  return text
    .split(/\n\s*\n/)
    .map((part) => part.trim())
    .filter(Boolean)
    .map(
      (part) =>
        html`<p>${part.split("\n").map((line, index) => (index === 0 ? line : html`<br>${line}`))}</p>`,
    );
}

function evidenceItem(item: PublicEvidence) {
  const href = item.url ? safeHref(item.url) : "#";
  const name = item.title?.trim() || item.url || "Nguồn";
  return html`<li>${href !== "#" ? html`<a href="${href}">${name}</a>` : name}${item.authoritative ? html` <strong>(nguồn chính thức)</strong>` : ""}${item.note ? html` — ${item.note}` : ""}</li>`;
}

/** The article's body (sanitised again by publishing on the way in and out). */
export function articleBody(options: {
  label: PublicLabel;
  claim: string;
  explanation: string;
  evidence: PublicEvidence[];
  unitName: string;
  publicUrl: string;
}): string {
  return html`<p><strong>Kết luận: ${labelNames[options.label].vi}</strong></p>
<p>Nội dung được xác minh: “${options.claim}”</p>
<h2>Giải thích</h2>
${paragraphs(options.explanation)}
${options.evidence.length > 0 ? html`<h2>Nguồn đối chiếu</h2><ul>${options.evidence.map(evidenceItem)}</ul>` : ""}
<p>Kết luận do ${options.unitName} xác minh và người có thẩm quyền duyệt trước khi công bố. Xem <a href="${options.publicUrl}${methodologyPath}">phương pháp xác minh và chính sách đính chính</a>.</p>`
    .value;
}

/** JSON for a <script> element: nothing in it can close the element or start markup. */
export function scriptSafeJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e")
    .replace(/&/g, "\\u0026")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

export interface ClaimReviewFacts {
  label: PublicLabel;
  claim: string;
  articleUrl: string;
  unitName: string;
  portalUrl: string;
  publishedAt: Date;
}

/** schema.org ClaimReview, with the fields Google reads (claimReviewed, reviewRating, url, author). */
export function claimReview(facts: ClaimReviewFacts) {
  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: facts.articleUrl,
    claimReviewed: facts.claim,
    datePublished: facts.publishedAt.toISOString().slice(0, 10),
    inLanguage: "vi",
    author: { "@type": "Organization", name: facts.unitName, url: facts.portalUrl },
    reviewRating: {
      "@type": "Rating",
      ratingValue: ratingOf[facts.label],
      bestRating,
      worstRating,
      alternateName: labelNames[facts.label].vi,
    },
  };
}

const dateFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

export interface CorrectionLogEntry {
  version: number;
  labelBefore: string | null;
  labelAfter: string;
  note: string;
  createdAt: Date;
}

function labelName(label: string | null): string {
  return label && label in labelNames ? labelNames[label as keyof typeof labelNames].vi : "";
}

/** The parts the portal's article page adds for a correction article. */
export interface ArticleCorrection {
  /** The ClaimReview JSON-LD, only while the verdict is public. */
  head: SafeHtml;
  /** Above the body: the notice while the verdict is being corrected. */
  before: SafeHtml;
  /** Below the body: the public correction log. */
  after: SafeHtml;
}

export function articleCorrection(options: {
  review: ClaimReviewFacts | null;
  correcting: boolean;
  log: CorrectionLogEntry[];
  publicUrl: string;
}): ArticleCorrection {
  const head = options.review
    ? new SafeHtml(
        `<script type="application/ld+json">${scriptSafeJson(claimReview(options.review))}</script>`,
      )
    : new SafeHtml("");
  const before = options.correcting
    ? html`<div class="notice" role="note" style="border:2px solid #f9a825;background:#fff8e1;color:#5d4037;border-radius:8px;padding:12px 16px;margin:12px 0"><p style="margin:0"><strong>Kết luận này đang được xem xét lại để đính chính.</strong> Vui lòng chưa sử dụng kết luận dưới đây cho đến khi bản đính chính được công bố. Xem <a href="${options.publicUrl}${methodologyPath}#dinh-chinh">chính sách đính chính</a>.</p></div>`
    : html``;
  const after =
    options.log.length > 0
      ? html`<section class="corrections" aria-labelledby="nhat-ky-dinh-chinh"><h2 id="nhat-ky-dinh-chinh">Nhật ký đính chính</h2><ul>${options.log.map(
          (entry) =>
            html`<li><time datetime="${entry.createdAt.toISOString()}">${dateFormat.format(entry.createdAt)}</time> — ${entry.labelBefore && entry.labelBefore !== entry.labelAfter ? html`Kết luận đổi từ “${labelName(entry.labelBefore)}” thành “${labelName(entry.labelAfter)}”. ` : html`Giữ kết luận “${labelName(entry.labelAfter)}”. `}${entry.note}</li>`,
        )}</ul></section>`
      : html``;
  return { head, before, after };
}

export { isPublicLabel };
