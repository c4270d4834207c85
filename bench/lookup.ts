/**
 * Benchmark of the public "is this page official?" lookup, on PGlite and on PostgreSQL (local
 * server at 127.0.0.1:5432 or BENCH_DATABASE_URL). The server runs in a child process (this file
 * with --serve) on a fresh database with the demo province and ~1,000 registered channels; the
 * load is a mix of registered addresses, other spellings of them (mobile host, capitals, tracking
 * parameters) and unknown pages, each unknown one new so it always misses the cache.
 * Run: node bench/lookup.ts (also part of npm run bench).
 */
import { execFileSync, spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { createInterface } from "node:readline";
import { runLoad } from "./load.ts";

const channelCount = Number(process.env.BENCH_CHANNELS ?? 1000);

/** The address of channel n as registered, and the platform it is on. */
function registeredUrl(n: number): {
  platform: "facebook_page" | "youtube" | "tiktok" | "website";
  url: string;
} {
  switch (n % 4) {
    case 0:
      return { platform: "facebook_page", url: `https://www.facebook.com/trangtin${n}` };
    case 1:
      return { platform: "youtube", url: `https://www.youtube.com/@kenh${n}` };
    case 2:
      return { platform: "tiktok", url: `https://www.tiktok.com/@tiktok${n}` };
    default:
      return { platform: "website", url: `https://xa${n}.tuyenquang.gov.vn` };
  }
}

/** The same channel as people paste it from a phone or a share sheet. */
function variantUrl(n: number): string {
  switch (n % 4) {
    case 0:
      return `https://m.facebook.com/TrangTin${n}?mibextid=ZbWKwL&ref=share`;
    case 1:
      return `youtube.com/@Kenh${n}/videos?si=abc`;
    case 2:
      return `https://www.tiktok.com/@TikTok${n}?is_from_webapp=1&sender_device=pc`;
    default:
      return `http://XA${n}.tuyenquang.gov.vn/?utm_source=zalo#top`;
  }
}

async function serve(): Promise<void> {
  const { createServerDatabase } = await import("../test/helpers/server-database.ts");
  const { buildApp } = await import("../src/server/app.ts");
  const { loadConfig } = await import("../src/server/config.ts");
  const { openDatabase } = await import("../src/server/db/client.ts");
  const { runMigrations } = await import("../src/server/db/migrate.ts");
  const { units } = await import("../src/server/db/schema/index.ts");
  const { startJobQueue } = await import("../src/server/jobs/queue.ts");
  const { registerChannel } = await import("../src/server/modules/channels/service.ts");
  const { ensureAdminAreas } = await import("../src/server/modules/org/admin-areas.ts");
  const { seedDemoOrganisation } = await import("../src/server/seed/demo.ts");

  const serverUrl = process.env.BENCH_DATABASE_URL;
  const server = serverUrl ? await createServerDatabase(serverUrl, "caunoi_bench") : null;
  const url = server?.url;
  const dropDatabase = async () => {
    await server?.drop();
  };
  const database = await openDatabase({ url, dataDir: "memory://", poolSize: 10 });
  await runMigrations(database);
  await ensureAdminAreas(database.db);
  await seedDemoOrganisation(database.db);
  const unitIds = (await database.db.select({ id: units.id }).from(units)).map((unit) => unit.id);
  const system = { db: database.db, actor: null, ip: null };
  for (let n = 0; n < channelCount; n++) {
    const { platform, url: channelUrl } = registeredUrl(n);
    await registerChannel(system, {
      unitId: unitIds[n % unitIds.length] ?? "",
      platform,
      url: channelUrl,
      displayName: `Kênh thông tin số ${n}`,
    });
  }
  const jobs = await startJobQueue(database);
  const app = await buildApp({
    // Behind a trusted proxy, so each simulated client can come from its own address (X-Forwarded-For):
    // the per-address limit stays on and is part of what is measured, without stopping the load at 120.
    config: loadConfig({ LOG_LEVEL: "silent", TRUST_PROXY: "true" }, []),
    database,
    jobs,
    mailer: { send: async () => {} },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(JSON.stringify({ port, engine: database.engine }));
  process.on("SIGTERM", async () => {
    await app.close();
    await jobs.stop();
    await database.close();
    await dropDatabase();
    process.exit(0);
  });
}

async function startServer(env: NodeJS.ProcessEnv): Promise<{ port: number; stop: () => void }> {
  const child = spawn(process.execPath, [new URL(import.meta.url).pathname, "--serve"], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  for await (const line of lines) {
    if (line.startsWith("{")) {
      const info = JSON.parse(line) as { port: number };
      return { port: info.port, stop: () => child.kill("SIGTERM") };
    }
  }
  throw new Error("lookup bench server exited before it was ready");
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

const lookupPath = (url: string) => `/api/public/channels/lookup?url=${encodeURIComponent(url)}`;
const unknownUrl = () => `https://www.facebook.com/khongro${randomBytes(6).toString("hex")}`;

/**
 * Load options whose request path changes on every read: runLoad reads `path` once per request.
 * (Built with defineProperty: spreading an object with a getter would freeze the first value.)
 */
function rotatingLoad(
  options: { port: number; headers: Record<string, string>; connections: number; seconds: number },
  next: () => string,
): Parameters<typeof runLoad>[0] {
  return Object.defineProperty({ ...options, path: "" }, "path", { get: next, enumerable: true });
}

const mixes: { name: string; next: () => string }[] = [
  {
    name: "mix: 40% registered, 30% variants, 30% unknown",
    next: () => {
      const roll = Math.random();
      const n = Math.floor(Math.random() * channelCount);
      return lookupPath(roll < 0.4 ? registeredUrl(n).url : roll < 0.7 ? variantUrl(n) : unknownUrl());
    },
  },
  { name: "unknown only (every request misses the cache)", next: () => lookupPath(unknownUrl()) },
  {
    name: "registered only",
    next: () => lookupPath(registeredUrl(Math.floor(Math.random() * channelCount)).url),
  },
];

async function main(): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 5);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 16);
  const engines: { label: string; env: NodeJS.ProcessEnv }[] = [
    { label: "PGlite", env: { BENCH_DATABASE_URL: "" } },
  ];
  const pgUrl = postgresAvailable();
  if (pgUrl) {
    engines.push({ label: "PostgreSQL", env: { BENCH_DATABASE_URL: pgUrl } });
  }
  console.log(
    `\nPublic lookup, ${channelCount} registered channels + demo province, ${seconds} s per mix, ${connections} keep-alive connections`,
  );
  for (const engine of engines) {
    const server = await startServer(engine.env);
    try {
      console.log(`\n${engine.label}`);
      for (const mix of mixes) {
        // Every request comes from another address, as from many citizens' phones.
        const headers = {
          get "x-forwarded-for"() {
            return `10.${randomBytes(3).join(".")}`;
          },
        } as Record<string, string>;
        const base = { port: server.port, headers, connections };
        const seen = new Set<string>();
        const next = () => {
          const path = mix.next();
          seen.add(path);
          return path;
        };
        await runLoad(rotatingLoad({ ...base, seconds: 1 }, next));
        const result = await runLoad(rotatingLoad({ ...base, seconds }, next));
        console.log(
          `  ${mix.name.padEnd(48)} ${result.perSecond.toFixed(0).padStart(6)} req/s  p50 ${result.p50.toFixed(1)} ms  p95 ${result.p95.toFixed(1)} ms  p99 ${result.p99.toFixed(1)} ms  errors ${result.errors}  (${seen.size} distinct addresses)`,
        );
      }
    } finally {
      server.stop();
    }
  }
}

if (process.argv.includes("--serve")) {
  await serve();
} else {
  await main();
}
