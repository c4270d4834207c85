import { formatVietnamDate } from "../../../shared/vietnam-time.ts";
import { html, SafeHtml, safeHref } from "../../http/html.ts";
import type { FeedItem } from "./schema.ts";

/*
 * The member's share feed as one light server-rendered page: members open it from a message on a
 * cheap phone over a slow network, where the web app's own bundle would take seconds to arrive. A
 * small script (feed-page-script.js) adds the share buttons' behaviour.
 */

export type FeedLocale = "vi" | "en";

const texts = {
  vi: {
    title: "Chia sẻ tin",
    intro:
      "Tin chính thống của đơn vị để bạn chia sẻ. Mỗi tin có liên kết riêng của bạn; hệ thống chỉ đếm lượt mở liên kết này, không xem trang cá nhân của bạn.",
    empty: "Chưa có tin nào để chia sẻ. Khi ban biên tập gửi tin cho đơn vị của bạn, tin sẽ hiện ở đây.",
    campaign: "Chiến dịch",
    nextCaption: "Lời dẫn khác",
    captionOf: (index: number, total: number) => `lời dẫn ${index}/${total}`,
    yourLink: "Liên kết của bạn",
    leadsTo: "Dẫn đến",
    share: "Chia sẻ",
    zalo: "Zalo",
    facebook: "Facebook",
    copy: "Sao chép",
    shared: "Đã chia sẻ",
    unmark: "Bỏ đánh dấu",
    mark: "Đánh dấu đã chia sẻ",
    expires: "Hết hạn",
    more: "Xem thêm",
    previous: "Trang trước",
    // The feed is a member's home: their other pages are reached from its header.
    pages: "Trang của tôi",
    myAccounts: "Kê khai tài khoản mạng xã hội",
    myStories: "Gửi tin bài",
    profile: "Hồ sơ của tôi",
    declarationsDue: (count: number, due: string) =>
      `Bạn có ${count} yêu cầu rà soát kê khai tài khoản cần xác nhận, hạn sớm nhất ngày ${due}.`,
    reviewDeclarations: "Rà soát kê khai",
    ranking: "Xếp hạng cá nhân: bạn chọn có hiện tên hay không",
    language: "English",
    languageHref: "?lang=en",
    copied: "Đã sao chép lời dẫn và liên kết.",
    zaloHint: "Đã sao chép. Mở Zalo và dán vào tin nhắn hoặc nhật ký.",
    facebookOpened: "Trang chia sẻ của Facebook đã mở trong thẻ mới.",
    sheetClosed: "Bạn đã chọn nơi chia sẻ.",
    confirmQuestion: "Đã chia sẻ xong?",
    confirmYes: "Đã chia sẻ",
    confirmNo: "Chưa",
    copyFailed: "Không sao chép được. Vui lòng chọn và sao chép liên kết ở trên.",
    markFailed: "Chưa lưu được. Vui lòng thử lại.",
    cardAlt: (title: string) => `Ảnh chia sẻ: ${title}`,
  },
  en: {
    title: "Share news",
    intro:
      "Official news of your unit for you to share. Each has your own link; only openings of that link are counted, never your personal pages.",
    empty: "Nothing to share yet. When the editorial board sends news to your unit, it appears here.",
    campaign: "Campaign",
    nextCaption: "Another caption",
    captionOf: (index: number, total: number) => `caption ${index}/${total}`,
    yourLink: "Your link",
    leadsTo: "Leads to",
    share: "Share",
    zalo: "Zalo",
    facebook: "Facebook",
    copy: "Copy",
    shared: "Shared",
    unmark: "Unmark",
    mark: "Mark as shared",
    expires: "Expires",
    more: "More",
    previous: "Previous page",
    pages: "My pages",
    myAccounts: "Social media declarations",
    myStories: "Send a story",
    profile: "My profile",
    declarationsDue: (count: number, due: string) =>
      `You have ${count} request${count === 1 ? "" : "s"} to review your account declarations, the first due on ${due}.`,
    reviewDeclarations: "Review my declarations",
    ranking: "Individual rankings: you choose whether your name is shown",
    language: "Tiếng Việt",
    languageHref: "?lang=vi",
    copied: "Caption and link copied.",
    zaloHint: "Copied. Open Zalo and paste it into a message or your timeline.",
    facebookOpened: "Facebook's share page opened in a new tab.",
    sheetClosed: "You chose where to share it.",
    confirmQuestion: "Done sharing?",
    confirmYes: "Yes, shared",
    confirmNo: "Not yet",
    copyFailed: "Could not copy. Select and copy the link above.",
    markFailed: "Not saved yet. Please try again.",
    cardAlt: (title: string) => `Share card: ${title}`,
  },
};

