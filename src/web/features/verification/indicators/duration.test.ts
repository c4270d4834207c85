import { describe, expect, it } from "vitest";
import { indicatorsTextsVi } from "../../../i18n/verification/indicators.ts";
import { formatDuration } from "./duration.ts";

const vi = (key: keyof typeof indicatorsTextsVi.duration, values: Record<string, number>) =>
  indicatorsTextsVi.duration[key].replace(/\{\{(\w)\}\}/g, (_, name: string) => String(values[name]));

describe("durations in Vietnamese", () => {
  it.each([
    [20, "dưới 1 phút"],
    [45 * 60, "45 phút"],
    [2 * 3600 + 15 * 60, "2 giờ 15 phút"],
    [3 * 3600, "3 giờ"],
    [3 * 86400 + 4 * 3600 + 59, "3 ngày 4 giờ"],
    [2 * 86400, "2 ngày"],
  ])("%d s → %s", (seconds, expected) => {
    expect(formatDuration(seconds, vi)).toBe(expected);
  });
});
