import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { renderAsync } from "@resvg/resvg-js";
import satori from "satori";
import sharp from "sharp";
import type { ShareCardSize } from "../../../shared/api/share-cards.ts";

/*
 * The share card: a post's title, cover photo, unit name and the Cầu Nối mark, laid out by satori
 * (flexbox to SVG, text drawn as glyph outlines) and rasterised by resvg. Nothing is fetched: the
 * photo arrives as a file path and goes into the SVG as a data URL.
 */

/** Each size the contract names (src/shared/api/share-cards.ts), in pixels. */
export const cardSizes: Record<ShareCardSize, { width: number; height: number }> = {
  "1200x630": { width: 1200, height: 630 },
  "1080x1080": { width: 1080, height: 1080 },
};
export type CardSize = ShareCardSize;

export interface CardContent {
  title: string;
  unitName: string;
  /** The cover photo on this machine (a stored JPEG/WebP), or null for the plain branded card. */
  coverPath: string | null;
}

/** Bumped when the template's look changes, so cards cached with the old look are drawn again. */
export const templateRevision = 2;

const brand = "#1c5fa8";
const brandDark = "#0d3768";
const accent = "#f2c230";
// One family per Fontsource subset: satori looks a glyph up along the fontFamily list, not across
// several files that share one name (the second file of a name is never consulted).
const subsets = ["latin", "vietnamese", "latin-ext"] as const;
const family = subsets.map((subset) => `"Be Vietnam Pro ${subset}"`).join(", ");

