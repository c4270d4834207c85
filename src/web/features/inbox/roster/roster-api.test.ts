import { describe, expect, it } from "vitest";
import { addDays, daysOfMonth, mondayOf, mondaysOfMonth, shiftMonth, weekdayName } from "./roster-api.ts";

describe("the roster's calendar days", () => {
  it("lists every day of a month, leap February included", () => {
    expect(daysOfMonth("2026-12")).toHaveLength(31);
    expect(daysOfMonth("2028-02").at(-1)).toBe("2028-02-29");
    expect(daysOfMonth("2027-02").at(-1)).toBe("2027-02-28");
  });

  it("moves between months across a new year", () => {
    expect(shiftMonth("2026-12", 1)).toBe("2027-01");
    expect(shiftMonth("2027-01", -1)).toBe("2026-12");
  });

  it("offers the Mondays of every week that touches the month, to copy a week into", () => {
    // December 2026 starts on a Tuesday: its first week began on Monday 30 November.
    expect(mondaysOfMonth("2026-12")).toEqual([
      "2026-11-30",
      "2026-12-07",
      "2026-12-14",
      "2026-12-21",
      "2026-12-28",
    ]);
    expect(mondayOf("2026-12-13")).toBe("2026-12-07");
    expect(addDays("2026-12-28", 7)).toBe("2027-01-04");
  });

  it("names weekdays as Vietnamese calendars do (T2 … CN)", () => {
    expect(weekdayName("2026-12-07", "vi")).toBe("T2");
    expect(weekdayName("2026-12-12", "vi")).toBe("T7");
    expect(weekdayName("2026-12-13", "vi")).toBe("CN");
    expect(weekdayName("2026-12-13", "en")).toBe("Sun");
  });
});
