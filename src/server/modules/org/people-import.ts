import { and, eq, inArray, sql } from "drizzle-orm";
import type { CellValue } from "exceljs";
import ExcelJS from "exceljs";
import { CsvFormatError, parseCsv } from "../../../shared/csv.ts";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Db, Executor } from "../../db/client.ts";
import { people, units } from "../../db/schema/index.ts";
import { type AppError, errors } from "../../http/errors.ts";
import { recordAudit } from "../auth/audit.ts";
import { cleanPersonFields } from "./people-service.ts";
import type { ActionContext } from "./service.ts";

export interface ImportInput {
  unitId: string;
  fileName: string;
  content: Buffer;
}

/** One rejected row: its spreadsheet row number, the column at fault and why, in both languages. */
export interface ImportRowError {
  row: number;
  field: ImportField | null;
  code: string;
  message: { vi: string; en: string };
}

export interface ImportPreview {
  totalRows: number;
  validRows: number;
  errors: ImportRowError[];
  sample: {
    row: number;
    fullName: string;
    email: string | null;
    phone: string | null;
    position: string | null;
    unitName: string;
  }[];
}

export interface ImportResult {
  created: number;
  totalRows: number;
  errors: ImportRowError[];
}

const maxFileBytes = 10 * 1024 * 1024;
/** An XLSX is a zip: what its entries claim to unpack to is checked before anything is inflated. */
const maxUnzippedBytes = 100 * 1024 * 1024;
const maxDataRows = 20_000;
/** A title block ("DANH SÁCH CÁN BỘ …") often sits above the header; it is looked for this far down. */
const headerSearchRows = 10;
const sampleSize = 20;
const insertBatchSize = 1000;
const maxNameLength = 200;
const maxPositionLength = 200;

type ImportField = "fullName" | "email" | "phone" | "position" | "unit";

/** Header labels per column, compared with case, diacritics, spaces and punctuation folded away. */
const headerLabels: Record<ImportField, string[]> = {
  fullName: ["Họ và tên", "Họ tên", "Họ và tên đầy đủ", "Full name", "Name"],
  email: ["E-mail", "Email", "Thư điện tử", "Địa chỉ e-mail"],
  phone: ["Số điện thoại", "Điện thoại", "SĐT", "Số ĐT", "Điện thoại di động", "Phone", "Phone number"],
  position: ["Chức vụ", "Position"],
  unit: ["Mã đơn vị", "Đơn vị", "Unit", "Unit code"],
};

function headerKey(label: string): string {
  return foldForSearch(label).replace(/[^a-z0-9]/g, "");
}

const fieldByHeaderKey = new Map<string, ImportField>(
  (Object.entries(headerLabels) as [ImportField, string[]][]).flatMap(([field, labels]) =>
    labels.map((label) => [headerKey(label), field] as [string, ImportField]),
  ),
);

/** A row of the sheet as text cells, numbered as the spreadsheet numbers it. */
interface SheetRow {
  row: number;
  cells: string[];
}

/** The raw text of one data row, per recognised column. */
interface ImportRecord {
  row: number;
  fullName: string;
  email: string;
  phone: string;
  position: string;
  unit: string;
}

/** A row that passed every check, ready to insert. */
interface ValidRow {
  row: number;
  fullName: string;
  email: string | null;
  phone: string | null;
  position: string | null;
  unitId: string;
  unitName: string;
}

interface SelectedUnit {
  id: string;
  name: string;
  path: string;
}

interface Validation {
  totalRows: number;
  valid: ValidRow[];
  errors: ImportRowError[];
  rejectedRows: number;
}

// Reading the file

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

function badFile(code: string, vi: string, en: string): AppError {
  return errors.badRequest(code, vi, en);
}

const unreadableXlsx = () =>
  badFile(
    "import.unreadable",
    "Không đọc được tệp Excel: tệp hỏng hoặc không phải định dạng .xlsx. Hãy mở tệp bằng Excel và lưu lại dưới dạng .xlsx.",
    "The Excel file cannot be read: it is damaged or not in .xlsx format. Open it in Excel and save it again as .xlsx.",
  );

const tooLarge = () =>
  badFile(
    "import.too_large",
    "Tệp quá lớn: tối đa 10 MB và 20.000 dòng. Hãy chia tệp thành nhiều phần.",
    "The file is too large: at most 10 MB and 20,000 rows. Split it into several files.",
  );

