/**
 * Reading an uploaded XLSX or CSV into rows of trimmed text cells, with the limits and the
 * bilingual errors every import shares (people, channels). What the columns mean is the caller's.
 */
import { Readable } from "node:stream";
import type { CellValue } from "exceljs";
import ExcelJS from "exceljs";
import { CsvFormatError, readCsv } from "../../shared/csv.ts";
import { foldForSearch } from "../../shared/vietnamese-text.ts";
import { AppError, errors } from "../platform/errors.ts";
import { inflateEntry, readZipDirectory, storedRecord } from "./zip-directory.ts";

export const maxFileBytes = 10 * 1024 * 1024;
/** An XLSX is a zip: what its entries claim to unpack to is checked before anything is inflated. */
const maxUnzippedBytes = 100 * 1024 * 1024;
/** Every distinct text of a workbook is kept in memory while its sheet is read: this much at most. */
const maxSharedStringsBytes = 30 * 1024 * 1024;
export const maxDataRows = 20_000;
/** A title block ("DANH SÁCH CÁN BỘ …") often sits above the header; it is looked for this far down. */
export const headerSearchRows = 10;
/**
 * Rows of a sheet looked at, blank ones included (a row with only a format is written as a row): far
 * more than any list needs, few enough that a sheet of a million empty rows is not read to its end.
 */
const maxSheetRows = 10 * maxDataRows;

/** A row of the sheet as text cells, numbered as the spreadsheet numbers it. */
export interface SheetRow {
  row: number;
  cells: string[];
}

/** Zero-width characters and stray BOMs that copy-paste leaves inside cells. */
const invisibleCharacters = /[\u200B-\u200D\u2060\uFEFF]/g;

/** Trimmed cell text; control characters (tabs, line breaks inside a cell, NUL) become spaces. */
function cleanCell(value: string): string {
  return value
    .replace(invisibleCharacters, "")
    .replace(/\p{Cc}/gu, " ")
    .trim();
}

/** The text a person sees in an XLSX cell, whatever exceljs made of it. */
function cellText(value: CellValue): string {
  if (value === null || value === undefined) {
    return "";
  }
  if (typeof value === "string") {
    return value;
  }
  if (typeof value === "number") {
    // Integers print without exponent up to 1e21, enough for any phone number.
    return Number.isInteger(value) ? value.toFixed(0) : String(value);
  }
  if (typeof value === "boolean") {
    return value ? "TRUE" : "FALSE";
  }
  if (value instanceof Date) {
    return value.toISOString().slice(0, 10);
  }
  if ("richText" in value) {
    return value.richText.map((part) => part.text).join("");
  }
  if ("hyperlink" in value) {
    // The displayed text may itself be rich text; an empty text falls back to the link target.
    const text = cellText(value.text as CellValue);
    return text || value.hyperlink.replace(/^mailto:/i, "");
  }
  if ("formula" in value || "sharedFormula" in value) {
    return cellText((value.result ?? null) as CellValue);
  }
  return "";
}

/** A 400 about the file as a whole (not one row). */
export function badFile(code: string, vi: string, en: string, details?: unknown): AppError {
  return errors.badRequest(code, vi, en, details);
}

const unreadableXlsx = () =>
  badFile(
    "import.unreadable",
    "Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx. Vui lòng mở tệp bằng Excel và lưu lại dưới dạng .xlsx.",
    "The Excel file cannot be read: it is damaged or not in .xlsx format. Open it in Excel and save it again as .xlsx.",
  );

const tooLarge = () =>
  badFile(
    "import.too_large",
    "Tệp quá lớn: tối đa 10 MB và 20.000 dòng. Vui lòng chia tệp thành nhiều phần.",
    "The file is too large: at most 10 MB and 20,000 rows. Split it into several files.",
  );

const emptyFile = () => badFile("import.empty", "Tệp không có dữ liệu.", "The file contains no data.");

/** The file has more data rows than one import takes. */
export const tooManyRows = () =>
  badFile(
    "import.too_many_rows",
    `Tệp có quá nhiều dòng: tối đa ${maxDataRows.toLocaleString("vi-VN")} dòng dữ liệu. Vui lòng chia tệp thành nhiều phần.`,
    `The file has too many rows: at most ${maxDataRows.toLocaleString("en-US")} data rows. Split it into several files.`,
    { maxRows: maxDataRows },
  );

