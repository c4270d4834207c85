/**
 * Webhook ingest: signed Facebook deliveries sent at a steady 1,000 a second for 10 s to a real server
 * process (src/server/main.ts), on PostgreSQL (BENCH_DATABASE_URL's server or the local one, its own
 * database `caunoi_bench_inbox`, dropped after) and on PGlite. Prints the rate answered, the answer's
 * p50/p95/p99 (from the moment each request was due, so a stalled server is not hidden), how long the
 * worker took to turn them all into conversations, and that every message landed exactly once.
 * Run: node bench/inbox-ingest.ts (part of npm run bench). BENCH_INBOX_RATE, BENCH_INBOX_SECONDS and
 * BENCH_INBOX_ENGINES=postgres,pglite change it.
 */
import { execFileSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { facebookSignature, messengerMessage, pageDelivery } from "../test/fakes/facebook-webhooks.ts";
import { drained, startInboxServer, webhookSecrets } from "../test/helpers/inbox-webhook-server.ts";
import { createServerDatabase } from "../test/helpers/server-database.ts";
import type { ServerStorage } from "../test/helpers/server-process.ts";

const rate = Number(process.env.BENCH_INBOX_RATE ?? 1000);
const seconds = Number(process.env.BENCH_INBOX_SECONDS ?? 10);
const engines = (process.env.BENCH_INBOX_ENGINES ?? "postgres,pglite").split(",");
const tickMs = 10;

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

async function storageFor(engine: string): Promise<ServerStorage | null> {
  const dataDir = await mkdtemp(join(tmpdir(), "caunoi-bench-inbox-"));
  if (engine === "pglite") {
    return {
      env: { DATABASE_URL: "", DATA_DIR: dataDir },
      dispose: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const url = postgresUrl();
  if (!url) {
    return null;
  }
  const database = await createServerDatabase(url, "caunoi_bench_inbox");
  return {
    env: { DATABASE_URL: database.url, DATA_DIR: dataDir },
    dispose: async () => {
      await database.drop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : (sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0);

async function runEngine(engine: string): Promise<void> {
  const storage = await storageFor(engine);
  if (!storage) {
    console.log(`\n${engine}: no PostgreSQL server reachable; skipped`);
    return;
  }
  const pageId = `10${Date.now()}`;
  const inbox = await startInboxServer(storage, pageId);
  let server = inbox.server;
  const { hostname, port } = new URL(server.url);
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  try {
    const total = rate * seconds;
    // Bodies and signatures made before the clock starts: the bench measures the server, not itself.
    const bodies = Array.from({ length: total }, (_, index) => {
      const body = pageDelivery({
        pageId,
        messaging: [messengerMessage({ pageId, psid: `psid-${index % 500}`, text: `Xin hỏi số ${index}` })],
      });
      return { body, signature: facebookSignature(body, webhookSecrets.FACEBOOK_APP_SECRET) };
    });
    const send = (body: string, signature: string) =>
      new Promise<number>((resolve, reject) => {
        const outgoing = request(
          {
            agent,
            hostname,
            port,
            method: "POST",
            path: "/webhooks/facebook",
            headers: {
              "content-type": "application/json",
              "content-length": Buffer.byteLength(body),
              "x-hub-signature-256": signature,
            },
          },
          (response) => {
            response.resume();
            response.on("end", () => resolve(response.statusCode ?? 0));
            response.on("error", reject);
          },
        );
        outgoing.on("error", reject);
        outgoing.end(body);
      });
    // Warm-up: connections opened, code paths compiled.
    const warm = Array.from({ length: 200 }, (_, index) => {
      const body = pageDelivery({
        pageId,
        messaging: [messengerMessage({ pageId, psid: "warm", text: `w${index}` })],
      });
      return send(body, facebookSignature(body, webhookSecrets.FACEBOOK_APP_SECRET));
    });
    await Promise.all(warm);

    const latencies: number[] = [];
    let errors = 0;
    const pending: Promise<void>[] = [];
    const started = performance.now();
    let sent = 0;
    await new Promise<void>((resolve) => {
      const timer = setInterval(() => {
        const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
        for (; sent < due; sent += 1) {
          const { body, signature } = bodies[sent] as { body: string; signature: string };
          const dueAt = started + (sent / rate) * 1000;
          pending.push(
            send(body, signature).then(
              (status) => {
                latencies.push(performance.now() - dueAt);
                if (status !== 200) {
                  errors += 1;
                }
              },
              () => {
                errors += 1;
              },
            ),
          );
        }
        if (sent >= total) {
          clearInterval(timer);
          resolve();
        }
      }, tickMs);
    });
    await Promise.all(pending);
    const answeredIn = (performance.now() - started) / 1000;
    const result = await drained(storage, { ...inbox, server }, 600_000);
    server = result.server;
    const processedIn = (performance.now() - started) / 1000;
    latencies.sort((a, b) => a - b);
    const expected = total + warm.length;
    const once = result.counts.messages === expected && result.counts.distinct === expected;
    console.log(`\n${engine === "pglite" ? "PGlite" : "PostgreSQL"}`);
    console.log(
      `  POST /webhooks/facebook  ${(total / answeredIn).toFixed(0).padStart(5)} deliveries/s answered (target ${rate}/s for ${seconds} s)  p50 ${percentile(latencies, 50).toFixed(1)} ms  p95 ${percentile(latencies, 95).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  errors ${errors}`,
    );
    console.log(
      `  into conversations       ${(total / processedIn).toFixed(0).padStart(5)} deliveries/s (all processed ${processedIn.toFixed(1)} s after the first was sent${engine === "pglite" ? ", counted with the server stopped" : ""})`,
    );
    console.log(
      `  every message once       ${once ? "yes" : "NO"}: ${result.counts.messages} messages, ${result.counts.distinct} distinct, ${expected} sent, ${result.counts.waiting} deliveries still waiting`,
    );
  } finally {
    agent.destroy();
    await server.stop();
    await storage.dispose();
  }
}

console.log(`Webhook ingest: ${rate} signed deliveries/s for ${seconds} s, against a real server process`);
for (const engine of engines) {
  await runEngine(engine);
}
