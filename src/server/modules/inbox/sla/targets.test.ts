import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../../test/helpers/eventually.ts";
import { makeOrganisation, makePerson, makeUnit, signInAs } from "../../../../../test/helpers/factories.ts";
import { readableMail, startSmtpServer } from "../../../../../test/helpers/smtp.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { vietnamToday } from "../../../../shared/vietnam-time.ts";
import { inboxConversations, inboxEvents, inboxSettings } from "../../../db/schema/index.ts";
import { queueMail } from "../../../mail/mailer.ts";
import { checkTargets } from "./checks.ts";
import { queueEscalation, sendEscalationLetters } from "./escalation.ts";
import { addHoliday, addShift, receive, vn } from "./targets.test-helper.ts";
import { recordFirstResponse } from "./targets.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  org = await makeOrganisation(t.db);
});

afterAll(async () => {
  await t.close();
  await smtp.close();
});

const mailsTo = (address: string) => smtp.inbox.filter((mail) => mail.to.includes(address));

async function conversation(id: string) {
  const [row] = await t.db.select().from(inboxConversations).where(eq(inboxConversations.id, id));
  if (!row) {
    throw new Error("no such conversation");
  }
  return row;
}

async function eventsOf(id: string, kind: "warned" | "breached") {
  return t.db
    .select()
    .from(inboxEvents)
    .where(and(eq(inboxEvents.conversationId, id), eq(inboxEvents.kind, kind)));
}

/** Waits for a letter queued after everything before it, so that a second copy of those would have come too. */
async function settleMail(tag: string) {
  const sentinel = `sentinel-${tag}@example.vn`;
  await queueMail(t.jobs, { to: sentinel, subject: "sentinel", text: "sentinel" });
  await eventually(() => mailsTo(sentinel).length === 1, { what: `the sentinel letter ${tag}` });
}

const deps = () => ({ db: t.db, jobs: t.jobs });

describe("due times count duty minutes only", () => {
  it("runs across midnight inside a night shift and over the night to the morning shift, with the unit's own targets", async () => {
    const unit = await makeUnit(t.db);
    const officer = await makePerson(t.db, { unitId: unit.id });
    await t.db
      .insert(inboxSettings)
      .values({ unitId: unit.id, firstResponseMinutes: 90, resolutionHours: 2 });
    await addShift(t.db, unit.id, "2030-01-07", "20:00", "01:00", [{ id: officer.id }]);
    await addShift(t.db, unit.id, "2030-01-08", "07:00", "11:30", [{ id: officer.id }]);

    const id = await receive(t.db, unit.id, vn("2030-01-07 23:30"));
    const row = await conversation(id);
    // 90 minutes from 23:30 in a shift ending at 01:00: due exactly at its end, after midnight.
    expect(row.firstResponseDueAt).toEqual(vn("2030-01-08 01:00"));
    // 120 minutes: the night shift's 90, then 30 of Tuesday's morning shift.
    expect(row.resolutionDueAt).toEqual(vn("2030-01-08 07:30"));
  });

  it("skips a weekend without shifts and a holiday even when a shift was planned on it (default targets)", async () => {
    const unit = await makeUnit(t.db);
    const officer = await makePerson(t.db, { unitId: unit.id });
    await addShift(t.db, unit.id, "2030-01-11", "07:00", "11:30", [{ id: officer.id }]);
    await addShift(t.db, unit.id, "2030-01-14", "07:00", "11:30", [{ id: officer.id }]);
    await addHoliday(t.db, unit.id, "2030-01-14", "Nghỉ bù");
    await addShift(t.db, unit.id, "2030-01-15", "07:00", "11:30", [{ id: officer.id }]);
    await addShift(t.db, unit.id, "2030-01-15", "13:30", "17:00", [{ id: officer.id }]);

    const id = await receive(t.db, unit.id, vn("2030-01-11 11:00"));
    const row = await conversation(id);
    // 60 minutes: 30 on Friday, none on Saturday, Sunday or Monday's holiday, 30 on Tuesday.
    expect(row.firstResponseDueAt).toEqual(vn("2030-01-15 07:30"));
    // 8 hours: 30 on Friday, 270 on Tuesday morning, 180 of Tuesday afternoon.
    expect(row.resolutionDueAt).toEqual(vn("2030-01-15 16:30"));
  });

  it("leaves the targets empty while the roster has no shifts planned, and arms them once it has", async () => {
    const unit = await makeUnit(t.db);
    const officer = await makePerson(t.db, { unitId: unit.id });
    const id = await receive(t.db, unit.id, vn("2030-01-09 09:00"));
    const row = await conversation(id);
    expect(row.firstResponseDueAt).toBeNull();
    expect(row.resolutionDueAt).toBeNull();

    await addShift(t.db, unit.id, "2030-01-10", "07:00", "17:00", [{ id: officer.id }]);
    await checkTargets(deps(), vn("2030-01-09 16:00"));
    const armed = await conversation(id);
    expect(armed.firstResponseDueAt).toEqual(vn("2030-01-10 08:00"));
    expect(armed.resolutionDueAt).toEqual(vn("2030-01-10 15:00"));
  });

  it("reopening starts a new first-response clock only if the first answer was given", async () => {
    const unit = await makeUnit(t.db);
    const officer = await makePerson(t.db, { unitId: unit.id });
    for (const day of ["2030-01-21", "2030-01-22", "2030-01-23"]) {
      await addShift(t.db, unit.id, day, "07:00", "17:00", [{ id: officer.id }]);
    }
    const answered = await receive(t.db, unit.id, vn("2030-01-21 08:00"), { asker: "da-tra-loi" });
    await recordFirstResponse(t.db, answered, vn("2030-01-21 08:20"));
    const unanswered = await receive(t.db, unit.id, vn("2030-01-21 08:00"), { asker: "chua-tra-loi" });
    for (const id of [answered, unanswered]) {
      await t.db
        .update(inboxConversations)
        .set({ status: "resolved", resolvedAt: vn("2030-01-21 09:00") })
        .where(eq(inboxConversations.id, id));
    }

    expect(await receive(t.db, unit.id, vn("2030-01-22 10:00"), { asker: "da-tra-loi" })).toBe(answered);
    expect(await receive(t.db, unit.id, vn("2030-01-22 10:00"), { asker: "chua-tra-loi" })).toBe(unanswered);

    const reopened = await conversation(answered);
    expect(reopened.status).toBe("open");
    expect(reopened.firstRespondedAt).toBeNull();
    expect(reopened.firstResponseDueAt).toEqual(vn("2030-01-22 11:00"));
    // 8 hours: the 7 left on Tuesday, then Wednesday's first.
    expect(reopened.resolutionDueAt).toEqual(vn("2030-01-23 08:00"));
    const stillWaiting = await conversation(unanswered);
    expect(stillWaiting.firstResponseDueAt).toEqual(vn("2030-01-21 09:00"));
  });
});

