import { html, SafeHtml } from "../../../http/html.ts";

/*
 * The frame of the public tip pages: light, no script, readable on a 360 px phone, every value
 * escaped by `html`. Close in look to /kiem-tra, which citizens reach the same way.
 */

const styles = new SafeHtml(`
*{box-sizing:border-box}
body{margin:0;overflow-wrap:break-word;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:17px;line-height:1.5;color:#1f2328;background:#f6f7f9}
header{background:#b71c1c;color:#fff;padding:12px 16px}
header a{color:#fff;text-decoration:none;font-weight:600}
header nav{display:flex;gap:16px;flex-wrap:wrap;align-items:baseline}
main{max-width:720px;margin:0 auto;padding:16px}
h1{font-size:1.4em;line-height:1.3;margin:.4em 0}
h2{font-size:1.15em;margin:1.2em 0 .4em}
a{color:#0b57d0}
form.tip{display:flex;flex-direction:column;gap:4px;margin:12px 0}
form.tip label{font-weight:600;margin-top:12px}
.hint{color:#57606a;font-size:.9em;margin:0 0 4px}
input[type=text],input[type=email],textarea{width:100%;padding:10px;font-size:1em;font-family:inherit;border:1px solid #8c959f;border-radius:6px;background:#fff}
input[type=file]{font-size:.95em;padding:6px 0}
textarea{min-height:9em;resize:vertical}
button{margin-top:16px;padding:12px 18px;font-size:1em;border:0;border-radius:6px;background:#b71c1c;color:#fff;cursor:pointer;align-self:flex-start}
.lookup{display:flex;flex-wrap:wrap;gap:8px;align-items:flex-end}
.lookup label{width:100%;font-weight:600}
.lookup input{flex:1 1 180px;width:auto}
.lookup button{margin-top:0}
.hp{position:absolute;left:-10000px;top:auto;width:1px;height:1px;overflow:hidden}
.box{border-radius:10px;padding:14px 16px;margin:16px 0;border:2px solid;overflow-wrap:anywhere}
.box>:first-child{margin-top:0}
.box>:last-child{margin-bottom:0}
.error{background:#fff3f3;border-color:#c62828;color:#8e0000}
.done{background:#e8f5e9;border-color:#2e7d32;color:#1b5e20}
.info{background:#fff;border-color:#d0d7de}
.fake,.false{background:#ffebee;border-color:#c62828;color:#8e0000}
.true{background:#e8f5e9;border-color:#2e7d32;color:#1b5e20}
.code{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,monospace;font-size:1.25em;font-weight:700;letter-spacing:.06em;white-space:nowrap}
ol.steps{list-style:none;padding:0;margin:16px 0;display:flex;flex-direction:column;gap:8px}
ol.steps li{padding:10px 12px;border-radius:8px;border:1px solid #d0d7de;background:#fff;color:#57606a}
ol.steps li.past{color:#1b5e20;border-color:#2e7d32}
ol.steps li[aria-current]{color:#1f2328;border:2px solid #b71c1c;font-weight:600}
.sent{white-space:pre-wrap;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:10px 12px;margin:6px 0}
.muted{color:#57606a;font-size:.9em}
footer{max-width:720px;margin:24px auto;padding:0 16px;color:#57606a;font-size:.9em}
`);

export function tipPageLayout(title: string, body: SafeHtml, options: { noindex?: boolean } = {}): string {
  return html`<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${options.noindex ? html`<meta name="robots" content="noindex">` : null}
<title>${title} · Cầu Nối</title>
<style>${styles}</style>
</head>
<body>
<header><nav aria-label="Trang công khai"><a href="/bao-tin">Báo tin cần xác minh</a><a href="/kiem-tra">Kiểm tra kênh chính thức</a></nav></header>
<main>
${body}
</main>
<footer>Cầu Nối — tiếp nhận và xác minh tin đồn, tin sai sự thật, lừa đảo và trang giả mạo cơ quan, đơn vị. Thời gian theo giờ Việt Nam.</footer>
</body>
</html>`.value;
}
