import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  makeOrganisation,
  makePerson,
  type SessionClient,
  signInAs,
} from "../../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../../test/helpers/test-app.ts";
import { vietnamToday } from "../../../../shared/vietnam-time.ts";
import { auditEvents } from "../../../db/schema/index.ts";
import { addShift } from "./targets.test-helper.ts";

let t: TestApp;
let org: Awaited<ReturnType<typeof makeOrganisation>>;
let leftAdmin: SessionClient;
let rightAdmin: SessionClient;
let editor: SessionClient;

beforeAll(async () => {
  t = await createTestApp();
  org = await makeOrganisation(t.db);
  leftAdmin = await signInAs(t.app, org.leftAdmin.email ?? "");
  rightAdmin = await signInAs(t.app, org.rightAdmin.email ?? "");
  const person = await makePerson(t.db, { unitId: org.left.id, roles: ["editor"] });
  editor = await signInAs(t.app, person.email ?? "");
});

afterAll(async () => {
  await t.close();
});

const settingsOf = (client: SessionClient, unitId: string) =>
  client.request({ method: "GET", url: `/api/inbox/settings?unitId=${unitId}` });

const body = (unitId: string, change: Record<string, unknown> = {}) => ({
  unitId,
  firstResponseMinutes: 30,
  resolutionHours: 4,
  warnBeforeMinutes: 10,
  retentionMonths: 12,
  autoReplyEnabled: true,
  autoReplyText: "Cảm ơn Quý ông/bà. Đơn vị sẽ trả lời từ {gio_mo_cua}.",
  ...change,
});

const weekdays = ["Chủ nhật", "thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy"];

describe("inbox settings", () => {
  it("reads the defaults before anything is saved, with the default auto-reply naming the next shift", async () => {
    const day = vietnamToday(new Date(Date.now() + 3 * 86_400_000));
    const officer = await makePerson(t.db, { unitId: org.left.id, roles: ["duty_officer"] });
    await addShift(t.db, org.left.id, day, "07:00", "11:30", [{ id: officer.id }]);
    const response = await settingsOf(editor, org.left.id);
    expect(response.statusCode).toBe(200);
    const [, month, date] = day.split("-");
    const weekday = weekdays[new Date(`${day}T00:00:00Z`).getUTCDay()];
    expect(response.json()).toEqual({
      unitId: org.left.id,
      firstResponseMinutes: 60,
      resolutionHours: 8,
      warnBeforeMinutes: 15,
      retentionMonths: 24,
      autoReplyEnabled: true,
      autoReplyText: null,
      autoReplyPreview: `Cảm ơn bạn đã nhắn tin. Hiện ngoài giờ trực nên chưa có cán bộ trả lời ngay; chúng tôi sẽ trả lời từ 07:00 ${weekday}, ${date}/${month}.`,
      canManage: false,
    });
  });

  it("lets the unit's administrator change them; the preview fills the unit's own words", async () => {
    const saved = await leftAdmin.request({
      method: "PUT",
      url: "/api/inbox/settings",
      payload: body(org.left.id),
    });
    expect(saved.statusCode).toBe(200);
    expect(saved.json()).toMatchObject({
      firstResponseMinutes: 30,
      resolutionHours: 4,
      warnBeforeMinutes: 10,
      retentionMonths: 12,
      canManage: true,
      autoReplyText: "Cảm ơn Quý ông/bà. Đơn vị sẽ trả lời từ {gio_mo_cua}.",
    });
    expect(saved.json().autoReplyPreview).toMatch(
      /^Cảm ơn Quý ông\/bà\. Đơn vị sẽ trả lời từ 07:00 (thứ [A-ZĐ]\p{L}+|Chủ nhật), \d{2}\/\d{2}\.$/u,
    );
    expect((await settingsOf(editor, org.left.id)).json().firstResponseMinutes).toBe(30);
    const [audit] = await t.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "inbox.settings.update"), eq(auditEvents.unitId, org.left.id)));
    expect(audit).toMatchObject({
      actorId: org.leftAdmin.id,
      details: {
        before: { firstResponseMinutes: 60, resolutionHours: 8 },
        after: { firstResponseMinutes: 30, resolutionHours: 4 },
      },
    });
    // The province above reads its commune's settings too.
    const root = await signInAs(t.app, org.rootAdmin.email ?? "");
    expect((await settingsOf(root, org.left.id)).json()).toMatchObject({
      canManage: true,
      resolutionHours: 4,
    });
  });

  it("refuses a warning not before the target, an unknown variable and numbers out of range", async () => {
    const late = await leftAdmin.request({
      method: "PUT",
      url: "/api/inbox/settings",
      payload: body(org.left.id, { warnBeforeMinutes: 30 }),
    });
    expect(late.statusCode).toBe(400);
    expect(late.json().code).toBe("inbox.warn_not_before_target");
    const unknown = await leftAdmin.request({
      method: "PUT",
      url: "/api/inbox/settings",
      payload: body(org.left.id, { autoReplyText: "Chào {ten}, {don_vi} hẹn {gio_mo_cua}" }),
    });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().code).toBe("inbox.auto_reply_unknown_variable");
    expect(unknown.json().messages.vi).toContain("“{ten}”");
    for (const change of [{ firstResponseMinutes: 1 }, { resolutionHours: 0 }, { retentionMonths: 500 }]) {
      const refused = await leftAdmin.request({
        method: "PUT",
        url: "/api/inbox/settings",
        payload: body(org.left.id, change),
      });
      expect(refused.statusCode, JSON.stringify(change)).toBe(400);
    }
    expect((await settingsOf(editor, org.left.id)).json().firstResponseMinutes).toBe(30);
  });

  it("refuses an editor's change and a sibling unit's administrator, reading or writing", async () => {
    const byEditor = await editor.request({
      method: "PUT",
      url: "/api/inbox/settings",
      payload: body(org.left.id),
    });
    expect(byEditor.statusCode).toBe(403);
    expect((await settingsOf(rightAdmin, org.left.id)).statusCode).toBe(403);
    const sibling = await rightAdmin.request({
      method: "PUT",
      url: "/api/inbox/settings",
      payload: body(org.left.id),
    });
    expect(sibling.statusCode).toBe(403);
    const figures = await rightAdmin.request({
      method: "GET",
      url: `/api/inbox/figures?unitId=${org.left.id}&from=2030-01-01&to=2030-01-31`,
    });
    expect(figures.statusCode).toBe(403);
  });
});
