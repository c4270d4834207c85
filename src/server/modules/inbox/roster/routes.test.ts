import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { auditEvents } from "../../../db/schema/index.ts";
import { pickOnDutyAssignee } from "./assignment.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let admin: SessionClient;
let people: Record<"an" | "binh" | "chi" | "editor" | "member", { id: string; email: string | null }>;
let an: SessionClient;
let binh: SessionClient;
let chi: SessionClient;
let editor: SessionClient;

const vn = (text: string) => new Date(`${text.replace(" ", "T")}:00+07:00`);

interface Slot {
  id: string;
  name: string;
  start: string;
  end: string;
  overnight: boolean;
}
interface Shift {
  id: string;
  day: string;
  slotName: string;
  startsAt: string;
  endsAt: string;
  people: { id: string; fullName: string; isLeader: boolean; away: boolean }[];
  pendingSwap: { id: string } | null;
  isHoliday: boolean;
}

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  const unitId = org.left.id;
  people = {
    an: await makePerson(t.db, { unitId, fullName: "Lê Văn An", roles: ["duty_officer"] }),
    binh: await makePerson(t.db, { unitId, fullName: "Phạm Thị Bình", roles: ["duty_officer"] }),
    chi: await makePerson(t.db, { unitId, fullName: "Đỗ Minh Chi", roles: ["duty_officer"] }),
    editor: await makePerson(t.db, { unitId, fullName: "Vũ Biên Tập", roles: ["editor"] }),
    member: await makePerson(t.db, { unitId, fullName: "Hội Viên Thường", roles: ["member"] }),
  };
  admin = await signInAs(t.app, org.leftAdmin.email ?? "");
  an = await signInAs(t.app, people.an.email ?? "");
  binh = await signInAs(t.app, people.binh.email ?? "");
  chi = await signInAs(t.app, people.chi.email ?? "");
  editor = await signInAs(t.app, people.editor.email ?? "");
});
afterAll(async () => {
  await t?.close();
});

async function month(client: SessionClient, value: string) {
  const response = await client.request({
    method: "GET",
    url: `/api/roster/month?unitId=${org.left.id}&month=${value}`,
  });
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as {
    slots: Slot[];
    shifts: Shift[];
    holidays: { day: string }[];
    canManage: boolean;
  };
}

async function slots(): Promise<Record<string, Slot>> {
  const { slots } = await month(admin, "2030-03");
  return Object.fromEntries(slots.map((slot) => [slot.name, slot]));
}

const setShift = (day: string, slotId: string, personIds: string[], leaderId?: string) =>
  admin.request({
    method: "PUT",
    url: "/api/roster/shifts",
    payload: { unitId: org.left.id, day, slotId, personIds, leaderId },
  });

