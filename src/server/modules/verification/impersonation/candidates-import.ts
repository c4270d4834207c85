import { CsvFormatError, readCsv } from "../../../../shared/csv.ts";
import type { Db } from "../../../db/client.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { AppError } from "../../../platform/errors.ts";
import { requireUnitSummary } from "../../org/index.ts";
import { candidateOfKey, registryAnswer, takeCandidate } from "./candidates.ts";
import { candidateErrors } from "./candidates-errors.ts";

/*
 * A list of suspected pages (CSV: address, display name, handle; a header row is optional), checked
 * row by row as the channels import does: a preview counts good, known and bad rows, the import
 * records the good ones in one transaction and reports the rest.
 */

const maxRows = 2000;

interface ImportRow {
  row: number;
  url: string;
  displayName: string;
  handle: string;
}

export interface CandidateImportInput {
  unitId?: string;
  content: Buffer;
}

function rowsOf(content: Buffer): ImportRow[] {
  const text = content.toString("utf8").replace(/^\uFEFF/, "");
  const rows: ImportRow[] = [];
  try {
    let index = 0;
    for (const record of readCsv(text).records) {
      index++;
      const [url = "", displayName = "", handle = ""] = record.map((cell) => cell.trim());
      if (!url && !displayName) {
        continue;
      }
      // A header row names the columns instead of giving an address.
      if (index === 1 && !/[./]/.test(url)) {
        continue;
      }
      rows.push({ row: index, url, displayName, handle });
      if (rows.length > maxRows) {
        break;
      }
    }
  } catch (error) {
    if (error instanceof CsvFormatError) {
      throw candidateErrors.importUnreadable();
    }
    throw error;
  }
  return rows;
}

const tooMany = {
  code: "impersonation.import_too_many",
  message: {
    vi: `Tệp có quá ${maxRows} dòng; các dòng sau không được đọc. Vui lòng chia thành nhiều tệp.`,
    en: `The file has more than ${maxRows} rows; the rest was not read. Please split it into several files.`,
  },
};

const registered = {
  code: "impersonation.official_channel",
  message: {
    vi: "Địa chỉ là kênh chính thức đã đăng ký, không đưa vào danh sách theo dõi.",
    en: "The address is a registered official channel; it is not added.",
  },
};

function rowError(row: number, error: unknown) {
  if (error instanceof AppError && error.status < 500) {
    return { row, code: error.code, message: error.messages };
  }
  throw error;
}

/** Checks the file without recording anything. */
export async function previewCandidateImport(db: Db, input: CandidateImportInput) {
  const rows = rowsOf(input.content);
  const errors: { row: number; code: string; message: { vi: string; en: string } }[] = [];
  const sample: { row: number; url: string; displayName: string }[] = [];
  let validRows = 0;
  let knownRows = 0;
  const seen = new Set<string>();
  for (const row of rows.slice(0, maxRows)) {
    try {
      const { canonical, answer } = await registryAnswer(db, row.url);
      if (answer.status === "official" || answer.status === "formerly_official") {
        errors.push({ row: row.row, ...registered });
      } else if (seen.has(canonical.key) || (await candidateOfKey(db, canonical.key))) {
        knownRows++;
      } else {
        seen.add(canonical.key);
        validRows++;
        if (sample.length < 10) {
          sample.push({ row: row.row, url: canonical.url, displayName: row.displayName || canonical.url });
        }
      }
    } catch (error) {
      errors.push(rowError(row.row, error));
    }
  }
  if (rows.length > maxRows) {
    errors.push({ row: (rows[maxRows]?.row ?? maxRows) as number, ...tooMany });
  }
  return { totalRows: Math.min(rows.length, maxRows), validRows, knownRows, errors, sample };
}

/** Records the good rows in one transaction, with one audit record for the import. */
export async function runCandidateImport(ctx: ActionContext, input: CandidateImportInput) {
  const rows = rowsOf(input.content);
  return ctx.db.transaction(async (tx) => {
    const errors: { row: number; code: string; message: { vi: string; en: string } }[] = [];
    let created = 0;
    let known = 0;
    for (const row of rows.slice(0, maxRows)) {
      try {
        const outcome = await takeCandidate(
          tx,
          ctx,
          {
            source: "import",
            url: row.url,
            displayName: row.displayName,
            handle: row.handle,
            unitId: input.unitId ?? null,
          },
          { audit: false },
        );
        if (outcome.kind === "official") {
          errors.push({ row: row.row, ...registered });
        } else if (outcome.kind === "known") {
          known++;
        } else {
          created++;
        }
      } catch (error) {
        errors.push(rowError(row.row, error));
      }
    }
    if (rows.length > maxRows) {
      errors.push({ row: (rows[maxRows]?.row ?? maxRows) as number, ...tooMany });
    }
    const unitId = input.unitId ?? ctx.actor?.unitId;
    const unit = unitId ? await requireUnitSummary(tx, unitId) : null;
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "impersonation.import",
      unit: unit ? { id: unit.id, path: unit.path } : null,
      target: null,
      ip: ctx.ip,
      details: { created, known, rejected: errors.length },
    });
    return { created, known, totalRows: Math.min(rows.length, maxRows), errors };
  });
}
