import { html } from "../../http/html.ts";
import type { PublishedAnswer } from "../inbox/index.ts";
import { type PortalSite, page, questionsPageKey, vietnamDateTime } from "./pages.ts";

/*
 * The portal's "Hỏi đáp": a plain form (no script needed) to ask the unit, answered by e-mail, and
 * the questions the unit chose to publish with their answers, never with the asker's name.
 */

export interface QuestionFormValues {
  name?: string | undefined;
  email?: string | undefined;
  text?: string | undefined;
}

function pager(site: PortalSite, pageNumber: number, total: number, pageSize: number) {
  const pages = Math.ceil(total / pageSize);
  if (pages <= 1) {
    return "";
  }
  const link = (n: number) => `${site.baseUrl}/hoi-dap?trang=${n}#da-tra-loi`;
  return html`<nav class="pages" aria-label="Trang">
${pageNumber > 1 ? html`<a href="${link(pageNumber - 1)}" rel="prev">← Mới hơn</a>` : html`<span></span>`}
<span class="meta">Trang ${pageNumber}/${pages}</span>
${pageNumber < pages ? html`<a href="${link(pageNumber + 1)}" rel="next">Cũ hơn →</a>` : html`<span></span>`}
</nav>`;
}

export function questionsPage(
  site: PortalSite,
  data: {
    answers: PublishedAnswer[];
    total: number;
    page: number;
    pageSize: number;
    values?: QuestionFormValues;
    error?: string;
    sent?: boolean;
    limits: { textChars: number; nameChars: number; emailChars: number };
  },
): string {
  const values = data.values ?? {};
  const body = html`<div class="reading">
<h1>Hỏi đáp</h1>
<p>Gửi câu hỏi cho ${site.name}. Câu trả lời sẽ được gửi về e-mail của bạn. Đơn vị có thể đăng câu hỏi và câu trả lời lên trang này để người khác cùng biết, nhưng không bao giờ đăng tên hay e-mail của bạn.</p>
${data.sent ? html`<div class="notice done" role="status"><p><strong>Cảm ơn bạn đã gửi câu hỏi.</strong> ${site.name} đã nhận được và sẽ trả lời qua e-mail bạn đã nhập.</p></div>` : ""}
${data.error ? html`<div class="notice error" role="alert"><p>${data.error}</p></div>` : ""}
${
  data.page === 1
    ? html`<form class="ask" method="post" action="${site.baseUrl}/hoi-dap">
<label for="hoi-ten">Họ và tên (không bắt buộc)</label>
<input id="hoi-ten" name="name" type="text" maxlength="${data.limits.nameChars}" autocomplete="name" value="${values.name ?? ""}">
<label for="hoi-email">E-mail để nhận câu trả lời</label>
<input id="hoi-email" name="email" type="email" maxlength="${data.limits.emailChars}" autocomplete="email" required value="${values.email ?? ""}">
<label for="hoi-noi-dung">Câu hỏi</label>
<textarea id="hoi-noi-dung" name="text" maxlength="${data.limits.textChars}" required>${values.text ?? ""}</textarea>
<div class="hp" aria-hidden="true"><label for="hoi-web">Trang web</label><input id="hoi-web" name="homepageUrl" type="text" tabindex="-1" autocomplete="off"></div>
<button type="submit">Gửi câu hỏi</button>
</form>`
    : ""
}
<h2 id="da-tra-loi" class="section-title">Câu hỏi đã được trả lời</h2>
${
  data.answers.length === 0
    ? html`<p>Chưa có câu hỏi nào được đăng.</p>`
    : html`<ul class="qa">${data.answers.map(
        (item) => html`<li><article>
<p class="q">Hỏi: ${item.question}</p>
<p class="a">Đáp: ${item.answer}</p>
<p class="meta"><time datetime="${item.publishedAt.toISOString()}">${vietnamDateTime(item.publishedAt)}</time></p>
</article></li>`,
      )}</ul>`
}
${pager(site, data.page, data.total, data.pageSize)}
</div>`;
  return page(
    site,
    {
      title: `Hỏi đáp${data.page > 1 ? ` · Trang ${data.page}` : ""} · ${site.name}`,
      description: `Gửi câu hỏi cho ${site.name} và xem các câu hỏi đã được trả lời.`,
      url: `${site.baseUrl}/hoi-dap`,
    },
    body,
    { current: questionsPageKey },
  );
}
