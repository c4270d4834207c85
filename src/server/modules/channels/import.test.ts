import { randomBytes } from "node:crypto";
import { and, eq } from "drizzle-orm";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation, makeUnit, signInAs } from "../../../../test/helpers/factories.ts";
import { createTestApp, type TestApp } from "../../../../test/helpers/test-app.ts";
import { auditEvents, channelHistory, channels } from "../../db/schema/index.ts";
import { registerChannel } from "./service.ts";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t?.close();
});

const suffix = () => randomBytes(4).toString("hex");

describe("channel import", () => {
  it("previews and imports an XLSX inventory, reporting each bad row with its number and reason", async () => {
    const org = await makeOrganisation(t.db);
    const cell = await makeUnit(t.db, { parentId: org.left.id, name: `Chi đoàn Thôn ${suffix()}` });
    const tag = suffix();
    const existing = await registerChannel(
      { db: t.db, actor: null, ip: null },
      {
        unitId: org.right.id,
        platform: "facebook_page",
        url: `https://facebook.com/daco${tag}`,
        displayName: "Đã có",
      },
    );
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Kênh");
    sheet.addRow(["DANH SÁCH KÊNH TRUYỀN THÔNG"]);
    sheet.addRow(["STT", "Tên kênh", "Địa chỉ", "Nền tảng", "Đơn vị", "Số người theo dõi"]);
    sheet.addRow([1, "Trang tin xã", `https://www.facebook.com/trangtin${tag}`, "Facebook", "", "4.700"]); // row 3
    sheet.addRow([2, "Kênh chi đoàn", `youtube.com/@chidoan${tag}`, "YouTube", cell.name, ""]); // row 4
    sheet.addRow([3, "Không có địa chỉ", "", "", "", ""]); // row 5
    sheet.addRow([4, "Liên kết chia sẻ", "https://www.facebook.com/share/p/1AbCdEf/", "", "", ""]); // row 6
    sheet.addRow([5, "Trùng trong tệp", `https://m.facebook.com/TrangTin${tag}?mibextid=1`, "", "", ""]); // row 7
    sheet.addRow([6, "Đã đăng ký nơi khác", existing.url, "", "", ""]); // row 8
    sheet.addRow([7, "Đơn vị lạ", `https://tiktok.com/@la${tag}`, "TikTok", "Không tồn tại", ""]); // row 9
    sheet.addRow([8, "Địa chỉ sai", "không phải liên kết", "", "", ""]); // row 10
    const contentBase64 = Buffer.from(await workbook.xlsx.writeBuffer()).toString("base64");
    const admin = await signInAs(t.app, org.leftAdmin.email ?? "");
    const payload = { unitId: org.left.id, fileName: "kenh.xlsx", contentBase64 };

    const preview = await admin.request({ method: "POST", url: "/api/channels/import/preview", payload });
    expect(preview.statusCode).toBe(200);
    const body = preview.json();
    expect(body.totalRows).toBe(8);
    expect(body.validRows).toBe(2);
    expect(
      body.errors.map((e: { row: number; field: string; code: string }) => [e.row, e.field, e.code]),
    ).toEqual([
      [5, "url", "import.url_missing"],
      [6, "url", "url.unsupported"],
      [7, "url", "import.duplicate_channel"],
      [8, "url", "channel.key_taken"],
      [9, "unit", "import.unknown_unit"],
      [10, "url", "url.invalid"],
    ]);
    expect(body.errors[2].message.vi).toContain("dòng 3");
    expect(body.errors[3].message.vi).toContain(org.right.name);
    expect(body.sample.map((s: { row: number; unitName: string }) => [s.row, s.unitName])).toEqual([
      [3, org.left.name],
      [4, cell.name],
    ]);
    // The preview changed nothing.
    expect(await t.db.select().from(channels).where(eq(channels.unitId, org.left.id))).toEqual([]);

    const imported = await admin.request({ method: "POST", url: "/api/channels/import", payload });
    expect(imported.statusCode).toBe(200);
    expect(imported.json()).toMatchObject({ created: 2, totalRows: 8 });
    expect(imported.json().errors).toHaveLength(6);
    const rows = await t.db
      .select({
        id: channels.id,
        unitId: channels.unitId,
        platform: channels.platform,
        followers: channels.followerCount,
      })
      .from(channels)
      .where(eq(channels.createdBy, org.leftAdmin.id));
    expect(rows.map((r) => [r.unitId, r.platform, r.followers]).sort()).toEqual(
      [
        [org.left.id, "facebook_page", 4700],
        [cell.id, "youtube", null],
      ].sort(),
    );
    const history = await t.db
      .select({ change: channelHistory.change })
      .from(channelHistory)
      .where(eq(channelHistory.channelId, rows[0]?.id ?? ""));
    expect(history).toEqual([{ change: "imported" }]);
    const [audit] = await t.db
      .select({ details: auditEvents.details })
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "channel.import"), eq(auditEvents.unitId, org.left.id)));
    expect(audit?.details).toMatchObject({ fileName: "kenh.xlsx", created: 2, rejected: 6 });

    // Importing the same file again adds nothing: every good row is now already registered.
    const again = await admin.request({ method: "POST", url: "/api/channels/import", payload });
    expect(again.json().created).toBe(0);
  });

  it("reads a semicolon CSV from Excel and refuses a file without an address column", async () => {
    const org = await makeOrganisation(t.db);
    const admin = await signInAs(t.app, org.rootAdmin.email ?? "");
    const tag = suffix();
    const csv = `\uFEFFTên kênh;Liên kết;Nền tảng\nCổng tỉnh;https://tinh${tag}.gov.vn;Trang web\nZalo;https://zalo.me/${Date.now()};Zalo OA\nLạ;https://example.org;Sao Hỏa\n`;
    const result = await admin.request({
      method: "POST",
      url: "/api/channels/import",
      payload: {
        unitId: org.root.id,
        fileName: "kenh.csv",
        contentBase64: Buffer.from(csv).toString("base64"),
      },
    });
    expect(result.statusCode).toBe(200);
    expect(result.json().created).toBe(2);
    expect(result.json().errors).toMatchObject([
      { row: 4, field: "platform", code: "import.unknown_platform" },
    ]);

    const noAddress = await admin.request({
      method: "POST",
      url: "/api/channels/import/preview",
      payload: {
        unitId: org.root.id,
        fileName: "x.csv",
        contentBase64: Buffer.from("Tên kênh,Ghi chú\nA,B\n").toString("base64"),
      },
    });
    expect(noAddress.statusCode).toBe(400);
    expect(noAddress.json().code).toBe("import.missing_columns");
  });
});
