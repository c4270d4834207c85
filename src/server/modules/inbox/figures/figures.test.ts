import { eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  makeUnit,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { inboxConversations, inboxEvents, inboxMessages } from "../../../db/schema/index.ts";
import { receive, vn } from "../sla/targets.test-helper.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let child: Awaited<ReturnType<typeof makeUnit>>;
let officer: SessionClient;
let first: Awaited<ReturnType<typeof makePerson>>;
let second: Awaited<ReturnType<typeof makePerson>>;

const minute = 60_000;

async function reply(
  conversationId: string,
  unitId: string,
  at: Date,
  sendStatus: "sent" | "failed" = "sent",
) {
  await t.db.insert(inboxMessages).values({
    conversationId,
    unitId,
    direction: "out",
    channelKey: `portal:${unitId}`,
    text: "Trả lời",
    sendStatus,
    createdAt: at,
  });
}

async function update(id: string, values: Partial<typeof inboxConversations.$inferInsert>) {
  await t.db.update(inboxConversations).set(values).where(eq(inboxConversations.id, id));
}

async function breach(conversationId: string, unitId: string, kind: "first_response" | "resolution") {
  await t.db.insert(inboxEvents).values({
    conversationId,
    unitId,
    kind: "breached",
    detail: { breach: kind, dueAt: vn("2031-03-03 09:00").toISOString() },
    createdAt: vn("2031-03-03 09:00"),
  });
}

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  child = await makeUnit(t.db, { parentId: org.left.id, name: "Tổ dân phố Một" });
  first = await makePerson(t.db, { unitId: org.left.id, fullName: "Phạm Thị Một", roles: ["duty_officer"] });
  second = await makePerson(t.db, {
    unitId: org.left.id,
    fullName: "Hoàng Văn Hai",
    roles: ["duty_officer"],
  });
  officer = await signInAs(t.app, first.email ?? "");

  // Monday: six questions to the commune at 08:00; five answered after 1, 2, 3, 4 and 10 minutes, the
  // sixth only with a failed send (not an answer); three resolved after 30, 60 and 90 minutes.
  const received = vn("2031-03-03 08:00");
  const answers = [1, 2, 3, 4, 10, null];
  const resolved = [30, 60, 90, null, null, null];
  const ids: string[] = [];
  for (const [index, after] of answers.entries()) {
    const id = await receive(t.db, org.left.id, received);
    ids.push(id);
    if (after === null) {
      await reply(id, org.left.id, new Date(received.getTime() + 5 * minute), "failed");
    } else {
      await reply(id, org.left.id, new Date(received.getTime() + after * minute));
      // A later reply does not change the first one.
      await reply(id, org.left.id, new Date(received.getTime() + (after + 100) * minute));
    }
    const resolvedAfter = resolved[index];
    await update(id, {
      assigneeId: index < 4 ? first.id : second.id,
      ...(resolvedAfter
        ? { status: "resolved", resolvedAt: new Date(received.getTime() + resolvedAfter * minute) }
        : {}),
    });
  }
  await breach(ids[4] ?? "", org.left.id, "first_response");
  await breach(ids[4] ?? "", org.left.id, "resolution");
  await breach(ids[5] ?? "", org.left.id, "first_response");

  // The sub-unit: Tuesday 10:00, answered after 20 minutes; and 00:30 Wednesday in Vietnam (still Tuesday in UTC).
  const tuesday = await receive(t.db, child.id, vn("2031-03-04 10:00"));
  await reply(tuesday, child.id, vn("2031-03-04 10:20"));
  await receive(t.db, child.id, vn("2031-03-05 00:30"));
  // Outside: after the period (Thursday 00:10 in Vietnam), and the sibling commune.
  await receive(t.db, org.left.id, vn("2031-03-06 00:10"));
  await receive(t.db, org.right.id, vn("2031-03-03 08:00"));
});

afterAll(async () => {
  await t.close();
});

const period = "from=2031-03-03&to=2031-03-05";

