/**
 * `npx caunoi …`: administration from the command line, for what cannot wait for a signed-in
 * administrator (the first administrator, a forgotten password, a token for a script, a bulk
 * import, migrations). Run through bin/caunoi.js; Node 24 runs this TypeScript directly.
 */
import { readFileSync } from "node:fs";
import { setFlagsFromString } from "node:v8";
import type { CliCommand } from "./command.ts";
import {
  adminCreate,
  backupCreate,
  backupRestore,
  migrateStatus,
  migrateUp,
  passwordReset,
  peopleImport,
  tokenCreate,
} from "./commands/index.ts";
import { roleGrant } from "./commands/role-grant-command.ts";
import { CliError, describeError, exitCodes } from "./errors.ts";
import { type CliIo, processIo } from "./io.ts";

export const commands: readonly CliCommand[] = [
  adminCreate,
  passwordReset,
  tokenCreate,
  roleGrant,
  peopleImport,
  migrateStatus,
  migrateUp,
  backupCreate,
  backupRestore,
];

const usagePrefix = "npx caunoi";

/** "admin create", or "backup" for a command that is its group alone. */
function commandName(command: CliCommand): string {
  return command.action ? `${command.group} ${command.action}` : command.group;
}

function commandLine(command: CliCommand): string {
  return `${usagePrefix} ${commandName(command)}${command.usage ? ` ${command.usage}` : ""}`;
}

/** The overview printed by `caunoi --help` (and, on standard error, after a wrong command). */
export function overviewHelp(): string[] {
  const width = Math.max(...commands.map((c) => commandName(c).length)) + 2;
  return [
    "Cầu Nối — công cụ quản trị dòng lệnh / command-line administration",
    "",
    `Cách dùng / usage: ${usagePrefix} <nhóm/group> <lệnh/command> [tùy chọn/options]`,
    "",
    "Lệnh / commands:",
    ...commands.flatMap((c) => [
      `  ${commandName(c).padEnd(width)}${c.summary.vi}`,
      `  ${"".padEnd(width)}${c.summary.en}`,
    ]),
    "",
    "Cơ sở dữ liệu / database (như máy chủ / as the server):",
    "  DATABASE_URL=postgres://…   dùng máy chủ PostgreSQL / use a PostgreSQL server",
    "  DATA_DIR=./data             nếu không: PGlite trong thư mục này (mặc định ./data)",
    "                              otherwise: embedded PGlite in this directory (default ./data)",
    "  Với PGlite, chỉ một tiến trình được mở thư mục dữ liệu: vui lòng dừng máy chủ trước.",
    "  With PGlite only one process may open the data directory: stop the server first.",
    "",
    "Mã thoát / exit codes:",
    "  0 thành công / success · 1 lỗi / error · 2 thư mục dữ liệu đang được dùng / data directory in use",
    "  3 nhập một phần / partly imported · 130 bị dừng (Ctrl+C) / interrupted",
    "",
    `Chi tiết một lệnh / details of a command: ${usagePrefix} <nhóm> <lệnh> --help`,
  ];
}

/** The help of one command. */
export function commandHelp(command: CliCommand): string[] {
  return [
    `${command.summary.vi}`,
    `${command.summary.en}`,
    "",
    `Cách dùng / usage: ${commandLine(command)}`,
    ...(command.help.length > 0 ? ["", ...command.help.map((line) => (line ? `  ${line}` : ""))] : []),
  ];
}

function groupHelp(group: string): string[] {
  return [
    `Lệnh trong nhóm “${group}” / commands of “${group}”:`,
    ...commands
      .filter((c) => c.group === group)
      .flatMap((c) => [`  ${commandLine(c)}`, `      ${c.summary.vi}`, `      ${c.summary.en}`]),
  ];
}

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
    version: string;
  };
  return pkg.version;
}

/** Runs one command line and answers the exit code; every failure is explained, nothing is thrown. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  const wantsHelp = argv.includes("--help") || argv.includes("-h");
  const [group, action, ...rest] = argv;
  if (!group || group === "help" || group === "--help" || group === "-h") {
    const lines = overviewHelp();
    for (const line of lines) {
      (group ? io.out : io.err)(line);
    }
    return group ? exitCodes.ok : exitCodes.failure;
  }
  if (group === "--version" || group === "-v") {
    io.out(version());
    return exitCodes.ok;
  }
  if (!commands.some((c) => c.group === group)) {
    io.err(`Lỗi: không có lệnh “${group}”.`);
    io.err(`Error: there is no command “${group}”.`);
    io.err("");
    for (const line of overviewHelp()) {
      io.err(line);
    }
    return exitCodes.failure;
  }
  // A command that is its group alone (`caunoi backup FILE`) takes everything after the group.
  const alone = commands.find((c) => c.group === group && c.action === "");
  const command = alone ?? commands.find((c) => c.group === group && c.action === action);
  const commandArgs = alone ? argv.slice(1) : rest;
  if (!command) {
    const print = wantsHelp && (!action || action.startsWith("-")) ? io.out : io.err;
    if (action && !action.startsWith("-")) {
      io.err(`Lỗi: nhóm “${group}” không có lệnh “${action}”.`);
      io.err(`Error: “${group}” has no command “${action}”.`);
      io.err("");
    }
    for (const line of groupHelp(group)) {
      print(line);
    }
    return print === io.out ? exitCodes.ok : exitCodes.failure;
  }
  if (wantsHelp) {
    for (const line of commandHelp(command)) {
      io.out(line);
    }
    return exitCodes.ok;
  }
  try {
    const run = await command.load();
    return await run(commandArgs, io);
  } catch (error) {
    const { lines, exitCode } = describeError(error);
    for (const line of lines) {
      io.err(line);
    }
    if (error instanceof CliError && error.usage) {
      io.err(`Cách dùng / usage: ${commandLine(command)}`);
      io.err(`Xem / see: ${usagePrefix} ${commandName(command)} --help`);
    }
    if (exitCode === exitCodes.failure && !(error instanceof CliError) && process.env.CAUNOI_DEBUG) {
      io.err(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
    return exitCode;
  }
}

/**
 * A command lives a few seconds, too short for V8 to profit from optimising PGlite's WebAssembly,
 * yet that optimisation, once started, holds the process for about two more seconds at exit. A
 * tiering budget no short run exhausts keeps the baseline code. Call before the database is opened.
 */
export function tuneForShortRun(): void {
  setFlagsFromString("--wasm-tiering-budget=1000000000");
}

// Run only as the program (`node src/cli/main.ts`), not when bin/caunoi.js or a test imports it.
if (import.meta.main) {
  tuneForShortRun();
  process.exitCode = await runCli(process.argv.slice(2));
}
