import { readdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { crc32, deflateRawSync } from "node:zlib";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { AppError } from "../platform/errors.ts";
import { maxDataRows, readSheet } from "./spreadsheet.ts";

interface ZipFile {
  name: string;
  data: Buffer;
  /** What the central directory claims the entry unpacks to (a lie, for the tests that need one). */
  declaredBytes?: number;
}

/** A zip written by hand, entries in the order given (Excel writes the sheets before the shared strings). */
function zip(files: ZipFile[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const file of files) {
    const packed = deflateRawSync(file.data, { level: 1 });
    const name = Buffer.from(file.name);
    const size = file.declaredBytes ?? file.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(crc32(file.data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const entry = Buffer.alloc(46);
    entry.writeUInt32LE(0x02014b50, 0);
    entry.writeUInt16LE(20, 4);
    entry.writeUInt16LE(20, 6);
    entry.writeUInt16LE(8, 10);
    entry.writeUInt32LE(crc32(file.data), 16);
    entry.writeUInt32LE(packed.length, 20);
    entry.writeUInt32LE(size, 24);
    entry.writeUInt16LE(name.length, 28);
    entry.writeUInt32LE(offset, 42);
    locals.push(local, name, packed);
    central.push(entry, name);
    offset += 30 + name.length + packed.length;
  }
  const directory = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const main = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

const sheetXml = (rows: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><worksheet ${main}><sheetData>${rows}</sheetData></worksheet>`,
  );

/** A workbook whose tabs are `tabs` (name → sheet file number), in that order. */
function workbook(
  sheets: { file: number; name: string; rows: string }[],
  sharedStrings: string[] | null,
  extra: ZipFile[] = [],
): Buffer {
  const tabs = sheets
    .map((sheet) => `<sheet name="${sheet.name}" sheetId="${sheet.file}" r:id="rId${sheet.file}"/>`)
    .join("");
  const rels = sheets
    .map(
      (sheet) =>
        `<Relationship Id="rId${sheet.file}" Type="${rel}/worksheet" Target="worksheets/sheet${sheet.file}.xml"/>`,
    )
    .join("");
  return zip([
    { name: "[Content_Types].xml", data: Buffer.from("<Types/>") },
    {
      name: "xl/workbook.xml",
      data: Buffer.from(`<workbook ${main} xmlns:r="${rel}"><sheets>${tabs}</sheets></workbook>`),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      data: Buffer.from(
        `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels}</Relationships>`,
      ),
    },
    ...[...sheets]
      .sort((a, b) => a.file - b.file)
      .map((sheet) => ({ name: `xl/worksheets/sheet${sheet.file}.xml`, data: sheetXml(sheet.rows) })),
    ...(sharedStrings
      ? [
          {
            name: "xl/sharedStrings.xml",
            data: Buffer.from(
              `<sst ${main}>${sharedStrings.map((text) => `<si><t>${text}</t></si>`).join("")}</sst>`,
            ),
          },
        ]
      : []),
    ...extra,
  ]);
}

const sharedRow = (r: number) =>
  `<row r="${r}"><c r="A${r}" t="s"><v>0</v></c><c r="B${r}"><v>${r}</v></c></row>`;

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("reading spreadsheets", () => {
  it("refuses an XLSX that declares 800,000 rows after reading past the cap only, quickly and in bounded memory", async () => {
    const parts: string[] = [];
    for (let r = 1; r <= 800_000; r++) {
      parts.push(sharedRow(r));
    }
    // Sheet before shared strings, as Excel writes them: the reader must not copy the sheet to disk first.
    const bomb = workbook([{ file: 1, name: "Danh sách", rows: parts.join("") }], ["Nguyễn Văn An"]);
    expect(bomb.length).toBeLessThan(10 * 1024 * 1024);
    // exceljs's temporary files are named tmp-<pid>-…
    const ownTemporaryFiles = async () =>
      (await readdir(tmpdir())).filter((name) => name.startsWith(`tmp-${process.pid}-`)).length;
    const tmpBefore = await ownTemporaryFiles();
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 10);
    const started = performance.now();
    const error = await refusal(readSheet("danh-sach.xlsx", bomb));
    const ms = performance.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    const grewMb = (peak - before) / (1024 * 1024);
    console.log(
      `XLSX of ${(bomb.length / 1024 / 1024).toFixed(1)} MB declaring 800,000 rows: refused in ${ms.toFixed(0)} ms, memory +${grewMb.toFixed(0)} MB`,
    );
    expect(error.status).toBe(400);
    expect(error.code).toBe("import.too_many_rows");
    expect(error.messages.vi).toContain("tối đa 20.000 dòng");
    expect(ms).toBeLessThan(5000);
    expect(grewMb).toBeLessThan(200);
    expect(await ownTemporaryFiles()).toBe(tmpBefore);
  });

  it("stops reading an XLSX of a million blank rows early", async () => {
    const parts: string[] = [];
    for (let r = 1; r <= 1_000_000; r++) {
      parts.push(`<row r="${r}" s="1" customFormat="1"/>`);
    }
    const blank = workbook([{ file: 1, name: "A", rows: parts.join("") }], null);
    const started = performance.now();
    const error = await refusal(readSheet("trong.xlsx", blank));
    const ms = performance.now() - started;
    console.log(`XLSX of 1,000,000 blank rows: refused in ${ms.toFixed(0)} ms`);
    expect(error.code).toBe("import.too_many_rows");
    // Stopping early takes about half a second alone and up to ~3 s with the browser journeys running
    // beside this suite in CI (2.7 s measured there): the bound leaves room for that load.
    expect(ms).toBeLessThan(6000);
  });

  it("stops splitting a CSV at the row cap", async () => {
    // 10 MB at most: about five million one-letter lines, each of which used to become an array first.
    const csv = Buffer.from(`Họ và tên\n${"a\n".repeat(5_000_000)}`);
    const before = process.memoryUsage().rss;
    const started = performance.now();
    const error = await refusal(readSheet("danh-sach.csv", csv));
    const ms = performance.now() - started;
    const grewMb = (process.memoryUsage().rss - before) / (1024 * 1024);
    console.log(`CSV of 5,000,000 lines: refused in ${ms.toFixed(0)} ms, memory +${grewMb.toFixed(0)} MB`);
    expect(error.code).toBe("import.too_many_rows");
    expect(ms).toBeLessThan(2000);
    expect(grewMb).toBeLessThan(150);
  });

  it("reads a sheet with exactly the cap of rows", async () => {
    const parts = [`<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c></row>`];
    for (let r = 2; r <= maxDataRows + 1; r++) {
      parts.push(sharedRow(r));
    }
    const rows = await readSheet(
      "du.xlsx",
      workbook([{ file: 1, name: "A", rows: parts.join("") }], ["Lê Văn Bình"]),
    );
    expect(rows).toHaveLength(maxDataRows + 1);
    expect(rows[0]?.cells).toEqual(["Họ và tên"]);
    expect(rows.at(-1)).toEqual({ row: maxDataRows + 1, cells: ["Lê Văn Bình", String(maxDataRows + 1)] });
  });

  it("reads cells as a person sees them: dates, whole numbers, booleans, formulas, links, rich text", async () => {
    const book = new ExcelJS.Workbook();
    const sheet = book.addWorksheet("Danh sách");
    sheet.addRow([
      new Date(Date.UTC(2026, 0, 15)),
      912345678,
      true,
      { formula: "1+1", result: 2 },
      { text: "an@example.vn", hyperlink: "mailto:an@example.vn" },
      { richText: [{ text: "Hoàng " }, { text: "Thị Bình", font: { bold: true } }] },
    ]);
    const rows = await readSheet("a.xlsx", Buffer.from(await book.xlsx.writeBuffer()));
    expect(rows).toEqual([
      { row: 1, cells: ["2026-01-15", "912345678", "TRUE", "2", "an@example.vn", "Hoàng Thị Bình"] },
    ]);
  });

  it("reads the first tab, whatever its file is called, and a workbook without shared strings", async () => {
    const book = workbook(
      [
        {
          file: 2,
          name: "Danh sách",
          rows: `<row r="3"><c r="A3" t="inlineStr"><is><t>Trần Thị Cúc</t></is></c></row>`,
        },
        {
          file: 1,
          name: "Ghi chú",
          rows: `<row r="1"><c r="A1" t="inlineStr"><is><t>ghi chú</t></is></c></row>`,
        },
      ],
      null,
    );
    expect(await readSheet("a.xlsx", book)).toEqual([{ row: 3, cells: ["Trần Thị Cúc"] }]);
  });

  it("refuses shared strings that unpack to more than their directory says", async () => {
    const huge = "x".repeat(40 * 1024 * 1024);
    const book = workbook([{ file: 1, name: "A", rows: sharedRow(1) }], null, [
      {
        name: "xl/sharedStrings.xml",
        data: Buffer.from(`<sst ${main}><si><t>${huge}</t></si></sst>`),
        declaredBytes: 1000,
      },
    ]);
    expect((await refusal(readSheet("a.xlsx", book))).code).toBe("import.too_large");
  });
});