describe("planning the roster", () => {
  it("opens with the usual three slots, and only managers may change it", async () => {
    const seen = await month(editor, "2030-03");
    expect(seen.slots.map((s) => `${s.name} ${s.start}–${s.end}`)).toEqual([
      "Ca sáng 07:00–11:30",
      "Ca chiều 13:30–17:00",
      "Ca tối 19:00–22:00",
    ]);
    expect(seen.canManage).toBe(false);
    expect((await month(admin, "2030-03")).canManage).toBe(true);
    const refused = await editor.request({
      method: "PUT",
      url: "/api/roster/shifts",
      payload: {
        unitId: org.left.id,
        day: "2030-03-04",
        slotId: seen.slots[0]?.id,
        personIds: [people.an.id],
      },
    });
    expect(refused.statusCode).toBe(403);
  });

  it("puts people on a slot, an overnight slot ending the next morning, and empties it again", async () => {
    const night = await admin.request({
      method: "POST",
      url: "/api/roster/slots",
      payload: { unitId: org.left.id, name: "Ca đêm", start: "22:00", end: "06:00" },
    });
    expect(night.statusCode, night.body).toBe(201);
    expect(night.json().overnight).toBe(true);
    const nightId = night.json().id as string;
    expect(
      (await setShift("2030-03-05", nightId, [people.an.id, people.binh.id], people.binh.id)).statusCode,
    ).toBe(200);
    const shift = (await month(an, "2030-03")).shifts.find((s) => s.day === "2030-03-05");
    expect(shift?.slotName).toBe("Ca đêm");
    expect(new Date(shift?.startsAt ?? "")).toEqual(vn("2030-03-05 22:00"));
    expect(new Date(shift?.endsAt ?? "")).toEqual(vn("2030-03-06 06:00"));
    expect(shift?.people.map((p) => `${p.fullName}${p.isLeader ? " (trưởng ca)" : ""}`).sort()).toEqual([
      "Lê Văn An",
      "Phạm Thị Bình (trưởng ca)",
    ]);
    // At 02:00 that night the two take turns with new conversations.
    const picks = [];
    for (let i = 0; i < 2; i++) {
      picks.push(await pickOnDutyAssignee(t.db, org.left.id, vn("2030-03-06 02:00")));
    }
    expect(new Set(picks)).toEqual(new Set([people.an.id, people.binh.id]));

    const planned = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "inbox.roster.shift_set"));
    expect(planned.map((event) => event.actorId)).toContain(org.leftAdmin.id);
    expect((await setShift("2030-03-05", nightId, [])).statusCode).toBe(200);
    expect((await month(an, "2030-03")).shifts.find((s) => s.day === "2030-03-05")).toBeUndefined();
    const removed = await admin.request({ method: "DELETE", url: `/api/roster/slots/${nightId}` });
    expect(removed.statusCode).toBe(200);
    expect(Object.keys(await slots())).not.toContain("Ca đêm");
  });

  it("refuses people who may not answer the inbox, and a leader who is not on the shift", async () => {
    const { "Ca sáng": morning } = await slots();
    const member = await setShift("2030-03-06", morning?.id ?? "", [people.an.id, people.member.id]);
    expect(member.statusCode).toBe(400);
    expect(member.json().code).toBe("inbox.roster_not_duty_officer");
    expect(member.json().detail ?? member.json().title ?? member.body).toContain("Hội Viên Thường");
    const leader = await setShift("2030-03-06", morning?.id ?? "", [people.an.id], people.binh.id);
    expect(leader.json().code).toBe("inbox.roster_leader_not_on_shift");
  });

  it("copies last week into the empty slots, skipping holidays, and replaces only when asked", async () => {
    const { "Ca sáng": morning, "Ca chiều": afternoon } = await slots();
    const m = morning?.id ?? "";
    const a = afternoon?.id ?? "";
    for (const day of ["2030-03-04", "2030-03-05", "2030-03-06"]) {
      expect((await setShift(day, m, [people.an.id])).statusCode).toBe(200);
    }
    expect((await setShift("2030-03-04", a, [people.binh.id])).statusCode).toBe(200);
    // Already planned next week: Monday morning by Chi. Tuesday 12 is a holiday of the province.
    expect((await setShift("2030-03-11", m, [people.chi.id])).statusCode).toBe(200);
    const rootAdmin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const holiday = await rootAdmin.request({
      method: "POST",
      url: "/api/roster/holidays",
      payload: { unitId: org.root.id, day: "2030-03-12", name: "Ngày lễ thử" },
    });
    expect(holiday.statusCode).toBe(200);
    const copy = await admin.request({
      method: "POST",
      url: "/api/roster/copy-week",
      payload: { unitId: org.left.id, weekStart: "2030-03-11" },
    });
    expect(copy.json()).toEqual({ copied: 2, kept: 1 });
    const week = (await month(an, "2030-03")).shifts.filter(
      (s) => s.day >= "2030-03-11" && s.day <= "2030-03-17",
    );
    expect(
      week.map((s) => `${s.day} ${s.slotName} ${s.people.map((p) => p.fullName).join()}`).sort(),
    ).toEqual([
      "2030-03-11 Ca chiều Phạm Thị Bình",
      "2030-03-11 Ca sáng Đỗ Minh Chi",
      "2030-03-13 Ca sáng Lê Văn An",
    ]);
    expect((await month(an, "2030-03")).holidays.map((h) => h.day)).toEqual(["2030-03-12"]);
    const replaced = await admin.request({
      method: "POST",
      url: "/api/roster/copy-week",
      payload: { unitId: org.left.id, weekStart: "2030-03-11", replace: true },
    });
    expect(replaced.json()).toEqual({ copied: 3, kept: 0 });
    const monday = (await month(an, "2030-03")).shifts.find(
      (s) => s.day === "2030-03-11" && s.slotName === "Ca sáng",
    );
    expect(monday?.people.map((p) => p.fullName)).toEqual(["Lê Văn An"]);
    const notMonday = await admin.request({
      method: "POST",
      url: "/api/roster/copy-week",
      payload: { unitId: org.left.id, weekStart: "2030-03-12" },
    });
    expect(notMonday.json().code).toBe("inbox.roster_not_monday");
    // Removing the holiday: the root's administrator declared it, the commune's may not remove it.
    expect(
      (await admin.request({ method: "DELETE", url: `/api/roster/holidays/${org.root.id}/2030-03-12` }))
        .statusCode,
    ).toBe(403);
    expect(
      (await rootAdmin.request({ method: "DELETE", url: `/api/roster/holidays/${org.root.id}/2030-03-12` }))
        .statusCode,
    ).toBe(200);
    expect((await month(an, "2030-03")).holidays).toEqual([]);
  });
});