/** Entries the streaming reader needs before any worksheet, with the most each may really unpack to. */
const workbookParts: [name: string, maxBytes: number][] = [
  ["xl/_rels/workbook.xml.rels", 1024 * 1024],
  ["xl/workbook.xml", 1024 * 1024],
  ["xl/styles.xml", 10 * 1024 * 1024],
  ["xl/sharedStrings.xml", maxSharedStringsBytes],
];

/** The zip record (stored, not compressed) of an empty shared-strings part, for workbooks that have none. */
const noSharedStrings = storedRecord(
  "xl/sharedStrings.xml",
  Buffer.from('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'),
);

/**
 * The records of the workbook reordered for exceljs's streaming reader: workbook, relations, styles
 * and shared strings first, then the worksheets. Given a worksheet before its shared strings (the
 * order Excel itself writes), that reader would copy the whole sheet to a temporary file first.
 */
function recordsForStreaming(content: Buffer): Buffer[] {
  const directory = readZipDirectory(content);
  if (!directory) {
    throw unreadableXlsx();
  }
  if (directory.declaredBytes > maxUnzippedBytes) {
    throw tooLarge();
  }
  const records: Buffer[] = [];
  for (const [name, maxBytes] of workbookParts) {
    const entry = directory.entries.get(name);
    if (!entry) {
      if (name === "xl/sharedStrings.xml") {
        records.push(noSharedStrings);
      }
      continue;
    }
    // What the directory says is checked above; what the part really unpacks to is checked here.
    if (!inflateEntry(entry, maxBytes)) {
      throw tooLarge();
    }
    records.push(entry.record);
  }
  for (const entry of directory.entries.values()) {
    if (/^xl\/worksheets\/sheet\d+\.xml$/.test(entry.name)) {
      records.push(entry.record);
    }
  }
  return records;
}

/**
 * The rows of the first sheet, read as a stream: reading stops at the row cap, so a small file
 * that declares millions of rows costs no more than one that fits.
 */
async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) {
    throw unreadableXlsx();
  }
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(recordsForStreaming(content)), {
    worksheets: "emit",
    sharedStrings: "cache",
    // Hyperlinks are listed after the cells: a linked cell is read as the text it shows.
    hyperlinks: "ignore",
    // Styles tell a date from a number.
    styles: "cache",
    entries: "ignore",
  });
  const rows: SheetRow[] = [];
  let sheetFound = false;
  try {
    for await (const sheet of reader) {
      // Only the first sheet (by tab order, when the workbook says which it is) is read.
      const first = (reader as unknown as { model?: { sheets?: { name?: string }[] } }).model?.sheets?.[0]
        ?.name;
      const name = (sheet as unknown as { name?: string }).name;
      if (sheetFound || (first !== undefined && name !== undefined && name !== first)) {
        continue;
      }
      sheetFound = true;
      let examined = 0;
      for await (const row of sheet) {
        examined++;
        if (examined > maxSheetRows) {
          throw tooManyRows();
        }
        const cells: string[] = [];
        row.eachCell({ includeEmpty: false }, (cell, column) => {
          cells[column - 1] = cleanCell(cellText(cell.value));
        });
        if (cells.some((cell) => cell !== "")) {
          rows.push({ row: row.number, cells: Array.from(cells, (cell) => cell ?? "") });
        }
        // Header, title block and 20,000 rows fit well within this; the rest is never read.
        if (rows.length > maxDataRows + headerSearchRows) {
          throw tooManyRows();
        }
      }
    }
  } catch (error) {
    if (error instanceof AppError) {
      throw error;
    }
    throw unreadableXlsx();
  }
  if (!sheetFound) {
    throw unreadableXlsx();
  }
  return rows;
}

