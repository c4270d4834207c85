import { existsSync } from "node:fs";
import { loadConfig } from "../server/config.ts";
import { type Database, openDatabase } from "../server/db/client.ts";
import { acquireDataDirLock, type LockHolder } from "../server/db/data-dir-lock.ts";
import { runMigrations } from "../server/db/migrate.ts";
import { ensureAdminAreas } from "../server/modules/org/index.ts";
import { CliError, exitCodes } from "./errors.ts";
import type { CliIo } from "./io.ts";

/** Where the data lives, chosen as the server chooses: DATABASE_URL, else PGlite in DATA_DIR (./data). */
export interface DatabaseTarget {
  url: string | undefined;
  dataDir: string;
  /** For messages: the engine and where, without any password. */
  label: string;
}

/** The database the server would use with this environment. */
export function databaseTarget(env: NodeJS.ProcessEnv): DatabaseTarget {
  const config = loadConfig(env, []);
  if (config.databaseUrl) {
    return {
      url: config.databaseUrl,
      dataDir: config.dataDir,
      label: `PostgreSQL (${withoutPassword(config.databaseUrl)})`,
    };
  }
  return { url: undefined, dataDir: config.dataDir, label: `PGlite (${config.dataDir})` };
}

function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) {
      parsed.password = "***";
    }
    return parsed.toString();
  } catch {
    return "DATABASE_URL";
  }
}

function dataDirBusy(dataDir: string, holder: LockHolder): CliError {
  const server = holder.purpose === "server";
  const port = holder.port ? `, cổng ${holder.port}` : "";
  const enPort = holder.port ? `, port ${holder.port}` : "";
  return new CliError(
    server
      ? `Thư mục dữ liệu ${dataDir} đang được máy chủ Cầu Nối sử dụng (tiến trình ${holder.pid}${port}, từ ${holder.startedAt}). ` +
          "Vui lòng dừng máy chủ trước, hoặc đặt DATABASE_URL để dùng PostgreSQL."
      : `Thư mục dữ liệu ${dataDir} đang được một lệnh caunoi khác sử dụng (tiến trình ${holder.pid}, từ ${holder.startedAt}). ` +
          "Vui lòng chờ lệnh đó xong, hoặc đặt DATABASE_URL để dùng PostgreSQL.",
    server
      ? `The data directory ${dataDir} is in use by the Cầu Nối server (process ${holder.pid}${enPort}, since ${holder.startedAt}). ` +
          "Stop the server first, or set DATABASE_URL to use PostgreSQL."
      : `The data directory ${dataDir} is in use by another caunoi command (process ${holder.pid}, since ${holder.startedAt}). ` +
          "Wait for it to finish, or set DATABASE_URL to use PostgreSQL.",
    { exitCode: exitCodes.dataDirBusy },
  );
}

export interface WithDatabaseOptions {
  io: CliIo;
  env?: NodeJS.ProcessEnv;
}

type Work<T, D> = (database: D, target: DatabaseTarget) => Promise<T>;

/**
 * Runs `work` on the database, opened as the server opens it: migrated and with the administrative
 * areas loaded, so the CLI works before the server was ever started. With the embedded engine the
 * data directory is locked first (PGlite allows one process per directory) and refused, untouched,
 * when a live process holds it. The lock is released and the database closed on every exit path,
 * Ctrl+C included.
 */
export function withDatabase<T>(
  options: WithDatabaseOptions & { mode: "ready" | "open" },
  work: Work<T, Database>,
): Promise<T>;
/**
 * "open": the same without migrating or loading anything (the embedded directory is still created);
 * "existing": without changing anything, `work` getting null when the embedded directory does not exist.
 */
export function withDatabase<T>(
  options: WithDatabaseOptions & { mode: "existing" },
  work: Work<T, Database | null>,
): Promise<T>;
export async function withDatabase<T>(
  options: WithDatabaseOptions & { mode: "ready" | "open" | "existing" },
  work: Work<T, Database> | Work<T, Database | null>,
): Promise<T> {
  const target = databaseTarget(options.env ?? process.env);
  let release = () => {};
  if (!target.url) {
    const lock = acquireDataDirLock(target.dataDir, { purpose: "cli" });
    if ("heldBy" in lock) {
      throw dataDirBusy(target.dataDir, lock.heldBy);
    }
    release = lock.release;
  }
  let opened: Promise<Database> | null = null;
  let cleaning: Promise<void> | null = null;
  // Closes the database, once. An open still in progress is waited for: PGlite stopped halfway
  // through creating its directory would leave it unusable.
  const cleanUp = (): Promise<void> => {
    cleaning ??= (async () => {
      if (opened) {
        const closing = opened.then((database) => database.close()).catch(() => {});
        // A close that hangs (a query stuck mid-flight) must not keep the lock forever.
        await Promise.race([closing, new Promise((resolve) => setTimeout(resolve, 10_000).unref())]);
      }
      release();
    })();
    return cleaning;
  };
  let interrupted = false;
  const onSignal = (signal: NodeJS.Signals) => {
    // A second Ctrl+C while closing is ignored: killing PGlite mid-close is what the lock protects against.
    if (interrupted) {
      return;
    }
    interrupted = true;
    options.io.err("Đang dừng theo yêu cầu… / Interrupted, closing…");
    void cleanUp().finally(() => process.exit(signal === "SIGINT" ? exitCodes.interrupted : 128 + 15));
  };
  // Whatever else happens (an uncaught error, process.exit elsewhere), the lock file goes with the process.
  const onExit = () => release();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  process.once("exit", onExit);
  try {
    if (options.mode === "existing" && !target.url && !existsSync(target.dataDir)) {
      return await (work as Work<T, Database | null>)(null, target);
    }
    opened = openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 2 });
    const database = await opened;
    if (options.mode === "ready") {
      await runMigrations(database);
      await ensureAdminAreas(database.db);
    }
    return await (work as Work<T, Database>)(database, target);
  } finally {
    await cleanUp();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
    process.off("exit", onExit);
  }
}
