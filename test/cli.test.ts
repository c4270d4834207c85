import { type ChildProcess, spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/client.ts";
import { migrationStatus, migrationsFolder } from "../src/server/db/migrate.ts";
import { startJobQueue } from "../src/server/jobs/queue.ts";
import { resolveCredentials, signIn } from "../src/server/modules/auth/service.ts";
import type { AppError } from "../src/server/platform/errors.ts";
import { eventually } from "./helpers/eventually.ts";
import { createServerDatabase } from "./helpers/server-database.ts";

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const nodeBin = join(repoRoot, "node_modules/.bin/node");
const cliPath = join(repoRoot, "bin/caunoi.js");
const dataDirLockModule = join(repoRoot, "src/server/db/data-dir-lock.ts");

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  lastLine: string;
}

/** The environment of a CLI run: none of the runner's database settings leak in. */
function cliEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra };
  if (!extra.DATABASE_URL) {
    delete env.DATABASE_URL;
  }
  return env;
}

function collect(child: ChildProcess): Promise<CliRun> {
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
    child.on("close", (code, signal) => {
      const lines = stdout.trimEnd().split("\n");
      resolve({
        code: code ?? (signal ? -1 : null),
        stdout,
        stderr,
        lastLine: lines[lines.length - 1] ?? "",
      });
    });
  });
}

/** Runs the real CLI as a user would: `node bin/caunoi.js …`. */
function startCli(args: string[], env: Record<string, string>): ChildProcess {
  return spawn(nodeBin, [cliPath, ...args], {
    cwd: repoRoot,
    env: cliEnv(env),
    stdio: ["pipe", "pipe", "pipe"],
  });
}

function caunoi(args: string[], env: Record<string, string>, input = ""): Promise<CliRun> {
  const child = startCli(args, env);
  child.stdin?.end(input);
  return collect(child);
}

/** Every file below `dir` with its size and modification time, to prove nobody touched it. */
async function snapshot(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true });
  const lines = await Promise.all(
    entries.map(async (entry) => {
      const info = await stat(join(dir, entry));
      return `${entry} ${info.size} ${info.mtimeMs}`;
    }),
  );
  return lines.sort();
}

