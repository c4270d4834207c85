import { readFile } from "node:fs/promises";
import type { MigrationState } from "../../server/db/migrate.ts";
import { migrationStatus, migrationsFolder, runMigrations } from "../../server/db/migrate.ts";
import { parseCommandArgs } from "../args.ts";
import { withDatabase } from "../database.ts";
import { exitCodes } from "../errors.ts";
import type { CliIo } from "../io.ts";

/** A journal date as the day it was written, e.g. 2026-11-20. */
function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function printStates(io: CliIo, states: MigrationState[]): void {
  const width = Math.max(...states.map((s) => s.tag.length));
  for (const state of states) {
    // Drizzle records which migrations ran, not when: the date shown is the migration's own.
    const status = state.appliedAt
      ? `đã áp dụng / applied   (${day(state.appliedAt)})`
      : "CHƯA áp dụng / PENDING";
    io.out(`  ${state.tag.padEnd(width)}  ${status}`);
  }
  const pending = states.filter((s) => !s.appliedAt).length;
  io.out(
    `${states.length - pending} đã áp dụng, ${pending} chưa áp dụng / ${states.length - pending} applied, ${pending} pending`,
  );
}

/** `caunoi migrate status`: which committed migrations the database has. */
export async function runMigrateStatus(args: string[], io: CliIo): Promise<number> {
  parseCommandArgs(args, {});
  return withDatabase({ io, mode: "existing" }, async (database, target) => {
    io.out(`Cơ sở dữ liệu / database: ${target.label}`);
    if (!database) {
      io.out("Thư mục dữ liệu chưa được tạo. / The data directory does not exist yet.");
      const journal = JSON.parse(await readFile(`${migrationsFolder}/meta/_journal.json`, "utf8")) as {
        entries: { tag: string }[];
      };
      printStates(
        io,
        journal.entries.map(({ tag }) => ({ tag, appliedAt: null })),
      );
      return exitCodes.ok;
    }
    printStates(io, await migrationStatus(database));
    return exitCodes.ok;
  });
}

/** `caunoi migrate up`: applies the pending migrations. */
export async function runMigrateUp(args: string[], io: CliIo): Promise<number> {
  parseCommandArgs(args, {});
  return withDatabase({ io, mode: "open" }, async (database, target) => {
    io.out(`Cơ sở dữ liệu / database: ${target.label}`);
    const before = await migrationStatus(database);
    if (before.every((state) => state.appliedAt)) {
      io.out("Không có gì để áp dụng. / Nothing to apply.");
      printStates(io, before);
      return exitCodes.ok;
    }
    await runMigrations(database);
    const after = await migrationStatus(database);
    const applied = after.filter((s) => s.appliedAt && !before.find((b) => b.tag === s.tag)?.appliedAt);
    io.out(`Đã áp dụng ${applied.length} bản chuyển đổi. / Applied ${applied.length} migrations.`);
    printStates(io, after);
    return exitCodes.ok;
  });
}
