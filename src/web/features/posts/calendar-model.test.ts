import { describe, expect, it } from "vitest";
import {
  addDays,
  bucketByDay,
  bucketByHour,
  instantOf,
  monthGrid,
  movedTo,
  rangeOf,
  shiftMonth,
  slotKey,
  vietnamDayOf,
  vietnamHourOf,
  vietnamLocalOf,
  visibleHours,
  weekOf,
} from "./calendar-model.ts";

describe("calendar in Vietnam time", () => {
  it("puts an instant on its Vietnam day, not the UTC one", () => {
    // 18:30 UTC on the 30th is 01:30 on the 1st in Hà Nội.
    expect(vietnamDayOf("2026-11-30T18:30:00.000Z")).toBe("2026-12-01");
    expect(vietnamHourOf("2026-11-30T18:30:00.000Z")).toBe(1);
    expect(vietnamLocalOf("2026-11-30T18:30:00.000Z")).toBe("2026-12-01T01:30");
    expect(vietnamDayOf("2026-11-30T16:59:59.999Z")).toBe("2026-11-30");
  });

  it("turns a Vietnam wall-clock time back into the instant", () => {
    expect(instantOf("2026-12-01", 1, 30)).toBe("2026-11-30T18:30:00.000Z");
    expect(instantOf("2026-01-01")).toBe("2025-12-31T17:00:00.000Z");
  });

  it("builds Monday-first weeks covering the whole month", () => {
    const weeks = monthGrid("2026-11");
    // 1 November 2026 is a Sunday: the first row starts on Monday 26 October.
    expect(weeks[0]?.[0]).toBe("2026-10-26");
    expect(weeks[0]?.[6]).toBe("2026-11-01");
    expect(weeks.at(-1)?.[6]).toBe("2026-12-06");
    expect(weeks.every((week) => week.length === 7)).toBe(true);
    expect(weeks.flat()).toContain("2026-11-30");
    // February of a non-leap year starting on Monday fits in exactly four rows.
    expect(monthGrid("2027-02")).toHaveLength(4);
  });

  it("gives the week of a day and moves across months and years", () => {
    expect(weekOf("2026-12-31")).toEqual([
      "2026-12-28",
      "2026-12-29",
      "2026-12-30",
      "2026-12-31",
      "2027-01-01",
      "2027-01-02",
      "2027-01-03",
    ]);
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2026-01", -1)).toBe("2025-12");
    expect(shiftMonth("2026-05", -17)).toBe("2024-12");
  });

  it("asks the server for the days shown, midnight to midnight in Vietnam", () => {
    expect(rangeOf(["2026-11-23", "2026-11-29"])).toEqual({
      from: "2026-11-22T17:00:00.000Z",
      to: "2026-11-29T17:00:00.000Z",
    });
  });

  it("buckets items by Vietnam day and hour, in time order", () => {
    const items = [
      { id: "b", at: "2026-11-24T02:00:00.000Z" },
      { id: "a", at: "2026-11-24T01:15:00.000Z" },
      { id: "late", at: "2026-11-24T17:05:00.000Z" },
    ];
    const days = bucketByDay(items);
    expect(days.get("2026-11-24")?.map((item) => item.id)).toEqual(["a", "b"]);
    expect(days.get("2026-11-25")?.map((item) => item.id)).toEqual(["late"]);
    const hours = bucketByHour(items);
    expect(hours.get(slotKey("2026-11-24", 8))?.map((item) => item.id)).toEqual(["a"]);
    expect(hours.get(slotKey("2026-11-24", 9))?.map((item) => item.id)).toEqual(["b"]);
    expect(hours.get(slotKey("2026-11-25", 0))?.map((item) => item.id)).toEqual(["late"]);
    expect(visibleHours(items)).toEqual(Array.from({ length: 23 }, (_, i) => i));
    expect(visibleHours([])).toHaveLength(17);
  });

  it("keeps the time of day when a post is dragged to another day, and the minutes to another hour", () => {
    const at = "2026-11-24T01:15:00.000Z"; // 08:15 in Vietnam
    expect(movedTo(at, "2026-11-27")).toBe("2026-11-27T01:15:00.000Z");
    expect(movedTo(at, "2026-11-27", 20)).toBe("2026-11-27T13:15:00.000Z");
    expect(vietnamLocalOf(movedTo(at, "2026-12-01", 0))).toBe("2026-12-01T00:15");
  });
});
