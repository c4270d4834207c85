import { type TipStatus, tipLimits } from "../../../../shared/api/verification-tips.ts";
import { html, type SafeHtml, safeHref } from "../../../http/html.ts";
import { tipPageLayout } from "./page-layout.ts";

/** The public scale's words (tingia.gov.vn's labels). */
export const publicLabelWords = { fake: "Tin giả", false: "Tin sai sự thật", true: "Tin xác thực" } as const;

const timeFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit",
  minute: "2-digit",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour12: false,
});

/** "14:30, 06/12/2026", in Vietnam's time. */
function vietnamTime(value: Date): string {
  const parts = Object.fromEntries(timeFormat.formatToParts(value).map((part) => [part.type, part.value]));
  return `${parts.hour}:${parts.minute}, ${parts.day}/${parts.month}/${parts.year}`;
}

export interface TipFormState {
  /** What the reporter typed, shown again after a refusal. */
  values?: { url?: string; text?: string; email?: string };
  unit?: { id: string; name: string } | null;
  error?: string | null;
  /** Screenshots were attached to the refused form: the browser cannot keep them. */
  hadImages?: boolean;
}

const megabytes = tipLimits.imageBytes / 1024 / 1024;

/** `/bao-tin`: the form a citizen sends a tip with, and the box to follow one by its code. */
export function renderTipFormPage(state: TipFormState = {}): string {
  const values = state.values ?? {};
  const body = html`<h1>Báo tin cần xác minh</h1>
<p>Gửi cho tổ xử lý thông tin một tin đồn, tin nghi sai sự thật, lời mời lừa đảo hoặc trang mạng giả mạo cơ quan, đơn vị. Tổ sẽ đối chiếu với nguồn chính thống và công bố kết luận.</p>
${state.unit ? html`<p class="muted">Tin được gửi đến: <strong>${state.unit.name}</strong></p>` : null}
${
  state.error
    ? html`<div class="box error" role="alert" id="loi"><p><strong>Chưa gửi được tin.</strong> ${state.error}</p>${
        state.hadImages ? html`<p>Vui lòng chọn lại ảnh chụp màn hình trước khi gửi.</p>` : null
      }</div>`
    : null
}
<form class="tip" method="post" action="/bao-tin" enctype="multipart/form-data">
<label for="url">Địa chỉ trang có tin (nếu có)</label>
<p class="hint" id="url-hint">Dán địa chỉ bài viết, trang mạng xã hội hoặc trang web, ví dụ https://www.facebook.com/…</p>
<input type="text" id="url" name="url" inputmode="url" autocomplete="off" maxlength="${tipLimits.urlChars}" aria-describedby="url-hint" value="${values.url ?? ""}">
<label for="text">Nội dung tin</label>
<p class="hint" id="text-hint">Chép lại nội dung tin hoặc mô tả điều bạn thấy (tối đa ${tipLimits.textChars.toLocaleString("vi-VN")} ký tự). Vui lòng nhập địa chỉ trang hoặc nội dung tin, hoặc cả hai.</p>
<textarea id="text" name="text" rows="7" maxlength="${tipLimits.textChars}" aria-describedby="text-hint">${values.text ?? ""}</textarea>
<label for="email">E-mail để nhận kết quả (không bắt buộc)</label>
<p class="hint" id="email-hint">Chỉ dùng để báo cho bạn kết quả xác minh; địa chỉ được xóa cùng hồ sơ khi hết thời hạn lưu trữ.</p>
<input type="email" id="email" name="email" autocomplete="email" maxlength="${tipLimits.emailChars}" aria-describedby="email-hint" value="${values.email ?? ""}">
<div class="hp" aria-hidden="true"><label for="homepageUrl">Không điền vào ô này</label><input type="text" id="homepageUrl" name="homepageUrl" tabindex="-1" autocomplete="off"></div>
${state.unit ? html`<input type="hidden" name="unitId" value="${state.unit.id}">` : null}
<label for="images">Ảnh chụp màn hình (không bắt buộc)</label>
<p class="hint" id="images-hint">Tối đa ${tipLimits.images} ảnh, mỗi ảnh không quá ${megabytes} MB (JPEG, PNG, WebP hoặc GIF).</p>
<input type="file" id="images" name="images" multiple accept="image/jpeg,image/png,image/webp,image/gif" aria-describedby="images-hint">
<button type="submit">Gửi tin</button>
</form>
<h2 id="tra-cuu">Theo dõi tin đã gửi</h2>
<form class="lookup" method="get" action="/bao-tin/tra-cuu" aria-labelledby="tra-cuu">
<label for="ma">Mã theo dõi</label>
<input type="text" id="ma" name="ma" autocomplete="off" autocapitalize="characters" placeholder="BT-7K3M-9QXA">
<button type="submit">Xem tình trạng</button>
</form>
<p class="muted">Nếu đã bị lừa đảo, hãy trình báo ngay với cơ quan Công an nơi gần nhất.</p>`;
  return tipPageLayout("Báo tin cần xác minh", body);
}

