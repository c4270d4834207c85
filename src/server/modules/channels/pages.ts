import { html, SafeHtml, safeHref } from "../../http/html.ts";
import type { ChannelPlatform } from "./canonical-url.ts";
import type { LookupAnswer, PublicChannel } from "./schema.ts";

/** Platform names as people say them. */
export const platformNames: Record<ChannelPlatform, string> = {
  website: "Trang web",
  facebook_page: "Trang Facebook",
  facebook_group: "Nhóm Facebook",
  zalo_oa: "Zalo OA",
  zalo_group: "Nhóm Zalo",
  youtube: "YouTube",
  tiktok: "TikTok",
  other: "Kênh khác",
};

const dateFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

/** A date as shown to people in Vietnam (dd/mm/yyyy, Asia/Ho_Chi_Minh). */
export function vietnamDate(value: Date): string {
  return dateFormat.format(value);
}

const styles = `
*{box-sizing:border-box}
body{margin:0;overflow-wrap:break-word;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:17px;line-height:1.5;color:#1f2328;background:#f6f7f9}
header{background:#b71c1c;color:#fff;padding:12px 16px}
header a{color:#fff;text-decoration:none;font-weight:600}
header nav{display:flex;gap:16px;flex-wrap:wrap;align-items:baseline}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:1.4em;margin:.4em 0}
form{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
label{width:100%;font-weight:600}
input[type=text],input[type=url],input[type=search],select{flex:1 1 220px;min-width:0;padding:10px;font-size:1em;border:1px solid #8c959f;border-radius:6px}
button{padding:10px 18px;font-size:1em;border:0;border-radius:6px;background:#b71c1c;color:#fff;cursor:pointer}
.verdict{border-radius:10px;padding:16px;margin:16px 0;border:2px solid;overflow-wrap:anywhere}
.verdict h2{margin:0 0 8px;font-size:1.3em}
.verdict>p:first-child{margin-top:0}
.verdict>p:last-child{margin-bottom:0}
.official{background:#e8f5e9;border-color:#2e7d32;color:#1b5e20}
.former{background:#fff8e1;border-color:#f9a825;color:#7a4f01}
.unknown{background:#eceff1;border-color:#78909c;color:#37474f}
.impersonation{background:#ffebee;border-color:#c62828;color:#b71c1c}
.error{background:#fff3f3;border-color:#c62828;color:#8e0000}
.path{color:#57606a;font-size:.95em}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px;margin:8px 0;overflow-wrap:anywhere}
.card a{color:#0b57d0}
ul.plain{list-style:none;padding:0}
.muted{color:#57606a;font-size:.9em}
.links{display:flex;flex-wrap:wrap;gap:8px 16px;padding:0;list-style:none}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.report{margin:12px 0}
footer{max-width:720px;margin:24px auto;padding:0 16px;color:#57606a;font-size:.9em}
`;

/** Our own constant stylesheet: not user-controlled, so it is passed through unescaped. */
const trustedStyles = new SafeHtml(styles);

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Cầu Nối</title>
<style>${trustedStyles}</style>
</head>
<body>
<header><nav><a href="/kiem-tra">Kiểm tra kênh chính thức</a><a href="/danh-ba">Danh bạ kênh chính thức</a></nav></header>
<main>
${body}
</main>
<footer>Cầu Nối — danh bạ kênh truyền thông chính thức của các cơ quan, đơn vị. Thời gian theo giờ Việt Nam.</footer>
</body>
</html>`.value;
}

function unitPathLine(channel: PublicChannel): SafeHtml {
  return html`<div class="path">${channel.unit.path.join(" › ")}</div>`;
}

function channelCard(channel: PublicChannel, options: { withPath?: boolean } = {}): SafeHtml {
  return html`<div class="card">