describe("inbox figures", () => {
  it("gives true medians and 90th percentiles in wall-clock minutes, by day, person, channel and sub-unit", async () => {
    const response = await officer.request({
      method: "GET",
      url: `/api/inbox/figures?unitId=${org.left.id}&${period}`,
    });
    expect(response.statusCode).toBe(200);
    const figures = response.json();
    // 1, 2, 3, 4, 10 and 20 minutes: median (3 + 4) / 2, 90th percentile 10 + 0.5 × (20 − 10).
    expect(figures.total).toEqual({
      received: 8,
      firstResponse: { median: 3.5, p90: 15, count: 6 },
      resolution: { median: 60, p90: 84, count: 3 },
      breaches: 3,
    });
    expect(figures.byDay).toEqual([
      {
        day: "2031-03-03",
        received: 6,
        firstResponse: { median: 3, p90: 7.6, count: 5 },
        resolution: { median: 60, p90: 84, count: 3 },
        breaches: 3,
      },
      {
        day: "2031-03-04",
        received: 1,
        firstResponse: { median: 20, p90: 20, count: 1 },
        resolution: { median: null, p90: null, count: 0 },
        breaches: 0,
      },
      {
        day: "2031-03-05",
        received: 1,
        firstResponse: { median: null, p90: null, count: 0 },
        resolution: { median: null, p90: null, count: 0 },
        breaches: 0,
      },
    ]);
    expect(figures.byPerson).toEqual([
      {
        person: { id: first.id, fullName: "Phạm Thị Một" },
        received: 4,
        firstResponse: { median: 2.5, p90: 3.7, count: 4 },
        resolution: { median: 60, p90: 84, count: 3 },
        breaches: 0,
      },
      {
        person: { id: second.id, fullName: "Hoàng Văn Hai" },
        received: 2,
        firstResponse: { median: 10, p90: 10, count: 1 },
        resolution: { median: null, p90: null, count: 0 },
        breaches: 3,
      },
    ]);
    expect(figures.byChannel).toEqual([
      expect.objectContaining({
        source: "portal",
        kind: "question",
        channelName: "Trang tin (Hỏi đáp)",
        received: 8,
      }),
    ]);
    expect(figures.byUnit).toEqual([
      expect.objectContaining({
        unit: { id: org.left.id, name: org.left.name },
        received: 6,
        firstResponse: { median: 3, p90: 7.6, count: 5 },
      }),
      expect.objectContaining({
        unit: { id: child.id, name: "Tổ dân phố Một" },
        received: 2,
        firstResponse: { median: 20, p90: 20, count: 1 },
      }),
    ]);

    const own = await officer.request({
      method: "GET",
      url: `/api/inbox/figures?unitId=${org.left.id}&${period}&subtree=no`,
    });
    expect(own.json().total.received).toBe(6);
    // The province rolls both communes up, each with its subtree.
    const root = await signInAs(t.app, org.rootAdmin.email ?? "");
    const province = (
      await root.request({ method: "GET", url: `/api/inbox/figures?unitId=${org.root.id}&${period}` })
    ).json();
    expect(province.total.received).toBe(9);
    expect(
      province.byUnit.map((row: { unit: { id: string }; received: number }) => [row.unit.id, row.received]),
    ).toEqual([
      [org.left.id, 8],
      [org.right.id, 1],
    ]);
  });

  it("exports one sheet per grouping with Vietnamese headings", async () => {
    const response = await officer.request({
      method: "GET",
      url: `/api/inbox/figures.xlsx?unitId=${org.left.id}&${period}`,
    });
    expect(response.statusCode).toBe(200);
    expect(response.headers["content-disposition"]).toBe(
      'attachment; filename="so-lieu-hop-thu-2031-03-03-2031-03-05.xlsx"',
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(response.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual([
      "Tổng hợp",
      "Theo kênh",
      "Theo ngày",
      "Theo người",
      "Theo đơn vị",
    ]);
    const rows = (name: string) =>
      (workbook.getWorksheet(name)?.getSheetValues() ?? [])
        .filter(Boolean)
        .map((row) => (row as unknown[]).slice(1));
    expect(rows("Theo ngày")[0]).toEqual([
      "Ngày",
      "Tiếp nhận",
      "Đã trả lời",
      "Trả lời lần đầu – trung vị (phút)",
      "Trả lời lần đầu – 90% trong vòng (phút)",
      "Đã xử lý xong",
      "Xử lý xong – trung vị (phút)",
      "Xử lý xong – 90% trong vòng (phút)",
      "Số lần quá hạn",
    ]);
    expect(rows("Theo ngày")[1]).toEqual(["03/03/2031", 6, 5, 3, 7.6, 3, 60, 84, 3]);
    expect(rows("Theo ngày")).toHaveLength(4);
    expect(rows("Tổng hợp")[1]?.slice(0, 4)).toEqual([org.left.name, "03/03/2031", "05/03/2031", 8]);
    expect(rows("Theo người").map((row) => row[0])).toEqual([
      "Người phụ trách",
      "Phạm Thị Một",
      "Hoàng Văn Hai",
    ]);
    expect(rows("Theo đơn vị").map((row) => row[0])).toEqual(["Đơn vị", org.left.name, "Tổ dân phố Một"]);
    expect(rows("Theo kênh")[1]?.slice(0, 3)).toEqual(["Trang tin (Hỏi đáp)", "Trang tin – Hỏi đáp", 8]);
  });

  it("refuses a reversed or too long period, and people without the inbox", async () => {
    const reversed = await officer.request({
      method: "GET",
      url: `/api/inbox/figures?unitId=${org.left.id}&from=2031-03-05&to=2031-03-01`,
    });
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().code).toBe("inbox.figures_period_reversed");
    const long = await officer.request({
      method: "GET",
      url: `/api/inbox/figures?unitId=${org.left.id}&from=2030-01-01&to=2031-03-01`,
    });
    expect(long.json().code).toBe("inbox.figures_period_too_long");
    for (const day of ["2031-02-30", "2031-13-01"]) {
      const impossible = await officer.request({
        method: "GET",
        url: `/api/inbox/figures.xlsx?unitId=${org.left.id}&from=${day}&to=2031-12-31`,
      });
      expect(impossible.statusCode, day).toBe(400);
      expect(impossible.json().code).toBe("inbox.day_invalid");
    }
    const breaches = await officer.request({ method: "GET", url: "/api/inbox/breaches?from=2031-02-29" });
    expect(breaches.json().code).toBe("inbox.day_invalid");
    const member = await makePerson(t.db, { unitId: org.left.id, roles: ["member"] });
    const refused = await (await signInAs(t.app, member.email ?? "")).request({
      method: "GET",
      url: `/api/inbox/figures?unitId=${org.left.id}&${period}`,
    });
    expect(refused.statusCode).toBe(403);
  });
});
