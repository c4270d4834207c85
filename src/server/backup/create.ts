import { createHash } from "node:crypto";
import { createReadStream, createWriteStream, existsSync, type WriteStream } from "node:fs";
import { mkdtemp, rename, rm, stat } from "node:fs/promises";
import { dirname, join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Database } from "../db/client.ts";
import { BackupError } from "./errors.ts";
import {
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  type BackupFile,
  type BackupManifest,
  listMediaFiles,
  MANIFEST_PATH,
  readJournal,
  SECRET_KEY_PATH,
  sha256OfFile,
} from "./manifest.ts";
import {
  encodeCopyValue,
  JOBS_SCHEMA,
  listSequences,
  listTables,
  openSession,
  qualified,
  quoteIdent,
  type SqlSession,
  type TableInfo,
} from "./session.ts";
import { tarEnd, tarHeader, tarPadding } from "./tar.ts";

export interface BackupOptions {
  database: Database;
  file: string;
  mediaDir: string;
  dataDir: string;
  /** A progress line for the person waiting. */
  progress?: (line: string) => void;
}

export interface BackupSummary {
  file: string;
  bytes: number;
  tables: number;
  rows: number;
  mediaFiles: number;
  mediaBytes: number;
  secretKeyIncluded: boolean;
  migrationLevel: string;
  jobs: number;
}

const FETCH_ROWS = 2000;
const PROGRESS_EVERY_ROWS = 100_000;

function write(stream: WriteStream, text: string): Promise<void> | undefined {
  if (stream.write(text)) {
    return undefined;
  }
  return new Promise((resolve, reject) => {
    stream.once("drain", resolve);
    stream.once("error", reject);
  });
}

function closeStream(stream: WriteStream): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once("error", reject);
    stream.end(resolve);
  });
}

/** One table's rows into a file of COPY text lines, through a cursor: never the whole table in memory. */
async function dumpTable(
  session: SqlSession,
  table: TableInfo,
  path: string,
  progress: (line: string) => void,
): Promise<{ rows: number; size: number; sha256: string }> {
  const out = createWriteStream(path);
  const hash = createHash("sha256");
  let rows = 0;
  let size = 0;
  const select = table.columns.map((c) => `${quoteIdent(c.name)}::text`).join(", ");
  await session.query(`declare backup_rows no scroll cursor for select ${select} from ${qualified(table)}`);
  try {
    for (;;) {
      const batch = await session.query(`fetch ${FETCH_ROWS} from backup_rows`);
      if (batch.length === 0) {
        break;
      }
      let text = "";
      for (const row of batch) {
        text += `${row.map(encodeCopyValue).join("\t")}\n`;
      }
      const bytes = Buffer.from(text, "utf8");
      hash.update(bytes);
      size += bytes.length;
      await write(out, text);
      const before = rows;
      rows += batch.length;
      if (Math.floor(rows / PROGRESS_EVERY_ROWS) > Math.floor(before / PROGRESS_EVERY_ROWS)) {
        progress(`  ${table.schema}.${table.name}: ${rows} dòng / rows…`);
      }
    }
  } finally {
    await session.query("close backup_rows");
    await closeStream(out);
  }
  return { rows, size, sha256: hash.digest("hex") };
}

/** The migrations the database has, matched to this code's journal by their timestamp. */
async function appliedMigrations(session: SqlSession): Promise<BackupManifest["migrations"]> {
  const exists = await session.query("select to_regclass('drizzle.__drizzle_migrations') is not null");
  if (!exists[0]?.[0]) {
    throw new BackupError(
      "Cơ sở dữ liệu chưa được khởi tạo (chưa có bản chuyển đổi nào): không có gì để sao lưu.",
      "The database has not been initialised (no migrations applied): there is nothing to back up.",
    );
  }
  const journal = await readJournal();
  const rows = await session.query(
    "select hash, created_at::text from drizzle.__drizzle_migrations order by created_at",
  );
  return (rows as [string, string][]).map(([hash, createdAt]) => {
    const when = Number(createdAt);
    return { tag: journal.find((entry) => entry.when === when)?.tag ?? `unknown-${when}`, when, hash };
  });
}

/**
 * Writes a backup of the database, its media files and (when it is a file in the data directory)
 * the token-sealing key to `file`, a `.tar.gz`: `manifest.json`, then `tables/<schema>.<table>.tsv`,
 * `media/<path>` and `secret.key`. Rows are read in one REPEATABLE READ READ ONLY transaction, so
 * they are one consistent snapshot while the server keeps running (PostgreSQL). The file appears
 * only when complete (written beside it, then renamed).
 */
