import "./theme.css";
import {
  Badge,
  createTheme,
  DEFAULT_THEME,
  Drawer,
  type MantineColorsTuple,
  type MantineThemeOverride,
  Modal,
  mergeThemeOverrides,
  PasswordInput,
  SegmentedControl,
  TableScrollContainer,
} from "@mantine/core";

/** WCAG 2.1 AA asks 4.5:1 for text; a little more leaves room for anti-aliasing and rounding. */
const textContrast = 4.6;

function channels(hex: string): [number, number, number] {
  const value = Number.parseInt(hex.slice(1, 7), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function luminance(hex: string): number {
  const [r, g, b] = channels(hex).map((channel) => {
    const c = channel / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

export function contrast(a: string, b: string): number {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return ((light ?? 0) + 0.05) / ((dark ?? 0) + 0.05);
}

function darken(hex: string, amount: number): string {
  return `#${channels(hex)
    .map((channel) =>
      Math.round(channel * (1 - amount))
        .toString(16)
        .padStart(2, "0"),
    )
    .join("")}`;
}

/** `hex` darkened just enough to read at AA against every one of `backgrounds`. */
function readableOn(hex: string, backgrounds: string[]): string {
  let amount = 0;
  let result = hex;
  while (backgrounds.some((background) => contrast(result, background) < textContrast) && amount < 0.9) {
    amount += 0.02;
    result = darken(hex, amount);
  }
  return result;
}

/**
 * Mantine's palettes with their text shades darkened to AA: shade 7 is the filled colour (white
 * text on buttons and badges, coloured text and links on white), shade 9 the text of light
 * badges and alerts on shade 1. Green, yellow and orange fail by default, even blue does in v9.
 * Lighter shades (backgrounds, borders) stay as they are.
 */
function accessible(palette: readonly string[]): MantineColorsTuple {
  const white = "#ffffff";
  const shades = [...palette];
  const light = [shades[0] ?? white, shades[1] ?? white];
  shades[7] = readableOn(shades[7] ?? "", [white, ...light]);
  shades[8] = readableOn(shades[8] ?? "", [white, ...light, shades[7]]);
  shades[9] = readableOn(shades[9] ?? "", [white, ...light]);
  // Dimmed text (gray 6) sits on white, on the light grey of table headers and on hovered rows;
  // gray 5 is the placeholder, which a file field shows as its only text.
  if (palette === DEFAULT_THEME.colors.gray) {
    shades[6] = readableOn(shades[6] ?? "", [white, ...light]);
    shades[5] = readableOn(shades[5] ?? "", [white, light[0] ?? white]);
  }
  return shades as unknown as MantineColorsTuple;
}

const colors = Object.fromEntries(
  Object.entries(DEFAULT_THEME.colors)
    .filter(([name]) => name !== "dark")
    .map(([name, palette]) => [name, accessible(palette)]),
);

/** Calm government blue; system fonts, which all render Vietnamese diacritics well. */
export const theme = createTheme({
  colors,
  primaryColor: "blue",
  primaryShade: { light: 7, dark: 5 },
  defaultRadius: "md",
  fontFamily:
    'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: "650" },
  components: {
    // A table wider than a phone scrolls sideways: keyboard users must be able to scroll it too.
    TableScrollContainer: TableScrollContainer.extend({
      defaultProps: { scrollAreaProps: { viewportProps: { tabIndex: 0 } } },
    }),
    // Two long Vietnamese choices side by side on a phone: wrap them rather than cut them.
    SegmentedControl: SegmentedControl.extend({
      styles: { label: { whiteSpace: "normal", lineHeight: 1.25 } },
    }),
    // Capitals strip the reading ease from Vietnamese words with stacked diacritics.
    // Long Vietnamese statuses and roles wrap inside the badge rather than lose their end at 360 px.
    Badge: Badge.extend({
      defaultProps: { tt: "none" },
      styles: {
        root: { height: "auto", minHeight: "var(--badge-height)", maxWidth: "100%", lineHeight: 1.3 },
        label: { whiteSpace: "normal", overflow: "visible", overflowWrap: "anywhere", paddingBlock: 1 },
      },
    }),
  },
});

/**
 * The theme in the reader's language: every dialog's close button is named by what it does, in
 * their words (Mantine's own has only an icon, which screen readers announce as "button"), and a
 * password field's eye button is not read out in English ("Toggle password visibility").
 */
export function themeIn(labels: { close: string; showPassword: string }): MantineThemeOverride {
  return mergeThemeOverrides(theme, {
    components: {
      Modal: Modal.extend({ defaultProps: { closeButtonProps: { "aria-label": labels.close } } }),
      Drawer: Drawer.extend({ defaultProps: { closeButtonProps: { "aria-label": labels.close } } }),
      PasswordInput: PasswordInput.extend({
        defaultProps: { visibilityToggleButtonProps: { "aria-label": labels.showPassword } },
      }),
    },
  });
}