describe("swapping a shift", () => {
  it("moves the shift and the leader flag to the colleague who accepts, and tells them", async () => {
    const { "Ca tối": evening } = await slots();
    expect((await setShift("2030-03-20", evening?.id ?? "", [people.an.id], people.an.id)).statusCode).toBe(
      200,
    );
    const shiftId = (await month(an, "2030-03")).shifts.find((s) => s.day === "2030-03-20")?.id;

    const notOnIt = await binh.request({
      method: "POST",
      url: "/api/roster/swaps",
      payload: { shiftId, toPersonId: people.chi.id },
    });
    expect(notOnIt.json().code).toBe("inbox.roster_not_on_shift");
    const toMember = await an.request({
      method: "POST",
      url: "/api/roster/swaps",
      payload: { shiftId, toPersonId: people.member.id },
    });
    expect(toMember.json().code).toBe("inbox.roster_swap_target_not_officer");

    const asked = await an.request({
      method: "POST",
      url: "/api/roster/swaps",
      payload: { shiftId, toPersonId: people.binh.id, note: "Tôi bận họp tổ dân phố" },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: "pending", canAccept: false, canCancel: true });
    const again = await an.request({
      method: "POST",
      url: "/api/roster/swaps",
      payload: { shiftId, toPersonId: people.chi.id },
    });
    expect(again.json().code).toBe("inbox.roster_swap_pending");

    const bell = await binh.request({ method: "GET", url: "/api/me/notifications" });
    expect(JSON.stringify(bell.json())).toContain(
      "Lê Văn An nhờ bạn trực thay Ca tối ngày 20/03/2030 (19:00–22:00)",
    );
    const binhList = (await binh.request({ method: "GET", url: "/api/roster/swaps" })).json();
    expect(binhList.items[0]).toMatchObject({ canAccept: true, canCancel: false });
    // Chi is not part of it: sees nothing and cannot answer it.
    expect((await chi.request({ method: "GET", url: "/api/roster/swaps" })).json().items).toEqual([]);
    const chiTries = await chi.request({
      method: "POST",
      url: `/api/roster/swaps/${asked.json().id}/decision`,
      payload: { decision: "accept" },
    });
    expect(chiTries.statusCode).toBe(404);
    // The unit's administrator sees every request of the unit.
    const managed = await admin.request({ method: "GET", url: `/api/roster/swaps?unitId=${org.left.id}` });
    expect(managed.json().items.map((s: { id: string }) => s.id)).toContain(asked.json().id);
    expect((await month(an, "2030-03")).shifts.find((s) => s.day === "2030-03-20")?.pendingSwap?.id).toBe(
      asked.json().id,
    );

    const accepted = await binh.request({
      method: "POST",
      url: `/api/roster/swaps/${asked.json().id}/decision`,
      payload: { decision: "accept" },
    });
    expect(accepted.statusCode, accepted.body).toBe(200);
    expect(accepted.json().status).toBe("accepted");
    const shift = (await month(an, "2030-03")).shifts.find((s) => s.day === "2030-03-20");
    expect(shift?.people).toEqual([
      { id: people.binh.id, fullName: "Phạm Thị Bình", isLeader: true, away: false },
    ]);
    expect(shift?.pendingSwap).toBeNull();
    // The hours stay; the conversations of that evening now go to Bình.
    expect(new Date(shift?.startsAt ?? "")).toEqual(vn("2030-03-20 19:00"));
    expect(new Date(shift?.endsAt ?? "")).toEqual(vn("2030-03-20 22:00"));
    expect(await pickOnDutyAssignee(t.db, org.left.id, vn("2030-03-20 20:00"))).toBe(people.binh.id);
    expect(await pickOnDutyAssignee(t.db, org.left.id, vn("2030-03-20 20:00"))).toBe(people.binh.id);
    const anBell = await an.request({ method: "GET", url: "/api/me/notifications" });
    expect(JSON.stringify(anBell.json())).toContain("Phạm Thị Bình đã nhận trực thay bạn");
    const twice = await binh.request({
      method: "POST",
      url: `/api/roster/swaps/${asked.json().id}/decision`,
      payload: { decision: "decline" },
    });
    expect(twice.json().code).toBe("inbox.roster_swap_decided");
    const audit = await t.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, "inbox.roster.swap_accepted"));
    expect(audit).toHaveLength(1);
  });

  it("lets the colleague decline and the asker withdraw, leaving the shift as it was", async () => {
    const { "Ca sáng": morning } = await slots();
    expect((await setShift("2030-03-21", morning?.id ?? "", [people.chi.id])).statusCode).toBe(200);
    const shiftId = (await month(an, "2030-03")).shifts.find((s) => s.day === "2030-03-21")?.id;
    const ask = () =>
      chi.request({
        method: "POST",
        url: "/api/roster/swaps",
        payload: { shiftId, toPersonId: people.an.id },
      });
    const first = (await ask()).json();
    const notYours = await an.request({
      method: "POST",
      url: `/api/roster/swaps/${first.id}/decision`,
      payload: { decision: "cancel" },
    });
    expect(notYours.json().code).toBe("inbox.roster_swap_not_yours");
    const declined = await an.request({
      method: "POST",
      url: `/api/roster/swaps/${first.id}/decision`,
      payload: { decision: "decline" },
    });
    expect(declined.json().status).toBe("declined");
    const second = (await ask()).json();
    const withdrawn = await chi.request({
      method: "POST",
      url: `/api/roster/swaps/${second.id}/decision`,
      payload: { decision: "cancel" },
    });
    expect(withdrawn.json().status).toBe("cancelled");
    const shift = (await month(an, "2030-03")).shifts.find((s) => s.day === "2030-03-21");
    expect(shift?.people.map((p) => p.fullName)).toEqual(["Đỗ Minh Chi"]);
  });
});