function decodeCsv(content: Buffer): string {
  if (content.length >= 2 && content[0] === 0xff && content[1] === 0xfe) {
    return new TextDecoder("utf-16le").decode(content);
  }
  if (content.length >= 2 && content[0] === 0xfe && content[1] === 0xff) {
    return new TextDecoder("utf-16be").decode(content);
  }
  if (content.length >= 4 && content.readUInt32LE(0) === 0x04034b50) {
    throw badFile(
      "import.unreadable",
      "Tệp có đuôi .csv nhưng thực chất là tệp Excel. Vui lòng đổi đuôi thành .xlsx hoặc lưu lại dưới dạng CSV UTF-8.",
      "The file is named .csv but is an Excel workbook. Rename it to .xlsx or save it as CSV UTF-8.",
    );
  }
  try {
    // A UTF-8 BOM is dropped by the decoder.
    return new TextDecoder("utf-8", { fatal: true }).decode(content);
  } catch {
    throw badFile(
      "import.encoding",
      "Tệp CSV không ở bảng mã UTF-8 nên tiếng Việt sẽ bị lỗi. Trong Excel, chọn Lưu thành → “CSV UTF-8 (phân tách bằng dấu phẩy)”.",
      "The CSV file is not UTF-8, so Vietnamese letters would be garbled. In Excel, use Save As → “CSV UTF-8 (Comma delimited)”.",
    );
  }
}

/** The non-blank records of a CSV; splitting stops at the row cap, so the rest of a huge file is never split. */
function readCsvRows(content: Buffer): SheetRow[] {
  const rows: SheetRow[] = [];
  let row = 0;
  try {
    for (const record of readCsv(decodeCsv(content)).records) {
      row++;
      const cells = record.map(cleanCell);
      if (cells.some((cell) => cell !== "")) {
        rows.push({ row, cells });
      }
      if (rows.length > maxDataRows + headerSearchRows) {
        throw tooManyRows();
      }
    }
  } catch (error) {
    if (error instanceof CsvFormatError) {
      throw badFile(
        "import.unreadable",
        `Tệp CSV bị lỗi: dấu ngoặc kép mở ở dòng ${error.line} không được đóng.`,
        `The CSV file is malformed: the double quote opened on line ${error.line} is never closed.`,
      );
    }
    throw error;
  }
  return rows;
}

/** The non-blank rows of the first sheet of an XLSX, or of a CSV; refuses what cannot be read. */
export async function readSheet(fileName: string, content: Buffer): Promise<SheetRow[]> {
  const extension = /\.([^.]+)$/.exec(fileName.trim())?.[1]?.toLowerCase();
  if (extension !== "xlsx" && extension !== "csv") {
    throw badFile(
      "import.unsupported_type",
      `Không hỗ trợ tệp “${fileName}”. Chỉ nhận tệp Excel (.xlsx) hoặc CSV (.csv); tệp .xls cũ cần lưu lại dưới dạng .xlsx.`,
      `“${fileName}” is not supported. Only Excel (.xlsx) or CSV (.csv) files are accepted; save an old .xls file as .xlsx.`,
    );
  }
  if (content.length === 0) {
    throw emptyFile();
  }
  if (content.length > maxFileBytes) {
    throw tooLarge();
  }
  const rows = extension === "xlsx" ? await readXlsx(content) : readCsvRows(content);
  if (rows.length === 0) {
    throw emptyFile();
  }
  return rows;
}

/** A header label as compared: case, diacritics, spaces and punctuation do not count. */
function headerKey(label: string): string {
  return foldForSearch(label).replace(/[^a-z0-9]/g, "");
}

/** One data row below the header, with the text of each recognised column ("" when absent). */
export interface ColumnRow<Field extends string> {
  row: number;
  text: (field: Field) => string;
}

/**
 * Finds the header row (the first of the top rows that names the `required` column, matched against
 * `labels`) and returns the rows below it; `missing` is the message when no such row exists.
 */
export function readColumns<Field extends string>(
  rows: SheetRow[],
  labels: Record<Field, string[]>,
  required: NoInfer<Field>,
  missing: { vi: string; en: string },
): ColumnRow<Field>[] {
  const fieldByHeaderKey = new Map<string, Field>(
    (Object.entries(labels) as [Field, string[]][]).flatMap(([field, names]) =>
      names.map((name) => [headerKey(name), field] as [string, Field]),
    ),
  );
  for (const [index, sheetRow] of rows.slice(0, headerSearchRows).entries()) {
    const columns = new Map<Field, number>();
    sheetRow.cells.forEach((cell, column) => {
      const field = fieldByHeaderKey.get(headerKey(cell));
      if (field && !columns.has(field)) {
        columns.set(field, column);
      }
    });
    if (columns.has(required)) {
      return rows.slice(index + 1).map(({ row, cells }) => ({
        row,
        text: (field: Field) => {
          const column = columns.get(field);
          return column === undefined ? "" : (cells[column] ?? "");
        },
      }));
    }
  }
  throw badFile("import.missing_columns", missing.vi, missing.en);
}
