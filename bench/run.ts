/**
 * Benchmarks of the foundation's hot read paths, on PGlite and on PostgreSQL (local server at
 * 127.0.0.1:5432 or BENCH_DATABASE_URL). Run: npm run bench
 */
import { execFileSync, spawn } from "node:child_process";
import { createInterface } from "node:readline";
import { runLoad } from "./load.ts";

interface Started {
  port: number;
  token: string;
  requestId: string;
  engine: string;
  stop: () => void;
}

async function startServer(env: NodeJS.ProcessEnv): Promise<Started> {
  const child = spawn(process.execPath, [new URL("./bench-server.ts", import.meta.url).pathname], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith("{")) {
      const info = JSON.parse(line) as Omit<Started, "stop">;
      return { ...info, stop: () => child.kill("SIGTERM") };
    }
  }
  throw new Error("bench server exited before it was ready");
}

function postgresAvailable(): string | undefined {
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

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
/** BENCH_ONLY=auth-reads runs only the authenticated reads (session, units, people) and nothing else. */
const authReadsOnly = process.env.BENCH_ONLY === "auth-reads";
const allTargets = [
  { name: "GET /healthz (no database)", path: "/healthz", auth: false },
  { name: "GET /api/auth/session (token → actor)", path: "/api/auth/session", auth: true },
  { name: "GET /api/units?pageSize=50", path: "/api/units?pageSize=50", auth: true },
  { name: "GET /api/people?q=nguyen&pageSize=20", path: "/api/people?q=nguyen&pageSize=20", auth: true },
  // Typed with marks: names matching them exactly rank first.
  { name: "GET /api/people?q=Ánh&pageSize=20", path: "/api/people?q=%C3%81nh&pageSize=20", auth: true },
  {
    name: "GET /api/declaration-requests/:id (completion)",
    path: (server: Started) => `/api/declaration-requests/${server.requestId}`,
    auth: true,
  },
];
const targets = authReadsOnly
  ? allTargets.filter(
      (target) => typeof target.path === "string" && target.path.startsWith("/api/") && target.auth,
    )
  : allTargets;

const engines: { label: string; env: NodeJS.ProcessEnv }[] = [
  { label: "PGlite", env: { BENCH_DATABASE_URL: "" } },
];
const pgUrl = postgresAvailable();
if (pgUrl) {
  engines.push({ label: "PostgreSQL", env: { BENCH_DATABASE_URL: pgUrl } });
}

console.log(
  `${seconds} s per target, ${connections} keep-alive connections, on ${process.platform} ${process.arch}`,
);
for (const engine of engines) {
  const server = await startServer(engine.env);
  try {
    console.log(`\n${engine.label}`);
    for (const target of targets) {
      const headers: Record<string, string> = target.auth ? { authorization: `Bearer ${server.token}` } : {};
      const path = typeof target.path === "function" ? target.path(server) : target.path;
      await runLoad({ port: server.port, path, headers, connections, seconds: 1 });
      const result = await runLoad({ port: server.port, path, headers, connections, seconds });
      console.log(
        `  ${target.name.padEnd(44)} ${result.perSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  errors ${result.errors}`,
      );
    }
  } finally {
    server.stop();
  }
}

if (!authReadsOnly) {
  // The public lookup has its own data set (demo province plus ~1,000 channels) and server.
  await import("./lookup.ts");

  // The scheduler: how many variants per second a backlog of due posts drains at.
  await import("./publish.ts");

  // Members' tracked links: the redirect against a bare Fastify 302, and clicks recorded = requests sent.
  await import("./redirect.ts");

  // The verification desk: matching a new tip against 1,000,000 known cases (100,000 on PGlite).
  await import("./verification-matching.ts");

  // The impersonation watch: one suspected page scored against 10,000 registered channels.
  await import("./impersonation-score.ts");

  // The inbox's webhooks: signed Facebook deliveries at 1,000/s into conversations, each message once.
  await import("./inbox-ingest.ts");
}
