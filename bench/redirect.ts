/**
 * The tracked-link redirect (`GET /s/<code>`) under load, on PGlite and on PostgreSQL, against a bare
 * Fastify route answering the same 302 in the same run. After each run, the clicks the app recorded
 * must equal the 302s it sent (the load generator's agent is a phone's browser, so no hit is a bot).
 * Run: node bench/redirect.ts (also part of npm run bench). BENCH_SECONDS, BENCH_CONNECTIONS.
 */
import { execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import autocannon from "autocannon";

interface Started {
  port: number;
  code?: string;
  kitId?: string;
  token?: string;
  engine: string;
  stop: () => Promise<void>;
}

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 32);
const phone =
  "Mozilla/5.0 (Linux; Android 13; SM-A135F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36";

async function start(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [new URL("./redirect-server.ts", import.meta.url).pathname], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  for await (const line of createInterface({ input: child.stdout })) {
    if (line.startsWith("{")) {
      return {
        ...(JSON.parse(line) as Omit<Started, "stop">),
        stop: async () => {
          child.kill("SIGTERM");
          await exited;
        },
      };
    }
  }
  throw new Error("redirect bench server exited before it was ready");
}

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

/** Bounded load on this machine only: `connections` keep-alive connections for `duration` seconds. */
async function load(port: number, path: string, duration: number) {
  const result = await autocannon({
    url: `http://127.0.0.1:${port}${path}`,
    connections,
    duration,
    headers: { "user-agent": phone, referer: "https://www.facebook.com/" },
  });
  const redirects = result.statusCodeStats?.["302"]?.count ?? 0;
  return {
    sent: result.requests.sent,
    perSecond: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    redirects,
    errors: result.errors + result.timeouts + (result.non2xx - redirects),
  };
}

/** Asks the app's own report how many clicks it recorded, until the batches have landed. */
async function recordedClicks(server: Started, expected: number): Promise<number> {
  const deadline = Date.now() + 30_000;
  let clicks = -1;
  while (Date.now() < deadline) {
    const response = await fetch(`http://127.0.0.1:${server.port}/api/share-kits/${server.kitId}/report`, {
      headers: { authorization: `Bearer ${server.token}` },
    });
    clicks = ((await response.json()) as { totals: { clicks: number } }).totals.clicks;
    if (clicks >= expected) {
      return clicks;
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  return clicks;
}

const line = (label: string, figures: Awaited<ReturnType<typeof load>>) =>
  `  ${label.padEnd(38)} ${figures.perSecond.toFixed(0).padStart(6)} req/s  p50 ${figures.p50.toFixed(1)} ms  p99 ${figures.p99.toFixed(1)} ms  errors ${figures.errors}`;

const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

/** The run with the median throughput. */
function median(runs: Awaited<ReturnType<typeof load>>[]) {
  return [...runs].sort((a, b) => a.perSecond - b.perSecond)[
    Math.floor(runs.length / 2)
  ] as (typeof runs)[number];
}

console.log(
  `\nTracked-link redirect: ${rounds} rounds of ${seconds} s, ${connections} keep-alive connections (autocannon), phone agent;`,
  "the app and a bare Fastify 302 take turns, both servers up, and the median round of each is shown",
);
const engines: { label: string; env: NodeJS.ProcessEnv }[] = [
  { label: "PGlite", env: { BENCH_DATABASE_URL: "" } },
];
const pg = postgresUrl();
if (pg) {
  engines.push({ label: "PostgreSQL", env: { BENCH_DATABASE_URL: pg } });
}
for (const engine of engines) {
  const bare = await start({ BENCH_BARE: "1" });
  const server = await start(engine.env);
  try {
    let sent = (await load(server.port, `/s/${server.code}`, 2)).sent;
    await load(bare.port, "/s/AAAAAAAAA", 2);
    const appRuns: Awaited<ReturnType<typeof load>>[] = [];
    const bareRuns: Awaited<ReturnType<typeof load>>[] = [];
    for (let round = 0; round < rounds; round++) {
      bareRuns.push(await load(bare.port, "/s/AAAAAAAAA", seconds));
      const run = await load(server.port, `/s/${server.code}`, seconds);
      appRuns.push(run);
      // Requests still in flight when a run's time is up reach the server too: count what was sent.
      sent += run.sent;
    }
    const clicks = await recordedClicks(server, sent);
    const app = median(appRuns);
    const yardstick = median(bareRuns);
    console.log(line(`bare Fastify 302 (${engine.label} round)`, yardstick));
    console.log(line(`GET /s/<code> on ${engine.label}`, app));
    console.log(
      `    ${(app.perSecond / yardstick.perSecond).toFixed(2)} × bare · requests sent ${sent} · clicks recorded ${clicks} · ${clicks === sent ? "equal" : "NOT EQUAL"}`,
    );
  } finally {
    await server.stop();
    await bare.stop();
  }
}
