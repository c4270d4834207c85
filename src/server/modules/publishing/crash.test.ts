/**
 * A variant is never published twice, even when the publishing process is killed while the
 * platform is being called. The real server runs in a child process against a fake Graph API; the
 * test kills it with SIGKILL mid-publish and starts it again on the same database.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeGraph, startFakeGraph } from "../../../../test/fakes/facebook-graph.ts";
import { makeOrganisation, makePerson } from "../../../../test/helpers/factories.ts";
import { createServerDatabase } from "../../../../test/helpers/server-database.ts";
import { openDatabase } from "../../db/client.ts";
import { runMigrations } from "../../db/migrate.ts";
import { startJobQueue } from "../../jobs/queue.ts";
import { createApiToken } from "../auth/service.ts";
import { registerChannel } from "../channels/service.ts";
import { loadActor } from "../org/service.ts";
import { saveConnection } from "./connections.ts";
import { approveVariant, createPost, scheduleVariant, submitVariant } from "./service.ts";

const repoRoot = fileURLToPath(new URL("../../../..", import.meta.url));
const secretKey = randomBytes(32);
const postgresUrl = process.env.TEST_DATABASE_URL;

let graph: FakeGraph;
let dataDir = "";
let databaseUrl: string | undefined;
let dropDatabase: (() => Promise<void>) | undefined;
let server: ChildProcess | undefined;
let port = 0;
let token = "";

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

async function until<T>(
  check: () => Promise<T | undefined> | T | undefined,
  what: string,
  timeoutMs = 60_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) {
      return value;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 150));
  }
}

/** Starts the real server (and so its publishing worker) as its own process. */
async function startServer(): Promise<ChildProcess> {
  let output = "";
  const child = spawn(join(repoRoot, "node_modules/.bin/node"), ["src/server/main.ts"], {
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
      LOG_LEVEL: "warn",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk) => {
    output += chunk;
  });
  child.stderr?.on("data", (chunk) => {
    output += chunk;
  });
  await until(async () => {
    if (child.exitCode !== null) {
      throw new Error(`the server exited (${child.exitCode}):\n${output}`);
    }
    return (await fetch(`http://127.0.0.1:${port}/readyz`).catch(() => null))?.ok ? true : undefined;
  }, "the server to be ready");
  return child;
}

async function kill(child: ChildProcess | undefined, signal: NodeJS.Signals) {
  if (!child || child.exitCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill(signal);
  await exited;
}

const api = async (path: string) =>
  (await fetch(`http://127.0.0.1:${port}${path}`, { headers: { authorization: `Bearer ${token}` } })).json();

/** Writes an approved Facebook post due now; the server process will find its job on start. */
async function approvedPostDueNow(message: string): Promise<{ postId: string; variantId: string }> {
  const database = await openDatabase({ url: databaseUrl, dataDir: dataDir || "memory://" });
  try {
    await runMigrations(database);
    const db = database.db;
    const org = await makeOrganisation(db);
    const editorPerson = await makePerson(db, { unitId: org.left.id, roles: ["editor"] });
    const approverPerson = await makePerson(db, { unitId: org.left.id, roles: ["approver"] });
    const editor = await loadActor(db, editorPerson.id, "session");
    const approver = await loadActor(db, approverPerson.id, "session");
    if (!editor || !approver) {
      throw new Error("no actors");
    }
    token = (
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
    await saveConnection(
      { db, actor: editor, ip: null },
      { secretKey, production: false },
      { channelId: channel.id, token: graph.token, accountId: graph.pageId, baseUrl: graph.baseUrl },
    );
    const jobs = await startJobQueue(database);
    try {
      const deps = { jobs, publicUrl: `http://127.0.0.1:${port}`, media: async () => [] };
      const post = await createPost({ db, actor: editor, ip: null }, deps, {
        unitId: org.left.id,
        title: message,
        bodyHtml: `<p>${message}</p>`,
        channelIds: [channel.id],
      });
      const [variant] = await db.query.postVariants.findMany({ where: (v, { eq }) => eq(v.postId, post.id) });
      const variantId = variant?.id ?? "";
      await submitVariant({ db, actor: editor, ip: null }, deps, variantId);
      await approveVariant({ db, actor: approver, ip: null }, variantId);
      await scheduleVariant({ db, actor: editor, ip: null }, deps, variantId, new Date());
      return { postId: post.id, variantId };
    } finally {
      await jobs.stop();
    }
  } finally {
    await database.close();
  }
}

async function variantState(postId: string) {
  const post = await api(`/api/posts/${postId}`);
  return post.variants[0] as { id: string; status: string; externalId: string | null };
}

beforeAll(async () => {
  graph = await startFakeGraph();
  port = await freePort();
  if (postgresUrl) {
    const created = await createServerDatabase(postgresUrl, "caunoi_crash");
    databaseUrl = created.url;
    dropDatabase = created.drop;
  }
  dataDir = await mkdtemp(join(tmpdir(), "caunoi-crash-"));
});

afterAll(async () => {
  await kill(server, "SIGKILL");
  await graph?.close();
  await dropDatabase?.();
  if (dataDir) {
    await rm(dataDir, { recursive: true, force: true });
  }
});

describe("a publish cut off by a crash", () => {
  it("is found on the platform after restart and not posted again", async () => {
    const message = `Tin khẩn ${randomBytes(3).toString("hex")}`;
    const { postId, variantId } = await approvedPostDueNow(message);
    graph.setMode("post_then_hang");
    server = await startServer();
    // The page has the post, but the server never heard back: kill it right there.
    await until(
      () => (graph.posts.some((p) => p.message.includes(message)) ? true : undefined),
      "the post to reach Facebook",
    );
    await kill(server, "SIGKILL");
    expect(graph.publishCalls()).toHaveLength(1);

    graph.setMode("ok");
    server = await startServer();
    const published = await until(async () => {
      const variant = await variantState(postId);
      return variant.status === "published" ? variant : undefined;
    }, "the variant to be recorded as published");
    expect(published.externalId).toBe(graph.posts.find((p) => p.message.includes(message))?.id);
    expect(graph.publishCalls()).toHaveLength(1);
    const history = await api(`/api/variants/${variantId}/history`);
    expect(history.items.at(-1)).toMatchObject({ to: "published", details: { recovered: true } });
    await kill(server, "SIGTERM");
  }, 120_000);

  it("is posted once after restart when the platform never got it", async () => {
    const before = graph.publishCalls().length;
    const receivedBefore = graph.received.length;
    const message = `Thông báo ${randomBytes(3).toString("hex")}`;
    const { postId } = await approvedPostDueNow(message);
    graph.setMode("hang");
    server = await startServer();
    // The request is on its way but the platform has taken nothing when the process dies.
    await until(
      () =>
        graph.received.slice(receivedBefore).some((r) => r.method === "POST" && r.path.endsWith("/feed"))
          ? true
          : undefined,
      "the publish call to start",
    );
    await kill(server, "SIGKILL");
    expect(graph.posts.some((p) => p.message.includes(message))).toBe(false);

    graph.setMode("ok");
    server = await startServer();
    await until(
      async () => ((await variantState(postId)).status === "published" ? true : undefined),
      "publishing",
    );
    expect(graph.posts.filter((p) => p.message.includes(message))).toHaveLength(1);
    expect(graph.publishCalls().length - before).toBe(2);
    await kill(server, "SIGTERM");
  }, 120_000);
});
