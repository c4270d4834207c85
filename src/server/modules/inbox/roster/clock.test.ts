import { describe, expect, it } from "vitest";
import { nextInTurn } from "./assignment.ts";
import { addDutyMinutes, buildDutySchedule, dutyMinutesBetween, isDutyTime, nextDutyStart } from "./clock.ts";
import { shiftInstants } from "./vietnam-days.ts";

/** "2026-12-07 22:00" Vietnam time → the instant. */
const vn = (text: string) => new Date(`${text.replace(" ", "T")}:00+07:00`);
const shift = (day: string, start: string, end: string) => {
  const [sh, sm] = start.split(":").map(Number);
  const [eh, em] = end.split(":").map(Number);
  return shiftInstants(day, (sh ?? 0) * 60 + (sm ?? 0), (eh ?? 0) * 60 + (em ?? 0));
};
const weekFrom = vn("2026-12-01 00:00");
const weekTo = vn("2026-12-31 00:00");

describe("the duty-hours clock", () => {
  it("counts a night shift 22:00–06:00 across midnight as one eight-hour stretch", () => {
    const night = shift("2026-12-07", "22:00", "06:00");
    expect(night.startsAt).toEqual(vn("2026-12-07 22:00"));
    expect(night.endsAt).toEqual(vn("2026-12-08 06:00"));
    const schedule = buildDutySchedule([night], [], weekFrom, weekTo);
    expect(dutyMinutesBetween(schedule, vn("2026-12-07 20:00"), vn("2026-12-08 12:00"))).toBe(480);
    expect(dutyMinutesBetween(schedule, vn("2026-12-07 23:30"), vn("2026-12-08 00:30"))).toBe(60);
    expect(addDutyMinutes(schedule, vn("2026-12-07 23:00"), 120)).toEqual(vn("2026-12-08 01:00"));
    expect(isDutyTime(schedule, vn("2026-12-08 05:59"))).toBe(true);
    expect(isDutyTime(schedule, vn("2026-12-08 06:00"))).toBe(false);
  });

  it("leaves a holiday out, cutting a shift that crosses into it at the holiday's midnight", () => {
    const shifts = [
      shift("2026-12-30", "22:00", "06:00"),
      shift("2026-12-31", "07:00", "11:30"),
      shift("2026-12-31", "22:00", "06:00"),
      shift("2027-01-01", "07:00", "11:30"),
      shift("2027-01-01", "22:00", "06:00"),
      shift("2027-01-02", "07:00", "11:30"),
    ];
    const schedule = buildDutySchedule(
      shifts,
      ["2027-01-01"],
      vn("2026-12-30 00:00"),
      vn("2027-01-03 00:00"),
    );
    expect(schedule.intervals).toEqual([
      { start: vn("2026-12-30 22:00"), end: vn("2026-12-31 06:00") },
      { start: vn("2026-12-31 07:00"), end: vn("2026-12-31 11:30") },
      // New Year's Eve night stops at the holiday's 00:00.
      { start: vn("2026-12-31 22:00"), end: vn("2027-01-01 00:00") },
      // The holiday's own night shift counts again from the next day's midnight.
      { start: vn("2027-01-02 00:00"), end: vn("2027-01-02 06:00") },
      { start: vn("2027-01-02 07:00"), end: vn("2027-01-02 11:30") },
    ]);
    // A message at 23:00 on New Year's Eve with a 90-minute target: one hour that night, the rest after the holiday.
    expect(addDutyMinutes(schedule, vn("2026-12-31 23:00"), 90)).toEqual(vn("2027-01-02 00:30"));
    expect(nextDutyStart(schedule, vn("2027-01-01 09:00"))).toEqual(vn("2027-01-02 00:00"));
  });

  it("merges overlapping and touching shifts", () => {
    const shifts = [
      shift("2026-12-07", "07:00", "11:30"),
      shift("2026-12-07", "11:00", "13:00"),
      shift("2026-12-07", "13:00", "17:00"),
      shift("2026-12-07", "08:00", "09:00"),
    ];
    const schedule = buildDutySchedule(shifts, [], weekFrom, weekTo);
    expect(schedule.intervals).toEqual([{ start: vn("2026-12-07 07:00"), end: vn("2026-12-07 17:00") }]);
    expect(dutyMinutesBetween(schedule, weekFrom, weekTo)).toBe(600);
  });

  it("runs a target over nights and a weekend without shifts", () => {
    // Friday 4 December and Monday 7 December 2026, office hours only.
    const shifts = ["2026-12-04", "2026-12-07"].flatMap((day) => [
      shift(day, "07:00", "11:30"),
      shift(day, "13:30", "17:00"),
    ]);
    const schedule = buildDutySchedule(shifts, [], weekFrom, weekTo);
    // Friday 16:00 + 120 duty minutes: one hour on Friday, one on Monday morning.
    expect(addDutyMinutes(schedule, vn("2026-12-04 16:00"), 120)).toEqual(vn("2026-12-07 08:00"));
    // A message on Saturday waits for Monday 07:00.
    expect(nextDutyStart(schedule, vn("2026-12-05 10:00"))).toEqual(vn("2026-12-07 07:00"));
    expect(addDutyMinutes(schedule, vn("2026-12-05 10:00"), 300)).toEqual(vn("2026-12-07 14:00"));
    expect(dutyMinutesBetween(schedule, vn("2026-12-04 16:00"), vn("2026-12-07 08:00"))).toBe(120);
    // More minutes than planned: no deadline yet.
    expect(addDutyMinutes(schedule, vn("2026-12-07 16:00"), 120)).toBeNull();
  });

  it("clips the schedule to the window it was loaded for", () => {
    const schedule = buildDutySchedule(
      [shift("2026-12-07", "22:00", "06:00")],
      [],
      vn("2026-12-08 00:00"),
      vn("2026-12-08 03:00"),
    );
    expect(schedule.intervals).toEqual([{ start: vn("2026-12-08 00:00"), end: vn("2026-12-08 03:00") }]);
  });
});

describe("round-robin order", () => {
  it("takes the next id after the cursor, wrapping round, and skips a cursor that left the shift", () => {
    const ids = ["a", "c", "e"];
    expect(nextInTurn(ids, null)).toBe("a");
    expect(nextInTurn(ids, "a")).toBe("c");
    expect(nextInTurn(ids, "e")).toBe("a");
    // The last person swapped out of the shift ("d"): the turn goes on from where they stood.
    expect(nextInTurn(ids, "d")).toBe("e");
    expect(nextInTurn([], "a")).toBeNull();
  });
});