describe("being away, my shifts and who is on duty", () => {
  it("marks me away and back, lists my coming shifts, and answers who is on duty now", async () => {
    const away = await chi.request({ method: "PUT", url: "/api/roster/me/away", payload: { away: true } });
    expect(away.json()).toEqual({ away: true, until: null });
    expect((await chi.request({ method: "GET", url: "/api/roster/me/away" })).json().away).toBe(true);
    const past = await chi.request({
      method: "PUT",
      url: "/api/roster/me/away",
      payload: { away: true, until: "2020-01-01T00:00:00Z" },
    });
    expect(past.json().code).toBe("inbox.roster_away_until_past");
    expect(
      (await chi.request({ method: "PUT", url: "/api/roster/me/away", payload: { away: false } })).json(),
    ).toEqual({
      away: false,
      until: null,
    });

    // A shift running now, led by An.
    const { "Ca sáng": morning } = await slots();
    const now = new Date();
    const today = new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
    const slot = await admin.request({
      method: "POST",
      url: "/api/roster/slots",
      payload: { unitId: org.left.id, name: "Ca trực suốt ngày", start: "00:00", end: "00:00" },
    });
    expect(slot.json().code).toBe("inbox.roster_slot_empty");
    const allDay = await admin.request({
      method: "POST",
      url: "/api/roster/slots",
      payload: { unitId: org.left.id, name: "Ca trực suốt ngày", start: "00:00", end: "24:00" },
    });
    expect(allDay.statusCode, allDay.body).toBe(201);
    expect(
      (await setShift(today, allDay.json().id, [people.an.id, people.chi.id], people.an.id)).statusCode,
    ).toBe(200);
    const onDuty = (
      await editor.request({ method: "GET", url: `/api/roster/on-duty?unitId=${org.left.id}` })
    ).json();
    expect(
      onDuty.onDuty.map((p: { fullName: string; isLeader: boolean }) => [p.fullName, p.isLeader]).sort(),
    ).toEqual([
      ["Lê Văn An", true],
      ["Đỗ Minh Chi", false],
    ]);
    expect(onDuty.currentShiftEndsAt).not.toBeNull();
    expect(onDuty.nextShiftStartsAt).toBeNull();
    const mine = (await an.request({ method: "GET", url: "/api/roster/me/shifts" })).json();
    expect(mine.items.map((s: Shift) => s.slotName)).toContain("Ca trực suốt ngày");
    expect(morning).toBeDefined();
  });
});
