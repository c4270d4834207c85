import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rename, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, normalize } from "node:path";
import { pipeline } from "node:stream/promises";
import { createGunzip } from "node:zlib";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { fromPglite, PgBoss } from "pg-boss";
import type { Database } from "../db/client.ts";
import { migrationsFolder, runMigrations } from "../db/migrate.ts";
import { BackupError } from "./errors.ts";
import { checkRowCounts, dropForeignKeys, loadTable, restoreForeignKeys, restoreSequences } from "./load.ts";
import {
  BACKUP_FORMAT_VERSION,
  type BackupManifest,
  listMediaFiles,
  MANIFEST_PATH,
  readJournal,
  SECRET_KEY_PATH,
  sha256OfFile,
} from "./manifest.ts";
import { APP_SCHEMA, JOBS_SCHEMA, listTables, openSession, qualified, type SqlSession } from "./session.ts";
import { readTar } from "./tar.ts";

export interface RestoreOptions {
  database: Database;
  file: string;
  manifest: BackupManifest;
  mediaDir: string;
  dataDir: string;
  progress?: (line: string) => void;
}

export interface RestoreSummary {
  tables: number;
  rows: number;
  mediaFiles: number;
  secretKeyRestored: boolean;
  migrationLevel: string;
  migrationsAppliedAfter: number;
  jobs: number;
}

/**
 * The checks that need no database: the format, and a migration level this code knows (the same
 * migrations, in the same order, possibly fewer than the code has).
 */
export async function checkBackupFits(manifest: BackupManifest): Promise<void> {
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new BackupError(
      `Bản sao lưu có định dạng phiên bản ${manifest.formatVersion}, mới hơn phiên bản chương trình này đọc được (${BACKUP_FORMAT_VERSION}). Vui lòng cập nhật Cầu Nối.`,
      `The backup's format version ${manifest.formatVersion} is newer than this program reads (${BACKUP_FORMAT_VERSION}). Update Cầu Nối.`,
    );
  }
  const journal = await readJournal();
  const known = manifest.migrations.every((m, i) => journal[i]?.when === m.when);
  if (!known) {
    const last = manifest.migrations.at(-1)?.tag ?? "?";
    throw new BackupError(
      `Bản sao lưu ở mức chuyển đổi ${last}, mới hơn (hoặc khác) các bản chuyển đổi chương trình này biết. Vui lòng khôi phục bằng phiên bản Cầu Nối đã tạo bản sao lưu hoặc mới hơn.`,
      `The backup is at migration level ${last}, newer than (or different from) the migrations this program knows. Restore it with the Cầu Nối version that made it, or a newer one.`,
    );
  }
}

/** The media directory must not hold any file yet (an empty `incoming/` is fine). */
export async function checkMediaDirEmpty(mediaDir: string): Promise<void> {
  const files = await listMediaFiles(mediaDir);
  if (files.length > 0) {
    throw new BackupError(
      `Thư mục media ${mediaDir} đã có ${files.length} tệp: chỉ khôi phục vào thư mục trống.`,
      `The media directory ${mediaDir} already holds ${files.length} files: restore only into an empty one.`,
    );
  }
}

/** A key file already in the data directory must be the backup's, or stored tokens would not open. */
export async function checkSecretKey(manifest: BackupManifest, dataDir: string): Promise<void> {
  const entry = manifest.files.find((f) => f.path === SECRET_KEY_PATH);
  const path = join(dataDir, SECRET_KEY_PATH);
  if (entry && existsSync(path) && (await sha256OfFile(path)).sha256 !== entry.sha256) {
    throw new BackupError(
      `${path} đã có một khóa khác với khóa trong bản sao lưu; các token trang đã lưu sẽ không mở được. Vui lòng chuyển tệp đó đi rồi chạy lại.`,
      `${path} holds a key other than the backup's; the stored page tokens would not open. Move that file away and run again.`,
    );
  }
}