<div><strong>${channel.displayName}</strong> · ${platformNames[channel.platform]}</div>
<div><a href="${safeHref(channel.url)}" rel="noopener nofollow">${channel.url}</a></div>
<div class="muted">${options.withPath ? channel.unit.path.join(" › ") : channel.unit.name} · chính thức từ ${vietnamDate(channel.since)}</div>
</div>`;
}

const reportAdvice = html`<p>Nếu trang này tự nhận là của một cơ quan, đơn vị:</p>
<ul>
<li>Đừng gửi thông tin cá nhân, mã OTP hay tiền theo yêu cầu của trang.</li>
<li>Tìm kênh chính thức của đơn vị trong <a href="/danh-ba">danh bạ kênh chính thức</a> và báo cho họ qua kênh đó.</li>
<li>Báo cáo trang với nền tảng (trên Facebook: “Báo cáo trang” → “Giả mạo”).</li>
<li>Nếu đã bị lừa, báo ngay cho công an nơi gần nhất.</li>
</ul>`;

function verdictOf(answer: LookupAnswer, url?: string): SafeHtml {
  const channel = answer.channel;
  if (answer.status === "official" && channel) {
    return html`<section class="verdict official" role="status">
<h2>✔ Kênh chính thức của ${channel.unit.name}</h2>
${unitPathLine(channel)}
<p><strong>${channel.displayName}</strong> (${platformNames[channel.platform]})<br>
<a href="${safeHref(channel.url)}" rel="noopener nofollow">${channel.url}</a></p>
<p class="muted">Trong danh bạ từ ${vietnamDate(channel.since)}.</p>
</section>`;
  }
  if (answer.status === "formerly_official" && channel) {
    const what =
      channel.status === "lost_control"
        ? html`Từng là kênh chính thức (đơn vị đã mất quyền quản trị từ ${vietnamDate(channel.since)})`
        : html`Từng là kênh chính thức (đã đóng từ ${vietnamDate(channel.since)})`;
    return html`<section class="verdict former" role="status">
<h2>⚠ ${what}</h2>
<p>Kênh <strong>${channel.displayName}</strong> từng thuộc <strong>${channel.unit.name}</strong>.</p>
${unitPathLine(channel)}
<p>Nội dung đăng trên kênh này hiện không còn do đơn vị quản lý. Vui lòng theo dõi đơn vị qua các kênh đang hoạt động trong <a href="/danh-ba">danh bạ</a>.</p>
</section>`;
  }
  if (answer.status === "impersonation") {
    return html`<section class="verdict impersonation" role="status">
<h2>✖ Trang đã được xác định là giả mạo</h2>
${
  channel
    ? html`<p>Trang này giả mạo kênh chính thức của <strong>${channel.unit.name}</strong>. Kênh thật là:</p>
${channelCard(channel, { withPath: true })}`
    : null
}
${reportAdvice}
</section>`;
  }
  return html`<section class="verdict unknown" role="status">
<h2>Không có trong danh bạ kênh chính thức</h2>
${answer.reason ? html`<p>${answer.reason.messages.vi}</p>` : null}
<p>Điều này không có nghĩa trang là giả mạo, nhưng không có đơn vị nào đăng ký trang này là kênh chính thức của mình.</p>
${answer.canonicalKey && url ? reportButton(url) : null}
${reportAdvice}
</section>`;
}

/** One button to send the address to the verification desk when a page claims to be a unit's. */
function reportButton(url: string): SafeHtml {
  return html`<form method="post" action="/kiem-tra/bao-gia-mao" class="report">
<input type="hidden" name="url" value="${url}">
<div class="hp" aria-hidden="true"><label for="website">Để trống ô này</label><input type="text" id="website" name="website" tabindex="-1" autocomplete="off"></div>
<button type="submit">Báo trang này là giả mạo</button>
</form>`;
}

/** The scam lookup's form (phone numbers, bank accounts, domains), served by the verification desk. */
const scamLookupForm = html`<form method="get" action="/tra-cuu-lua-dao" role="search">
<label for="value">Tra cứu số điện thoại, tài khoản, tên miền lừa đảo</label>
<input type="text" id="value" name="value" autocomplete="off" placeholder="0912 345 678, số tài khoản, tenmien.com…" required>
<button type="submit">Tra cứu</button>
</form>`;

/** The public lookup page: the form, and the verdict when an address was given. */
export function renderLookupPage(options: {
  url?: string;
  answer?: LookupAnswer;
  error?: { vi: string };
}): string {
  const body = html`<h1>Kiểm tra kênh chính thức</h1>