describe("about to breach", () => {
  it("flags a conversation once fewer duty minutes are left than the unit's warning, counting the night out", async () => {
    const unit = await makeUnit(t.db);
    const officer = await makePerson(t.db, { unitId: unit.id });
    await addShift(t.db, unit.id, "2030-02-04", "07:00", "11:30", [{ id: officer.id }]);
    await addShift(t.db, unit.id, "2030-02-05", "07:00", "11:30", [{ id: officer.id }]);
    const morning = await receive(t.db, unit.id, vn("2030-02-04 08:00"));
    const late = await receive(t.db, unit.id, vn("2030-02-04 11:00"));
    expect((await conversation(late)).firstResponseDueAt).toEqual(vn("2030-02-05 07:30"));

    await checkTargets(deps(), vn("2030-02-04 08:40"));
    expect((await conversation(morning)).warnedAt).toBeNull();

    await checkTargets(deps(), vn("2030-02-04 08:46"));
    expect((await conversation(morning)).warnedAt).toEqual(vn("2030-02-04 08:46"));
    expect(await eventsOf(morning, "warned")).toHaveLength(1);
    // 11:20 on Monday: ten minutes of this shift and thirty of Tuesday's are left, wall clock says 20 hours.
    await checkTargets(deps(), vn("2030-02-04 11:20"));
    expect((await conversation(late)).warnedAt).toBeNull();
    await checkTargets(deps(), vn("2030-02-05 07:16"));
    expect((await conversation(late)).warnedAt).toEqual(vn("2030-02-05 07:16"));
    await checkTargets(deps(), vn("2030-02-05 07:17"));
    expect(await eventsOf(morning, "warned")).toHaveLength(1);
    expect(await eventsOf(late, "warned")).toHaveLength(1);
  });
});

