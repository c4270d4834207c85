import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createWriteStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { fileURLToPath } from "node:url";
import { createGzip } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKUP_FORMAT, type BackupManifest, readManifest } from "../src/server/backup/manifest.ts";
import { listTables, openSession, qualified, type SqlSession } from "../src/server/backup/session.ts";
import { tarEnd, tarHeader, tarPadding } from "../src/server/backup/tar.ts";
import { loadOrCreateKeyFile } from "../src/server/crypto/secret-box.ts";
import { type Database, openDatabase } from "../src/server/db/client.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { startJobQueue } from "../src/server/jobs/queue.ts";
import { ensureAdminAreas } from "../src/server/modules/org/admin-areas.ts";
import { seedDemoOrganisation } from "../src/server/seed/demo.ts";
import { seedDemoAdvocacy } from "../src/server/seed/demo-advocacy.ts";
import { seedDemoPosts } from "../src/server/seed/demo-posts.ts";
import { createServerDatabase } from "./helpers/server-database.ts";

/*
 * `caunoi backup` and `caunoi restore`, run as a user runs them, on the engine of this test run
 * (PGlite, or PostgreSQL when TEST_DATABASE_URL is set): the demo province plus media files and a
 * scheduled job are backed up and restored into a fresh database, and every table, sequence and
 * file is compared with the original.
 */

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const nodeBin = join(repoRoot, "node_modules/.bin/node");
const cliPath = join(repoRoot, "bin/caunoi.js");
const serverUrl = process.env.TEST_DATABASE_URL;
const engine = serverUrl ? "postgres" : "pglite";

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function caunoi(args: string[], env: Record<string, string>): Promise<CliRun> {
  const childEnv: NodeJS.ProcessEnv = { ...process.env, ...env };
  if (!env.DATABASE_URL) {
    delete childEnv.DATABASE_URL;
  }
  delete childEnv.MEDIA_DIR;
  delete childEnv.CAUNOI_SECRET_KEY;
  const started = performance.now();
  const child: ChildProcess = spawn(nodeBin, [cliPath, ...args], { cwd: repoRoot, env: childEnv });
  let stdout = "";
  let stderr = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    stdout += chunk.toString("utf8");
  });
  child.stderr?.on("data", (chunk: Buffer) => {
    stderr += chunk.toString("utf8");
  });
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr, ms: performance.now() - started }));
  });
}

interface Target {
  env: Record<string, string>;
  dataDir: string;
  url?: string;
  drop?: () => Promise<void>;
}

let tmp: string;
const dropped: (() => Promise<void>)[] = [];

async function newTarget(name: string, on: "pglite" | "postgres" = engine): Promise<Target> {
  const dataDir = join(tmp, name);
  if (on === "pglite" || !serverUrl) {
    return { env: { DATA_DIR: dataDir }, dataDir };
  }
  const server = await createServerDatabase(serverUrl, "caunoi_backup");
  dropped.push(server.drop);
  return { env: { DATA_DIR: dataDir, DATABASE_URL: server.url }, dataDir, url: server.url };
}

function open(target: Target): Promise<Database> {
  return openDatabase({ url: target.url, dataDir: target.dataDir, poolSize: 2 });
}

/** Per table: row count and the md5 of its rows in a stable order (pg-boss's queue: its settings only). */
async function fingerprint(session: SqlSession): Promise<Map<string, string>> {
  const result = new Map<string, string>();
  for (const table of await listTables(session)) {
    const source =
      table.schema === "pgboss" && table.name === "queue"
        ? "(select name, policy, retry_limit, retry_delay, retry_backoff, expire_seconds, retention_seconds, deletion_seconds, dead_letter, partition, table_name from pgboss.queue)"
        : qualified(table);
    const [row] = await session.query(
      `select count(*)::text || ':' || coalesce(md5(string_agg(t::text, E'\\n' order by t::text)), '') from ${source} t`,
    );
    result.set(`${table.schema}.${table.name}`, String(row?.[0]));
  }
  const sequences = await session.query(
    "select schemaname || '.' || sequencename, coalesce(last_value::text, '-') from pg_sequences where schemaname in ('public', 'pgboss')",
  );
  for (const [name, value] of sequences as [string, string][]) {
    result.set(`sequence ${name}`, value);
  }
  return result;
}

async function fingerprintOf(target: Target): Promise<Map<string, string>> {
  const database = await open(target);
  try {
    const session = await openSession(database);
    try {
      return await fingerprint(session);
    } finally {
      await session.close();
    }
  } finally {
    await database.close();
  }
}

