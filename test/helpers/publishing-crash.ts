import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { cp, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../src/server/db/client.ts";
import { runMigrations } from "../../src/server/db/migrate.ts";
import { startJobQueue } from "../../src/server/jobs/queue.ts";
import { createApiToken } from "../../src/server/modules/auth/service.ts";
import { registerChannel } from "../../src/server/modules/channels/service.ts";
import { loadActor } from "../../src/server/modules/org/actors.ts";
import { ensureAdminAreas } from "../../src/server/modules/org/admin-areas.ts";
import { saveConnection } from "../../src/server/modules/publishing/connections.ts";
import type { CrashStage } from "../../src/server/modules/publishing/crash-pause.ts";
import {
  approveVariant,
  createPost,
  scheduleVariant,
  submitVariant,
} from "../../src/server/modules/publishing/service.ts";
import type { FakeGraph } from "../fakes/facebook-graph.ts";
import { eventually, StopWaiting } from "./eventually.ts";
import { makeOrganisation, makePerson } from "./factories.ts";
import { freePort } from "./real-server.ts";
import { createServerDatabase } from "./server-database.ts";

/*
 * The publishing kill -9 tests' world: the real server (`node src/server/main.ts`) as a child
 * process, on its own fresh database (a new PostgreSQL database when TEST_DATABASE_URL is set,
 * else a temporary PGlite DATA_DIR), talking to a fake Graph API and a fake SMTP server.
 */

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));

/** `eventually` as the publishing crash tests call it: the check, what it waits for, the limit. */
export function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 40_000,
): Promise<Exclude<T, undefined | false>> {
  return eventually(check, { what, timeoutMs });
}

export interface RunningServer {
  child: ChildProcess;
  output: () => string;
  /** Resolves when the server writes `line` (a whole line) on stdout. */
  printed: (line: string, what: string) => Promise<void>;
  ready: () => Promise<void>;
}

export interface CrashWorld {
  port: number;
  token: string;
  authorEmail: string;
  approverEmail: string;
  start(extraEnv?: Record<string, string>): RunningServer;
  /** Writes an approved Facebook post scheduled for now (the server process finds its job on start). */
  approvedPostDueNow(message: string): Promise<{ postId: string; variantId: string }>;
  /** As if the server had stayed down `ms` longer: the schedule (and its queued job) moves back. */
  moveScheduleBack(variantId: string, ms: number): Promise<void>;
  api<T>(path: string): Promise<T>;
  close(): Promise<void>;
}

/** The environment that makes the server stop dead at `stage` of a publish, for the test to kill it there. */
export const pauseAt = (stage: CrashStage) => ({ CAUNOI_TEST_PAUSE_AT: stage });

/** The line the server prints when it reaches `stage` for `variantId`. */
export const pausedLine = (stage: CrashStage, variantId: string) =>
  `CAUNOI_TEST_PAUSED ${stage} ${variantId}`;

export async function killProcess(child: ChildProcess | undefined, signal: NodeJS.Signals): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  await exited;
}

let template: Promise<string> | undefined;

/**
 * A migrated PGlite directory with the administrative areas loaded, made once per test file:
 * each test copies it, since making one from nothing takes seconds (half a minute on a busy machine).
 */
function pgliteTemplate(): Promise<string> {
  template ??= (async () => {
    const dir = await mkdtemp(join(tmpdir(), "caunoi-crash-template-"));
    const database = await openDatabase({ dataDir: dir });
    try {
      await runMigrations(database);
      await ensureAdminAreas(database.db);
    } finally {
      await database.close();
    }
    return dir;
  })();
  return template;
}

/** Makes the PGlite template now (in a beforeAll with room for it), unless the tests run on PostgreSQL. */
export async function prepareCrashWorlds(): Promise<void> {
  if (!process.env.TEST_DATABASE_URL) {
    await pgliteTemplate();
  }
}

/** Removes the PGlite template of this test file. */
export async function dropCrashTemplate(): Promise<void> {
  if (template) {
    await rm(await template, { recursive: true, force: true });
    template = undefined;
  }
}