const dateFormats = {
  vi: new Intl.DateTimeFormat("vi-VN", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "2-digit",
    year: "numeric",
  }),
  en: new Intl.DateTimeFormat("en-GB", {
    timeZone: "Asia/Ho_Chi_Minh",
    day: "2-digit",
    month: "short",
    year: "numeric",
  }),
};

const styles = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1b1e;background:#f1f3f5}
header{background:#1864ab;color:#fff;padding:.6rem 1rem;display:flex;gap:.75rem;align-items:center;justify-content:space-between}
header a{color:#fff}
.brand{font-weight:700;text-decoration:none}
.mine{display:flex;flex-wrap:wrap;gap:.25rem 1rem;background:#fff;padding:.4rem 1rem;border-bottom:1px solid #dee2e6;font-size:.95rem}
.mine a{color:#1864ab;padding:.35rem 0}
.due{background:#fff4e6;border:1px solid #ffc078;border-radius:8px;padding:.6rem .75rem;margin:0 0 .75rem}
.due p{margin:0 0 .4rem}
main{max-width:40rem;margin:0 auto;padding:.75rem}
h1{font-size:1.35rem;margin:.25rem 0 .25rem}
.intro{color:#495057;font-size:.9rem;margin:0 0 .75rem}
.kit{background:#fff;border-radius:10px;margin:0 0 1rem;overflow:hidden;box-shadow:0 1px 2px rgba(0,0,0,.08)}
.kit img{display:block;width:100%;height:auto;aspect-ratio:1200/630;background:#dee2e6}
.body{padding:.75rem}
.kit h2{font-size:1.05rem;margin:0 0 .25rem}
.meta{color:#495057;font-size:.85rem;margin:0 0 .5rem}
.badge{display:inline-block;background:#e7f5ff;color:#1864ab;border-radius:999px;padding:0 .5rem;font-size:.8rem;margin-right:.25rem}
.caption{background:#f8f9fa;border-radius:6px;padding:.5rem;margin:0 0 .25rem;white-space:pre-wrap}
.row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.link{font:14px/1.4 ui-monospace,monospace;word-break:break-all;margin:.5rem 0 .25rem}
.target{color:#495057;font-size:.8rem;margin:0 0 .5rem;word-break:break-all}
button,.button{font:inherit;gap:.3rem;font-size:.95rem;border:1px solid #1864ab;background:#fff;color:#1864ab;border-radius:6px;padding:.45rem .8rem;min-height:44px;cursor:pointer;text-decoration:none;display:inline-flex;align-items:center}
.primary{background:#1864ab;color:#fff}
.quiet{border-color:transparent;padding-left:0;min-height:36px}
.shared{color:#2b7a3c;font-weight:600}
.note{color:#495057;font-size:.9rem;margin:.5rem 0 0}
.note:empty{display:none}
.confirm{background:#e7f5ff;border-radius:6px;padding:.5rem;margin:.5rem 0}
.confirm strong{flex-basis:100%}
.pages{display:flex;justify-content:space-between;margin:1rem 0}
.ranking{font-size:.9rem}
[hidden]{display:none!important}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
`;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return url;
  }
}

function kitCard(item: FeedItem, locale: FeedLocale, eager: boolean): SafeHtml {
  const t = texts[locale];
  const caption = item.captions[0] ?? "";
  const shared = item.sharedAt !== null;
  return html`<article class="kit" data-testid="feed-kit" data-kit-id="${item.id}" data-captions="${JSON.stringify(item.captions)}" data-link="${item.link.url}" data-title="${item.title}">
<img src="${item.cardUrl}" width="1200" height="630" alt="${t.cardAlt(item.title)}" ${eager ? new SafeHtml('fetchpriority="high"') : new SafeHtml('loading="lazy"')} decoding="async">
<div class="body">
<h2>${item.title}</h2>
<p class="meta">${item.campaign ? html`<span class="badge">${t.campaign}: ${item.campaign.name}</span>` : ""}${item.unitName} · ${dateFormats[locale].format(item.createdAt)}${item.expiresAt ? html` · ${t.expires} ${dateFormats[locale].format(item.expiresAt)}` : ""}</p>
<p class="caption" data-testid="feed-caption">${caption}</p>
${
  item.captions.length > 1
    ? html`<button type="button" class="quiet" data-action="next-caption" aria-label="${t.nextCaption} (${t.captionOf(1, item.captions.length)})">${t.nextCaption} <span data-caption-count>(1/${item.captions.length})</span></button>`
    : ""
}
<p class="link"><span class="sr">${t.yourLink}: </span><span data-testid="feed-link">${item.link.url}</span></p>
<p class="target">${t.leadsTo} ${hostOf(item.targetUrl)}</p>
<div class="row">
<button type="button" class="primary" data-action="native" data-testid="feed-native" hidden>${t.share}</button>
<button type="button" data-action="zalo" data-testid="feed-zalo">${t.zalo}</button>
<a class="button" data-action="facebook" data-testid="feed-facebook" href="${safeHref(`https://www.facebook.com/sharer/sharer.php?u=${encodeURIComponent(item.link.url)}`)}" target="_blank" rel="noopener">${t.facebook}</a>
<button type="button" data-action="copy" data-testid="feed-copy">${t.copy}</button>
</div>
<p class="note" data-testid="feed-note" role="status" aria-live="polite"></p>
<div class="row confirm" data-testid="feed-confirm" role="group" aria-label="${t.confirmQuestion}" hidden><strong>${t.confirmQuestion}</strong><button type="button" class="primary" data-action="confirm" data-testid="feed-confirm-yes">${t.confirmYes}</button><button type="button" data-action="not-yet" data-testid="feed-confirm-no">${t.confirmNo}</button></div>
<div class="row" data-testid="feed-shared" ${shared ? "" : new SafeHtml("hidden")}><span class="shared">✓ ${t.shared}</span><button type="button" class="quiet" data-action="unmark">${t.unmark}</button></div>
<div class="row" data-testid="feed-unshared" ${shared ? new SafeHtml("hidden") : ""}><button type="button" class="quiet" data-action="mark" data-testid="feed-mark">${t.mark}</button></div>
</div>
</article>`;
}

/** The whole feed page for one member: one page of kits, with links to the pages before and after. */
export function renderFeedPage(options: {
  locale: FeedLocale;
  items: FeedItem[];
  page: number;
  hasMore: boolean;
  csrfToken: string;
  scriptUrl: string;
  /** The member's unanswered requests to review their declarations: how many, and the first due date (YYYY-MM-DD). */
  declarationsDue?: { count: number; dueOn: string } | null;
}): string {
  const t = texts[options.locale];
  const { page } = options;
  const langParam = `lang=${options.locale}`;
  const messages = JSON.stringify({
    copied: t.copied,
    zaloHint: t.zaloHint,
    facebookOpened: t.facebookOpened,
    sheetClosed: t.sheetClosed,
    copyFailed: t.copyFailed,
    markFailed: t.markFailed,
    nextCaption: t.nextCaption,
  });
  return html`<!doctype html>
<html lang="${options.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="csrf-token" content="${options.csrfToken}">
<meta name="robots" content="noindex">
<title>${t.title} · Cầu Nối</title>
<link rel="icon" href="/favicon.svg" type="image/svg+xml">
<style>${new SafeHtml(styles)}</style>
<script src="${options.scriptUrl}" defer></script>
</head>
<body data-messages="${messages}">
<header><a class="brand" href="/">Cầu Nối</a><a href="${options.locale === "vi" ? texts.vi.languageHref : texts.en.languageHref}" lang="${options.locale === "vi" ? "en" : "vi"}">${t.language}</a></header>
<nav class="mine" aria-label="${t.pages}"><a href="/my-accounts">${t.myAccounts}</a><a href="/my-stories">${t.myStories}</a><a href="/profile">${t.profile}</a></nav>
<main>
<h1>${t.title}</h1>
${
  options.declarationsDue
    ? html`<div class="due" data-testid="feed-declarations-due"><p>${t.declarationsDue(options.declarationsDue.count, formatVietnamDate(options.declarationsDue.dueOn))}</p><a class="button primary" href="/my-accounts">${t.reviewDeclarations}</a></div>`
    : ""
}
<p class="intro">${t.intro}</p>
${options.items.length === 0 ? html`<p data-testid="feed-empty">${t.empty}</p>` : options.items.map((item, index) => kitCard(item, options.locale, index === 0 && page === 1))}
<nav class="pages" aria-label="${t.title}">
${page > 1 ? html`<a class="button" href="?page=${page - 1}&amp;${new SafeHtml(langParam)}" rel="prev">${t.previous}</a>` : html`<span></span>`}
${options.hasMore ? html`<a class="button" href="?page=${page + 1}&amp;${new SafeHtml(langParam)}" rel="next" data-testid="feed-more">${t.more}</a>` : ""}
</nav>
<p class="ranking"><a href="/profile#xep-hang">${t.ranking}</a></p>
</main>
</body>
</html>`.value;
}