const emptyFile = () => badFile("import.empty", "Tệp không có dữ liệu.", "The file contains no data.");

const tooManyRows = () =>
  badFile(
    "import.too_many_rows",
    `Tệp có hơn ${maxDataRows.toLocaleString("vi-VN")} dòng dữ liệu. Hãy chia tệp thành nhiều phần.`,
    `The file has more than ${maxDataRows.toLocaleString("en-US")} data rows. Split it into several files.`,
  );

/**
 * The total size the entries of a zip say they unpack to, read from its central directory; null
 * when the directory cannot be found (the zip reader then reports the damage). A size of
 * 0xFFFFFFFF means a ZIP64 entry of 4 GB or more, which no list of people needs.
 */
function declaredUnzippedSize(zip: Buffer): number | null {
  const minEnd = Math.max(0, zip.length - 22 - 0xffff);
  for (let end = zip.length - 22; end >= minEnd; end--) {
    if (zip.readUInt32LE(end) !== 0x06054b50) {
      continue;
    }
    const entries = zip.readUInt16LE(end + 10);
    let offset = zip.readUInt32LE(end + 16);
    let total = 0;
    for (let n = 0; n < entries; n++) {
      if (offset + 46 > zip.length || zip.readUInt32LE(offset) !== 0x02014b50) {
        return null;
      }
      const size = zip.readUInt32LE(offset + 24);
      total += size === 0xffffffff ? Number.POSITIVE_INFINITY : size;
      offset +=
        46 + zip.readUInt16LE(offset + 28) + zip.readUInt16LE(offset + 30) + zip.readUInt16LE(offset + 32);
    }
    return total;
  }
  return null;
}

async function readXlsx(content: Buffer): Promise<SheetRow[]> {
  if (content.length < 4 || content.readUInt32LE(0) !== 0x04034b50) {
    throw unreadableXlsx();
  }
  const unzipped = declaredUnzippedSize(content);
  if (unzipped !== null && unzipped > maxUnzippedBytes) {
    throw tooLarge();
  }
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs is typed for an ArrayBuffer (and reads one fine); a copy of at most 10 MB.
    await workbook.xlsx.load(new Uint8Array(content).buffer);
  } catch {
    throw unreadableXlsx();
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) {
    throw unreadableXlsx();
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = cleanCell(cellText(cell.value));
    });
    if (cells.some((cell) => cell !== "")) {
      rows.push({ row: rowNumber, cells: Array.from(cells, (cell) => cell ?? "") });
    }
    // Header, title block and 20,000 rows fit well within this; stop reading a huge sheet early.
    if (rows.length > maxDataRows + headerSearchRows) {
      throw tooManyRows();
    }
  });
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
      "Tệp có đuôi .csv nhưng thực chất là tệp Excel. Hãy đổi đuôi thành .xlsx hoặc lưu lại dưới dạng CSV UTF-8.",
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