describe("breach and escalation", () => {
  it("mails the shift leader at the breach, the unit's administrator 30 duty minutes later, each once", async () => {
    const leader = await makePerson(t.db, {
      unitId: org.left.id,
      fullName: "Lê Văn Trưởng Ca",
      roles: ["duty_officer"],
    });
    const officer = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
    await addShift(t.db, org.left.id, "2030-03-04", "07:00", "11:30", [
      { id: leader.id, leader: true },
      { id: officer.id },
    ]);
    const id = await receive(t.db, org.left.id, vn("2030-03-04 08:00"), {
      name: "Nguyễn <Văn> A",
      text: "<b>Xin hỏi</b>\nSubject: chèn tiêu đề",
    });

    await checkTargets(deps(), new Date(vn("2030-03-04 09:00").getTime() + 30_000));
    const breached = await conversation(id);
    expect(breached.firstResponseBreachedAt).toEqual(new Date(vn("2030-03-04 09:00").getTime() + 30_000));
    expect(breached.escalationStage).toBe(1);
    expect(await eventsOf(id, "breached")).toHaveLength(1);

    const [letter] = await eventually(
      () => mailsTo(leader.email ?? "").length === 1 && mailsTo(leader.email ?? ""),
      {
        what: "the letter to the shift leader",
      },
    );
    const text = readableMail(letter as (typeof smtp.inbox)[number]);
    expect(text).toContain("Kính gửi Lê Văn Trưởng Ca,");
    expect(text).toContain(`http://caunoi.test/inbox/c/${id}`);
    expect(text).toContain("Nguyễn <Văn> A");
    expect(text).toContain("“<b>Xin hỏi</b> Subject: chèn tiêu đề”");
    expect(text).toContain("đã quá hạn lúc 09:00 ngày 04/03/2030");
    // The English half gives the time in English, not "09:00 ngày 04/03/2030".
    expect(text).toContain("its target ran out at 04/03/2030 09:00 (Vietnam time).");
    expect(text.slice(text.indexOf("its target ran out"))).not.toMatch(/ngày/u);
    expect(text).not.toMatch(/^Subject: chèn/m);
    expect(mailsTo(org.leftAdmin.email ?? "")).toHaveLength(0);

    await checkTargets(deps(), vn("2030-03-04 09:20"));
    expect((await conversation(id)).escalationStage).toBe(1);
    await checkTargets(deps(), vn("2030-03-04 09:31"));
    expect((await conversation(id)).escalationStage).toBe(2);
    await eventually(() => mailsTo(org.leftAdmin.email ?? "").length === 1, {
      what: "the letter to the administrator",
    });
    expect(readableMail(mailsTo(org.leftAdmin.email ?? "")[0] as (typeof smtp.inbox)[number])).toContain(
      "Trưởng ca trực đã được báo",
    );

    // A retried job and another instance's pass write nothing more.
    const job = {
      conversationId: id,
      stage: 1 as const,
      breach: "first_response" as const,
      dueAt: vn("2030-03-04 09:00").toISOString(),
      leaderIds: [leader.id],
    };
    await queueEscalation(t.jobs, job);
    await sendEscalationLetters({ db: t.db, jobs: t.jobs, publicUrl: "http://caunoi.test" }, job);
    await sendEscalationLetters(
      { db: t.db, jobs: t.jobs, publicUrl: "http://caunoi.test" },
      { ...job, stage: 2, leaderIds: [] },
    );
    await checkTargets(deps(), vn("2030-03-04 10:30"));
    await settleMail("escalation");
    expect(mailsTo(leader.email ?? "")).toHaveLength(1);
    expect(mailsTo(org.leftAdmin.email ?? "")).toHaveLength(1);
    expect(mailsTo(officer.email ?? "")).toHaveLength(0);

    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const list = await admin.request({ method: "GET", url: "/api/inbox/breaches?from=2030-03-01" });
    expect(list.statusCode).toBe(200);
    const item = list.json().items.find((entry: { conversationId: string }) => entry.conversationId === id);
    expect(item).toMatchObject({
      kind: "first_response",
      stillOpen: true,
      escalationStage: 2,
      contactName: "Nguyễn <Văn> A",
      unitId: org.left.id,
      dueAt: vn("2030-03-04 09:00").toISOString(),
    });

    // Answered: the breach stays listed, no longer open; a letter queued before is not sent.
    await recordFirstResponse(t.db, id, vn("2030-03-04 10:40"));
    const after = await admin.request({
      method: "GET",
      url: "/api/inbox/breaches?from=2030-03-01&kind=first_response",
    });
    expect(
      after.json().items.find((entry: { conversationId: string }) => entry.conversationId === id).stillOpen,
    ).toBe(false);
    expect(
      await sendEscalationLetters(
        { db: t.db, jobs: t.jobs, publicUrl: "http://caunoi.test" },
        { ...job, stage: 2 },
      ),
    ).toEqual([]);
    const resolutions = await admin.request({
      method: "GET",
      url: "/api/inbox/breaches?from=2030-03-01&kind=resolution",
    });
    expect(
      resolutions.json().items.map((entry: { conversationId: string }) => entry.conversationId),
    ).not.toContain(id);
  });

  it("mails the administrators at once when no shift had a leader, once even when two instances pass together", async () => {
    const officer = await makePerson(t.db, { unitId: org.right.id, roles: ["duty_officer"] });
    await addShift(t.db, org.right.id, "2030-04-01", "07:00", "11:30", [{ id: officer.id }]);
    const id = await receive(t.db, org.right.id, vn("2030-04-01 07:30"));

    const at = vn("2030-04-01 08:31");
    await Promise.all([checkTargets(deps(), at), checkTargets(deps(), at)]);
    expect(await eventsOf(id, "breached")).toHaveLength(1);
    expect((await conversation(id)).escalationStage).toBe(2);
    await checkTargets(deps(), vn("2030-04-01 10:00"));
    await eventually(() => mailsTo(org.rightAdmin.email ?? "").length === 1, {
      what: "the administrator's letter",
    });
    await settleMail("no-leader");
    expect(mailsTo(org.rightAdmin.email ?? "")).toHaveLength(1);
    expect(mailsTo(officer.email ?? "")).toHaveLength(0);

    // The left branch's administrator does not see the right branch's breaches.
    const left = await signInAs(t.app, org.leftAdmin.email ?? "");
    const list = await left.request({ method: "GET", url: "/api/inbox/breaches?from=2030-04-01" });
    expect(list.json().items.map((entry: { conversationId: string }) => entry.conversationId)).not.toContain(
      id,
    );
    const sibling = await left.request({ method: "GET", url: `/api/inbox/breaches?unitId=${org.right.id}` });
    expect(sibling.statusCode).toBe(403);
    const root = await signInAs(t.app, org.rootAdmin.email ?? "");
    const page = await root.request({
      method: "GET",
      url: "/api/inbox/breaches?from=2030-03-01&pageSize=1&page=2",
    });
    expect(page.json()).toMatchObject({ page: 2, total: 2 });
    expect(page.json().items).toHaveLength(1);
  });
});