const journal = JSON.parse(await readFile(join(migrationsFolder, "meta/_journal.json"), "utf8")) as {
  entries: { tag: string }[];
};

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "caunoi-cli-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("caunoi CLI on the embedded database", () => {
  const email = "quan.tri@example.vn";
  const firstPassword = "mật-khẩu-đầu-tiên-1";
  let dataDir: string;
  let env: Record<string, string>;
  let token = "";
  let newPassword = "";
  let oldSessionToken = "";

  beforeAll(() => {
    dataDir = join(tmp, "data");
    env = { DATA_DIR: dataDir };
  });

  it("explains itself in Vietnamese and English, and fails on an unknown command", async () => {
    const help = await caunoi(["--help"], env);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("Lệnh / commands:");
    expect(help.stdout).toContain("Create an administrator of the root unit");
    expect(help.stdout).toContain("Tạo quản trị viên");
    const unknown = await caunoi(["publish", "now"], env);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("không có lệnh “publish”");
    expect(unknown.stderr).toContain("there is no command “publish”");
    const badOption = await caunoi(["admin", "create", "--mail", email], env);
    expect(badOption.code).toBe(1);
    expect(badOption.stderr).toContain("Unknown option '--mail'");
    expect(existsSync(dataDir)).toBe(false);
  });

  it("lists every migration as pending before the first start, without creating the data directory", async () => {
    const status = await caunoi(["migrate", "status"], env);
    expect(status.code).toBe(0);
    for (const { tag } of journal.entries) {
      expect(status.stdout).toMatch(new RegExp(`${tag}\\s+CHƯA áp dụng / PENDING`));
    }
    expect(existsSync(dataDir)).toBe(false);
  });

  it("creates the first administrator before the server ever ran, then an API token", async () => {
    const created = await caunoi(
      ["admin", "create", "--email", email, "--password", firstPassword, "--name", "Trần Quản Trị"],
      env,
    );
    expect(created.stderr).toBe("");
    expect(created.code).toBe(0);
    expect(created.stdout).toContain(`administrator created: ${email}`);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);

    const short = await caunoi(["admin", "create", "--email", "khac@example.vn", "--password", "ngắn"], env);
    expect(short.code).toBe(1);
    expect(short.stderr).toContain("at least 10 characters");

    const issued = await caunoi(["token", "create", "--email", email, "--name", "báo cáo tự động"], env);
    expect(issued.code).toBe(0);
    token = issued.lastLine;
    expect(token).toMatch(/^cn_[A-Za-z0-9_-]{40,}$/);
  });

  it("resets a password: a locked-out account can sign in again and its sessions are ended", async () => {
    const database = await openDatabase({ dataDir });
    try {
      oldSessionToken = (await signIn(database.db, { email, password: firstPassword, ip: null }))
        .sessionToken;
      for (let i = 0; i < 5; i++) {
        await signIn(database.db, { email, password: "sai-mật-khẩu-rồi", ip: null }).catch(() => {});
      }
      const locked = await signIn(database.db, { email, password: firstPassword, ip: null }).catch(
        (e: AppError) => e,
      );
      expect((locked as AppError).code).toBe("auth.locked");
    } finally {
      await database.close();
    }

    const reset = await caunoi(["password", "reset", "--email", email], env);
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain("1 sessions ended");
    newPassword = reset.lastLine.replace(/^.*: /, "");
    expect(newPassword.length).toBeGreaterThanOrEqual(10);
  });

  it("imports people from a CSV file, reporting each bad row by its number", async () => {
    const file = join(tmp, "danh-sach.csv");
    await writeFile(
      file,
      [
        "Họ và tên;E-mail;Số điện thoại;Chức vụ",
        "Nguyễn Thị Hoà;hoa.nt@example.vn;0912 345 678;Chuyên viên",
        "Trần Văn Bình;binh@example;0912345679;Cán bộ",
        "Lê Thủy;thuy.le@example.vn;+84 98 765 4321;",
      ].join("\r\n"),
    );
    const imported = await caunoi(["people", "import", file, "--unit", "ROOT"], env);
    expect(imported.code).toBe(3);
    expect(imported.stdout).toContain("Imported 2 of 3 people");
    expect(imported.stderr).toContain("Dòng 3 (email)");
    expect(imported.stderr).toContain("Row 3 (email)");

    const headerOnly = join(tmp, "rong.csv");
    await writeFile(headerOnly, "Họ và tên;E-mail\n");
    const rejected = await caunoi(["people", "import", headerOnly, "--unit", "ROOT"], env);
    expect(rejected.code).toBe(1);
    expect(rejected.stderr).toMatch(/^Lỗi: .+\nError: .+/m);
    // A failure is an exit path too: the lock went with it.
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("leaves a data directory the server can use: token, new password and imported people all work", async () => {
    const database = await openDatabase({ dataDir });
    const jobs = await startJobQueue(database, { pollingSeconds: 0.5 });
    const config = loadConfig(
      { LOG_LEVEL: "silent", PUBLIC_URL: "http://caunoi.test", DATA_DIR: dataDir },
      [],
    );
    const app = await buildApp({ config, database, jobs, mailer: { send: async () => {} } });
    try {
      const units = await app.inject({
        method: "GET",
        url: "/api/units",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(units.statusCode).toBe(200);
      expect(units.json().items.map((u: { code: string }) => u.code)).toContain("ROOT");
      const people = await app.inject({
        method: "GET",
        url: "/api/people?q=example.vn",
        headers: { authorization: `Bearer ${token}` },
      });
      expect(people.statusCode).toBe(200);
      const phones = people.json().items.map((p: { phone: string | null }) => p.phone);
      expect(phones).toEqual(expect.arrayContaining(["0912345678", "0987654321"]));

      const oldSession = await app.inject({
        method: "GET",
        url: "/api/auth/session",
        headers: { cookie: `caunoi_session=${oldSessionToken}` },
      });
      expect(oldSession.json()).toEqual({ authenticated: false });
      const signedIn = await app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email, password: newPassword },
      });
      expect(signedIn.statusCode).toBe(200);
    } finally {
      await app.close();
      await jobs.stop();
      await database.close();
    }
  });

  it("refuses, untouched, a data directory held by a running server; takes over the lock of a dead one", async () => {
    await writeFile(
      join(tmp, "hold-lock.mjs"),
      `import { acquireDataDirLock } from ${JSON.stringify(dataDirLockModule)};
       const lock = acquireDataDirLock(process.argv[2], { purpose: "server", port: 3999 });
       console.log("heldBy" in lock ? "busy" : "locked");
       setInterval(() => {}, 1000);`,
    );
    const holder = spawn(nodeBin, [join(tmp, "hold-lock.mjs"), dataDir], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = new Promise((resolve) => holder.on("exit", resolve));
    try {
      let said = "";
      holder.stdout?.on("data", (chunk: Buffer) => {
        said += chunk.toString();
      });
      await eventually(() => said.includes("locked"), {
        what: "the holder to take the lock",
        intervalMs: 20,
      });
      const before = await snapshot(dataDir);

      const refused = await caunoi(
        ["password", "reset", "--email", email, "--password", "không-được-đặt-1"],
        env,
      );
      expect(refused.code).toBe(2);
      expect(refused.stderr).toContain(`tiến trình ${holder.pid}, cổng 3999`);
      expect(refused.stderr).toContain("Vui lòng dừng máy chủ trước, hoặc đặt DATABASE_URL");
      expect(refused.stderr).toContain("Stop the server first, or set DATABASE_URL");
      expect(await snapshot(dataDir)).toEqual(before);
      expect(JSON.parse(await readFile(`${dataDir}.lock`, "utf8")).pid).toBe(holder.pid);
    } finally {
      // Killed without a chance to clean up, as after a crash: its lock file stays behind.
      holder.kill("SIGKILL");
      await exited;
    }
    expect(existsSync(`${dataDir}.lock`)).toBe(true);
    const status = await caunoi(["migrate", "status"], env);
    expect(status.code).toBe(0);
    for (const { tag } of journal.entries) {
      expect(status.stdout).toMatch(new RegExp(`${tag}\\s+đã áp dụng / applied`));
    }
    expect(status.stdout).toContain(`${journal.entries.length} applied, 0 pending`);
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });

  it("on Ctrl+C closes the database and releases the lock", async () => {
    const child = startCli(["migrate", "status"], env);
    child.stdin?.end();
    const finished = collect(child);
    // The lock is taken just before the database opens: the signal lands while PGlite is starting.
    await eventually(() => existsSync(`${dataDir}.lock`), {
      what: "the CLI to take the lock",
      intervalMs: 20,
    });
    child.kill("SIGINT");
    const run = await finished;
    expect(run.code).toBe(130);
    expect(run.stderr).toContain("Interrupted");
    expect(existsSync(`${dataDir}.lock`)).toBe(false);
  });
});

