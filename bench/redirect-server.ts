/**
 * The server under the redirect benchmark, in its own process: the whole app on a fresh database
 * (PGlite in memory, or a new database on BENCH_DATABASE_URL's server) with one share kit and one
 * member's tracked link, or (BENCH_BARE=1) a bare Fastify route answering the same 302, as the
 * yardstick. Prints one JSON line: { port, code, kitId, token, engine }.
 */
import Fastify from "fastify";
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/client.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { shareKits, shareLinks } from "../src/server/db/schema/index.ts";
import { startJobQueue } from "../src/server/jobs/queue.ts";
import { newLinkCode } from "../src/server/modules/advocacy/link-codes.ts";
import { createApiToken } from "../src/server/modules/auth/service.ts";
import { ensureAdministrator, ensureRootUnit } from "../src/server/seed/bootstrap.ts";
import { createServerDatabase } from "../test/helpers/server-database.ts";

const target = "https://tuyenquang.gov.vn/tin-tuc/canh-bao-lua-dao-qua-dien-thoai";

if (process.env.BENCH_BARE === "1") {
  const bare = Fastify({ logger: false });
  bare.get("/s/:code", (_request, reply) =>
    reply.code(302).header("location", target).header("cache-control", "private, no-store").send(),
  );
  await bare.listen({ port: 0, host: "127.0.0.1" });
  const address = bare.server.address();
  console.log(
    JSON.stringify({ port: typeof address === "object" && address ? address.port : 0, engine: "bare" }),
  );
  process.on("SIGTERM", async () => {
    await bare.close();
    process.exit(0);
  });
} else {
  const serverUrl = process.env.BENCH_DATABASE_URL;
  const server = serverUrl ? await createServerDatabase(serverUrl, "caunoi_bench_redirect") : null;
  const database = await openDatabase({ url: server?.url, dataDir: "memory://", poolSize: 10 });
  await runMigrations(database);
  const rootUnitId = await ensureRootUnit(database.db, "Tỉnh Bench");
  const admin = await ensureAdministrator(database.db, {
    email: "bench@caunoi.local",
    rootUnitId,
    password: "bench-password-123",
  });
  const [person] = await database.db.query.people.findMany({
    where: (p, { eq }) => eq(p.email, admin.email),
  });
  if (!person) {
    throw new Error("no bench administrator");
  }
  const { token } = await createApiToken(
    { db: database.db, actor: null, ip: null },
    { personId: person.id, name: "bench" },
  );
  // Stored directly: the benchmark measures the redirect, not how a kit is made (tests cover that).
  const [kit] = await database.db
    .insert(shareKits)
    .values({
      unitId: rootUnitId,
      targetUrl: target,
      title: "Bench",
      captions: ["Bench"],
      targetUnitIds: [rootUnitId],
    })
    .returning();
  const code = newLinkCode();
  await database.db
    .insert(shareLinks)
    .values({ code, kitId: kit?.id ?? "", personId: person.id, unitId: person.unitId });
  const jobs = await startJobQueue(database);
  const app = await buildApp({
    config: loadConfig({ LOG_LEVEL: "silent" }, []),
    database,
    jobs,
    mailer: { send: async () => {} },
  });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  console.log(JSON.stringify({ port, code, kitId: kit?.id, token, engine: database.engine }));
  process.on("SIGTERM", async () => {
    await app.close();
    await jobs.stop();
    await database.close();
    await server?.drop();
    process.exit(0);
  });
}