describe("the worker started with the app", () => {
  it("stamps both missed targets of a conversation from two days ago and mails its shift leader, on its own", async () => {
    const unit = await makeUnit(t.db);
    const leader = await makePerson(t.db, { unitId: unit.id, fullName: "Đỗ Thị Trực" });
    const twoDaysAgo = vietnamToday(new Date(Date.now() - 2 * 86_400_000));
    const yesterday = vietnamToday(new Date(Date.now() - 86_400_000));
    await addShift(t.db, unit.id, twoDaysAgo, "07:00", "11:30", [{ id: leader.id, leader: true }]);
    await addShift(t.db, unit.id, yesterday, "07:00", "17:00", [{ id: leader.id, leader: true }]);
    const id = await receive(t.db, unit.id, vn(`${twoDaysAgo} 07:10`));
    expect((await conversation(id)).resolutionDueAt).toEqual(vn(`${yesterday} 10:40`));

    // The pass runs every 30 seconds; nothing here calls it.
    const row = await eventually(
      async () => {
        const current = await conversation(id);
        // The same pass stamps the breaches, then climbs the ladder.
        return current.escalationStage > 0 && current;
      },
      { what: "the worker's breach and escalation", timeoutMs: 75_000 },
    );
    expect(row.firstResponseBreachedAt).not.toBeNull();
    expect(row.resolutionBreachedAt).not.toBeNull();
    expect(row.escalationStage).toBe(1);
    const kinds = (await eventsOf(id, "breached")).map((event) => event.detail.breach).sort();
    expect(kinds).toEqual(["first_response", "resolution"]);
    await eventually(() => mailsTo(leader.email ?? "").length === 1, {
      what: "the worker's letter to the leader",
    });
    expect(readableMail(mailsTo(leader.email ?? "")[0] as (typeof smtp.inbox)[number])).toContain(
      `đã quá hạn lúc 08:10 ngày ${twoDaysAgo.split("-").reverse().join("/")}`,
    );
  }, 120_000);
});
