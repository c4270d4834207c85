import { Readable } from "node:stream";
import sharp from "sharp";

/*
 * Cover pictures of the demo articles, drawn here from plain shapes (no photograph, font or artwork
 * of anyone else, so nothing to license) and stored through the media library like an upload, so
 * the portal, the share cards and a Lighthouse run all see articles with real pictures and their
 * renditions. No words are drawn: the alt text says what the picture shows.
 */

export interface DemoCover {
  svg: string;
  altText: string;
  name: string;
}

const width = 1280;
const height = 720;

function frame(defs: string, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><defs>${defs}</defs>${body}</svg>`;
}

/** Green hills and a river in the morning sun: the tourism article. */
const hills = frame(
  `<linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8fd3f4"/><stop offset="1" stop-color="#fdf6d8"/></linearGradient>`,
  `<rect width="1280" height="720" fill="url(#sky)"/>
<circle cx="960" cy="210" r="90" fill="#ffd166"/>
<path d="M0 420 L180 250 L330 380 L520 190 L720 400 L900 260 L1080 390 L1280 230 L1280 720 L0 720Z" fill="#5b8c5a"/>
<path d="M0 500 Q200 380 420 470 T860 450 T1280 430 L1280 720 L0 720Z" fill="#3e7b4f"/>
<path d="M0 640 Q320 540 640 600 T1280 560 L1280 720 L0 720Z" fill="#2f6b45"/>
<path d="M520 720 Q600 600 760 560 Q900 530 1010 470 L1060 480 Q940 560 820 610 Q700 660 680 720Z" fill="#7cc6e6"/>
<g fill="#2b5d3a"><path d="M140 600l22-70 22 70z"/><path d="M190 610l18-56 18 56z"/><path d="M1120 560l24-76 24 76z"/><path d="M1170 570l18-58 18 58z"/></g>`,
);

/** A phone showing a warning sign: the scam warning. */
const warning = frame(
  `<linearGradient id="bg" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0d2b52"/><stop offset="1" stop-color="#1d4f8c"/></linearGradient>`,
  `<rect width="1280" height="720" fill="url(#bg)"/>
<g fill="none" stroke="#3f74b5" stroke-width="6"><circle cx="640" cy="360" r="300"/><circle cx="640" cy="360" r="220"/></g>
<rect x="520" y="110" width="240" height="480" rx="36" fill="#0a1f3b" stroke="#e8eef7" stroke-width="10"/>
<rect x="545" y="160" width="190" height="370" rx="10" fill="#f4f7fb"/>
<path d="M640 230 L730 400 L550 400 Z" fill="#f5b700" stroke="#b3261e" stroke-width="10" stroke-linejoin="round"/>
<rect x="632" y="285" width="16" height="65" rx="6" fill="#b3261e"/><circle cx="640" cy="375" r="10" fill="#b3261e"/>
<rect x="585" y="440" width="110" height="16" rx="8" fill="#c9d6e8"/><rect x="605" y="470" width="70" height="16" rx="8" fill="#c9d6e8"/>
<circle cx="640" cy="555" r="14" fill="#e8eef7"/>
<g fill="#f5b700"><path d="M300 250 l40 -20 v60 z"/><path d="M960 470 l-40 20 v-60 z"/></g>`,
);

