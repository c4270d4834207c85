import { execFileSync } from "node:child_process";
import pg from "pg";
import { type Database, openDatabase } from "../src/server/db/client.ts";

/*
 * The benchmarks that need a large table (a million cases, 100,000 conversations) keep it in a
 * database of their own on the local PostgreSQL server, so the next run measures without reloading.
 */

/** BENCH_DATABASE_URL's server (or TEST_DATABASE_URL's), else the local one if it answers; undefined when none does. */
export function benchPostgresServer(): string | undefined {
  const given = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  if (given) {
    return given;
  }
  try {
    execFileSync("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "5432"]);
    return "postgres://postgres@127.0.0.1:5432/postgres";
  } catch {
    return undefined;
  }
}

/** Opens the kept database `name` on `server`, made anew when it is missing or `fresh`. */
export async function openKeptDatabase(server: string, name: string, fresh: boolean): Promise<Database> {
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  try {
    const exists = (await admin.query("select 1 from pg_database where datname = $1", [name])).rowCount;
    if (fresh || !exists) {
      await admin.query(`drop database if exists ${name} with (force)`);
      await admin.query(`create database ${name}`);
    }
  } finally {
    await admin.end();
  }
  const url = new URL(server);
  url.pathname = `/${name}`;
  return openDatabase({ url: url.toString(), poolSize: 4 });
}