/** Refuses a database that already holds rows of the app, or was migrated past the backup's level. */
async function checkDatabaseEmpty(session: SqlSession, manifest: BackupManifest): Promise<void> {
  const [table] = await session.query("select to_regclass('drizzle.__drizzle_migrations') is not null");
  const [migrations] = table?.[0]
    ? await session.query("select count(*)::int from drizzle.__drizzle_migrations")
    : [[0]];
  const applied = Number(migrations?.[0] ?? 0);
  if (applied > manifest.migrations.length) {
    throw new BackupError(
      `Cơ sở dữ liệu đã được chuyển đổi tới mức mới hơn bản sao lưu (${applied} > ${manifest.migrations.length}). Vui lòng khôi phục vào một cơ sở dữ liệu trống.`,
      `The database is already migrated past the backup's level (${applied} > ${manifest.migrations.length}). Restore into an empty database.`,
    );
  }
  const nonEmpty: string[] = [];
  for (const table of await listTables(session)) {
    const [row] = await session.query(`select exists (select 1 from ${qualified(table)})`);
    if (row?.[0]) {
      nonEmpty.push(`${table.schema}.${table.name}`);
    }
  }
  if (nonEmpty.length > 0) {
    const list = nonEmpty.slice(0, 5).join(", ") + (nonEmpty.length > 5 ? ", …" : "");
    throw new BackupError(
      `Cơ sở dữ liệu không trống (${nonEmpty.length} bảng có dữ liệu: ${list}). Chỉ khôi phục vào một cơ sở dữ liệu trống.`,
      `The database is not empty (${nonEmpty.length} tables hold rows: ${list}). Restore only into an empty database.`,
    );
  }
}

/** Applies the committed migrations up to the backup's level only, from a copy of the journal cut there. */
async function migrateTo(database: Database, level: number): Promise<void> {
  const journal = JSON.parse(await readFile(join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
    entries: { tag: string }[];
  };
  const folder = await mkdtemp(join(tmpdir(), "caunoi-migrations-"));
  try {
    const entries = journal.entries.slice(0, level);
    await mkdir(join(folder, "meta"));
    await writeFile(join(folder, "meta/_journal.json"), JSON.stringify({ ...journal, entries }));
    for (const entry of entries) {
      await copyFile(join(migrationsFolder, `${entry.tag}.sql`), join(folder, `${entry.tag}.sql`));
    }
    if (database.engine === "pglite") {
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder: folder });
    } else {
      await migrateNodePg(database.db as unknown as NodePgDatabase, { migrationsFolder: folder });
    }
  } finally {
    await rm(folder, { recursive: true, force: true });
  }
}

/** pg-boss makes its own schema (at the version this code carries), started without any worker. */
async function installJobSchema(database: Database): Promise<void> {
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), schema: JOBS_SCHEMA, supervise: false, schedule: false })
    : new PgBoss({
        connectionString: database.connectionString,
        schema: JOBS_SCHEMA,
        max: 1,
        supervise: false,
        schedule: false,
      });
  boss.on("error", () => {});
  await boss.start();
  await boss.stop({ graceful: false, close: true, timeout: 1000 });
}

function mediaTarget(mediaDir: string, path: string): string {
  const rel = normalize(path.slice("media/".length));
  if (rel.startsWith("..") || rel.startsWith("/") || rel === "." || rel === "") {
    throw new BackupError(`Đường dẫn không hợp lệ: ${path}`, `An invalid path: ${path}`);
  }
  return join(mediaDir, rel);
}

/** Writes an entry to `path` (through a `.partial` file) and answers its sha256 and size. */
async function writeEntry(
  body: AsyncIterable<Buffer>,
  path: string,
  mode?: number,
): Promise<{ sha256: string; size: number }> {
  await mkdir(dirname(path), { recursive: true });
  const hash = createHash("sha256");
  let size = 0;
  const partial = `${path}.partial`;
  await pipeline(
    (async function* () {
      for await (const chunk of body) {
        hash.update(chunk);
        size += chunk.length;
        yield chunk;
      }
    })(),
    createWriteStream(partial, mode ? { mode } : {}),
  );
  await rename(partial, path);
  return { sha256: hash.digest("hex"), size };
}

function mismatch(path: string): BackupError {
  return new BackupError(
    `Tệp ${path} trong bản sao lưu không khớp mã kiểm tra (sha256): bản sao lưu bị hỏng.`,
    `The entry ${path} does not match its sha256: the backup is damaged.`,
  );
}

/**
 * Restores a backup into an empty database and media directory: migrations up to the backup's
 * level, every table in one transaction (foreign keys dropped during the load and added again,
 * sequences set), media files and the key file, each checked against the manifest's sha256 and
 * row counts before the commit; then the code's newer migrations, if any. On any failure the
 * transaction is rolled back and the files written are removed.
 */
