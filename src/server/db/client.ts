import { PGlite } from "@electric-sql/pglite";
import { ltree } from "@electric-sql/pglite/contrib/ltree";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { unaccent } from "@electric-sql/pglite/contrib/unaccent";
import type { ExtractTablesWithRelations, SQL } from "drizzle-orm";
import { drizzle as drizzleNodePg } from "drizzle-orm/node-postgres";
import type { PgDatabase, PgQueryResultHKT, PgTransaction } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import pg from "pg";
import * as schema from "./schema/index.ts";

export type Schema = typeof schema;
/** The Drizzle handle, the same type whichever engine is underneath. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type Tx = PgTransaction<PgQueryResultHKT, Schema, ExtractTablesWithRelations<Schema>>;
/** Anything a service can run queries on: the database or an open transaction. */
export type Executor = Db | Tx;

export interface Database {
  engine: "pglite" | "postgres";
  db: Db;
  /** Set for the embedded engine; pg-boss talks to it through its PGlite adapter. */
  pglite?: PGlite;
  /** Set for a PostgreSQL server. */
  connectionString?: string;
  /** The most connections the pool opens (PostgreSQL), for work that holds one for long. */
  maxConnections?: number;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** A postgres:// URL; when absent the embedded engine is used. */
  url?: string;
  /** Data directory of the embedded engine, or "memory://" for a throw-away database. */
  dataDir?: string;
  poolSize?: number;
}

/** Opens PGlite (embedded, default) or a PostgreSQL server behind one Drizzle type. */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) {
    const maxConnections = options.poolSize ?? 10;
    const pool = new pg.Pool({ connectionString: options.url, max: maxConnections });
    // An idle client that errors (server restart) must not crash the process; the pool replaces it.
    pool.on("error", () => {});
    return {
      engine: "postgres",
      db: drizzleNodePg(pool, { schema }) as unknown as Db,
      connectionString: options.url,
      maxConnections,
      close: () => pool.end(),
    };
  }
  const pglite = await PGlite.create(options.dataDir ?? "memory://", {
    extensions: { ltree, unaccent, pg_trgm },
  });
  return {
    engine: "pglite",
    db: drizzlePglite(pglite, { schema }) as unknown as Db,
    pglite,
    close: () => pglite.close(),
  };
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<Row>(executor: Executor, query: SQL): Promise<Row[]> {
  const result = (await executor.execute(query)) as unknown as { rows: Row[] };
  return result.rows;
}
