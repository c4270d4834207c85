/**
 * Whether a day typed into a date field lies outside the days it allows, and how to say so.
 * A day outside the range is kept in the field with this sentence under it, rather than emptied.
 */

export type DayRangeProblem =
  /** The earliest allowed day is today: the day must lie ahead. */
  | { kind: "afterNow" }
  /** The latest allowed day is today: the day cannot lie ahead. */
  | { kind: "notAfterToday" }
  | { kind: "notBefore"; limit: string }
  | { kind: "notAfter"; limit: string };

/** Days and limits are YYYY-MM-DD (a YYYY-MM-DDTHH:mm limit counts by its day); today is Vietnam's. */
export function dayRangeProblem(
  day: string,
  range: { min?: string; max?: string },
  today: string,
): DayRangeProblem | null {
  const min = range.min?.slice(0, 10);
  const max = range.max?.slice(0, 10);
  if (!day) {
    return null;
  }
  if (min && day < min) {
    return min === today ? { kind: "afterNow" } : { kind: "notBefore", limit: min };
  }
  if (max && day > max) {
    return max === today ? { kind: "notAfterToday" } : { kind: "notAfter", limit: max };
  }
  return null;
}
