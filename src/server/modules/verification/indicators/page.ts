import type { IndicatorKind, VerdictLabel } from "../../../../shared/api/verification-values.ts";
import { html, SafeHtml, safeHref } from "../../../http/html.ts";
import type { lookupIndicator } from "./public.ts";

/*
 * /tra-cuu-lua-dao: a citizen checks a phone number, account, domain or page against the confirmed
 * scams. Server-rendered, no script, light enough for a cheap phone; it never calls a value "safe":
 * not being listed only means no confirmed case names it yet.
 */

type LookupAnswer = Awaited<ReturnType<typeof lookupIndicator>>;

const kindNames: Record<IndicatorKind, string> = {
  phone: "Số điện thoại",
  bank_account: "Số tài khoản ngân hàng",
  domain: "Tên miền",
  account_url: "Địa chỉ trang, tài khoản",
};

const labelNames: Partial<Record<VerdictLabel, string>> = { fake: "Tin giả", false: "Tin sai sự thật" };

const styles = new SafeHtml(`
*{box-sizing:border-box}
body{margin:0;overflow-wrap:break-word;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:17px;line-height:1.5;color:#1f2328;background:#f6f7f9}
header{background:#b71c1c;color:#fff;padding:12px 16px}
header a{color:#fff;text-decoration:none;font-weight:600}
header nav{display:flex;gap:16px;flex-wrap:wrap;align-items:baseline}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:1.4em;margin:.4em 0}
form{display:flex;flex-wrap:wrap;gap:8px;margin:12px 0}
label{width:100%;font-weight:600}
input[type=text]{flex:1 1 220px;min-width:0;padding:10px;font-size:1em;border:1px solid #6e7781;border-radius:6px}
button{padding:10px 18px;font-size:1em;border:0;border-radius:6px;background:#b71c1c;color:#fff;cursor:pointer}
.answer{border-radius:10px;padding:16px;margin:16px 0;border:2px solid;overflow-wrap:anywhere}
.answer h2{margin:0 0 8px;font-size:1.3em}
.listed{background:#ffebee;border-color:#c62828;color:#8e0000}
.unlisted{background:#eceff1;border-color:#78909c;color:#263238}
.error{background:#fff3f3;border-color:#c62828;color:#8e0000}
.card{background:#fff;color:#1f2328;border:1px solid #d0d7de;border-radius:8px;padding:12px;margin:8px 0;overflow-wrap:anywhere}
.card a{color:#0b57d0}
.muted{color:#57606a;font-size:.9em}
code{font-size:.95em;background:#fff;padding:0 4px;border-radius:4px;color:#1f2328}
footer{max-width:720px;margin:24px auto;padding:0 16px;color:#57606a;font-size:.9em}
`);

function layout(title: string, body: SafeHtml): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Cầu Nối</title>
<style>${styles}</style>
</head>
<body>
<header><nav><a href="/tra-cuu-lua-dao">Tra cứu lừa đảo</a><a href="/kiem-tra">Kiểm tra kênh chính thức</a><a href="/danh-ba">Danh bạ kênh chính thức</a></nav></header>
<main>
${body}
</main>
<footer>Cầu Nối — danh sách cảnh báo lừa đảo gồm các số điện thoại, tài khoản, tên miền và trang đã được cơ quan chức năng xác minh trong các vụ lừa đảo.</footer>
</body>
</html>`.value;
}

const advice = html`<ul>
<li>Tuyệt đối không cung cấp thông tin cá nhân, mã OTP hoặc chuyển tiền theo yêu cầu của người lạ, kể cả khi họ xưng là cơ quan nhà nước, ngân hàng hay người quen.</li>
<li>Cơ quan Công an, Tòa án, Viện kiểm sát không làm việc qua điện thoại hay mạng xã hội để yêu cầu chuyển tiền.</li>
<li>Nếu đã bị lừa đảo, hãy trình báo ngay với cơ quan Công an nơi gần nhất và báo ngân hàng để phong tỏa giao dịch.</li>
</ul>`;

function listedAnswer(answer: LookupAnswer): SafeHtml {
  return html`<section class="answer listed" role="status">