function readCsv(content: Buffer): SheetRow[] {
  const text = decodeCsv(content);
  let records: string[][];
  try {
    records = parseCsv(text).records;
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
  const rows: SheetRow[] = [];
  records.forEach((record, index) => {
    const cells = record.map(cleanCell);
    if (cells.some((cell) => cell !== "")) {
      rows.push({ row: index + 1, cells });
    }
  });
  if (rows.length > maxDataRows + headerSearchRows) {
    throw tooManyRows();
  }
  return rows;
}

/** The non-blank rows of the first sheet of an XLSX, or of a CSV; refuses what cannot be read. */
async function readSheet(fileName: string, content: Buffer): Promise<SheetRow[]> {
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
  const rows = extension === "xlsx" ? await readXlsx(content) : readCsv(content);
  if (rows.length === 0) {
    throw emptyFile();
  }
  return rows;
}

/** Finds the header row and turns the rows below it into records of raw text per column. */
function toRecords(rows: SheetRow[]): ImportRecord[] {
  let headerIndex = -1;
  let columns = new Map<ImportField, number>();
  for (const [index, sheetRow] of rows.slice(0, headerSearchRows).entries()) {
    const found = new Map<ImportField, number>();
    sheetRow.cells.forEach((cell, column) => {
      const field = fieldByHeaderKey.get(headerKey(cell));
      if (field && !found.has(field)) {
        found.set(field, column);
      }
    });
    if (found.has("fullName")) {
      headerIndex = index;
      columns = found;
      break;
    }
  }
  if (headerIndex < 0) {
    throw badFile(
      "import.missing_columns",
      "Không tìm thấy cột “Họ và tên” ở dòng tiêu đề. Dòng tiêu đề cần có cột Họ và tên, có thể thêm E-mail, Số điện thoại, Chức vụ, Mã đơn vị.",
      "No “Full name” column in the header row. The header needs a Full name column and may have E-mail, Phone, Position, Unit code.",
    );
  }
  const textAt = (cells: string[], field: ImportField) => {
    const column = columns.get(field);
    return column === undefined ? "" : (cells[column] ?? "");
  };
  const records: ImportRecord[] = [];
  for (const { row, cells } of rows.slice(headerIndex + 1)) {
    const record = {
      row,
      fullName: textAt(cells, "fullName"),
      email: textAt(cells, "email"),
      phone: restoreLeadingZero(textAt(cells, "phone")),
      position: textAt(cells, "position"),
      unit: textAt(cells, "unit"),
    };
    // A row with text only in columns we do not read (a pre-numbered "STT" column) is not a person.
    if (record.fullName || record.email || record.phone || record.position || record.unit) {
      records.push(record);
    }
  }
  if (records.length === 0) {
    throw badFile(
      "import.empty",
      "Tệp chỉ có dòng tiêu đề, không có người nào.",
      "The file has a header row but no people.",
    );
  }
  if (records.length > maxDataRows) {
    throw tooManyRows();
  }
  return records;
}

/**
 * A mobile number typed into Excel as a number loses its leading 0 (912345678); nine digits
 * starting with a mobile prefix (3, 5, 7, 8, 9) get it back.
 */
function restoreLeadingZero(phone: string): string {
  return /^[35789]\d{8}$/.test(phone) ? `0${phone}` : phone;
}

// Checking the rows

async function loadSelectedUnit(db: Executor, unitId: string, lock: boolean): Promise<SelectedUnit> {
  const query = db
    .select({ id: units.id, name: units.name, path: units.path, status: units.status })
    .from(units)
    .where(eq(units.id, unitId));
  // Inside the import's transaction the unit is share-locked, so it cannot be merged or dissolved under us.
  const [unit] = lock ? await query.for("share") : await query;
  if (!unit) {
    throw errors.notFound({ vi: "đơn vị", en: "Unit" });
  }
  if (unit.status !== "active") {
    throw errors.conflict(
      "unit.not_active",
      `Đơn vị “${unit.name}” đã sáp nhập hoặc giải thể; không thể nhập người vào đơn vị này.`,
      `Unit “${unit.name}” has been merged or dissolved; people cannot be imported into it.`,
    );
  }
  return { id: unit.id, name: unit.name, path: unit.path };
}

interface UnitChoice {
  id: string;
  name: string;
}

/**
 * Resolves the unit column: a code, an id or an exact name (ignoring case and diacritics) of an
 * active unit in the selected unit's subtree. Returns one entry per distinct value: a unit,
 * "ambiguous" when several units share that name, or null when nothing matches.
 */
async function resolveUnits(
  db: Executor,
  selected: SelectedUnit,
  values: Set<string>,
  lock: boolean,
): Promise<Map<string, UnitChoice | "ambiguous" | null>> {
  const resolved = new Map<string, UnitChoice | "ambiguous" | null>();
  if (values.size === 0) {
    return resolved;
  }
  const subtree = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(and(sql`${units.path} <@ ${selected.path}::ltree`, eq(units.status, "active")));
  const byCode = new Map<string, UnitChoice>();
  const byLowerCode = new Map<string, UnitChoice[]>();
  const byId = new Map<string, UnitChoice>();
  const byName = new Map<string, UnitChoice[]>();
  const push = (map: Map<string, UnitChoice[]>, key: string, unit: UnitChoice) => {
    map.set(key, [...(map.get(key) ?? []), unit]);
  };
  for (const unit of subtree) {
    const choice = { id: unit.id, name: unit.name };
    byCode.set(unit.code, choice);
    push(byLowerCode, unit.code.toLowerCase(), choice);
    byId.set(unit.id, choice);
    push(byName, foldForSearch(unit.name), choice);
  }
  for (const value of values) {
    const exact = byCode.get(value) ?? byId.get(value.toLowerCase());
    if (exact) {
      resolved.set(value, exact);
      continue;
    }
    const candidates = byLowerCode.get(value.toLowerCase()) ?? byName.get(foldForSearch(value)) ?? [];
    resolved.set(
      value,
      candidates.length === 1 ? (candidates[0] ?? null) : candidates.length > 1 ? "ambiguous" : null,
    );
  }
  if (lock) {
    // Share-lock the units rows will go into; one merged or dissolved meanwhile no longer matches.
    const chosen = [
      ...new Set(
        [...resolved.values()].flatMap((choice) => (choice && choice !== "ambiguous" ? [choice.id] : [])),
      ),
    ];
    const stillActive = new Set<string>();
    for (let start = 0; start < chosen.length; start += insertBatchSize) {
      const locked = await db
        .select({ id: units.id })
        .from(units)
        .where(
          and(inArray(units.id, chosen.slice(start, start + insertBatchSize)), eq(units.status, "active")),
        )
        .for("share");
      for (const unit of locked) {
        stillActive.add(unit.id);
      }
    }
    for (const [value, choice] of resolved) {
      if (choice && choice !== "ambiguous" && !stillActive.has(choice.id)) {
        resolved.set(value, null);
      }
    }
  }
  return resolved;
}

async function existingEmails(db: Executor, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let start = 0; start < emails.length; start += insertBatchSize) {
    const rows = await db
      .select({ email: people.email })
      .from(people)
      .where(inArray(people.email, emails.slice(start, start + insertBatchSize)));
    for (const { email } of rows) {
      if (email) {
        found.add(email);
      }
    }
  }
  return found;
}

