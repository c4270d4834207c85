import { existsSync, readdirSync, statSync } from "node:fs";
import { rm } from "node:fs/promises";
import { dirname, join, resolve } from "node:path";
import { createBackup } from "../../server/backup/create.ts";
import { BackupError } from "../../server/backup/errors.ts";
import { type BackupManifest, readManifest } from "../../server/backup/manifest.ts";
import {
  checkBackupFits,
  checkMediaDirEmpty,
  checkSecretKey,
  restoreBackup,
} from "../../server/backup/restore.ts";
import { loadConfig } from "../../server/config.ts";
import { currentLockHolder } from "../../server/db/data-dir-lock.ts";
import { parseCommandArgs } from "../args.ts";
import { databaseTarget, withDatabase } from "../database.ts";
import { CliError, exitCodes, usageError } from "../errors.ts";
import type { CliIo } from "../io.ts";

function fileArgument(args: string[]): string {
  const { positionals } = parseCommandArgs(args, {}, true);
  if (positionals.length !== 1 || !positionals[0]?.trim()) {
    throw usageError("Cần đúng một tệp.", "Exactly one file is required.");
  }
  return resolve(positionals[0]);
}

/** BackupError's explanation, as the CLI prints it. */
async function explained<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof BackupError) {
      throw new CliError(error.vi, error.en);
    }
    throw error;
  }
}

/** With the embedded database, a running server holds the data directory: say so for this command. */
function refuseRunningServer(dataDir: string, vi: string, en: string): void {
  const holder = currentLockHolder(dataDir);
  if (holder?.purpose === "server") {
    const port = holder.port
      ? ` (tiến trình ${holder.pid}, cổng ${holder.port})`
      : ` (tiến trình ${holder.pid})`;
    const enPort = holder.port ? ` (process ${holder.pid}, port ${holder.port})` : ` (process ${holder.pid})`;
    throw new CliError(
      `Máy chủ đang chạy${port}: vui lòng dừng máy chủ trước khi ${vi}, hoặc dùng PostgreSQL (DATABASE_URL), nơi có thể ${vi} khi máy chủ đang chạy.`,
      `The server is running${enPort}: stop it before you ${en}, or use PostgreSQL (DATABASE_URL), where you can ${en} while it runs.`,
      { exitCode: exitCodes.dataDirBusy },
    );
  }
}

