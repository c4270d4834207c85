/**
 * Two app instances on one PostgreSQL database behave as one service (docs/operations.md, "Several
 * instances"). Runs in the PostgreSQL pass (TEST_DATABASE_URL); in the PGlite pass it checks instead
 * that a second instance cannot open the same embedded data directory.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { type Database, openDatabase, queryRows } from "../src/server/db/client.ts";
import { acquireDataDirLock } from "../src/server/db/data-dir-lock.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { ACTOR_CACHE_TTL_MS } from "../src/server/http/authentication.ts";
import { type JobQueue, startJobQueue } from "../src/server/jobs/queue.ts";
import { lookupChannel } from "../src/server/modules/channels/public-service.ts";
import { registerChannel } from "../src/server/modules/channels/service.ts";
import { PUBLISH_JOB } from "../src/server/modules/publishing/publish-job.ts";
import {
  approveVariant,
  createPost,
  scheduleVariant,
  submitVariant,
} from "../src/server/modules/publishing/service.ts";
import { eventually } from "./helpers/eventually.ts";
import { makeActor, makeOrganisation, signInAs } from "./helpers/factories.ts";
import { createServerDatabase } from "./helpers/server-database.ts";

const serverUrl = process.env.TEST_DATABASE_URL;
/** `guessingLimit` of the auth routes: attempts per address and minute. */
const SIGN_IN_LIMIT = 10;

describe("the embedded database (PGlite) is one instance only", () => {
  it("refuses a second server on the same data directory while the first lives", () => {
    const parent = mkdtempSync(join(tmpdir(), "caunoi-two-"));
    const dataDir = join(parent, "data");
    try {
      const first = acquireDataDirLock(dataDir, { purpose: "server", port: 3000 });
      expect("release" in first).toBe(true);
      const second = acquireDataDirLock(dataDir, { purpose: "server", port: 3001 });
      expect(second).toEqual({ heldBy: expect.objectContaining({ pid: process.pid, port: 3000 }) });
      if ("release" in first) {
        first.release();
      }
      const afterRelease = acquireDataDirLock(dataDir, { purpose: "server", port: 3001 });
      expect("release" in afterRelease).toBe(true);
      if ("release" in afterRelease) {
        afterRelease.release();
      }
    } finally {
      rmSync(parent, { recursive: true, force: true });
    }
  });
});

interface Instance {
  app: FastifyInstance;
  database: Database;
  jobs: JobQueue;
}