const mediaFiles: Record<string, Buffer> = {
  [`${randomBytes(16).toString("hex")}.jpg`]: randomBytes(300_000),
  [`${randomBytes(16).toString("hex")}-thumb.webp`]: randomBytes(20_000),
  [`${randomBytes(16).toString("hex")}.mp4`]: randomBytes(1_500_000),
  [`${randomBytes(16).toString("hex")}.webp`]: Buffer.alloc(0),
};

let source: Target;
let backupFile: string;
let original: Map<string, string>;

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "caunoi-backup-"));
  source = await newTarget("source");
  const database = await open(source);
  try {
    await runMigrations(database);
    await ensureAdminAreas(database.db);
    await seedDemoOrganisation(database.db, { CAUNOI_DEMO_PASSWORD: "mật-khẩu-mẫu-2025" });
    // The demo's cover pictures go into the media directory, and so into the backup with the files below.
    await seedDemoPosts(database.db, {
      publicUrl: "http://caunoi.test",
      mediaDir: join(source.dataDir, "media"),
    });
    await seedDemoAdvocacy(database.db, { publicUrl: "http://caunoi.test" });
    // A post scheduled for tomorrow is a pg-boss job: it must survive the restore.
    const jobs = await startJobQueue(database);
    await jobs.send(
      "backup-test.scheduled",
      { postId: "x" },
      { startAfter: new Date(Date.now() + 86_400_000) },
    );
    await jobs.stop();
  } finally {
    await database.close();
  }
  loadOrCreateKeyFile(source.dataDir);
  const media = join(source.dataDir, "media");
  await mkdir(join(media, "incoming"), { recursive: true });
  for (const [name, bytes] of Object.entries(mediaFiles)) {
    await writeFile(join(media, name), bytes);
  }
  await writeFile(join(media, "incoming", "upload-in-progress"), "half a file");
  original = await fingerprintOf(source);
  backupFile = join(tmp, "sao-luu.tar.gz");
}, 300_000);

afterAll(async () => {
  for (const drop of dropped) {
    await drop();
  }
  await rm(tmp, { recursive: true, force: true });
});