function megabytes(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

function seconds(since: number): string {
  return `${((performance.now() - since) / 1000).toFixed(1)} s`;
}

/** `caunoi backup FILE`: the database, the media files and the key file, into one .tar.gz. */
export async function runBackup(args: string[], io: CliIo): Promise<number> {
  const file = fileArgument(args);
  if (existsSync(file)) {
    throw new CliError(
      `Tệp ${file} đã có; vui lòng chọn tên khác (bản sao lưu cũ không bị ghi đè).`,
      `${file} already exists; choose another name (an earlier backup is never overwritten).`,
    );
  }
  if (!existsSync(dirname(file)) || !statSync(dirname(file)).isDirectory()) {
    throw new CliError(`Không có thư mục ${dirname(file)}.`, `There is no directory ${dirname(file)}.`);
  }
  const env = process.env;
  const config = loadConfig(env, []);
  const target = databaseTarget(env);
  if (!target.url) {
    refuseRunningServer(target.dataDir, "sao lưu", "back up");
  }
  const started = performance.now();
  return withDatabase({ io, mode: "existing", env }, async (database) => {
    io.out(`Cơ sở dữ liệu / database: ${target.label}`);
    if (!database) {
      throw new CliError(
        `Thư mục dữ liệu ${target.dataDir} chưa có cơ sở dữ liệu: không có gì để sao lưu.`,
        `The data directory ${target.dataDir} holds no database: there is nothing to back up.`,
      );
    }
    const summary = await explained(() =>
      createBackup({
        database,
        file,
        mediaDir: config.mediaDir,
        dataDir: config.dataDir,
        progress: (line) => io.err(line),
      }),
    );
    io.out(`Mức chuyển đổi / migration level: ${summary.migrationLevel}`);
    io.out(
      `${summary.tables} bảng, ${summary.rows} dòng (${summary.jobs} việc trong hàng đợi), ${summary.mediaFiles} tệp media (${megabytes(summary.mediaBytes)}) / ` +
        `${summary.tables} tables, ${summary.rows} rows (${summary.jobs} queued jobs), ${summary.mediaFiles} media files`,
    );
    if (summary.secretKeyIncluded) {
      io.out(
        "CẢNH BÁO: bản sao lưu chứa khóa giải mã các token trang đã lưu (secret.key): vui lòng cất giữ nó an toàn như chính máy chủ.",
      );
      io.out(
        "WARNING: the backup contains the key that decrypts the stored page tokens (secret.key): keep it as safe as the server itself.",
      );
    } else if (env.CAUNOI_SECRET_KEY) {
      io.out(
        "Lưu ý: khóa lấy từ CAUNOI_SECRET_KEY, không có trong bản sao lưu; vui lòng giữ nó riêng, thiếu nó các token trang không mở được.",
      );
      io.out(
        "Note: the key comes from CAUNOI_SECRET_KEY and is not in the backup; keep it separately, the stored page tokens do not open without it.",
      );
    }
    io.out(`Đã sao lưu / backed up: ${file} (${megabytes(summary.bytes)}, ${seconds(started)})`);
    return exitCodes.ok;
  });
}

function hasDatabase(dataDir: string): boolean {
  return existsSync(join(dataDir, "PG_VERSION"));
}

/** `caunoi restore FILE`: a backup into an empty database and media directory. */
export async function runRestore(args: string[], io: CliIo): Promise<number> {
  const file = fileArgument(args);
  if (!existsSync(file)) {
    throw new CliError(`Không có tệp ${file}.`, `There is no file ${file}.`);
  }
  let manifest: BackupManifest;
  try {
    manifest = await readManifest(file);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(
      `${file} không phải là bản sao lưu Cầu Nối đọc được (${reason}).`,
      `${file} is not a readable Cầu Nối backup (${reason}).`,
    );
  }
  const env = process.env;
  const config = loadConfig(env, []);
  const target = databaseTarget(env);
  await explained(() => checkBackupFits(manifest));
  const dataDirExisted = existsSync(target.dataDir);
  if (!target.url) {
    refuseRunningServer(target.dataDir, "khôi phục", "restore");
    if (hasDatabase(target.dataDir)) {
      throw new CliError(
        `Thư mục dữ liệu ${target.dataDir} đã có cơ sở dữ liệu: chỉ khôi phục vào thư mục chưa có (đặt DATA_DIR khác, hoặc chuyển thư mục cũ đi).`,
        `The data directory ${target.dataDir} already holds a database: restore only into a new one (set another DATA_DIR, or move the old one away).`,
      );
    }
  }
  await explained(async () => {
    await checkMediaDirEmpty(config.mediaDir);
    await checkSecretKey(manifest, config.dataDir);
  });
  const started = performance.now();
  io.out(`Cơ sở dữ liệu / database: ${target.label}`);
  io.out(
    `Bản sao lưu / backup: ${manifest.createdAt}, ${manifest.engine}, mức chuyển đổi / migration level ${manifest.migrations.at(-1)?.tag ?? "-"}`,
  );
  try {
    const summary = await withDatabase({ io, mode: "open", env }, (database) =>
      explained(() =>
        restoreBackup({
          database,
          file,
          manifest,
          mediaDir: config.mediaDir,
          dataDir: config.dataDir,
          progress: (line) => io.err(line),
        }),
      ),
    );
    io.out(
      `${summary.tables} bảng, ${summary.rows} dòng (${summary.jobs} việc trong hàng đợi), ${summary.mediaFiles} tệp media: đã kiểm tra số dòng và sha256 / ` +
        `${summary.tables} tables, ${summary.rows} rows (${summary.jobs} queued jobs), ${summary.mediaFiles} media files: row counts and sha256 checked`,
    );
    if (summary.migrationsAppliedAfter > 0) {
      io.out(
        `Đã áp dụng thêm ${summary.migrationsAppliedAfter} bản chuyển đổi mới hơn bản sao lưu. / Applied ${summary.migrationsAppliedAfter} migrations newer than the backup.`,
      );
    }
    if (summary.secretKeyRestored) {
      io.out(
        `Đã khôi phục khóa giải mã token trang vào ${join(config.dataDir, "secret.key")}. / The page-token key was restored to ${join(config.dataDir, "secret.key")}.`,
      );
    }
    io.out(`Đã khôi phục / restored: ${file} (${seconds(started)})`);
    return exitCodes.ok;
  } catch (error) {
    // A failed restore leaves nothing behind that it created, so it can simply be run again.
    if (!target.url && !dataDirExisted && existsSync(target.dataDir)) {
      await rm(target.dataDir, { recursive: true, force: true });
    } else if (!target.url && dataDirExisted && readdirSync(target.dataDir).includes("PG_VERSION")) {
      io.err(
        `Thư mục ${target.dataDir} đã có cấu trúc trống do lần khôi phục này tạo; vui lòng xóa nó trước khi chạy lại. / ` +
          `${target.dataDir} now holds an empty schema made by this attempt; remove it before running again.`,
      );
    }
    throw error;
  }
}
