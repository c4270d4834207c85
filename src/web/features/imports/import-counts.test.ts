import i18next from "i18next";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation } from "../../../../test/helpers/factories.ts";
import { createTestDatabase } from "../../../../test/helpers/test-database.ts";
import type { Database } from "../../../server/db/client.ts";
import { previewPeopleImport, runPeopleImport } from "../../../server/modules/org/index.ts";
import { en } from "../../i18n/en.ts";
import { vi } from "../../i18n/vi.ts";
import { rowsWithErrors } from "./import-counts.ts";

let database: Database;
const i18n = i18next.createInstance();
beforeAll(async () => {
  database = await createTestDatabase();
  await i18n.init({ lng: "vi", resources: { vi: { translation: vi }, en: { translation: en } } });
});
afterAll(async () => {
  await database?.close();
});

describe("import counts", () => {
  it("counts rows, not errors: one row with three errors and two with one each are 3 rows skipped", async () => {
    const org = await makeOrganisation(database.db);
    const csv = [
      "Họ và tên,E-mail,Số điện thoại,Chức vụ,Mã đơn vị",
      "Nguyễn Văn An,an@example.vn,0912345678,Chuyên viên,",
      // Three errors on one row: the e-mail, the phone and the unit.
      "Lê Văn Ba,khong-phai-email,123,,KHONG-CO-DON-VI",
      "Trần Thị Cúc,cuc@example.vn,0912345670,,",
      // One error each.
      "Phạm Văn Dũng,sai-email,,,",
      "Hoàng Thị Em,,12,,",
    ].join("\r\n");
    const input = { unitId: org.root.id, fileName: "danh-sach.csv", content: Buffer.from(csv) };

    const preview = await previewPeopleImport(database.db, input);
    expect(preview.errors).toHaveLength(5);
    expect(rowsWithErrors(preview.errors)).toBe(3);
    expect(preview.totalRows - preview.validRows).toBe(rowsWithErrors(preview.errors));

    const result = await runPeopleImport({ db: database.db, actor: null, ip: null }, input);
    expect(result.created).toBe(2);
    const skipped = rowsWithErrors(result.errors);
    expect(skipped).toBe(result.totalRows - result.created);
    expect(i18n.t("import.skipped", { count: skipped })).toBe("3 dòng bị bỏ qua do lỗi.");
    expect(i18n.t("import.errorRows", { count: skipped })).toBe("3 dòng");
    await i18n.changeLanguage("en");
    expect(i18n.t("import.skipped", { count: skipped })).toBe("3 rows were skipped because of errors.");
    expect(i18n.t("import.skipped", { count: 1 })).toBe("1 row was skipped because of an error.");
  });
});