<p>Dán địa chỉ một trang Facebook, kênh YouTube, TikTok, Zalo hay trang web để biết đó có phải kênh chính thức của một cơ quan, đơn vị hay không.</p>
<form method="get" action="/kiem-tra">
<label for="url">Địa chỉ trang cần kiểm tra</label>
<input type="text" id="url" name="url" inputmode="url" autocomplete="off" placeholder="https://www.facebook.com/…" value="${options.url ?? ""}" required>
<button type="submit">Kiểm tra</button>
</form>
${options.error ? html`<section class="verdict error" role="alert"><h2>Không kiểm tra được</h2><p>${options.error.vi}</p></section>` : null}
${options.answer ? verdictOf(options.answer, options.url) : null}
${scamLookupForm}`;
  return layout("Kiểm tra kênh chính thức", body);
}

/** The answer to a citizen who pressed "Báo trang này là giả mạo". */
export function renderImpersonationReportPage(options: {
  url: string;
  outcome?: "received" | "official" | "impersonation";
  channel?: { displayName: string; url: string; unitName: string };
  error?: { vi: string };
}): string {
  let section: SafeHtml;
  if (options.error) {
    section = html`<section class="verdict error" role="alert"><h2>Chưa gửi được báo cáo</h2><p>${options.error.vi}</p></section>`;
  } else if (options.outcome === "official" && options.channel) {
    section = html`<section class="verdict official" role="status">
<h2>✔ Đây là kênh chính thức</h2>
<p><strong>${options.channel.displayName}</strong> là kênh chính thức của <strong>${options.channel.unitName}</strong> trong danh bạ, nên không cần báo cáo.</p>
</section>`;
  } else if (options.outcome === "impersonation") {
    section = html`<section class="verdict impersonation" role="status">
<h2>✖ Trang này đã được xác định là giả mạo</h2>
<p>Cảm ơn bạn. Tổ xử lý thông tin đã xác nhận trang này là giả mạo và đang đề nghị nền tảng gỡ bỏ.</p>
</section>`;
  } else {
    section = html`<section class="verdict official" role="status">
<h2>Đã nhận báo cáo của bạn</h2>
<p>Cảm ơn bạn. Tổ xử lý thông tin sẽ so sánh trang này với danh bạ kênh chính thức và xác minh. Bạn không cần gửi lại.</p>
</section>`;
  }
  const body = html`<h1>Báo trang giả mạo</h1>
<p class="muted">Địa chỉ đã báo: ${options.url}</p>
${section}
<ul class="links">
<li><a href="/kiem-tra?url=${encodeURIComponent(options.url)}">Quay lại kết quả kiểm tra</a></li>
<li><a href="/danh-ba">Xem danh bạ kênh chính thức</a></li>
</ul>`;
  return layout("Báo trang giả mạo", body);
}

interface DirectoryUnit {
  id: string;
  name: string;
  channelCount: number;
}

/** The public directory: search results, or one level of the unit tree with its channels. */
export function renderDirectoryPage(options: {
  q?: string;
  search?: { items: PublicChannel[]; total: number; page: number; pageSize: number };
  unit?: { id: string; name: string; path: string[] };
  channels?: PublicChannel[];
  children: DirectoryUnit[];
  /** The address of the trang tin of each unit shown that publishes one, by unit id. */
  sites?: ReadonlyMap<string, string>;
}): string {
  const siteLink = (unitId: string) => {
    const site = options.sites?.get(unitId);
    return site ? html`<a href="${site}">Trang tin của đơn vị</a>` : null;
  };
  const searchForm = html`<form method="get" action="/danh-ba" role="search">
<label for="q">Tìm theo tên kênh hoặc đơn vị (gõ có dấu hay không dấu đều được)</label>
<input type="search" id="q" name="q" value="${options.q ?? ""}">
${options.unit ? html`<input type="hidden" name="unitId" value="${options.unit.id}">` : null}
<button type="submit">Tìm</button>
</form>`;
  let content: SafeHtml;
  if (options.search) {
    const { items, total, page, pageSize } = options.search;
    const pages = Math.max(1, Math.ceil(total / pageSize));
    const link = (p: number) =>
      `/danh-ba?q=${encodeURIComponent(options.q ?? "")}${options.unit ? `&unitId=${options.unit.id}` : ""}&page=${p}`;
    content = html`<h2>${
      total === 0
        ? `Không tìm thấy kênh nào phù hợp với “${options.q ?? ""}”.`
        : `${total.toLocaleString("vi-VN")} kênh phù hợp với “${options.q ?? ""}”`
    }</h2>
