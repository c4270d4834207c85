import { inArray } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Db, Executor } from "../../db/client.ts";
import { people } from "../../db/schema/index.ts";
import {
  badFile,
  maxDataRows,
  readColumns,
  readSheet,
  type SheetRow,
  tooManyRows,
} from "../../imports/spreadsheet.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { orgErrors } from "./errors.ts";
import { cleanPersonFields } from "./people-service.ts";
import { resolveUnitsInSubtree, type UnitChoice } from "./read-models.ts";
import { requireActiveTargetUnit, type TargetUnit as SelectedUnit } from "./unit-queries.ts";

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
  /** The new people's ids, so the web can invite them through auth (org knows nothing of invitations). */
  createdPersonIds: string[];
  totalRows: number;
  errors: ImportRowError[];
}

const sampleSize = 20;
const insertBatchSize = 1000;

type ImportField = "fullName" | "email" | "phone" | "position" | "unit";

/** Header labels per column, compared with case, diacritics, spaces and punctuation folded away. */
const headerLabels: Record<ImportField, string[]> = {
  fullName: ["Họ và tên", "Họ tên", "Họ và tên đầy đủ", "Full name", "Name"],
  email: ["E-mail", "Email", "Thư điện tử", "Địa chỉ e-mail"],
  phone: ["Số điện thoại", "Điện thoại", "SĐT", "Số ĐT", "Điện thoại di động", "Phone", "Phone number"],
  position: ["Chức vụ", "Position"],
  unit: ["Mã đơn vị", "Đơn vị", "Unit", "Unit code"],
};

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

interface Validation {
  totalRows: number;
  valid: ValidRow[];
  errors: ImportRowError[];
  rejectedRows: number;
}

/** Finds the header row and turns the rows below it into records of raw text per column. */
function toRecords(rows: SheetRow[]): ImportRecord[] {
  const records: ImportRecord[] = [];
  for (const { row, text } of readColumns(rows, headerLabels, "fullName", {
    vi: "Không tìm thấy cột “Họ và tên” ở dòng tiêu đề. Dòng tiêu đề cần có cột Họ và tên, có thể thêm E-mail, Số điện thoại, Chức vụ, Mã đơn vị.",
    en: "No “Full name” column in the header row. The header needs a Full name column and may have E-mail, Phone, Position, Unit code.",
  })) {
    const record = {
      row,
      fullName: text("fullName"),
      email: text("email"),
      phone: restoreLeadingZero(text("phone")),
      position: text("position"),
      unit: text("unit"),
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

function loadSelectedUnit(db: Executor, unitId: string, lock: boolean): Promise<SelectedUnit> {
  // Inside the import's transaction the unit is share-locked, so it cannot be merged or dissolved under us.
  return requireActiveTargetUnit(db, unitId, {
    lock,
    refusal: { vi: "không thể nhập người vào đơn vị này.", en: "people cannot be imported into it." },
  });
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
  const unitsByValue = await resolveUnitsInSubtree(db, {
    subtreePath: selected.path,
    values: unitValues,
    lock,
  });

  const candidates: (ValidRow & { ok: boolean })[] = [];
  const firstRowOfEmail = new Map<string, number>();
  const firstRowOfPhone = new Map<string, number>();
  for (const record of records) {
    const before = rowErrors.length;
    const { value, problems } = cleanPersonFields(record);
    for (const problem of problems) {
      report(record.row, problem.field, problem.code, problem.vi, problem.en);
    }
    let unit: UnitChoice = { id: selected.id, name: selected.name };
    if (record.unit) {
      const choice = unitsByValue.get(record.unit);
      if (choice === "ambiguous") {
        report(
          record.row,
          "unit",
          "import.ambiguous_unit",
          `Có nhiều đơn vị tên “${record.unit}”; vui lòng ghi mã đơn vị.`,
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
      const createdPersonIds: string[] = [];
      for (let start = 0; start < checked.valid.length; start += insertBatchSize) {
        const inserted = await tx
          .insert(people)
          .values(
            checked.valid.slice(start, start + insertBatchSize).map((row) => ({
              unitId: row.unitId,
              fullName: row.fullName,
              email: row.email,
              phone: row.phone,
              position: row.position,
              searchKey: foldForSearch(`${row.fullName} ${row.email ?? ""} ${row.phone ?? ""}`),
            })),
          )
          .returning({ id: people.id });
        createdPersonIds.push(...inserted.map((row) => row.id));
      }
      await recordAudit(tx, {
        actor: ctx.actor,
        action: "person.import",
        unit: { id: selected.id, path: selected.path },
        ip: ctx.ip,
        details: { fileName: input.fileName, created: checked.valid.length, rejected: checked.rejectedRows },
      });
      return {
        created: checked.valid.length,
        createdPersonIds,
        totalRows: checked.totalRows,
        errors: checked.errors,
      };
    });
  } catch (error) {
    // Someone stored one of the file's e-mails after our check: the whole import was rolled back.
    const violation = uniqueViolationOf(error);
    if (violation) {
      const email = /\(email\)=\((.*)\)/.exec(violation.detail)?.[1];
      throw orgErrors.importEmailTaken({ email });
    }
    throw error;
  }
}
