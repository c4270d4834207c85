import { readFile } from "node:fs/promises";
import { basename } from "node:path";
import {
  findUnitByCodeOrId,
  type ImportRowError,
  previewPeopleImport,
  runPeopleImport,
} from "../../server/modules/org/index.ts";
import { parseCommandArgs, required } from "../args.ts";
import { cliContext } from "../context.ts";
import { withDatabase } from "../database.ts";
import { CliError, exitCodes, usageError } from "../errors.ts";
import type { CliIo } from "../io.ts";

function printRowErrors(io: CliIo, rowErrors: ImportRowError[]): void {
  for (const error of rowErrors) {
    const field = error.field ? ` (${error.field})` : "";
    io.err(`Dòng ${error.row}${field}: ${error.message.vi}`);
    io.err(`Row ${error.row}${field}: ${error.message.en}`);
  }
}

/** 0: every row went in; 3: the good rows went in, bad ones were skipped; 1: nothing could go in. */
function importExitCode(goodRows: number, badRows: number): number {
  if (badRows === 0) {
    return exitCodes.ok;
  }
  return goodRows > 0 ? exitCodes.partialImport : exitCodes.failure;
}

/** `caunoi people import`: people from an XLSX or CSV file into a unit, every bad row reported. */
export async function runPeopleImportCommand(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    args,
    { unit: { type: "string" }, "dry-run": { type: "boolean" } },
    true,
  );
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) {
    throw usageError("Cần đúng một tệp để nhập.", "Give exactly one file to import.");
  }
  const unitRef = required(values.unit, "--unit");
  let content: Buffer;
  try {
    content = await readFile(file);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new CliError(
      `Không đọc được tệp ${file} (${reason}).`,
      `Cannot read the file ${file} (${reason}).`,
    );
  }
  return withDatabase({ io, mode: "ready" }, async ({ db }) => {
    const unit = await findUnitByCodeOrId(db, unitRef);
    if (!unit) {
      throw new CliError(
        `Không có đơn vị có mã hoặc id “${unitRef}”.`,
        `There is no unit with code or id “${unitRef}”.`,
      );
    }
    const input = { unitId: unit.id, fileName: basename(file), content };
    if (values["dry-run"]) {
      const preview = await previewPeopleImport(db, input);
      io.out(
        `Kiểm tra ${basename(file)} cho ${unit.name}: ${preview.validRows}/${preview.totalRows} dòng hợp lệ (chưa nhập gì). / ` +
          `Checked ${basename(file)} for ${unit.name}: ${preview.validRows} of ${preview.totalRows} rows valid (nothing imported).`,
      );
      printRowErrors(io, preview.errors);
      return importExitCode(preview.validRows, preview.errors.length);
    }
    const result = await runPeopleImport(cliContext(db), input);
    io.out(
      `Đã nhập ${result.created}/${result.totalRows} người vào ${unit.name} (${unit.code}). / ` +
        `Imported ${result.created} of ${result.totalRows} people into ${unit.name} (${unit.code}).`,
    );
    printRowErrors(io, result.errors);
    if (result.errors.length > 0) {
      io.err(
        `${result.errors.length} dòng lỗi đã bị bỏ qua. / ${result.errors.length} bad rows were skipped.`,
      );
    }
    return importExitCode(result.created, result.errors.length);
  });
}
