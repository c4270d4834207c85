/*
 * Due dates are calendar days in Vietnam (UTC+7 all year, no daylight saving), whatever the server's zone.
 */
const vietnamOffsetMs = 7 * 3600_000;

/** Today's date in Vietnam as YYYY-MM-DD. */
export function vietnamToday(now: Date = new Date()): string {
  return new Date(now.getTime() + vietnamOffsetMs).toISOString().slice(0, 10);
}

/** The instant a Vietnamese calendar day `date` (YYYY-MM-DD) reaches `hour`:00, shifted by `dayOffset` days. */
export function vietnamTimeOn(date: string, hour: number, dayOffset = 0): Date {
  const midnightUtc = Date.parse(`${date}T00:00:00Z`);
  return new Date(midnightUtc + dayOffset * 86_400_000 + hour * 3600_000 - vietnamOffsetMs);
}

/** A time as people in Vietnam read it, e.g. "14:05 ngày 24/11/2026". */
export function formatVietnamTime(at: Date, locale: "vi" | "en"): string {
  const local = new Date(at.getTime() + vietnamOffsetMs).toISOString();
  const [date, time] = [local.slice(0, 10), local.slice(11, 16)];
  const [year, month, day] = date.split("-");
  return locale === "vi" ? `${time} ngày ${day}/${month}/${year}` : `${day}/${month}/${year} ${time}`;
}

/** A calendar date as DD/MM/YYYY. */
export function formatVietnamDate(date: string): string {
  const [year, month, day] = date.split("-");
  return `${day}/${month}/${year}`;
}