// The mark of favicon.svg (src/web/public), inverted to stand on the blue panel.
const markSvg = (background: string, foreground: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="14" fill="${background}"/><path d="M8 44c8-16 40-16 48 0" fill="none" stroke="${foreground}" stroke-width="6" stroke-linecap="round"/><path d="M18 44V34M32 44V29M46 44V34" stroke="${foreground}" stroke-width="4" stroke-linecap="round"/></svg>`;
const svgDataUrl = (svg: string) => `data:image/svg+xml;base64,${Buffer.from(svg).toString("base64")}`;
const logo = svgDataUrl(markSvg("#ffffff", brand));
const watermark = svgDataUrl(markSvg("rgba(255,255,255,0)", "rgba(255,255,255,0.08)"));

type Font = { name: string; data: Buffer; weight: 400 | 700; style: "normal" };
let fontsLoading: Promise<Font[]> | null = null;

/**
 * Be Vietnam Pro, drawn for Vietnamese, from the registry (@fontsource, SIL OFL). Fontsource splits
 * it by Unicode range, so "Quyết" takes Q-u-y-t from the latin file and "ế" from the vietnamese one.
 * WOFF, which satori reads.
 */
function loadFonts(): Promise<Font[]> {
  fontsLoading ??= (async () => {
    const require = createRequire(import.meta.url);
    const fonts: Font[] = [];
    for (const weight of [400, 700] as const) {
      for (const subset of subsets) {
        const path = require.resolve(
          `@fontsource/be-vietnam-pro/files/be-vietnam-pro-${subset}-${weight}-normal.woff`,
        );
        fonts.push({ name: `Be Vietnam Pro ${subset}`, data: await readFile(path), weight, style: "normal" });
      }
    }
    return fonts;
  })();
  fontsLoading.catch(() => {
    fontsLoading = null;
  });
  return fontsLoading;
}

/** Satori takes React-shaped elements; this builds them without JSX. */
type Node = { type: string; props: Record<string, unknown> };
function h(type: string, style: Record<string, unknown>, ...children: (Node | string | null)[]): Node {
  const kept = children.filter((child) => child !== null);
  return { type, props: { style, children: kept.length === 1 ? kept[0] : kept } };
}
function img(src: string, width: number, height: number, style: Record<string, unknown> = {}): Node {
  return { type: "img", props: { src, width, height, style: { width, height, ...style } } };
}

/** One line of text, collapsed and composed (NFC: "ế" one glyph, not "e" with two marks to place). */
export function cleanLine(value: string): string {
  return value.normalize("NFC").replace(/\s+/g, " ").trim();
}

const lineHeight = 1.2;

interface Layout {
  cover: { width: number; height: number } | null;
  /** The title's box width, the sizes tried largest first, and the most lines allowed. */
  titleWidth: number;
  titleSizes: number[];
  maxLines: number;
}

function layoutOf(size: CardSize, withCover: boolean): Layout {
  if (size === "1200x630") {
    return withCover
      ? {
          cover: { width: 520, height: 630 },
          titleWidth: 680 - 112,
          titleSizes: [62, 56, 50, 44, 40, 36],
          maxLines: 4,
        }
      : { cover: null, titleWidth: 1200 - 144, titleSizes: [76, 68, 60, 54, 48, 42], maxLines: 4 };
  }
  return withCover
    ? {
        cover: { width: 1080, height: 520 },
        titleWidth: 1080 - 128,
        titleSizes: [64, 58, 52, 46, 40],
        maxLines: 4,
      }
    : { cover: null, titleWidth: 1080 - 144, titleSizes: [88, 78, 70, 62, 54, 48], maxLines: 5 };
}

function titleNode(title: string, fontSize: number, maxLines: number | null): Node {
  return h(
    "div",
    {
      display: "block",
      color: "#ffffff",
      fontFamily: family,
      fontWeight: 700,
      fontSize,
      lineHeight,
      letterSpacing: -0.5,
      ...(maxLines ? { lineClamp: maxLines } : {}),
    },
    title,
  );
}

/**
 * The largest size at which the title fits its lines. Satori measures (HarfBuzz, the real font),
 * so a probe of the title alone, its height left to satori, tells how many lines it takes.
 */
async function fitTitle(title: string, layout: Layout, fonts: Font[]): Promise<number> {
  for (const fontSize of layout.titleSizes) {
    const svg = await satori(titleNode(title, fontSize, null) as never, {
      width: layout.titleWidth,
      fonts,
    });
    const height = Number(/height="([\d.]+)"/.exec(svg)?.[1] ?? Number.POSITIVE_INFINITY);
    if (height <= Math.ceil(fontSize * lineHeight * layout.maxLines) + 1) {
      return fontSize;
    }
  }
  return layout.titleSizes.at(-1) as number;
}

/** The cover cut to its box (the salient part kept) and re-encoded small: resvg decodes JPEG only at its size. */
async function coverDataUrl(path: string, box: { width: number; height: number }): Promise<string> {
  const jpeg = await sharp(path)
    .resize(box.width, box.height, { fit: "cover", position: sharp.strategy.attention })
    .jpeg({ quality: 84, mozjpeg: true })
    .toBuffer();
  return `data:image/jpeg;base64,${jpeg.toString("base64")}`;
}

function brandRow(unitName: string, logoSize: number, fontSize: number): Node {
  return h(
    "div",
    { display: "flex", alignItems: "center", gap: 20 },
    img(logo, logoSize, logoSize, { borderRadius: Math.round(logoSize * 0.22) }),
    h(
      "div",
      {
        display: "block",
        flex: 1,
        color: "#ffffff",
        fontFamily: family,
        // Regular beside the bold title: the unit signs the card, the title is what is read first.
        fontWeight: 400,
        fontSize,
        lineHeight: 1.25,
        lineClamp: 2,
      },
      unitName,
    ),
  );
}

const accentBar = (width: number) =>
  h("div", { display: "flex", width, height: 8, borderRadius: 4, backgroundColor: accent });

async function cardTree(content: CardContent, size: CardSize, fonts: Font[]): Promise<Node> {
  const { width, height } = cardSizes[size];
  const title = cleanLine(content.title);
  const unitName = cleanLine(content.unitName);
  const layout = layoutOf(size, content.coverPath !== null);
  const titleSize = title ? await fitTitle(title, layout, fonts) : layout.titleSizes[0];
  const cover =
    content.coverPath && layout.cover
      ? img(await coverDataUrl(content.coverPath, layout.cover), layout.cover.width, layout.cover.height, {
          flexShrink: 0,
        })
      : null;
  const panelBackground = `linear-gradient(160deg, ${brand} 0%, ${brandDark} 100%)`;
  const titleBlock = h(
    "div",
    { display: "flex", flexDirection: "column", gap: 24 },
    accentBar(96),
    title ? titleNode(title, titleSize as number, layout.maxLines) : null,
  );
  const root = { display: "flex", width, height, fontFamily: family, backgroundImage: panelBackground };

  // Satori sizes boxes without their padding (content-box), so the root keeps no padding and the
  // panels take what the photo leaves with flex.
  const panel = (padding: string, ...children: (Node | null)[]) =>
    h(
      "div",
      {
        display: "flex",
        flex: 1,
        flexDirection: "column",
        justifyContent: "space-between",
        padding,
      },
      ...children,
    );
  const decoration = (side: number, offset: number) =>
    img(watermark, side, side, { position: "absolute", right: -offset, bottom: -offset });

  if (size === "1200x630") {
    return cover
      ? h(
          "div",
          { ...root, flexDirection: "row" },
          panel("52px 56px 56px", brandRow(unitName, 60, 24), titleBlock),
          cover,
        )
      : h(
          "div",
          { ...root, position: "relative" },
          decoration(440, 90),
          panel("60px 72px 68px", brandRow(unitName, 72, 30), titleBlock),
        );
  }
  return cover
    ? h(
        "div",
        { ...root, flexDirection: "column" },
        cover,
        panel("44px 64px 60px", brandRow(unitName, 64, 28), titleBlock),
      )
    : h(
        "div",
        { ...root, position: "relative" },
        decoration(620, 130),
        panel("72px 72px 88px", brandRow(unitName, 84, 34), titleBlock),
      );
}

/** Draws one card as a PNG of exactly the size asked. */
export async function renderCard(content: CardContent, size: CardSize): Promise<Buffer> {
  const fonts = await loadFonts();
  const { width, height } = cardSizes[size];
  const svg = await satori((await cardTree(content, size, fonts)) as never, { width, height, fonts });
  // On libuv's pool: rasterising would otherwise hold every other request of the process.
  const image = await renderAsync(svg, { fitTo: { mode: "original" }, font: { loadSystemFonts: false } });
  return Buffer.from(image.asPng());
}
