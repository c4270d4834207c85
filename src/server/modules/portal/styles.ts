import { SafeHtml } from "../../http/html.ts";

// One small stylesheet, inlined: no extra request before the first paint on a slow phone.
// Built for 360 px first; from 900 px the side column (channels, units, topics) moves beside the news.
// The topics bar wraps onto more lines rather than hiding topics past the screen's edge.
export const portalStyles = new SafeHtml(`
*{box-sizing:border-box}
body{margin:0;overflow-wrap:break-word;font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans",sans-serif;font-size:18px;line-height:1.6;color:#1f2328;background:#fff}
a{color:#0b57d0}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.wrap{max-width:1120px;margin:0 auto;padding:0 16px}
header{background:#a31515;color:#fff;border-bottom:4px solid #f5c518}
.brand{display:flex;align-items:center;gap:10px;padding:10px 16px 8px;color:#fff;text-decoration:none}
.brand .emblem{flex:0 0 48px;border-radius:50%}
.brand .names{display:flex;flex-direction:column;line-height:1.25;min-width:0}
.brand .kicker{font-size:.72em;letter-spacing:.04em;text-transform:uppercase}
.brand .name{font-size:1.15em;font-weight:700;margin:0}
.bar{display:flex;flex-wrap:wrap;align-items:center;gap:4px 12px;padding-bottom:8px}
nav.topics{flex:1 1 100%;display:flex;flex-wrap:wrap;gap:2px;margin:0 -8px}
nav.topics a{flex:0 0 auto;color:#fff;text-decoration:none;padding:8px;font-size:.9em;font-weight:600;white-space:nowrap;border-radius:6px}
nav.topics a[aria-current]{background:#7a1010}
header form{flex:1 1 100%;display:flex;gap:8px;margin:0}
header input{flex:1 1 auto;min-width:0;padding:8px 10px;font-size:16px;border:0;border-radius:6px}
header button{padding:8px 14px;font-size:16px;border:0;border-radius:6px;background:#fff;color:#a31515;font-weight:700}
main{padding-top:16px;padding-bottom:24px}
.reading{max-width:760px}
h1{font-size:1.6em;line-height:1.25;margin:.3em 0 .5em}
h2{font-size:1.25em;line-height:1.3;margin:.2em 0 .5em}
h3{font-size:1em;line-height:1.35;margin:0 0 .2em}
.meta{color:#57606a;font-size:.85em;margin:.2em 0 .6em}
.cover{margin:0 0 1em}
img.pic{display:block;width:100%;height:auto;border-radius:8px;background:#e8eaed;object-fit:cover;aspect-ratio:16/9}
.lead{margin:0 0 20px;padding-bottom:16px;border-bottom:1px solid #d0d7de}
.lead a{text-decoration:none;color:inherit}
.lead h2{font-size:1.45em;margin:.5em 0 .2em}
.lead p{margin:.2em 0;color:#424a53}
.section-title{font-size:1.05em;text-transform:uppercase;letter-spacing:.03em;color:#a31515;border-bottom:2px solid #a31515;padding-bottom:4px}
.news{list-style:none;margin:0;padding:0}
.news li{padding:12px 0;border-bottom:1px solid #d0d7de}
.news a{display:flex;align-items:flex-start;gap:12px;text-decoration:none;color:inherit}
.news img.pic{flex:0 0 120px;width:120px}
.news .text{min-width:0}
.news p{margin:.2em 0;color:#424a53;font-size:.9em}
.item{display:block;padding:12px 0;border-bottom:1px solid #d0d7de}
.item a{text-decoration:none;color:inherit}
.item img.pic{margin-bottom:6px}
.item p{margin:.2em 0;color:#424a53}
.body img{max-width:100%;height:auto}
.body blockquote{margin:1em 0;padding-left:1em;border-left:4px solid #d0d7de;color:#424a53}
.tags{display:flex;flex-wrap:wrap;gap:8px;padding:0;list-style:none}
.tags a{display:inline-block;padding:6px 12px;border:1px solid #d0d7de;border-radius:16px;text-decoration:none;font-size:.9em;min-height:24px}
.box{margin:24px 0 0;padding:16px;border:1px solid #d0d7de;border-radius:8px;background:#f6f8fa}
.box h2{font-size:1.05em;margin:0 0 .5em;color:#a31515}
.channels,.units{list-style:none;margin:0;padding:0}
.channels li{display:grid;grid-template-columns:1fr auto;gap:0 8px;align-items:center;padding:8px 0;border-bottom:1px solid #d0d7de}
.channels .platform{grid-column:1;font-size:.8em;color:#57606a}
.channels .cname{grid-column:1;font-weight:600;line-height:1.3}
.channels .follow{grid-column:2;grid-row:1/span 2;padding:8px 12px;border-radius:6px;background:#0b57d0;color:#fff;text-decoration:none;font-size:.85em;font-weight:600;white-space:nowrap}
.units li{border-bottom:1px solid #d0d7de}
.units a{display:block;padding:10px 0}
.note{font-size:.85em;color:#424a53;margin:.6em 0 0}
nav.pages{display:flex;justify-content:space-between;margin:16px 0}
nav.pages a{padding:10px 0}
footer{background:#f6f8fa;color:#424a53;font-size:.88em;border-top:4px solid #a31515;padding:8px 0 16px}
footer .owner{font-weight:700;color:#1f2328;font-size:1.05em;margin-bottom:.2em}
footer p{margin:.4em 0}
footer .contact{list-style:none;margin:.6em 0;padding:0}
footer .contact li{padding:2px 0}
footer .contact span{font-weight:600}
footer a{display:inline-block;padding:4px 0}
form.ask{display:flex;flex-direction:column;gap:4px;margin:12px 0 8px}
form.ask label{font-weight:600;margin-top:10px}
form.ask input,form.ask textarea{width:100%;padding:10px;font-size:16px;font-family:inherit;border:1px solid #8c959f;border-radius:6px;background:#fff}
form.ask textarea{min-height:8em;resize:vertical}
form.ask button{margin-top:14px;padding:12px 18px;font-size:16px;border:0;border-radius:6px;background:#a31515;color:#fff;font-weight:700;align-self:flex-start;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
.notice{margin:16px 0;padding:12px 16px;border:2px solid;border-radius:8px;overflow-wrap:anywhere}
.notice.done{background:#e8f5e9;border-color:#2e7d32;color:#1b5e20}
.notice.error{background:#fff3f3;border-color:#c62828;color:#8e0000}
.qa{list-style:none;margin:0;padding:0}
.qa li{padding:14px 0;border-bottom:1px solid #d0d7de}
.qa .q,.qa .a{white-space:pre-wrap;margin:.2em 0}
.qa .q{font-weight:600}
@media (min-width:900px){
.bar{flex-wrap:nowrap}
nav.topics{flex:1 1 auto;margin:0}
header form{flex:0 0 320px}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 320px;gap:32px;align-items:start}
.layout aside .box:first-child{margin-top:0}
.news img.pic{flex-basis:200px;width:200px}
.lead h2{font-size:1.7em}
}
`);
