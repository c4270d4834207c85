/**
 * Publish throughput of the scheduler: N approved variants (half to the portal, half to a Facebook
 * page on a local fake Graph API) all due now; the real pg-boss worker publishes them; prints
 * variants per second from the first claim to the last one recorded. PGlite and PostgreSQL.
 * Run: node bench/publish.ts (also part of npm run bench).
 */
import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/client.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { postVariants } from "../src/server/db/schema/index.ts";
import { startJobQueue } from "../src/server/jobs/queue.ts";
import { registerChannel } from "../src/server/modules/channels/service.ts";
import { connectionForPublish, saveConnection } from "../src/server/modules/publishing/connections.ts";
import { publishingConnectors } from "../src/server/modules/publishing/connectors/index.ts";
import { registerPublishingWorker } from "../src/server/modules/publishing/scheduler.ts";
import {
  approveVariant,
  createPost,
  scheduleVariant,
  submitVariant,
} from "../src/server/modules/publishing/service.ts";
import { startFakeGraph } from "../test/fakes/facebook-graph.ts";
import { makeActor, makeOrganisation } from "../test/helpers/factories.ts";
import { createServerDatabase } from "../test/helpers/server-database.ts";

const variantCount = Number(process.env.BENCH_VARIANTS ?? 400);
const secretKey = randomBytes(32);

function postgresUrl(): string | undefined {
  if (process.env.BENCH_DATABASE_URL) {
    return process.env.BENCH_DATABASE_URL;
  }
  try {
    execFileSync("pg_isready", ["-q", "-h", "127.0.0.1", "-p", "5432"]);
    return "postgres://postgres@127.0.0.1:5432/test";
  } catch {
    return undefined;
  }
}

async function run(label: string, serverUrl: string | undefined) {
  const server = serverUrl ? await createServerDatabase(serverUrl, "caunoi_bench_publish") : null;
  const database = await openDatabase({ url: server?.url, dataDir: "memory://", poolSize: 10 });
  const graph = await startFakeGraph();
  const jobs = await startJobQueue(database, { pollingSeconds: 0.5 });
  try {
    await runMigrations(database);
    const db = database.db;
    const org = await makeOrganisation(db);
    const editor = await makeActor(db, { unitId: org.left.id, roles: ["editor"] });
    const approver = await makeActor(db, { unitId: org.left.id, roles: ["approver"] });
    const system = { db, actor: null, ip: null };
    const website = await registerChannel(system, {
      unitId: org.left.id,
      platform: "website",
      url: "https://bench-portal.gov.vn",
      displayName: "Cổng",
    });
    const page = await registerChannel(system, {
      unitId: org.left.id,
      platform: "facebook_page",
      url: "https://www.facebook.com/benchpage",
      displayName: "Trang",
    });
    // The Graph API root is configuration, never part of a connection: here, the local fake.
    const apis = { ...loadConfig({}, []).platformApis, graph: graph.origin };
    await saveConnection(
      { db, actor: editor, ip: null },
      { secretKey, apis },
      { channelId: page.id, token: graph.token, accountId: graph.pageId },
    );
    const deps = { jobs, publicUrl: "http://bench.local", media: async () => [] };
    const prepared = Date.now();
    const due = new Date(Date.now() + 60_000);
    for (let i = 0; i < variantCount / 2; i++) {
      const post = await createPost({ db, actor: editor, ip: null }, deps, {
        unitId: org.left.id,
        title: `Tin số ${i}`,
        bodyHtml: `<p>Nội dung tin số ${i}.</p>`,
        channelIds: [website.id, page.id],
      });
      const variants = await db.select().from(postVariants).where(eq(postVariants.postId, post.id));
      for (const variant of variants) {
        await submitVariant({ db, actor: editor, ip: null }, deps, variant.id);
        await approveVariant({ db, actor: approver, ip: null }, variant.id);
        await scheduleVariant({ db, actor: editor, ip: null }, deps, variant.id, due);
      }
    }
    // Everything becomes due at once: the queue's backlog is what is measured.
    await db.execute(sql`update post_variants set scheduled_at = now()`);
    await db.execute(
      sql`update pgboss.job set start_after = now(), data = jsonb_set(data, '{scheduledAt}', to_jsonb((select to_char(v.scheduled_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') from post_variants v where v.id = (data->>'variantId')::uuid))) where name = 'publishing.publish'`,
    );
    const preparedSeconds = (Date.now() - prepared) / 1000;
    const started = Date.now();
    const stop = await registerPublishingWorker({
      jobs,
      media: deps.media,
      publicUrl: deps.publicUrl,
      database,
      connectors: publishingConnectors(db, deps.publicUrl),
      connection: (executor, channelId) => connectionForPublish(executor, channelId, { secretKey, apis }),
    });
    let published = 0;
    while (Date.now() - started < 300_000) {
      const [row] = (
        (await db.execute(
          sql`select count(*)::int as n from post_variants where status = 'published'`,
        )) as unknown as {
          rows: { n: number }[];
        }
      ).rows;
      published = row?.n ?? 0;
      if (published >= variantCount) {
        break;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const seconds = (Date.now() - started) / 1000;
    stop();
    const posted = graph.publishCalls().length;
    console.log(
      `  ${label.padEnd(11)} ${published}/${variantCount} variants in ${seconds.toFixed(1)} s = ${(published / seconds).toFixed(1)} variants/s  (Facebook posts received by the fake: ${posted}; setup ${preparedSeconds.toFixed(0)} s)`,
    );
  } finally {
    await jobs.stop();
    await graph.close();
    await database.close();
    await server?.drop();
  }
}

console.log(
  `\nScheduler publish throughput, ${variantCount} variants due at once (half portal, half Facebook on a local fake)`,
);
await run("PGlite", undefined);
const pg = postgresUrl();
if (pg) {
  await run("PostgreSQL", pg);
}
