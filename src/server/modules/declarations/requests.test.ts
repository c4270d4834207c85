import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../../../../test/helpers/eventually.ts";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../test/helpers/factories.ts";
import { readableMail, startSmtpServer } from "../../../../test/helpers/smtp.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { vietnamTimeOn, vietnamToday } from "../../../shared/vietnam-time.ts";
import { queryRows } from "../../db/client.ts";
import { plannedReminders, REMINDER_JOB } from "./reminders.ts";

let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let hamlet: Awaited<ReturnType<typeof makeUnit>>;
let branch: Awaited<ReturnType<typeof makeUnit>>;
let admin: SessionClient;
let members: Awaited<ReturnType<typeof makePerson>>[];

const inDays = (days: number) => {
  const date = new Date(`${vietnamToday()}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
};

beforeAll(async () => {
  smtp = await startSmtpServer();
  t = await createTestApp({ smtpUrl: smtp.url });
  org = await makeOrganisation(t.db);
  hamlet = await makeUnit(t.db, { parentId: org.left.id, name: "Thôn Cả" });
  branch = await makeUnit(t.db, { parentId: hamlet.id, name: "Chi đoàn thôn Cả", kind: "union_branch" });
  members = [
    await makePerson(t.db, { unitId: hamlet.id, fullName: "Nông Văn Một" }),
    await makePerson(t.db, { unitId: branch.id, fullName: "Hoàng Thị Hai" }),
    await makePerson(t.db, { unitId: branch.id, fullName: "Triệu Văn Ba" }),
  ];
  admin = await signInAs(t.app, org.leftAdmin.email ?? "");
});
afterAll(async () => {
  await t?.close();
  await smtp?.close();
});

async function createRequest(unitId: string, dueOn = inDays(10)) {
  const response = await admin.request({
    method: "POST",
    url: "/api/declaration-requests",
    payload: {
      unitId,
      title: "Rà soát kê khai tài khoản quý IV",
      message: "Đề nghị hoàn thành đúng hạn.",
      dueOn,
    },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { id: string; reminders: string[] };
}

describe("reminder times", () => {
  it("falls 3 days and 1 day before the due date at 08:00 in Vietnam, only when still ahead", () => {
    const now = new Date("2026-11-24T10:00:00Z");
    expect(plannedReminders("2026-12-01", now)).toEqual([
      { reminder: "3d", at: new Date("2026-11-28T01:00:00Z") },
      { reminder: "1d", at: new Date("2026-11-30T01:00:00Z") },
    ]);
    expect(plannedReminders("2026-11-26", now).map((planned) => planned.reminder)).toEqual(["1d"]);
    expect(plannedReminders("2026-11-25", now)).toEqual([]);
    expect(vietnamTimeOn("2026-01-01", 8)).toEqual(new Date("2026-01-01T01:00:00Z"));
  });
});

describe("declaration requests", () => {
  it("schedules the e-mail reminders on the job queue when a request is sent", async () => {
    const created = await createRequest(hamlet.id);
    expect(created.reminders).toHaveLength(2);
    const jobs = await queryRows<{ start_after: Date; data: { requestId: string; reminder: string } }>(
      t.db,
      sql`select start_after, data from pgboss.job where name = ${REMINDER_JOB} and data->>'requestId' = ${created.id} order by start_after`,
    );
    expect(jobs.map((job) => job.data.reminder)).toEqual(["3d", "1d"]);
    expect(jobs.map((job) => new Date(job.start_after).toISOString())).toEqual(created.reminders);
  });

  it("refuses a due date in the past, and a unit outside the administrator's branch", async () => {
    const past = await admin.request({
      method: "POST",
      url: "/api/declaration-requests",
      payload: { unitId: hamlet.id, title: "Muộn", dueOn: inDays(-1) },
    });
    expect(past.statusCode).toBe(400);
    expect(past.json().code).toBe("declarations.due_in_past");
    const elsewhere = await admin.request({
      method: "POST",
      url: "/api/declaration-requests",
      payload: { unitId: org.right.id, title: "Lấn sân", dueOn: inDays(5) },
    });
    expect(elsewhere.statusCode).toBe(403);
  });

  it("reaches the members of the subtree, who answer; completion rises per unit", async () => {
    const created = await createRequest(hamlet.id);
    const outsider = await makePerson(t.db, { unitId: org.right.id });
    const outsiderClient = await signInAs(t.app, outsider.email ?? "");
    const theirs = (
      await outsiderClient.request({ method: "GET", url: "/api/me/declaration-requests" })
    ).json();
    expect(theirs.items.some((item: { id: string }) => item.id === created.id)).toBe(false);
    const refused = await outsiderClient.request({
      method: "POST",
      url: `/api/me/declaration-requests/${created.id}/respond`,
    });
    expect(refused.statusCode).toBe(404);

    const before = (
      await admin.request({ method: "GET", url: `/api/declaration-requests/${created.id}` })
    ).json();
    expect(before).toMatchObject({ members: 3, responded: 0, unitName: "Thôn Cả" });

    const second = members[1];
    const client = await signInAs(t.app, second?.email ?? "");
    const seen = (await client.request({ method: "GET", url: "/api/me/declaration-requests" })).json();
    expect(seen.items.find((item: { id: string }) => item.id === created.id)).toMatchObject({
      title: "Rà soát kê khai tài khoản quý IV",
      respondedAt: null,
    });
    const answered = await client.request({
      method: "POST",
      url: `/api/me/declaration-requests/${created.id}/respond`,
    });
    expect(answered.statusCode).toBe(200);
    expect(answered.json().declarationCount).toBe(0);

    const after = (
      await admin.request({ method: "GET", url: `/api/declaration-requests/${created.id}` })
    ).json();
    expect(after).toMatchObject({ members: 3, responded: 1 });
    const byName = Object.fromEntries(after.units.map((unit: { name: string }) => [unit.name, unit]));
    expect(byName["Thôn Cả"]).toMatchObject({
      members: 1,
      responded: 0,
      subtreeMembers: 3,
      subtreeResponded: 1,
    });
    expect(byName["Chi đoàn thôn Cả"]).toMatchObject({ members: 2, responded: 1, depth: 1 });

    const list = (
      await admin.request({ method: "GET", url: `/api/declaration-requests?unitId=${hamlet.id}` })
    ).json();
    expect(list.items.find((item: { id: string }) => item.id === created.id)).toMatchObject({
      members: 3,
      responded: 1,
    });
  });

  it("mails each reminder once, only to those who have not answered", async () => {
    const created = await createRequest(branch.id, inDays(2));
    const answered = members[2];
    await (await signInAs(t.app, answered?.email ?? "")).request({
      method: "POST",
      url: `/api/me/declaration-requests/${created.id}/respond`,
    });
    // Run the reminder now through the real queue and worker, twice (a retried job).
    await t.jobs.send(REMINDER_JOB, { requestId: created.id, reminder: "1d" });
    await t.jobs.send(REMINDER_JOB, { requestId: created.id, reminder: "1d" });
    const pending = members[1];
    const mail = await eventually(() => smtp.inbox.find((m) => m.to.includes(pending?.email ?? "")), {
      what: "the reminder to the member who has not answered",
    });
    const text = readableMail(mail);
    expect(text).toContain("Chào Hoàng Thị Hai");
    expect(text).toContain("Rà soát kê khai tài khoản quý IV");
    expect(text).toContain("http://caunoi.test/my-accounts");
    // Both reminder jobs ran, and every mail they queued (a wrong second one too) has been sent.
    await eventually(
      async () => {
        const [row] = await queryRows<{ done: number; unsent: number }>(
          t.db,
          sql`select count(*) filter (where name = ${REMINDER_JOB} and data->>'requestId' = ${created.id} and state = 'completed')::int as done,
                     count(*) filter (where name = 'mail.send' and state in ('created', 'retry', 'active'))::int as unsent
              from pgboss.job`,
        );
        return row?.done === 2 && row.unsent === 0;
      },
      { what: "both reminder jobs and the mail they queued" },
    );
    expect(smtp.inbox.filter((m) => m.to.includes(pending?.email ?? ""))).toHaveLength(1);
    expect(smtp.inbox.some((m) => m.to.includes(answered?.email ?? ""))).toBe(false);
  });

  it("once closed, disappears for members and cannot be answered", async () => {
    const created = await createRequest(hamlet.id);
    const detailOf = async () =>
      (await admin.request({ method: "GET", url: `/api/declaration-requests/${created.id}` })).json();
    expect((await detailOf()).canClose).toBe(true);
    const closed = await admin.request({
      method: "POST",
      url: `/api/declaration-requests/${created.id}/close`,
    });
    expect(closed.statusCode).toBe(200);
    expect(closed.json().closedAt).not.toBeNull();
    expect((await detailOf()).canClose).toBe(false);
    const client = await signInAs(t.app, members[0]?.email ?? "");
    const seen = (await client.request({ method: "GET", url: "/api/me/declaration-requests" })).json();
    expect(seen.items.some((item: { id: string }) => item.id === created.id)).toBe(false);
    const late = await client.request({
      method: "POST",
      url: `/api/me/declaration-requests/${created.id}/respond`,
    });
    expect(late.statusCode).toBe(404);
  });
});
