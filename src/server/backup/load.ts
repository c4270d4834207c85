import { createHash } from "node:crypto";
import { BackupError } from "./errors.ts";
import type { BackupManifest } from "./manifest.ts";
import {
  decodeCopyLine,
  JOBS_SCHEMA,
  qualified,
  quoteIdent,
  type SqlSession,
  type TableColumn,
  type TableInfo,
} from "./session.ts";

type ManifestTable = BackupManifest["tables"][number];

const BATCH_ROWS = 2000;
const BATCH_BYTES = 4 * 1024 * 1024;
const PROGRESS_EVERY_ROWS = 100_000;

/** The columns of the backup, matched by name to the target table (whose types are used). */
function targetColumns(table: ManifestTable, target: TableInfo): TableColumn[] {
  return table.columns.map((column) => {
    const found = target.columns.find((c) => c.name === column.name);
    if (!found) {
      throw new BackupError(
        `Bảng ${table.schema}.${table.name} của bản sao lưu có cột ${column.name} mà cơ sở dữ liệu không có.`,
        `The backup's table ${table.schema}.${table.name} has a column ${column.name} that the database lacks.`,
      );
    }
    return found;
  });
}

/** An INSERT of one batch: each column sent as a text array and cast to its type by PostgreSQL's input function. */
function insertStatement(target: TableInfo, columns: TableColumn[]): string {
  const names = columns.map((c) => quoteIdent(c.name)).join(", ");
  const casts = columns.map((c, i) => `c${i}::${c.type}`).join(", ");
  const arrays = columns.map((_, i) => `$${i + 1}::text[]`).join(", ");
  const aliases = columns.map((_, i) => `c${i}`).join(", ");
  const override = columns.some((c) => c.identityAlways) ? " overriding system value" : "";
  return `insert into ${qualified(target)} (${names})${override} select ${casts} from unnest(${arrays}) as u(${aliases})`;
}

/** The lines of an entry, split at newlines (never inside a value: COPY text escapes them). */
async function* lines(
  body: AsyncIterable<Buffer>,
  hash: ReturnType<typeof createHash>,
): AsyncGenerator<string> {
  let rest = Buffer.alloc(0);
  for await (const chunk of body) {
    hash.update(chunk);
    let data = rest.length ? Buffer.concat([rest, chunk]) : chunk;
    let newline = data.indexOf(10);
    while (newline !== -1) {
      yield data.subarray(0, newline).toString("utf8");
      data = data.subarray(newline + 1);
      newline = data.indexOf(10);
    }
    rest = Buffer.from(data);
  }
  if (rest.length > 0) {
    throw new BackupError("Dữ liệu bảng bị cắt cụt.", "A table's rows are truncated.");
  }
}

/** pg-boss queues are made by its own function, which also makes each queue's job partition. */
async function createQueues(
  session: SqlSession,
  table: ManifestTable,
  rows: (string | null)[][],
): Promise<void> {
  const index = (name: string) => table.columns.findIndex((c) => c.name === name);
  const value = (row: (string | null)[], name: string) => {
    const i = index(name);
    return i === -1 ? null : (row[i] ?? null);
  };
  const bool = (v: string | null) => (v === null ? undefined : v === "t" || v === "true" ? "true" : "false");
  const options: [string, string, string | null][] = [
    ["policy", "policy", null],
    ["retryLimit", "retry_limit", null],
    ["retryDelay", "retry_delay", null],
    ["retryBackoff", "retry_backoff", "bool"],
    ["retryDelayMax", "retry_delay_max", null],
    ["expireInSeconds", "expire_seconds", null],
    ["retentionSeconds", "retention_seconds", null],
    ["deleteAfterSeconds", "deletion_seconds", null],
    ["warningQueueSize", "warning_queued", null],
    ["partition", "partition", "bool"],
    ["heartbeatSeconds", "heartbeat_seconds", null],
    ["notify", "notify", "bool"],
  ];
  for (const row of rows) {
    const name = value(row, "name");
    if (!name) {
      continue;
    }
    const json: Record<string, string> = {};
    for (const [option, column, kind] of options) {
      const raw = value(row, column);
      const v = kind === "bool" ? bool(raw) : raw;
      if (v !== null && v !== undefined) {
        json[option] = v;
      }
    }
    await session.query(`select ${quoteIdent(JOBS_SCHEMA)}.create_queue($1, $2::jsonb)`, [
      name,
      JSON.stringify(json),
    ]);
  }
  for (const row of rows) {
    const deadLetter = value(row, "dead_letter");
    if (deadLetter) {
      await session.query(`update ${quoteIdent(JOBS_SCHEMA)}.queue set dead_letter = $2 where name = $1`, [
        value(row, "name"),
        deadLetter,
      ]);
    }
  }
}