describe(`caunoi backup and restore (${engine})`, { timeout: 240_000 }, () => {
  it("has rows in most tables to compare", () => {
    const filled = [...original].filter(
      ([name, value]) => !name.startsWith("sequence") && !value.startsWith("0:"),
    );
    expect(filled.length).toBeGreaterThanOrEqual(20);
    expect(original.get("pgboss.job")).toMatch(/^[1-9]/);
  });

  if (engine === "pglite") {
    it("refuses, in Vietnamese and English, while the server holds the data directory", async () => {
      const lock = `${source.dataDir}.lock`;
      await writeFile(
        lock,
        JSON.stringify({
          pid: process.pid,
          purpose: "server",
          port: 3000,
          startedAt: new Date().toISOString(),
        }),
      );
      try {
        const run = await caunoi(["backup", join(tmp, "khong-duoc.tar.gz")], source.env);
        expect(run.code).toBe(2);
        expect(run.stderr).toContain("Máy chủ đang chạy");
        expect(run.stderr).toContain("vui lòng dừng máy chủ trước khi sao lưu");
        expect(run.stderr).toContain("The server is running");
        expect(existsSync(join(tmp, "khong-duoc.tar.gz"))).toBe(false);
      } finally {
        await rm(lock, { force: true });
      }
    });
  }

  it("backs up the database, the job queue, media files and the key into one .tar.gz", async () => {
    const run = await caunoi(["backup", backupFile], source.env);
    expect(run.stderr).not.toContain("Error");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("WARNING: the backup contains the key that decrypts the stored page tokens");
    expect(run.stdout).toContain("CẢNH BÁO");
    const size = (await stat(backupFile)).size;
    console.log(
      `backup (${engine}): ${run.ms.toFixed(0)} ms, ${(size / 1024 / 1024).toFixed(1)} MB\n${run.stdout}`,
    );

    const manifest = await readManifest(backupFile);
    expect(manifest.format).toBe(BACKUP_FORMAT);
    expect(manifest.engine).toBe(engine);
    expect(manifest.secretKeyIncluded).toBe(true);
    expect(manifest.files.map((f) => f.path)).toEqual(
      expect.arrayContaining([...Object.keys(mediaFiles).map((name) => `media/${name}`), "secret.key"]),
    );
    expect(manifest.files.some((f) => f.path.includes("incoming"))).toBe(false);
    // Any tar reads it.
    const listed = execFileSync("tar", ["-tzf", backupFile], { encoding: "utf8" }).trim().split("\n");
    expect(listed[0]).toBe("manifest.json");
    expect(listed).toContain("tables/public.units.tsv");
    expect(listed).toContain("tables/pgboss.job.tsv");

    const again = await caunoi(["backup", backupFile], source.env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("already exists");
  });

  async function expectSameAsOriginal(target: Target): Promise<void> {
    const restored = await fingerprintOf(target);
    for (const [name, value] of original) {
      expect({ name, value: restored.get(name) }).toEqual({ name, value });
    }
    for (const [name, bytes] of Object.entries(mediaFiles)) {
      expect((await readFile(join(target.dataDir, "media", name))).equals(bytes)).toBe(true);
    }
    expect(existsSync(join(target.dataDir, "media", "incoming", "upload-in-progress"))).toBe(false);
    expect(await readFile(join(target.dataDir, "secret.key"), "utf8")).toBe(
      await readFile(join(source.dataDir, "secret.key"), "utf8"),
    );
  }

  it("restores into a fresh database: every table, sequence, job and file identical", async () => {
    const target = await newTarget("restored");
    const run = await caunoi(["restore", backupFile], target.env);
    expect(run.stderr).not.toContain("Error");
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("row counts and sha256 checked");
    console.log(`restore (${engine}): ${run.ms.toFixed(0)} ms\n${run.stdout}`);
    await expectSameAsOriginal(target);

    // PGlite: the same DATA_DIR; PostgreSQL: the same database with an empty media directory.
    const twice = await caunoi(
      ["restore", backupFile],
      engine === "pglite" ? target.env : { ...target.env, DATA_DIR: join(tmp, "other-media") },
    );
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/Lỗi: .+\nError: .+/);
    expect(twice.stderr).toMatch(engine === "pglite" ? /already holds a database/ : /database is not empty/);
    if (engine === "postgres") {
      const media = await caunoi(["restore", backupFile], target.env);
      // Every file the first restore put there: the four above and the demo's cover pictures.
      const held = (
        await readdir(join(target.dataDir, "media"), { recursive: true, withFileTypes: true })
      ).filter((entry) => entry.isFile()).length;
      expect(held).toBeGreaterThan(Object.keys(mediaFiles).length);
      expect(media.stderr).toContain(`already holds ${held} files`);
    }
  });

  if (engine === "postgres") {
    it("restores the same file on the embedded engine (the format is the same on both)", async () => {
      const target = await newTarget("restored-pglite", "pglite");
      const run = await caunoi(["restore", backupFile], target.env);
      expect(run.stderr).not.toContain("Error");
      expect(run.code).toBe(0);
      await expectSameAsOriginal(target);
    });
  }

  it("leaves nothing behind when the file is damaged, so the restore can simply be run again", async () => {
    const damaged = join(tmp, "hong.tar.gz");
    await writeFile(damaged, await readFile(backupFile));
    await truncate(damaged, Math.floor((await stat(damaged)).size * 0.9));
    const target = await newTarget("after-damage");
    const run = await caunoi(["restore", damaged], target.env);
    expect(run.code).toBe(1);
    expect(existsSync(join(target.dataDir, "media"))).toBe(false);
    if (engine === "pglite") {
      expect(existsSync(target.dataDir)).toBe(false);
    }
    const retry = await caunoi(["restore", backupFile], target.env);
    expect(retry.stderr).not.toContain("Error");
    expect(retry.code).toBe(0);
  });

  it("refuses a backup from a newer migration level than the code knows", async () => {
    const manifest: BackupManifest = {
      ...(await readManifest(backupFile)),
      files: [],
      tables: [],
    };
    manifest.migrations = [...manifest.migrations, { tag: "9999_from_the_future", when: 9e12, hash: "x" }];
    const bytes = Buffer.from(JSON.stringify(manifest));
    const future = join(tmp, "tuong-lai.tar.gz");
    await pipeline(
      Readable.from([tarHeader("manifest.json", bytes.length), bytes, tarPadding(bytes.length), tarEnd]),
      createGzip(),
      createWriteStream(future),
    );
    const target = await newTarget("future");
    const run = await caunoi(["restore", future], target.env);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("9999_from_the_future");
    expect(run.stderr).toContain("newer than (or different from) the migrations this program knows");
    expect(existsSync(target.dataDir)).toBe(false);
  });
});