/** A fresh database and the means to run the server on it. */
export async function crashWorld(options: {
  graph: FakeGraph;
  smtpUrl: string;
  secretKey: Buffer;
}): Promise<CrashWorld> {
  const { graph, smtpUrl, secretKey } = options;
  const port = await freePort();
  const postgresUrl = process.env.TEST_DATABASE_URL;
  const created = postgresUrl ? await createServerDatabase(postgresUrl, "caunoi_crash") : undefined;
  const databaseUrl = created?.url;
  const dataDir = await mkdtemp(join(tmpdir(), "caunoi-crash-"));
  if (!databaseUrl) {
    await cp(await pgliteTemplate(), dataDir, { recursive: true });
  }
  const children: ChildProcess[] = [];
  const openDb = () => openDatabase({ url: databaseUrl, dataDir });

  const world: CrashWorld = {
    port,
    token: "",
    authorEmail: `tacgia-${randomBytes(3).toString("hex")}@example.vn`,
    approverEmail: `duyet-${randomBytes(3).toString("hex")}@example.vn`,

    start(extraEnv = {}) {
      let output = "";
      const child = spawn(process.execPath, ["src/server/main.ts"], {
        cwd: repoRoot,
        env: {
          ...process.env,
          PORT: String(port),
          HOST: "127.0.0.1",
          PUBLIC_URL: `http://127.0.0.1:${port}`,
          DATA_DIR: dataDir,
          DATABASE_URL: databaseUrl ?? "",
          CAUNOI_DEMO: "0",
          CAUNOI_SECRET_KEY: secretKey.toString("base64"),
          CAUNOI_ADMIN_EMAIL: "quantri.crash@caunoi.local",
          CAUNOI_ADMIN_PASSWORD: "matkhau-crash-test-dai",
          CAUNOI_GRAPH_API_URL: graph.origin,
          SMTP_URL: smtpUrl,
          LOG_LEVEL: "warn",
          CAUNOI_TEST_PAUSE_AT: "",
          ...extraEnv,
        },
        stdio: ["ignore", "pipe", "pipe"],
      });
      children.push(child);
      child.stdout?.on("data", (chunk) => {
        output += chunk;
      });
      child.stderr?.on("data", (chunk) => {
        output += chunk;
      });
      const exited = () => {
        if (child.exitCode !== null || child.signalCode !== null) {
          throw new StopWaiting(`the server exited (${child.exitCode ?? child.signalCode}):\n${output}`);
        }
      };
      const withOutput = (error: unknown): never => {
        throw new Error(`${error instanceof Error ? error.message : error}; the server printed:\n${output}`);
      };
      return {
        child,
        output: () => output,
        printed: (line, what) =>
          eventually(
            () => {
              exited();
              return output.split("\n").includes(line);
            },
            { what, timeoutMs: 90_000 },
          ).then(() => undefined, withOutput),
        ready: () =>
          eventually(
            async () => {
              exited();
              return (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok;
            },
            { what: "the server to be ready", timeoutMs: 90_000 },
          ).then(() => undefined, withOutput),
      };
    },

    async approvedPostDueNow(message) {
      const began = performance.now();
      const database = await openDb();
      try {
        await runMigrations(database);
        const db = database.db;
        const org = await makeOrganisation(db);
        const editorPerson = await makePerson(db, {
          unitId: org.left.id,
          roles: ["editor"],
          email: world.authorEmail,
        });
        const approverPerson = await makePerson(db, {
          unitId: org.left.id,
          roles: ["approver"],
          email: world.approverEmail,
        });
        const editor = await loadActor(db, editorPerson.id, "session");
        const approver = await loadActor(db, approverPerson.id, "session");
        if (!editor || !approver) {
          throw new Error("no actors");
        }
        world.token = (
          await createApiToken({ db, actor: null, ip: null }, { personId: editorPerson.id, name: "crash" })
        ).token;
        const channel = await registerChannel(
          { db, actor: null, ip: null },
          {
            unitId: org.left.id,
            platform: "facebook_page",
            url: `https://www.facebook.com/xabentrai${randomBytes(3).toString("hex")}`,
            displayName: "Trang xã",
          },
        );
        // The platforms' API roots are operator configuration (CAUNOI_GRAPH_API_URL for the server); here the same fake.
        const platforms = {
          secretKey,
          production: false,
          apis: { graph: graph.origin, zalo: graph.origin, zaloOauth: graph.origin, youtube: graph.origin },
        };
        const connection = {
          channelId: channel.id,
          token: graph.token,
          accountId: graph.pageId,
          baseUrl: graph.baseUrl,
        };
        await saveConnection({ db, actor: editor, ip: null }, platforms, connection);
        const jobs = await startJobQueue(database);
        try {
          const deps = { jobs, publicUrl: `http://127.0.0.1:${port}`, media: async () => [] };
          const post = await createPost({ db, actor: editor, ip: null }, deps, {
            unitId: org.left.id,
            title: message,
            bodyHtml: `<p>${message}</p>`,
            channelIds: [channel.id],
          });
          const [variant] = await db.query.postVariants.findMany({
            where: (v, { eq }) => eq(v.postId, post.id),
          });
          const variantId = variant?.id ?? "";
          await submitVariant({ db, actor: editor, ip: null }, deps, variantId);
          await approveVariant({ db, actor: approver, ip: null }, variantId);
          await scheduleVariant({ db, actor: editor, ip: null }, deps, variantId, new Date());
          console.log(`[crash] post written and scheduled in ${Math.round(performance.now() - began)} ms`);
          return { postId: post.id, variantId };
        } finally {
          await jobs.stop();
        }
      } finally {
        await database.close();
      }
    },

    async moveScheduleBack(variantId, ms) {
      const database = await openDb();
      try {
        const [variant] = await database.db.query.postVariants.findMany({
          where: (v, { eq }) => eq(v.id, variantId),
        });
        const at = new Date((variant?.scheduledAt?.getTime() ?? Date.now()) - ms);
        await database.db.execute(sql`update post_variants set scheduled_at = ${at} where id = ${variantId}`);
        await database.db.execute(sql`
          update pgboss.job
          set data = jsonb_set(data, '{scheduledAt}', to_jsonb(${at.toISOString()}::text)), start_after = ${at}
          where name = 'publishing.publish' and data->>'variantId' = ${variantId}`);
      } finally {
        await database.close();
      }
    },

    async api<T>(path: string): Promise<T> {
      const response = await fetch(`http://127.0.0.1:${port}${path}`, {
        headers: { authorization: `Bearer ${world.token}` },
      });
      return (await response.json()) as T;
    },

    async close() {
      for (const child of children) {
        await killProcess(child, "SIGKILL");
      }
      await created?.drop();
      await rm(dataDir, { recursive: true, force: true });
      // A killed server leaves its DATA_DIR lock file beside the directory.
      await rm(`${dataDir}.lock`, { force: true });
    },
  };
  return world;
}