/**
 * Loads one table's entry into the target table, in batches, hashing the bytes as they pass.
 * Answers the row count and the sha256 of the entry.
 */
export async function loadTable(
  session: SqlSession,
  table: ManifestTable,
  target: TableInfo,
  body: AsyncIterable<Buffer>,
  progress: (line: string) => void,
): Promise<{ rows: number; sha256: string }> {
  const hash = createHash("sha256");
  const columns = targetColumns(table, target);
  const isQueue = table.schema === JOBS_SCHEMA && table.name === "queue";
  const statement = insertStatement(target, columns);
  let batch: (string | null)[][] = [];
  let batchBytes = 0;
  let rows = 0;
  const queued: (string | null)[][] = [];
  const flush = async () => {
    if (batch.length === 0) {
      return;
    }
    if (isQueue) {
      queued.push(...batch);
    } else {
      const params = columns.map((_, i) => batch.map((row) => row[i] ?? null));
      await session.query(statement, params);
    }
    const before = rows;
    rows += batch.length;
    batch = [];
    batchBytes = 0;
    if (Math.floor(rows / PROGRESS_EVERY_ROWS) > Math.floor(before / PROGRESS_EVERY_ROWS)) {
      progress(`  ${table.schema}.${table.name}: ${rows} dòng / rows…`);
    }
  };
  for await (const line of lines(body, hash)) {
    const values = decodeCopyLine(line);
    if (values.length !== columns.length) {
      throw new BackupError(
        `Dòng hỏng trong bảng ${table.schema}.${table.name}.`,
        `A malformed row in table ${table.schema}.${table.name}.`,
      );
    }
    batch.push(values);
    batchBytes += line.length;
    if (batch.length >= BATCH_ROWS || batchBytes >= BATCH_BYTES) {
      await flush();
    }
  }
  await flush();
  if (isQueue) {
    await createQueues(session, table, queued);
  }
  return { rows, sha256: hash.digest("hex") };
}

export interface ForeignKey {
  table: string;
  name: string;
  definition: string;
}

/**
 * The app's foreign keys, dropped for the load (rows arrive in any order, a unit before its parent)
 * and added again afterwards, which checks every reference once. Unlike
 * `session_replication_role = replica` this needs no superuser, only the tables' owner.
 */
export async function dropForeignKeys(session: SqlSession, schema: string): Promise<ForeignKey[]> {
  const rows = await session.query(
    `select conrelid::regclass::text, conname, pg_get_constraintdef(oid)
       from pg_constraint where contype = 'f' and connamespace = $1::regnamespace
      order by 1, 2`,
    [schema],
  );
  const keys = (rows as [string, string, string][]).map(([table, name, definition]) => ({
    table,
    name,
    definition,
  }));
  for (const key of keys) {
    await session.query(`alter table ${key.table} drop constraint ${quoteIdent(key.name)}`);
  }
  return keys;
}

export async function restoreForeignKeys(session: SqlSession, keys: ForeignKey[]): Promise<void> {
  for (const key of keys) {
    await session.query(`alter table ${key.table} add constraint ${quoteIdent(key.name)} ${key.definition}`);
  }
}

/** Sequences continue after the restored rows, as they did in the backed-up database. */
export async function restoreSequences(session: SqlSession, manifest: BackupManifest): Promise<void> {
  // Deferred triggers (org_list_version, bumped at commit by row changes) would otherwise move their
  // sequences after these values are set: fire them now.
  await session.query("set constraints all immediate");
  for (const sequence of manifest.sequences) {
    if (sequence.lastValue === null) {
      continue;
    }
    const name = qualified(sequence);
    const exists = await session.query("select to_regclass($1) is not null", [name]);
    if (exists[0]?.[0]) {
      await session.query("select setval($1::regclass, $2::bigint, true)", [name, sequence.lastValue]);
    }
  }
}

/** Every table holds exactly the backup's number of rows. */
export async function checkRowCounts(session: SqlSession, manifest: BackupManifest): Promise<void> {
  for (const table of manifest.tables) {
    const [row] = await session.query(`select count(*)::text from ${qualified(table)}`);
    const count = Number(row?.[0]);
    if (count !== table.rows) {
      throw new BackupError(
        `Bảng ${table.schema}.${table.name} có ${count} dòng sau khi khôi phục, bản sao lưu có ${table.rows}.`,
        `Table ${table.schema}.${table.name} has ${count} rows after the restore; the backup has ${table.rows}.`,
      );
    }
  }
}