/** Lanterns over the street at night: the lantern festival. */
const lanterns = frame(
  `<linearGradient id="night" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#1b1446"/><stop offset="1" stop-color="#51246a"/></linearGradient>
<radialGradient id="glow"><stop offset="0" stop-color="#ffe08a" stop-opacity=".9"/><stop offset="1" stop-color="#ffe08a" stop-opacity="0"/></radialGradient>`,
  `<rect width="1280" height="720" fill="url(#night)"/>
<circle cx="1080" cy="130" r="60" fill="#fff3c4"/>
<path d="M0 200 Q320 280 640 210 T1280 220" fill="none" stroke="#c9b36a" stroke-width="4"/>
${[160, 400, 640, 880, 1120]
  .map(
    (x, i) => `<circle cx="${x}" cy="${300 + (i % 2) * 30}" r="110" fill="url(#glow)"/>
<line x1="${x}" y1="${220 + (i % 2) * 10}" x2="${x}" y2="${250 + (i % 2) * 30}" stroke="#c9b36a" stroke-width="4"/>
<ellipse cx="${x}" cy="${300 + (i % 2) * 30}" rx="${48 + (i % 3) * 6}" ry="56" fill="${["#e63946", "#f4a261", "#e63946", "#ffb703", "#e76f51"][i]}"/>
<rect x="${x - 24}" y="${240 + (i % 2) * 30}" width="48" height="12" rx="4" fill="#8d2b0b"/><rect x="${x - 24}" y="${350 + (i % 2) * 30}" width="48" height="12" rx="4" fill="#8d2b0b"/>`,
  )
  .join("")}
<path d="M0 560 L120 560 L120 500 L220 500 L220 540 L360 540 L360 470 L470 470 L470 560 L620 560 L620 520 L760 520 L760 480 L880 480 L880 550 L1010 550 L1010 500 L1150 500 L1150 560 L1280 560 L1280 720 L0 720Z" fill="#120d2e"/>
<g fill="#ffd166">${[150, 260, 400, 520, 680, 800, 930, 1060, 1200].map((x) => `<circle cx="${x}" cy="640" r="10"/>`).join("")}</g>`,
);

/** A shield with a tick over a phone's list of pages: checking which pages are official. */
const shield = frame(
  `<linearGradient id="light" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e6f2ff"/><stop offset="1" stop-color="#d3f0e4"/></linearGradient>`,
  `<rect width="1280" height="720" fill="url(#light)"/>
<rect x="250" y="140" width="420" height="460" rx="28" fill="#fff" stroke="#9fb7d3" stroke-width="6"/>
${[0, 1, 2]
  .map(
    (i) => `<circle cx="320" cy="${230 + i * 130}" r="34" fill="${["#1877f2", "#0068ff", "#ff0000"][i]}"/>
<rect x="380" y="${210 + i * 130}" width="230" height="18" rx="9" fill="#c7d3e3"/><rect x="380" y="${240 + i * 130}" width="150" height="14" rx="7" fill="#dde5ef"/>`,
  )
  .join("")}
<path d="M880 140 L1060 200 V360 Q1060 510 880 590 Q700 510 700 360 V200 Z" fill="#1a7f37" stroke="#0f5323" stroke-width="8"/>
<path d="M800 370 L860 430 L975 300" fill="none" stroke="#fff" stroke-width="34" stroke-linecap="round" stroke-linejoin="round"/>`,
);

/** The demo articles' covers, in the order of `portalArticles`. */
export const demoCovers: DemoCover[] = [
  {
    svg: hills,
    altText: "Hình minh họa: đồi núi xanh và dòng sông dưới nắng sớm",
    name: "anh-bia-du-lich.jpg",
  },
  {
    svg: warning,
    altText: "Hình minh họa: điện thoại hiện biển cảnh báo màu vàng",
    name: "anh-bia-canh-bao.jpg",
  },
  {
    svg: lanterns,
    altText: "Hình minh họa: những chiếc đèn lồng đỏ, vàng treo trên phố đêm",
    name: "anh-bia-le-hoi.jpg",
  },
  {
    svg: shield,
    altText: "Hình minh họa: tấm khiên xanh có dấu tích bên danh sách trang mạng xã hội",
    name: "anh-bia-kenh-chinh-thuc.jpg",
  },
];

/** The cover drawn as a JPEG, as a camera or an editor would upload it. */
export async function coverFile(cover: DemoCover): Promise<Readable> {
  const jpeg = await sharp(Buffer.from(cover.svg)).jpeg({ quality: 85, mozjpeg: true }).toBuffer();
  return Readable.from([jpeg]);
}