export async function restoreBackup(options: RestoreOptions): Promise<RestoreSummary> {
  const { manifest, database } = options;
  const progress = options.progress ?? (() => {});
  await checkBackupFits(manifest);
  await checkMediaDirEmpty(options.mediaDir);
  await checkSecretKey(manifest, options.dataDir);
  let session = await openSession(database);
  try {
    await checkDatabaseEmpty(session, manifest);
  } finally {
    await session.close();
  }
  progress(
    `Đang tạo cấu trúc ở mức ${manifest.migrations.at(-1)?.tag} / Creating the schema at level ${manifest.migrations.at(-1)?.tag}…`,
  );
  await migrateTo(database, manifest.migrations.length);
  if (manifest.tables.some((t) => t.schema === JOBS_SCHEMA)) {
    await installJobSchema(database);
  }

  const written: string[] = [];
  const mediaDirExisted = existsSync(options.mediaDir);
  let secretKeyRestored = false;
  session = await openSession(database);
  try {
    await session.query("begin");
    const targets = new Map((await listTables(session)).map((t) => [`${t.schema}.${t.name}`, t]));
    const keys = await dropForeignKeys(session, APP_SCHEMA);
    const seen = new Set<string>();
    progress(`Đang nạp ${manifest.tables.length} bảng… / Loading ${manifest.tables.length} tables…`);
    const stream = createReadStream(options.file).pipe(createGunzip());
    for await (const entry of readTar(stream)) {
      if (entry.path === MANIFEST_PATH) {
        continue;
      }
      const expected = manifest.files.find((f) => f.path === entry.path);
      if (!expected || seen.has(entry.path)) {
        throw new BackupError(
          `Bản sao lưu có mục ${entry.path} không có trong danh mục.`,
          `The backup holds an entry ${entry.path} that its manifest does not list.`,
        );
      }
      seen.add(entry.path);
      const table = manifest.tables.find((t) => t.file === entry.path);
      if (table) {
        const target = targets.get(`${table.schema}.${table.name}`);
        if (!target) {
          throw new BackupError(
            `Cơ sở dữ liệu không có bảng ${table.schema}.${table.name} của bản sao lưu.`,
            `The database has no table ${table.schema}.${table.name} that the backup holds.`,
          );
        }
        const loaded = await loadTable(session, table, target, entry.body, progress);
        if (loaded.sha256 !== expected.sha256 || loaded.rows !== table.rows) {
          throw mismatch(entry.path);
        }
      } else if (entry.path.startsWith("media/")) {
        const path = mediaTarget(options.mediaDir, entry.path);
        written.push(path);
        const file = await writeEntry(entry.body, path);
        if (file.sha256 !== expected.sha256 || file.size !== expected.size) {
          throw mismatch(entry.path);
        }
        if (written.length % 500 === 0) {
          progress(`  media: ${written.length} tệp / files…`);
        }
      } else if (entry.path === SECRET_KEY_PATH) {
        const path = join(options.dataDir, SECRET_KEY_PATH);
        if (!existsSync(path)) {
          written.push(path);
          const file = await writeEntry(entry.body, path, 0o600);
          if (file.sha256 !== expected.sha256) {
            throw mismatch(entry.path);
          }
          secretKeyRestored = true;
        }
      }
    }
    const missing = manifest.files.filter((f) => !seen.has(f.path));
    if (missing.length > 0) {
      throw new BackupError(
        `Bản sao lưu thiếu ${missing.length} mục (ví dụ ${missing[0]?.path}): tệp bị cắt cụt?`,
        `The backup lacks ${missing.length} entries (e.g. ${missing[0]?.path}): is the file truncated?`,
      );
    }
    progress("Đang kiểm tra khóa ngoại và số dòng… / Checking references and row counts…");
    await restoreForeignKeys(session, keys);
    await restoreSequences(session, manifest);
    await checkRowCounts(session, manifest);
    await session.query("commit");
  } catch (error) {
    await session.query("rollback").catch(() => {});
    for (const path of written) {
      await rm(path, { force: true });
      await rm(`${path}.partial`, { force: true });
    }
    if (!mediaDirExisted) {
      // It held no file before (checked above): only directories this attempt made.
      await rm(options.mediaDir, { recursive: true, force: true });
    }
    throw error;
  } finally {
    await session.close();
  }

  const journal = await readJournal();
  let migrationsAppliedAfter = 0;
  if (journal.length > manifest.migrations.length) {
    progress("Đang áp dụng các bản chuyển đổi mới hơn… / Applying the newer migrations…");
    await runMigrations(database);
    migrationsAppliedAfter = journal.length - manifest.migrations.length;
  }
  const jobTable = manifest.tables.find((t) => t.schema === JOBS_SCHEMA && t.name === "job");
  return {
    tables: manifest.tables.length,
    rows: manifest.tables.reduce((sum, t) => sum + t.rows, 0),
    mediaFiles: manifest.files.filter((f) => f.path.startsWith("media/")).length,
    secretKeyRestored,
    migrationLevel: manifest.migrations.at(-1)?.tag ?? "-",
    migrationsAppliedAfter,
    jobs: jobTable?.rows ?? 0,
  };
}
