import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeOrganisation } from "../../../test/helpers/factories.ts";
import { createTestDatabase } from "../../../test/helpers/test-database.ts";
import {
  channelTemplate,
  csvHeaderOf,
  peopleTemplate,
  xlsxTemplateOf,
} from "../../shared/import-templates.ts";
import type { Database } from "../db/client.ts";
import { previewChannelImport } from "../modules/channels/import.ts";
import { previewPeopleImport } from "../modules/org/index.ts";
import { readSheet } from "./spreadsheet.ts";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

/** The downloaded template with rows typed into its first sheet, as a person fills it in Excel. */
async function filledIn(template: typeof peopleTemplate, rows: string[][]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(await xlsxTemplateOf(ExcelJS, template));
  const sheet = workbook.worksheets[0];
  for (const row of rows) {
    sheet?.addRow(row);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

describe("the XLSX import templates", () => {
  it("have the CSV template's Vietnamese header on their first sheet and nothing below it", async () => {
    for (const template of [peopleTemplate, channelTemplate]) {
      const rows = await readSheet("mau.xlsx", Buffer.from(await xlsxTemplateOf(ExcelJS, template)));
      expect(rows).toEqual([{ row: 1, cells: csvHeaderOf(template).split(",") }]);
    }
  });

  it("read back through the people importer with no error once filled in with the guide's examples", async () => {
    const org = await makeOrganisation(database.db);
    const content = await filledIn(peopleTemplate, [
      ["Nguyễn Văn An", "an.nguyenvan@example.vn", "0912345678", "Chuyên viên", ""],
      ["Trần Thị Bình", "", "912345679", "", org.left.code],
    ]);
    const preview = await previewPeopleImport(database.db, {
      unitId: org.root.id,
      fileName: "mau.xlsx",
      content,
    });
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ totalRows: 2, validRows: 2 });
    expect(preview.sample.map((row) => row.phone)).toEqual(["0912345678", "0912345679"]);
  });

  it("read back through the channel importer with no error once filled in with the guide's examples", async () => {
    const org = await makeOrganisation(database.db);
    const content = await filledIn(channelTemplate, [
      channelTemplate.columns.map((column) => (column.header === "Mã đơn vị" ? "" : column.example)),
    ]);
    const preview = await previewChannelImport(database.db, {
      unitId: org.root.id,
      fileName: "mau.xlsx",
      content,
    });
    expect(preview.errors).toEqual([]);
    expect(preview).toMatchObject({ totalRows: 1, validRows: 1 });
  });
});