<h2>Có trong danh sách cảnh báo lừa đảo</h2>
<p>${kindNames[answer.kind]} <code>${answer.normalised}</code> đã được xác minh là có trong ${answer.items.length > 1 ? `${answer.items.length} vụ lừa đảo` : "một vụ lừa đảo"}:</p>
${answer.items.map(
  (item) => html`<div class="card">
<div><strong>${labelNames[item.case.label] ?? ""}</strong>: ${item.case.title}</div>
<div class="muted">${kindNames[item.kind]} như đã ghi nhận: ${item.display}</div>
${item.case.articleUrl ? html`<div><a href="${safeHref(item.case.articleUrl)}">Đọc bài cảnh báo</a></div>` : null}
</div>`,
)}
<p><strong>Vui lòng không liên lạc, không chuyển tiền.</strong></p>
${advice}
</section>`;
}

function unlistedAnswer(answer: LookupAnswer): SafeHtml {
  return html`<section class="answer unlisted" role="status">
<h2>Chưa có trong danh sách</h2>
<p>${kindNames[answer.kind]} <code>${answer.normalised}</code> chưa có trong danh sách cảnh báo lừa đảo đã được xác minh.</p>
<p>Điều này <strong>không có nghĩa là an toàn</strong>: kẻ gian thường xuyên đổi số điện thoại, tài khoản và trang web. Vui lòng luôn cảnh giác.</p>
${advice}
<p>Nếu nghi ngờ, vui lòng <a href="/bao-tin">báo tin cho cơ quan chức năng</a> để được xác minh.</p>
</section>`;
}

/** The lookup page: the form, and the answer when a value was given. */
export function renderScamLookupPage(options: {
  value?: string;
  answer?: LookupAnswer;
  error?: { vi: string };
}): string {
  const body = html`<h1>Tra cứu cảnh báo lừa đảo</h1>
<p>Nhập số điện thoại, số tài khoản ngân hàng, tên miền hoặc địa chỉ trang mạng xã hội để biết đã có trong danh sách các vụ lừa đảo được cơ quan chức năng xác minh hay chưa.</p>
<form method="get" action="/tra-cuu-lua-dao" role="search">
<label for="value">Số điện thoại, số tài khoản, tên miền hoặc địa chỉ trang</label>
<input type="text" id="value" name="value" autocomplete="off" placeholder="0912 345 678, tenmien.com…" value="${options.value ?? ""}" required>
<button type="submit">Tra cứu</button>
</form>
${options.error ? html`<section class="answer error" role="alert"><h2>Không tra cứu được</h2><p>${options.error.vi}</p></section>` : null}
${options.answer ? (options.answer.found ? listedAnswer(options.answer) : unlistedAnswer(options.answer)) : null}
<p class="muted">Tải về danh sách cảnh báo: <a href="/api/public/indicators.csv">CSV</a> · <a href="/api/public/indicators.json">JSON</a></p>`;
  return layout("Tra cứu cảnh báo lừa đảo", body);
}

/** What a visitor of the lookup page is told when it could not answer (rate limit, bad address, fault). */
export function renderScamProblemPage(problem: {
  status: number;
  message?: string;
  retryAfterSeconds?: number;
}) {
  let title = "Máy chủ đang gặp sự cố";
  let lines = ["Đã có lỗi ở máy chủ. Vui lòng thử lại sau ít phút."];
  if (problem.status === 429) {
    title = "Hệ thống tạm thời giới hạn truy cập";
    lines = [
      "Thiết bị của bạn đã gửi nhiều yêu cầu trong thời gian ngắn.",
      problem.retryAfterSeconds
        ? `Vui lòng đợi khoảng ${problem.retryAfterSeconds} giây rồi thử lại.`
        : "Vui lòng đợi một lát rồi thử lại.",
    ];
  } else if (problem.status === 404) {
    title = "Không tìm thấy trang";
    lines = ["Có thể liên kết bị gõ sai. Vui lòng quay lại trang tra cứu."];
  } else if (problem.status < 500) {
    title = "Yêu cầu không hợp lệ";
    lines = [problem.message ?? "Dữ liệu gửi lên không đúng. Vui lòng quay lại và thử lại."];
  }
  const body = html`<h1>${title}</h1>
<section class="answer error" role="alert">${lines.map((line) => html`<p>${line}</p>`)}</section>
<p><a href="/tra-cuu-lua-dao">Quay lại trang tra cứu cảnh báo lừa đảo</a></p>`;
  return layout(title, body);
}
