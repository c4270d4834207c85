import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

/*
 * Be Vietnam Pro (SIL OFL, from @fontsource) for the report's PDF. Fontsource splits the font by
 * Unicode range (latin, vietnamese, latin-ext), so a line is drawn in runs, each in the file that has
 * its characters: "Quyết" is Q-u-y-t from latin and "ế" from vietnamese.
 */

export type FontStyle = "regular" | "bold" | "italic";
export type Subset = "latin" | "vietnamese" | "latin-ext";

const files: Record<FontStyle, string> = {
  regular: "400-normal",
  bold: "700-normal",
  italic: "400-italic",
};

const subsets: Subset[] = ["latin", "vietnamese", "latin-ext"];

type Range = readonly [number, number];
const r = (from: number, to = from): Range => [from, to];

/** The unicode-range of each subset, as fontsource's CSS declares it. */
const ranges: Record<Subset, readonly Range[]> = {
  vietnamese: [
    r(0x102, 0x103),
    r(0x110, 0x111),
    r(0x128, 0x129),
    r(0x168, 0x169),
    r(0x1a0, 0x1a1),
    r(0x1af, 0x1b0),
    r(0x300, 0x301),
    r(0x303, 0x304),
    r(0x308, 0x309),
    r(0x323),
    r(0x329),
    r(0x1ea0, 0x1ef9),
    r(0x20ab),
  ],
  latin: [
    r(0x0, 0xff),
    r(0x131),
    r(0x152, 0x153),
    r(0x2bb, 0x2bc),
    r(0x2c6),
    r(0x2da),
    r(0x2dc),
    r(0x2000, 0x206f),
    r(0x20ac),
    r(0x2122),
    r(0x2191),
    r(0x2193),
    r(0x2212),
    r(0x2215),
    r(0xfeff),
    r(0xfffd),
  ],
  "latin-ext": [
    r(0x100, 0x2ff),
    r(0x1d00, 0x1dbf),
    r(0x1e00, 0x1eff),
    r(0x2020),
    r(0x20a0, 0x20c0),
    r(0x2113),
  ],
};

function subsetOf(codePoint: number): Subset {
  for (const subset of subsets) {
    if (ranges[subset].some(([from, to]) => codePoint >= from && codePoint <= to)) {
      return subset;
    }
  }
  return "latin";
}

/** The font name registered for a style and subset. */
export function fontName(style: FontStyle, subset: Subset): string {
  return `bvp-${style}-${subset}`;
}

/** A line cut into runs of one subset each (composed to NFC first, so "ế" is one character). */
export function runsOf(text: string): { subset: Subset; text: string }[] {
  const runs: { subset: Subset; text: string }[] = [];
  for (const char of text.normalize("NFC")) {
    const codePoint = char.codePointAt(0) ?? 0x20;
    const subset = subsetOf(codePoint);
    const last = runs.at(-1);
    if (last && last.subset === subset) {
      last.text += char;
    } else {
      runs.push({ subset, text: char });
    }
  }
  return runs;
}

let loading: Promise<Map<string, Buffer>> | null = null;

/** Every style and subset's WOFF bytes, read once per process. */
export function loadReportFonts(): Promise<Map<string, Buffer>> {
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const fonts = new Map<string, Buffer>();
    for (const [style, file] of Object.entries(files) as [FontStyle, string][]) {
      for (const subset of subsets) {
        const path = require.resolve(
          `@fontsource/be-vietnam-pro/files/be-vietnam-pro-${subset}-${file}.woff`,
        );
        fonts.set(fontName(style, subset), await readFile(path));
      }
    }
    return fonts;
  })();
  loading.catch(() => {
    loading = null;
  });
  return loading;
}