/** Checks every record: field formats, unit, duplicates in the file and against people already stored. */
async function validateRecords(
  db: Executor,
  selected: SelectedUnit,
  records: ImportRecord[],
  lock: boolean,
): Promise<Validation> {
  const rowErrors: ImportRowError[] = [];
  const report = (row: number, field: ImportField | null, code: string, vi: string, en: string) => {
    rowErrors.push({ row, field, code, message: { vi, en } });
  };
  const unitValues = new Set(records.map((record) => record.unit).filter((unit) => unit !== ""));
  const unitsByValue = await resolveUnits(db, selected, unitValues, lock);

  const candidates: (ValidRow & { ok: boolean })[] = [];
  const firstRowOfEmail = new Map<string, number>();
  const firstRowOfPhone = new Map<string, number>();
  for (const record of records) {
    const before = rowErrors.length;
    const { value, problems } = cleanPersonFields(record);
    for (const problem of problems) {
      report(record.row, problem.field, problem.code, problem.vi, problem.en);
    }
    if (value.fullName.length > maxNameLength) {
      report(
        record.row,
        "fullName",
        "import.too_long",
        `Họ và tên dài quá ${maxNameLength} ký tự.`,
        `The full name is longer than ${maxNameLength} characters.`,
      );
    }
    if (value.position && value.position.length > maxPositionLength) {
      report(
        record.row,
        "position",
        "import.too_long",
        `Chức vụ dài quá ${maxPositionLength} ký tự.`,
        `The position is longer than ${maxPositionLength} characters.`,
      );
    }
    let unit: UnitChoice = { id: selected.id, name: selected.name };
    if (record.unit) {
      const choice = unitsByValue.get(record.unit);
      if (choice === "ambiguous") {
        report(
          record.row,
          "unit",
          "import.ambiguous_unit",
          `Có nhiều đơn vị tên “${record.unit}”; hãy ghi mã đơn vị.`,
          `Several units are named “${record.unit}”; use the unit code instead.`,
        );
      } else if (!choice) {
        report(
          record.row,
          "unit",
          "import.unknown_unit",
          `Không có đơn vị “${record.unit}” đang hoạt động thuộc “${selected.name}”.`,
          `There is no active unit “${record.unit}” within “${selected.name}”.`,
        );
      } else {
        unit = choice;
      }
    }
    if (value.email) {
      const earlier = firstRowOfEmail.get(value.email);
      if (earlier === undefined) {
        firstRowOfEmail.set(value.email, record.row);
      } else {
        report(
          record.row,
          "email",
          "import.duplicate_email",
          `E-mail ${value.email} trùng với dòng ${earlier}.`,
          `E-mail ${value.email} is already on row ${earlier}.`,
        );
      }
    }
    if (value.phone) {
      const earlier = firstRowOfPhone.get(value.phone);
      if (earlier === undefined) {
        firstRowOfPhone.set(value.phone, record.row);
      } else {
        report(
          record.row,
          "phone",
          "import.duplicate_phone",
          `Số điện thoại ${value.phone} trùng với dòng ${earlier}.`,
          `Phone number ${value.phone} is already on row ${earlier}.`,
        );
      }
    }
    candidates.push({
      row: record.row,
      ...value,
      unitId: unit.id,
      unitName: unit.name,
      ok: rowErrors.length === before,
    });
  }

  const taken = await existingEmails(db, [...firstRowOfEmail.keys()]);
  for (const candidate of candidates) {
    if (
      candidate.email &&
      taken.has(candidate.email) &&
      firstRowOfEmail.get(candidate.email) === candidate.row
    ) {
      report(
        candidate.row,
        "email",
        "import.duplicate_email",
        `E-mail ${candidate.email} đã được dùng cho một người có sẵn trong hệ thống.`,
        `E-mail ${candidate.email} is already used by someone in the system.`,
      );
      candidate.ok = false;
    }
  }

  // Errors read top to bottom; within a row they keep the order the checks found them.
  rowErrors.sort((a, b) => a.row - b.row);
  const valid = candidates.filter((candidate) => candidate.ok).map(({ ok: _ok, ...row }) => row);
  return {
    totalRows: records.length,
    valid,
    errors: rowErrors,
    rejectedRows: candidates.length - valid.length,
  };
}