// Declared only on the PostgreSQL pass (the PGlite pass has nothing to share): not skipped, absent.
const onPostgres = serverUrl ? describe : () => {};
onPostgres("two instances on one PostgreSQL database", () => {
  let server: Awaited<ReturnType<typeof createServerDatabase>>;
  let a: Instance;
  let b: Instance;
  // What must be the same on every instance (docs/operations.md).
  const env = {
    LOG_LEVEL: "silent",
    PUBLIC_URL: "http://caunoi.test",
    CAUNOI_SECRET_KEY: randomBytes(32).toString("base64"),
  };

  async function startInstance(url: string): Promise<Instance> {
    const database = await openDatabase({ url, poolSize: 5 });
    const jobs = await startJobQueue(database, { pollingSeconds: 0.5 });
    const app = await buildApp({
      config: loadConfig(env, []),
      database,
      jobs,
      mailer: { send: async () => {} },
    });
    await app.ready();
    return { app, database, jobs };
  }

  beforeAll(async () => {
    server = await createServerDatabase(serverUrl ?? "", "caunoi_test_two");
    const migrator = await openDatabase({ url: server.url, poolSize: 1 });
    await runMigrations(migrator);
    await migrator.close();
    a = await startInstance(server.url);
    b = await startInstance(server.url);
  }, 120_000);

  afterAll(async () => {
    for (const instance of [a, b]) {
      await instance?.app.close();
      await instance?.jobs.stop();
      await instance?.database.close();
    }
    await server?.drop();
  });

  it("accepts on one instance a session made on the other, and ends it on both", async () => {
    const org = await makeOrganisation(a.database.db);
    const client = await signInAs(a.app, org.leftAdmin.email ?? "");
    const onB = await b.app.inject({
      method: "GET",
      url: "/api/auth/session",
      headers: { cookie: client.cookie },
    });
    expect(onB.json()).toMatchObject({ authenticated: true, person: { id: org.leftAdmin.id } });
    const signOut = await b.app.inject({
      method: "POST",
      url: "/api/auth/sign-out",
      headers: { cookie: client.cookie, "x-csrf-token": client.csrfToken },
    });
    expect(signOut.statusCode).toBe(200);
    // B knows at once; A, which was not told, within its actor cache's TTL.
    const units = { method: "GET" as const, url: "/api/units", headers: { cookie: client.cookie } };
    expect((await b.app.inject(units)).statusCode).toBe(401);
    expect(ACTOR_CACHE_TTL_MS).toBeLessThanOrEqual(5_000);
    // Time itself is what is tested here: A's cached actor expires after the TTL, with no message.
    await new Promise((resolve) => setTimeout(resolve, ACTOR_CACHE_TTL_MS + 100));
    expect((await a.app.inject(units)).statusCode).toBe(401);
  });

  it("publishes each due variant once while both instances' workers run", async () => {
    const db = a.database.db;
    const org = await makeOrganisation(db);
    const editor = await makeActor(db, { unitId: org.left.id, roles: ["editor"] });
    const approver = await makeActor(db, { unitId: org.left.id, roles: ["approver"] });
    const website = await registerChannel(
      { db, actor: null, ip: null },
      { unitId: org.left.id, platform: "website", url: "https://hai-may.gov.vn", displayName: "Cổng" },
    );
    const deps = { jobs: a.jobs, publicUrl: "http://caunoi.test", media: async () => [] };
    const count = 20;
    // All scheduled for now: each job is due as soon as it is queued, and both instances' workers poll.
    const due = new Date();
    const variantIds: string[] = [];
    for (let i = 0; i < count; i++) {
      const post = await createPost({ db, actor: editor, ip: null }, deps, {
        unitId: org.left.id,
        title: `Tin hai máy số ${i}`,
        bodyHtml: `<p>Nội dung số ${i}.</p>`,
        channelIds: [website.id],
      });
      const [variant] = await queryRows<{ id: string }>(
        db,
        sql`select id from post_variants where post_id = ${post.id}`,
      );
      if (!variant) {
        throw new Error("no variant");
      }
      await submitVariant({ db, actor: editor, ip: null }, deps, variant.id);
      await approveVariant({ db, actor: approver, ip: null }, variant.id);
      await scheduleVariant({ db, actor: editor, ip: null }, deps, variant.id, due);
      variantIds.push(variant.id);
    }
    const ids = sql.join(
      variantIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    );
    let published = 0;
    await eventually(
      async () => {
        const [row] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from post_variants where id in (${ids}) and status = 'published'`,
        );
        published = row?.n ?? 0;
        return published === count;
      },
      { what: `the ${count} variants to be published`, timeoutMs: 90_000, intervalMs: 250 },
    ).catch(() => {}); // Not all in time: the count below says how many.
    expect(published).toBe(count);
    // A duplicate could only come from a publish job still to run: wait until none is left.
    await eventually(
      async () => {
        const [row] = await queryRows<{ n: number }>(
          db,
          sql`select count(*)::int as n from pgboss.job where name = ${PUBLISH_JOB} and data->>'variantId' in (${sql.join(
            variantIds.map((id) => sql`${id}`),
            sql`, `,
          )}) and state in ('created', 'retry', 'active')`,
        );
        return row?.n === 0;
      },
      { what: "every publish job to have finished", timeoutMs: 60_000 },
    );
    const [attempts] = await queryRows<{ n: number; variants: number }>(
      db,
      sql`select count(*)::int as n, count(distinct variant_id)::int as variants from publish_attempts where variant_id in (${ids})`,
    );
    expect(attempts).toEqual({ n: count, variants: count });
    const [transitions] = await queryRows<{ n: number }>(
      db,
      sql`select count(*)::int as n from variant_transitions where variant_id in (${ids}) and to_status = 'published'`,
    );
    expect(transitions?.n).toBe(count);
  }, 180_000);

  it("shares sign-in rate limits between instances", async () => {
    const org = await makeOrganisation(a.database.db);
    const attempt = (instance: Instance) =>
      instance.app.inject({
        method: "POST",
        url: "/api/auth/sign-in",
        payload: { email: org.rightAdmin.email, password: "sai-mat-khau-123" },
        remoteAddress: "203.0.113.77",
      });
    const statuses: number[] = [];
    for (let i = 0; i < 30 && !statuses.includes(429); i++) {
      statuses.push((await attempt(i % 2 === 0 ? a : b)).statusCode);
    }
    const limitedAfter = statuses.indexOf(429);
    expect(limitedAfter).toBeGreaterThan(0);
    // The other instance refuses too: the count is in the shared database, not in one process.
    expect((await attempt(a)).statusCode).toBe(429);
    expect((await attempt(b)).statusCode).toBe(429);
    // Alternating between instances did not double the allowance: each instance alone allows as many.
    expect(limitedAfter).toBeLessThanOrEqual(SIGN_IN_LIMIT);
  });

  it("sees a registry change made on the other instance within the lookup cache's 30 s", async () => {
    const org = await makeOrganisation(a.database.db);
    const url = `https://www.facebook.com/trang.hai.may.${randomBytes(3).toString("hex")}`;
    expect((await lookupChannel(b.database.db, url)).status).toBe("unknown");
    await registerChannel(
      { db: a.database.db, actor: null, ip: null },
      { unitId: org.left.id, platform: "facebook_page", url, displayName: "Trang hai máy" },
    );
    // A was told (it made the change); B still has its cached answer...
    expect((await lookupChannel(a.database.db, url)).status).toBe("official");
    expect((await lookupChannel(b.database.db, url)).status).toBe("unknown");
    // ...until 30 s have passed on its clock.
    const now = Date.now();
    const clock = vi.spyOn(Date, "now").mockReturnValue(now + 30_001);
    try {
      expect((await lookupChannel(b.database.db, url)).status).toBe("official");
    } finally {
      clock.mockRestore();
    }
  });

  it("tells an inbox event of one instance to the others' live feeds, and takes theirs", async () => {
    const { liveChannel } = await import("../src/server/modules/inbox/live/relay.ts");
    const { onConversationEvent, publishConversationEvent } = await import(
      "../src/server/modules/inbox/live/bus.ts"
    );
    // What another instance's relay sees: a separate connection listening on the shared channel.
    const other = new pg.Client({ connectionString: server.url });
    await other.connect();
    const told: string[] = [];
    other.on("notification", (message) => told.push(message.payload ?? ""));
    await other.query(`listen ${liveChannel}`);
    const heard: string[] = [];
    const stop = onConversationEvent((event) => heard.push(event.id));
    try {
      const mine = { id: randomUUID(), unitId: randomUUID(), reason: "message" as const };
      publishConversationEvent(mine);
      await eventually(() => told.some((payload) => payload.includes(mine.id)), {
        what: "the NOTIFY of an event published here",
      });
      // An event raised by an instance in another process reaches this process's streams.
      const theirs = { id: randomUUID(), unitId: randomUUID(), reason: "status" };
      await other.query("select pg_notify($1, $2)", [
        liveChannel,
        JSON.stringify({ origin: "another-instance", event: theirs }),
      ]);
      // A stranger's payload on the channel is ignored, and nothing breaks.
      await other.query("select pg_notify($1, $2)", [liveChannel, "not json"]);
      await eventually(() => heard.includes(theirs.id), { what: "the other instance's event here" });
    } finally {
      stop();
      await other.end();
    }
  });
});
