import { describe, expect, it } from "vitest";
import { contrast, theme } from "./theme.ts";

const white = "#ffffff";

describe("the app's colours read at WCAG 2.1 AA", () => {
  const palettes = Object.entries(theme.colors ?? {}).filter(([name]) => name !== "dark");

  it("has every palette of Mantine, darkened where needed", () => {
    expect(palettes.map(([name]) => name)).toEqual(
      expect.arrayContaining(["blue", "green", "yellow", "red"]),
    );
  });

  it.each(palettes)(
    "%s: white text on filled buttons and badges, and coloured text on white",
    (_name, shades) => {
      expect(contrast(shades?.[7] ?? "", white)).toBeGreaterThanOrEqual(4.5);
      expect(contrast(shades?.[8] ?? "", white)).toBeGreaterThanOrEqual(4.5);
    },
  );

  it.each(palettes)("%s: the text of light badges and alerts on their tinted background", (_name, shades) => {
    expect(contrast(shades?.[9] ?? "", shades?.[1] ?? "")).toBeGreaterThanOrEqual(4.5);
    expect(contrast(shades?.[9] ?? "", shades?.[0] ?? "")).toBeGreaterThanOrEqual(4.5);
  });

  it("dims secondary text no further than AA allows", () => {
    const gray = theme.colors?.gray ?? [];
    expect(contrast(gray[6] ?? "", white)).toBeGreaterThanOrEqual(4.5);
    expect(contrast(gray[6] ?? "", gray[1] ?? "")).toBeGreaterThanOrEqual(4.5);
    // The placeholder, the only text of an empty file field.
    expect(contrast(gray[5] ?? "", white)).toBeGreaterThanOrEqual(4.5);
  });
});
