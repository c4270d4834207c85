import { html } from "../../http/html.ts";

/*
 * The pages a person sees when a tracked link cannot take them on: light, Vietnamese first, no script.
 */

const styles =
  "body{margin:0;font:16px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1a1b1e;background:#f8f9fa}" +
  "main{max-width:36rem;margin:0 auto;padding:2rem 1rem}h1{font-size:1.35rem;margin:0 0 .75rem}" +
  "p{margin:.5rem 0}.en{color:#495057;font-size:.9rem;margin-top:1.25rem}a{color:#1864ab}";

function page(title: string, lines: string[], english: string): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Cầu Nối</title>
<style>${styles}</style>
</head>
<body>
<main>
<h1>${title}</h1>
${lines.map((line) => html`<p>${line}</p>`)}
<p><a href="/kiem-tra">Kiểm tra một trang có phải kênh chính thức</a></p>
<p class="en" lang="en">${english}</p>
</main>
</body>
</html>`.value;
}

/** For a code we never issued (mistyped, cut short, made up). */
export const unknownLinkPage = page(
  "Không tìm thấy liên kết",
  [
    "Liên kết chia sẻ này không tồn tại. Có thể liên kết bị gõ sai hoặc bị cắt mất khi sao chép.",
    "Vui lòng mở lại liên kết từ tin nhắn hoặc bài viết gốc.",
  ],
  "This share link does not exist. It may have been mistyped or cut short when copied.",
);

/** For a link whose kit the unit withdrew. */
export const withdrawnLinkPage = page(
  "Tin này đã được thu hồi",
  [
    "Đơn vị phát hành đã thu hồi tin được chia sẻ qua liên kết này, nên liên kết không còn dẫn tới nội dung.",
    "Vui lòng theo dõi các kênh chính thức của đơn vị để đọc thông tin mới nhất.",
  ],
  "The unit that issued this content has withdrawn it, so this link no longer leads anywhere.",
);
