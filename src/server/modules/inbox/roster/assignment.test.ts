import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makePerson, makeUnit } from "../../../../../test/helpers/factories.ts";
import { createTestDatabase } from "../../../../../test/helpers/test-database.ts";
import type { Database, Db } from "../../../db/client.ts";
import { dutyAssignments, dutyAway, dutyHolidays, dutyShifts } from "../../../db/schema/inbox.ts";
import { pickOnDutyAssignee } from "./assignment.ts";
import { dutyDeadline, loadDutySchedule, nextDutyStartOf } from "./clock.ts";
import { leadersOnDutyAt, onDutyAt } from "./on-duty.ts";
import { addDays, shiftInstants } from "./vietnam-days.ts";

const vn = (text: string) => new Date(`${text.replace(" ", "T")}:00+07:00`);

let database: Database;
let db: Db;
let org: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
  database = await createTestDatabase();
  db = database.db;
  org = await makeOrganisation(db);
});
afterAll(async () => {
  await database?.close();
});

async function plantShift(
  unitId: string,
  day: string,
  minutes: [number, number],
  people: { id: string; leader?: boolean }[],
) {
  const [row] = await db
    .insert(dutyShifts)
    .values({ unitId, day, slotId: crypto.randomUUID(), ...shiftInstants(day, minutes[0], minutes[1]) })
    .returning({ id: dutyShifts.id });
  const shiftId = row?.id ?? "";
  if (people.length > 0) {
    await db
      .insert(dutyAssignments)
      .values(people.map((person) => ({ shiftId, personId: person.id, isLeader: person.leader ?? false })));
  }
  return shiftId;
}

const officer = (unitId: string, fullName: string) =>
  makePerson(db, { unitId, fullName, roles: ["duty_officer"] });

describe("round-robin assignment", () => {
  it("goes round the people on the night shift, skips the away, and moves to the person swapped in", async () => {
    const unit = await makeUnit(db, { parentId: org.left.id, name: "Xã Trực Đêm" });
    const [an, binh, chi] = await Promise.all(["An", "Bình", "Chi"].map((name) => officer(unit.id, name)));
    if (!an || !binh || !chi) {
      throw new Error("people");
    }
    const shiftId = await plantShift(
      unit.id,
      "2026-12-07",
      [22 * 60, 6 * 60],
      [{ id: an.id, leader: true }, { id: binh.id }],
    );
    const at = vn("2026-12-08 02:00");
    const order = [an.id, binh.id].sort();
    const picks = [];
    for (let i = 0; i < 4; i++) {
      picks.push(await pickOnDutyAssignee(db, unit.id, at));
    }
    expect(picks).toEqual([order[0], order[1], order[0], order[1]]);
    expect((await leadersOnDutyAt(db, unit.id, at)).map((p) => p.fullName)).toEqual(["An"]);

    // Outside the shift: nobody.
    expect(await pickOnDutyAssignee(db, unit.id, vn("2026-12-08 07:00"))).toBeNull();

    // Bình hands the shift to Chi (the hours stay, the person changes): Chi now takes turns with An.
    await db
      .update(dutyAssignments)
      .set({ personId: chi.id })
      .where(and(eq(dutyAssignments.shiftId, shiftId), eq(dutyAssignments.personId, binh.id)));
    const afterSwap = new Set<string | null>();
    for (let i = 0; i < 4; i++) {
      afterSwap.add(await pickOnDutyAssignee(db, unit.id, at));
    }
    expect(afterSwap).toEqual(new Set([an.id, chi.id]));

    // An marked away: everything goes to Chi; both away: nobody.
    await db.insert(dutyAway).values({ personId: an.id, since: vn("2026-12-07 00:00") });
    expect(await pickOnDutyAssignee(db, unit.id, at)).toBe(chi.id);
    expect(await pickOnDutyAssignee(db, unit.id, at)).toBe(chi.id);
    const onDuty = await onDutyAt(db, unit.id, at);
    expect(onDuty.find((p) => p.id === an.id)?.away).toBe(true);
    await db
      .insert(dutyAway)
      .values({ personId: chi.id, since: vn("2026-12-07 00:00"), until: vn("2026-12-08 03:00") });
    expect(await pickOnDutyAssignee(db, unit.id, at)).toBeNull();
    // Chi's absence ends at 03:00.
    expect(await pickOnDutyAssignee(db, unit.id, vn("2026-12-08 04:00"))).toBe(chi.id);
  });

  it("gives two conversations arriving at once to two different people", async () => {
    const unit = await makeUnit(db, { parentId: org.left.id });
    const a = await officer(unit.id, "Đào");
    const b = await officer(unit.id, "Én");
    await plantShift(unit.id, "2026-12-09", [7 * 60, 11 * 60 + 30], [{ id: a.id }, { id: b.id }]);
    const at = vn("2026-12-09 08:00");
    const picks = await Promise.all(
      [0, 1].map(() => db.transaction((tx) => pickOnDutyAssignee(tx, unit.id, at))),
    );
    expect(new Set(picks)).toEqual(new Set([a.id, b.id]));
  });

  it("has nobody on duty on a holiday of an ancestor unit, and a shift without people is no duty time", async () => {
    const unit = await makeUnit(db, { parentId: org.left.id });
    const a = await officer(unit.id, "Giang");
    await plantShift(unit.id, "2027-01-01", [7 * 60, 11 * 60 + 30], [{ id: a.id }]);
    await plantShift(unit.id, "2027-01-02", [7 * 60, 11 * 60 + 30], []);
    await db.insert(dutyHolidays).values({ unitId: org.root.id, day: "2027-01-01", name: "Tết Dương lịch" });
    expect(await pickOnDutyAssignee(db, unit.id, vn("2027-01-01 08:00"))).toBeNull();
    const schedule = await loadDutySchedule(db, unit.id, vn("2026-12-31 00:00"), vn("2027-01-03 00:00"));
    expect(schedule.intervals).toEqual([]);
  });
});

describe("deadlines far ahead", () => {
  it("loads the roster window after window, and gives up past the planned roster", async () => {
    const unit = await makeUnit(db, { parentId: org.left.id });
    const a = await officer(unit.id, "Hà");
    // One morning shift every fifth day for fifty days: 4.5 h each.
    for (let i = 0; i < 50; i += 5) {
      await plantShift(unit.id, addDays("2027-02-01", i), [7 * 60, 11 * 60 + 30], [{ id: a.id }]);
    }
    const from = vn("2027-02-01 00:00");
    // 20 hours of duty = the fifth shift (day 20) at 09:00.
    expect(await dutyDeadline(db, unit.id, from, 20 * 60)).toEqual(vn("2027-02-21 09:00"));
    expect(await dutyDeadline(db, unit.id, from, 45 * 60)).toEqual(vn("2027-03-18 11:30"));
    expect(await dutyDeadline(db, unit.id, from, 46 * 60)).toBeNull();
    expect(await nextDutyStartOf(db, unit.id, vn("2027-02-01 12:00"))).toEqual(vn("2027-02-06 07:00"));
    expect(await nextDutyStartOf(db, unit.id, vn("2027-05-01 12:00"))).toBeNull();
  });
});