${items.map((channel) => channelCard(channel, { withPath: true }))}
${
  pages > 1
    ? html`<p>${page > 1 ? html`<a href="${link(page - 1)}">‹ Trang trước</a> ` : null}Trang ${page}/${pages}${
        page < pages ? html` <a href="${link(page + 1)}">Trang sau ›</a>` : null
      }</p>`
    : null
}`;
  } else {
    const unit = options.unit;
    content = html`${
      unit
        ? html`<p class="path"><a href="/danh-ba">Tất cả</a> › ${unit.path.join(" › ")}</p>
<h2>${unit.name}</h2>
${siteLink(unit.id) ? html`<p>${siteLink(unit.id)}</p>` : null}
${(options.channels ?? []).length ? (options.channels ?? []).map((channel) => channelCard(channel)) : html`<p class="muted">Đơn vị này không có kênh riêng.</p>`}`
        : null
    }
${
  options.children.length
    ? html`<h2>${unit ? "Đơn vị trực thuộc" : "Các đơn vị"}</h2>
<ul class="plain">${options.children.map(
        (child) =>
          html`<li class="card"><a href="/danh-ba?unitId=${child.id}">${child.name}</a> <span class="muted">(${child.channelCount} kênh)</span>${
            siteLink(child.id) ? html` · ${siteLink(child.id)}` : null
          }</li>`,
      )}</ul>`
    : null
}`;
  }
  const body = html`<h1>Danh bạ kênh chính thức</h1>
${searchForm}
${content}
<p class="muted">Tải về toàn bộ danh bạ: <a href="/api/public/channels.csv">CSV</a> · <a href="/api/public/channels.json">JSON</a></p>`;
  return layout("Danh bạ kênh chính thức", body);
}

/** What a visitor of the public pages is told when their request could not be answered. */
export interface PublicPageProblem {
  status: number;
  /** The server's own sentence, when it has one the visitor can act on (e.g. the unit was not found). */
  message?: string;
  /** Seconds until another try is accepted (429). */
  retryAfterSeconds?: number;
}

function problemText(problem: PublicPageProblem): { title: string; lines: string[] } {
  if (problem.status === 404) {
    return {
      title: "Không tìm thấy trang",
      lines: [
        problem.message ?? "Địa chỉ này không có trên trang kiểm tra kênh và danh bạ kênh chính thức.",
        "Có thể địa chỉ bị gõ sai, hoặc đơn vị đã đổi tên, sáp nhập. Vui lòng tìm lại trong danh bạ.",
      ],
    };
  }
  if (problem.status === 429) {
    const wait = problem.retryAfterSeconds;
    return {
      title: "Hệ thống tạm thời giới hạn truy cập",
      lines: [
        "Thiết bị của bạn đã gửi nhiều yêu cầu trong thời gian ngắn. Để bảo vệ danh bạ khỏi các chương trình dò quét tự động, mỗi máy chỉ được gửi một số yêu cầu mỗi phút.",
        wait ? `Vui lòng đợi khoảng ${wait} giây rồi thử lại.` : "Vui lòng đợi một lát rồi thử lại.",
      ],
    };
  }
  if (problem.status < 500) {
    return {
      title: "Yêu cầu không hợp lệ",
      lines: [problem.message ?? "Địa chỉ hoặc dữ liệu gửi lên không đúng. Vui lòng quay lại và thử lại."],
    };
  }
  return {
    title: "Máy chủ đang gặp sự cố",
    lines: ["Đã có lỗi ở máy chủ. Vui lòng thử lại sau ít phút."],
  };
}

/** A light error page in Vietnamese for people who reached the public pages in a browser (also the desk's report page). */
export function renderProblemPage(problem: PublicPageProblem): string {
  const { title, lines } = problemText(problem);
  const body = html`<h1>${title}</h1>
<section class="verdict error" role="alert">
${lines.map((line) => html`<p>${line}</p>`)}
</section>
<ul class="links">
<li><a href="/kiem-tra">Kiểm tra một kênh</a></li>
<li><a href="/danh-ba">Xem danh bạ kênh chính thức</a></li>
</ul>`;
  return layout(title, body);
}