// The two operations

/** Checks an XLSX or CSV file of people without changing anything: the bad rows and a sample of the good ones. */
export async function previewPeopleImport(db: Db, input: ImportInput): Promise<ImportPreview> {
  const records = toRecords(await readSheet(input.fileName, input.content));
  const selected = await loadSelectedUnit(db, input.unitId, false);
  const checked = await validateRecords(db, selected, records, false);
  return {
    totalRows: checked.totalRows,
    validRows: checked.valid.length,
    errors: checked.errors,
    sample: checked.valid.slice(0, sampleSize).map(({ unitId: _unitId, ...row }) => row),
  };
}

/** A unique violation (SQLSTATE 23505) with its detail, looked for through the wrappers the ORM adds. */
function uniqueViolationOf(error: unknown): { detail: string } | null {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { code, detail, cause } = current as { code?: unknown; detail?: unknown; cause?: unknown };
    if (code === "23505") {
      return { detail: typeof detail === "string" ? detail : "" };
    }
    current = cause;
  }
  return null;
}

/**
 * Imports the good rows of an XLSX or CSV file: the rows are checked again, then every good row
 * and one audit event are written in a single transaction, so an import either adds all its good
 * rows or nothing. Bad rows are reported, as in the preview.
 */
export async function runPeopleImport(ctx: ActionContext, input: ImportInput): Promise<ImportResult> {
  // Reading the file is slow work that needs no connection, so it happens before the transaction.
  const records = toRecords(await readSheet(input.fileName, input.content));
  try {
    return await ctx.db.transaction(async (tx) => {
      const selected = await loadSelectedUnit(tx, input.unitId, true);
      const checked = await validateRecords(tx, selected, records, true);
      for (let start = 0; start < checked.valid.length; start += insertBatchSize) {
        await tx.insert(people).values(
          checked.valid.slice(start, start + insertBatchSize).map((row) => ({
            unitId: row.unitId,
            fullName: row.fullName,
            email: row.email,
            phone: row.phone,
            position: row.position,
            searchKey: foldForSearch(`${row.fullName} ${row.email ?? ""} ${row.phone ?? ""}`),
          })),
        );
      }
      await recordAudit(tx, {
        actor: ctx.actor,
        action: "person.import",
        unit: { id: selected.id, path: selected.path },
        ip: ctx.ip,
        details: { fileName: input.fileName, created: checked.valid.length, rejected: checked.rejectedRows },
      });
      return { created: checked.valid.length, totalRows: checked.totalRows, errors: checked.errors };
    });
  } catch (error) {
    // Someone stored one of the file's e-mails after our check: the whole import was rolled back.
    const violation = uniqueViolationOf(error);
    if (violation) {
      const email = /\(email\)=\((.*)\)/.exec(violation.detail)?.[1];
      const which = email ? ` ${email}` : "";
      throw errors.conflict(
        "import.conflict",
        `Trong lúc nhập, e-mail${which} vừa được dùng cho một người khác. Chưa có dòng nào được nhập; hãy xem trước và nhập lại.`,
        `While importing, e-mail${which} was taken by someone else. Nothing was imported; preview the file and import it again.`,
      );
    }
    throw error;
  }
}
