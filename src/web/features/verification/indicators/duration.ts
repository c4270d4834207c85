/** The words of a duration, as the i18n file gives them ({{d}} ngày {{h}} giờ, {{h}} giờ {{m}} phút…). */
export type DurationWords = (
  key: "minutes" | "hoursMinutes" | "hours" | "daysHours" | "days" | "underMinute",
  values: Record<string, number>,
) => string;

/**
 * A span of seconds as people say it: "45 phút", "2 giờ 15 phút", "3 ngày 4 giờ". Minutes are dropped
 * once it is a day or more, where they no longer matter.
 */
export function formatDuration(seconds: number, words: DurationWords): string {
  const totalMinutes = Math.round(seconds / 60);
  if (totalMinutes < 1) {
    return words("underMinute", {});
  }
  const d = Math.floor(totalMinutes / 1440);
  const h = Math.floor((totalMinutes % 1440) / 60);
  const m = totalMinutes % 60;
  if (d > 0) {
    return h > 0 ? words("daysHours", { d, h }) : words("days", { d });
  }
  if (h > 0) {
    return m > 0 ? words("hoursMinutes", { h, m }) : words("hours", { h });
  }
  return words("minutes", { m });
}
