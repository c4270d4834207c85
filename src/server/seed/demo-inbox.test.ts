import { and, eq, isNotNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signInAs } from "../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../test/helpers/test-app.ts";
import {
  dutyAssignments,
  dutyShifts,
  inboxCannedReplies,
  inboxConversations,
  inboxOffices,
} from "../db/schema/index.ts";
import { findUnitByCodeOrId } from "../modules/org/index.ts";
import { seedDemoOrganisation } from "./demo.ts";
import { EMAIL_DOMAIN } from "./demo-accounts.ts";
import { seedDemoInbox, twoWeeksOfDays } from "./demo-inbox.ts";

const DEMO_PASSWORD = "mật-khẩu-mẫu-2025";
let t: TestApp;
let made = 0;
let rootId = "";

beforeAll(async () => {
  t = await createTestApp();
  await seedDemoOrganisation(t.db, { CAUNOI_DEMO_PASSWORD: DEMO_PASSWORD });
  rootId = (await findUnitByCodeOrId(t.db, "TQ"))?.id ?? "";
  made = await seedDemoInbox(t.app.deps);
}, 180_000);
afterAll(async () => {
  await t?.close();
});

describe("the demo inbox", () => {
  it("has conversations from the fanpage, Zalo and the portal, at every step", async () => {
    expect(made).toBe(10);
    const rows = await t.db.select().from(inboxConversations);
    expect(new Set(rows.map((row) => row.source))).toEqual(new Set(["facebook", "zalo", "portal"]));
    expect(rows.some((row) => row.kind === "comment")).toBe(true);
    expect(rows.filter((row) => row.status === "resolved").length).toBeGreaterThanOrEqual(3);
    expect(rows.some((row) => row.status === "pending")).toBe(true);
    expect(rows.filter((row) => row.escalatedToUnitId === rootId)).toHaveLength(1);
    // Two days unanswered: past its first-response target, for the targets' worker to stamp.
    const overdue = await t.db
      .select()
      .from(inboxConversations)
      .where(and(isNotNull(inboxConversations.firstResponseDueAt), eq(inboxConversations.source, "zalo")));
    expect(
      overdue.some(
        (row) => row.firstRespondedAt === null && (row.firstResponseDueAt ?? new Date()) < new Date(),
      ),
    ).toBe(true);
  });

  it("gives the province a roster for this week and next, canned replies and an office", async () => {
    const shifts = await t.db.select().from(dutyShifts).where(eq(dutyShifts.unitId, rootId));
    const days = twoWeeksOfDays(new Date());
    expect(new Set(shifts.map((shift) => shift.day))).toEqual(new Set(days));
    const assignments = await t.db.select().from(dutyAssignments);
    expect(assignments.length).toBeGreaterThanOrEqual(shifts.length * 2);
    const canned = await t.db.select().from(inboxCannedReplies).where(eq(inboxCannedReplies.unitId, rootId));
    expect(canned.map((reply) => reply.shortcut).sort()).toEqual(["camon", "chao", "chuyen"]);
    expect(canned.find((reply) => reply.shortcut === "chao")?.body).toContain(
      "Chào {ten}, {don_vi} đã nhận được",
    );
    expect(await t.db.select().from(inboxOffices).where(eq(inboxOffices.unitId, rootId))).toHaveLength(1);
  });

  it("shows the editor on duty the province's inbox", async () => {
    const editor = await signInAs(t.app, `trang.lethu@${EMAIL_DOMAIN}`, DEMO_PASSWORD);
    const all = await editor.request({ method: "GET", url: "/api/inbox/conversations?status=all" });
    expect(all.statusCode).toBe(200);
    expect(all.json().total).toBe(10);
    const water = await editor.request({ method: "GET", url: "/api/inbox/conversations?q=mat%20nuoc" });
    expect(water.json().items).toHaveLength(1);
    const escalated = await editor.request({
      method: "GET",
      url: "/api/inbox/conversations?escalated=to_us",
    });
    expect(escalated.json().total).toBe(1);
  });

  it("publishes one question and answer on the province portal's Hỏi đáp, without the asker's name", async () => {
    const page = await t.app.inject({ method: "GET", url: "/u/TQ/hoi-dap" });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Giấy phép lái xe hạng B2 sắp hết hạn");
    expect(page.body).not.toContain("Vũ Đức Long");
    expect(page.body).not.toContain("long.vuduc");
  });
});
