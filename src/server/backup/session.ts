import pg from "pg";
import type { Database } from "../db/client.ts";

/**
 * One connection, raw SQL, rows as arrays: what a backup needs to hold one snapshot (PostgreSQL)
 * or to load a whole restore in one transaction. On PGlite the single embedded connection.
 */
export interface SqlSession {
  query(text: string, params?: unknown[]): Promise<unknown[][]>;
  close(): Promise<void>;
}

/** A dedicated connection to the database (not one of the pool's: a snapshot must stay on one). */
export async function openSession(database: Database): Promise<SqlSession> {
  if (database.pglite) {
    const pglite = database.pglite;
    return {
      query: async (text, params) => (await pglite.query<unknown[]>(text, params, { rowMode: "array" })).rows,
      close: async () => {},
    };
  }
  const client = new pg.Client({ connectionString: database.connectionString });
  // Every value is read as text (each column is cast), so no type parser is involved.
  await client.connect();
  return {
    query: async (text, params) =>
      (await client.query<unknown[]>({ text, values: params, rowMode: "array" })).rows,
    close: () => client.end(),
  };
}

export const quoteIdent = (name: string): string => `"${name.replaceAll('"', '""')}"`;

/** The schemas a backup covers: the app's tables, and pg-boss's queue (scheduled posts live there). */
export const APP_SCHEMA = "public";
export const JOBS_SCHEMA = "pgboss";
/** pg-boss's tables that hold jobs and their settings; its caches, statistics and maintenance log are rebuilt by itself. */
export const JOB_TABLES = ["queue", "schedule", "subscription", "job", "job_dependency"] as const;

export interface TableColumn {
  name: string;
  type: string;
  /** GENERATED ALWAYS AS IDENTITY: loading it needs OVERRIDING SYSTEM VALUE. */
  identityAlways: boolean;
}

export interface TableInfo {
  schema: string;
  name: string;
  columns: TableColumn[];
}

export function qualified(table: { schema: string; name: string }): string {
  return `${quoteIdent(table.schema)}.${quoteIdent(table.name)}`;
}

/** The tables a backup covers that exist in this database, app tables first, each with its stored columns. */
export async function listTables(session: SqlSession): Promise<TableInfo[]> {
  const rows = await session.query(
    `select n.nspname, c.relname, c.oid::text
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where c.relkind in ('r', 'p') and not c.relispartition
        and (n.nspname = $1 or (n.nspname = $2 and c.relname = any($3::text[])))
      order by n.nspname <> $1, c.relname`,
    [APP_SCHEMA, JOBS_SCHEMA, [...JOB_TABLES]],
  );
  const tables: TableInfo[] = [];
  for (const [schema, name, oid] of rows as [string, string, string][]) {
    const columns = await session.query(
      `select attname, format_type(atttypid, atttypmod), attidentity = 'a'
         from pg_attribute
        where attrelid = $1::oid and attnum > 0 and not attisdropped and attgenerated = ''
        order by attnum`,
      [oid],
    );
    tables.push({
      schema,
      name,
      columns: (columns as [string, string, boolean][]).map(([column, type, identityAlways]) => ({
        name: column,
        type,
        identityAlways,
      })),
    });
  }
  // pg-boss's queues before the tables that refer to them.
  const order = (t: TableInfo) => (t.schema === JOBS_SCHEMA ? JOB_TABLES.indexOf(t.name as never) : -1);
  return tables.sort((a, b) => order(a) - order(b));
}

export interface SequenceState {
  schema: string;
  name: string;
  /** null: never used. */
  lastValue: string | null;
}

export async function listSequences(session: SqlSession): Promise<SequenceState[]> {
  const rows = await session.query(
    "select schemaname, sequencename, last_value::text from pg_sequences where schemaname = any($1::text[]) order by 1, 2",
    [[APP_SCHEMA, JOBS_SCHEMA]],
  );
  return (rows as [string, string, string | null][]).map(([schema, name, lastValue]) => ({
    schema,
    name,
    lastValue,
  }));
}

/*
 * Rows are stored in PostgreSQL's COPY text format: one line per row, columns separated by tabs,
 * each value the column's own text form (`value::text`), NULL as \N, and backslash, tab, newline
 * and carriage return escaped. The same on both engines, so a backup restores on either.
 */

export function encodeCopyValue(value: unknown): string {
  if (value === null || value === undefined) {
    return "\\N";
  }
  return String(value).replace(/[\\\t\n\r]/g, (c) =>
    c === "\\" ? "\\\\" : c === "\t" ? "\\t" : c === "\n" ? "\\n" : "\\r",
  );
}

const unescapes: Record<string, string> = {
  "\\": "\\",
  t: "\t",
  n: "\n",
  r: "\r",
  b: "\b",
  f: "\f",
  v: "\v",
};

export function decodeCopyLine(line: string): (string | null)[] {
  return line.split("\t").map((field) => {
    if (field === "\\N") {
      return null;
    }
    return field.includes("\\") ? field.replace(/\\(.)/g, (_, c: string) => unescapes[c] ?? c) : field;
  });
}