// The PostgreSQL run of CI (TEST_DATABASE_URL) also drives the CLI against a server.
if (process.env.TEST_DATABASE_URL) {
  describe("caunoi CLI on PostgreSQL (DATABASE_URL)", () => {
    const serverUrl = process.env.TEST_DATABASE_URL ?? "";
    let server: Awaited<ReturnType<typeof createServerDatabase>>;
    let env: Record<string, string>;

    beforeAll(async () => {
      server = await createServerDatabase(serverUrl, "caunoi_cli");
      // DATA_DIR is set to show it is ignored: no lock, no directory.
      env = { DATABASE_URL: server.url, DATA_DIR: join(tmp, "unused-with-postgres") };
    });
    afterAll(async () => {
      await server?.drop();
    });

    it("migrates a fresh database, creates an administrator and a working token", async () => {
      const email = "quan.tri.pg@example.vn";
      const created = await caunoi(["admin", "create", "--email", email], env);
      expect(created.stderr).toBe("");
      expect(created.code).toBe(0);
      expect(created.stdout).toContain("PostgreSQL");
      expect(created.lastLine).toMatch(/^Mật khẩu \/ password: \S{10,}$/);

      const again = await caunoi(["admin", "create", "--email", email.toUpperCase()], env);
      expect(again.code).toBe(0);
      expect(again.stdout).toContain("is already an administrator");
      expect(again.stdout).toContain("Password unchanged");

      const reset = await caunoi(
        ["password", "reset", "--email", email, "--password-stdin"],
        env,
        "mật-khẩu-từ-stdin-9\n",
      );
      expect(reset.code).toBe(0);
      expect(reset.stdout).not.toContain("mật-khẩu-từ-stdin-9");

      const issued = await caunoi(["token", "create", "--email", email], env);
      expect(issued.code).toBe(0);

      expect(existsSync(env.DATA_DIR ?? "")).toBe(false);
      expect(existsSync(`${env.DATA_DIR}.lock`)).toBe(false);

      const database = await openDatabase({ url: env.DATABASE_URL, poolSize: 1 });
      try {
        expect((await migrationStatus(database)).every((m) => m.appliedAt)).toBe(true);
        const resolved = await resolveCredentials(database.db, { bearerToken: issued.lastLine });
        expect(resolved?.actor.email).toBe(email);
        expect(resolved?.actor.grants.map((g) => g.role)).toContain("administrator");
        const signedIn = await signIn(database.db, { email, password: "mật-khẩu-từ-stdin-9", ip: null });
        expect(signedIn.stage).toBe("active");
      } finally {
        await database.close();
      }
    });
  });
}
