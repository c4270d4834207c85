import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate as migrateNodePg } from "drizzle-orm/node-postgres/migrator";
import type { PgliteDatabase } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { type Database, queryRows } from "./client.ts";

export const migrationsFolder = fileURLToPath(new URL("./migrations", import.meta.url));

/** Applies every committed migration not yet applied; the same SQL on both engines. */
export async function runMigrations(database: Database): Promise<void> {
  if (database.engine === "pglite") {
    await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migrateNodePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
  }
}

export interface MigrationState {
  tag: string;
  appliedAt: Date | null;
}

/** Lists the committed migrations and when each was applied (null: pending). */
export async function migrationStatus(database: Database): Promise<MigrationState[]> {
  const journal = JSON.parse(await readFile(`${migrationsFolder}/meta/_journal.json`, "utf8")) as {
    entries: { tag: string; when: number }[];
  };
  let applied: { created_at: string | number }[] = [];
  try {
    applied = await queryRows(database.db, sql`select created_at from drizzle.__drizzle_migrations`);
  } catch {
    applied = [];
  }
  // Drizzle records each migration by the journal's "when" timestamp, which is what identifies it.
  const appliedWhen = new Set(applied.map((row) => Number(row.created_at)));
  return journal.entries.map((entry) => ({
    tag: entry.tag,
    appliedAt: appliedWhen.has(entry.when) ? new Date(entry.when) : null,
  }));
}

/** True when every committed migration has been applied. */
export async function isFullyMigrated(database: Database): Promise<boolean> {
  return (await migrationStatus(database)).every((m) => m.appliedAt !== null);
}
