import { describe, expect, it } from "vitest";
import { dayRangeProblem } from "./day-range.ts";

describe("a day typed outside a date field's range", () => {
  const today = "2026-05-10";

  it("before a minimum of today must lie ahead", () => {
    expect(dayRangeProblem("2020-01-01", { min: today }, today)).toEqual({ kind: "afterNow" });
  });

  it("before another minimum names that day", () => {
    expect(dayRangeProblem("2026-05-01", { min: "2026-05-03" }, today)).toEqual({
      kind: "notBefore",
      limit: "2026-05-03",
    });
  });

  it("after a maximum of today cannot lie ahead", () => {
    expect(dayRangeProblem("2026-05-11", { max: today }, today)).toEqual({ kind: "notAfterToday" });
  });

  it("after another maximum names that day, counting a date-time limit by its day", () => {
    expect(dayRangeProblem("2026-06-02", { max: "2026-06-01T08:00" }, today)).toEqual({
      kind: "notAfter",
      limit: "2026-06-01",
    });
  });

  it("inside the range, on its edges, or empty, is fine", () => {
    expect(dayRangeProblem(today, { min: today, max: today }, today)).toBeNull();
    expect(dayRangeProblem("2026-05-20", { min: today, max: "2026-06-01" }, today)).toBeNull();
    expect(dayRangeProblem("", { min: today }, today)).toBeNull();
    expect(dayRangeProblem("2000-01-01", {}, today)).toBeNull();
  });
});