export async function createBackup(options: BackupOptions): Promise<BackupSummary> {
  const progress = options.progress ?? (() => {});
  const staging = await mkdtemp(join(dirname(options.file), ".caunoi-backup-"));
  const partial = `${options.file}.partial`;
  try {
    const session = await openSession(options.database);
    let migrations: BackupManifest["migrations"];
    let jobsSchemaVersion: number | null = null;
    const tables: BackupManifest["tables"] = [];
    const files: BackupFile[] = [];
    const tableFiles: { path: string; local: string }[] = [];
    let sequences: BackupManifest["sequences"];
    try {
      await session.query("begin isolation level repeatable read read only");
      migrations = await appliedMigrations(session);
      const version = await session.query(
        `select case when to_regclass('${JOBS_SCHEMA}.version') is null then null
                     else (select max(version) from ${JOBS_SCHEMA}.version) end`,
      );
      jobsSchemaVersion = version[0]?.[0] == null ? null : Number(version[0][0]);
      const infos = await listTables(session);
      progress(`Đang đọc ${infos.length} bảng… / Reading ${infos.length} tables…`);
      for (const [index, table] of infos.entries()) {
        const path = `tables/${table.schema}.${table.name}.tsv`;
        const local = join(staging, `${index}.tsv`);
        const dumped = await dumpTable(session, table, local, progress);
        tables.push({
          schema: table.schema,
          name: table.name,
          file: path,
          rows: dumped.rows,
          columns: table.columns.map(({ name, type }) => ({ name, type })),
        });
        files.push({ path, size: dumped.size, sha256: dumped.sha256 });
        tableFiles.push({ path, local });
      }
      sequences = await listSequences(session);
      await session.query("commit");
    } finally {
      await session.close();
    }

    const media = await listMediaFiles(options.mediaDir);
    if (media.length > 0) {
      progress(`Đang kiểm tra ${media.length} tệp media… / Hashing ${media.length} media files…`);
    }
    const mediaFiles: { path: string; local: string }[] = [];
    for (const rel of media) {
      const local = join(options.mediaDir, rel);
      const { sha256, size } = await sha256OfFile(local);
      files.push({ path: `media/${rel}`, size, sha256 });
      mediaFiles.push({ path: `media/${rel}`, local });
    }
    const keyPath = join(options.dataDir, SECRET_KEY_PATH);
    const secretKeyIncluded = existsSync(keyPath);
    if (secretKeyIncluded) {
      files.push({ path: SECRET_KEY_PATH, ...(await sha256OfFile(keyPath)) });
    }

    const manifest: BackupManifest = {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: new Date().toISOString(),
      engine: options.database.engine,
      migrations,
      jobsSchemaVersion,
      tables,
      sequences,
      files,
      secretKeyIncluded,
    };
    const sources = [
      ...tableFiles,
      ...mediaFiles,
      ...(secretKeyIncluded ? [{ path: SECRET_KEY_PATH, local: keyPath }] : []),
    ];
    progress("Đang ghi tệp sao lưu… / Writing the backup file…");
    await pipeline(
      Readable.from(archiveChunks(manifest, sources)),
      createGzip({ level: 6 }),
      createWriteStream(partial, { mode: 0o600 }),
    );
    await rename(partial, options.file);
    const jobTable = tables.find((t) => t.schema === JOBS_SCHEMA && t.name === "job");
    return {
      file: options.file,
      bytes: (await stat(options.file)).size,
      tables: tables.length,
      rows: tables.reduce((sum, t) => sum + t.rows, 0),
      mediaFiles: mediaFiles.length,
      mediaBytes: files.filter((f) => f.path.startsWith("media/")).reduce((sum, f) => sum + f.size, 0),
      secretKeyIncluded,
      migrationLevel: migrations.at(-1)?.tag ?? "-",
      jobs: jobTable?.rows ?? 0,
    };
  } catch (error) {
    await rm(partial, { force: true });
    throw error;
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

/** The tar stream: the manifest, then each file, each checked again against the manifest as it is read. */
async function* archiveChunks(
  manifest: BackupManifest,
  sources: { path: string; local: string }[],
): AsyncGenerator<Buffer> {
  const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 1)}\n`, "utf8");
  yield tarHeader(MANIFEST_PATH, manifestBytes.length);
  yield manifestBytes;
  yield tarPadding(manifestBytes.length);
  for (const source of sources) {
    const expected = manifest.files.find((f) => f.path === source.path);
    if (!expected) {
      throw new Error(`not in the manifest: ${source.path}`);
    }
    yield tarHeader(source.path, expected.size);
    const hash = createHash("sha256");
    let size = 0;
    for await (const chunk of createReadStream(source.local, { highWaterMark: 256 * 1024 })) {
      const bytes = chunk as Buffer;
      size += bytes.length;
      if (size > expected.size) {
        break;
      }
      hash.update(bytes);
      yield bytes;
    }
    if (size !== expected.size || hash.digest("hex") !== expected.sha256) {
      throw new BackupError(
        `Tệp ${source.path} đã thay đổi trong lúc sao lưu; vui lòng chạy lại lệnh.`,
        `The file ${source.path} changed while it was being backed up; run the command again.`,
      );
    }
    yield tarPadding(expected.size);
  }
  yield tarEnd;
}