const steps = [
  { key: "received", words: "Đã tiếp nhận" },
  { key: "checking", words: "Đang xác minh" },
  { key: "answered", words: "Đã có kết quả" },
] as const;

function stepsOf(status: TipStatus["status"]): SafeHtml {
  const current = steps.findIndex((step) => step.key === status);
  return html`<ol class="steps" aria-label="Các bước xử lý">${steps.map((step, index) =>
    index === current
      ? html`<li aria-current="step">${index + 1}. ${step.words}</li>`
      : html`<li${index < current ? html` class="past"` : null}>${index + 1}. ${step.words}${index < current ? " ✓" : ""}</li>`,
  )}</ol>`;
}

function outcomeOf(tip: TipStatus): SafeHtml | null {
  if (tip.verdict) {
    const words = publicLabelWords[tip.verdict.label];
    return html`<section class="box ${tip.verdict.label}" aria-labelledby="ket-luan">
<h2 id="ket-luan">Kết luận: ${words}</h2>
<p>${tip.verdict.claimReviewed}</p>
<p><a href="${safeHref(tip.verdict.url)}">Đọc bài đính chính của đơn vị</a></p>
<p class="muted">Công bố lúc ${vietnamTime(tip.verdict.publishedAt)}.</p>
</section>`;
  }
  if (tip.closedWithoutVerdict) {
    return html`<section class="box info" aria-labelledby="ket-luan">
<h2 id="ket-luan">Đã xử lý xong</h2>
<p>Tổ xử lý thông tin đã xem xét tin này và kết thúc xử lý mà không công bố kết luận (chưa đủ căn cứ để kết luận, hoặc nội dung không thuộc phạm vi xác minh). Cảm ơn bạn đã báo tin.</p>
</section>`;
  }
  if (tip.status === "checking") {
    return html`<p>Tổ xử lý thông tin đang đối chiếu tin này với nguồn chính thống. Kết luận sẽ được công bố trên trang tin của đơn vị và hiện tại đây.</p>`;
  }
  return html`<p>Tin đã được chuyển đến tổ xử lý thông tin và đang chờ xem xét.</p>`;
}

/** `/bao-tin/<code>`: where the reporter's tip has got, and the verdict once it is public. */
export function renderTipStatusPage(tip: TipStatus, options: { justSent?: boolean } = {}): string {
  const body = html`${
    options.justSent
      ? html`<div class="box done" role="status"><p><strong>Đã gửi tin thành công.</strong> Vui lòng ghi lại mã theo dõi dưới đây để xem kết quả xác minh.</p></div>`
      : null
  }
<h1>Tình trạng tin đã gửi</h1>
<p>Mã theo dõi: <span class="code">${tip.trackingCode}</span></p>
<p class="muted">Tiếp nhận lúc ${vietnamTime(tip.receivedAt)}.</p>
${stepsOf(tip.status)}
${outcomeOf(tip)}
<h2>Nội dung bạn đã gửi</h2>
${tip.url ? html`<p>Địa chỉ trang: <span class="sent-url">${tip.url}</span></p>` : null}
${tip.excerpt ? html`<div class="sent">${tip.excerpt}</div>` : null}
<p><a href="/bao-tin">Gửi tin khác</a></p>`;
  return tipPageLayout(`Tình trạng tin ${tip.trackingCode}`, body, { noindex: true });
}

/** What a visitor is told when a tip page could not answer. */
export function renderTipProblemPage(problem: {
  status: number;
  message?: string;
  retryAfterSeconds?: number;
}): string {
  let title = "Yêu cầu không hợp lệ";
  let lines = [problem.message ?? "Dữ liệu gửi lên không đúng. Vui lòng quay lại và thử lại."];
  if (problem.status === 404) {
    title = "Không tìm thấy";
    lines = [
      problem.message ?? "Địa chỉ này không có trên trang báo tin.",
      "Có thể mã theo dõi bị gõ sai. Vui lòng kiểm tra lại.",
    ];
  } else if (problem.status === 429) {
    title = "Hệ thống tạm thời giới hạn truy cập";
    lines = [
      "Thiết bị của bạn đã gửi nhiều yêu cầu trong thời gian ngắn.",
      problem.retryAfterSeconds
        ? `Vui lòng đợi khoảng ${problem.retryAfterSeconds} giây rồi thử lại.`
        : "Vui lòng đợi một lát rồi thử lại.",
    ];
  } else if (problem.status >= 500) {
    title = "Máy chủ đang gặp sự cố";
    lines = ["Đã có lỗi ở máy chủ. Vui lòng thử lại sau ít phút."];
  }
  const body = html`<h1>${title}</h1>
<div class="box error" role="alert">${lines.map((line) => html`<p>${line}</p>`)}</div>
<p><a href="/bao-tin">Quay lại trang báo tin</a></p>`;
  return tipPageLayout(title, body, { noindex: true });
}
