/**
 * The server under benchmark, in its own process so the load generator does not share its CPU.
 * Builds a fresh database (PGlite in memory, or a new database on BENCH_DATABASE_URL's server),
 * seeds the demo province, and prints one JSON line: { port, token, engine }.
 */
import { buildApp } from "../src/server/app.ts";
import { loadConfig } from "../src/server/config.ts";
import { openDatabase } from "../src/server/db/client.ts";
import { runMigrations } from "../src/server/db/migrate.ts";
import { declarationResponses, people } from "../src/server/db/schema/index.ts";
import { startJobQueue } from "../src/server/jobs/queue.ts";
import { createApiToken } from "../src/server/modules/auth/service.ts";
import { ensureAdminAreas } from "../src/server/modules/org/admin-areas.ts";
import { ensureAdministrator, ensureRootUnit } from "../src/server/seed/bootstrap.ts";
import { seedDemoOrganisation } from "../src/server/seed/demo.ts";
import { createServerDatabase } from "../test/helpers/server-database.ts";

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
const rootUnitId = await ensureRootUnit(database.db, "Bench");
const admin = await ensureAdministrator(database.db, {
  email: "bench@caunoi.local",
  rootUnitId,
  password: "bench-password-123",
});
const [person] = await database.db.query.people.findMany({ where: (p, { eq }) => eq(p.email, admin.email) });
if (!person) {
  throw new Error("no bench administrator");
}
const { token } = await createApiToken(
  { db: database.db, actor: null, ip: null },
  { personId: person.id, name: "bench" },
);
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

// A declaration request to the whole province, answered by every other person: its completion page
// is the dashboard a provincial administrator keeps open.
const requested = await app.inject({
  method: "POST",
  url: "/api/declaration-requests",
  headers: { authorization: `Bearer ${token}` },
  payload: { unitId: rootUnitId, title: "Rà soát kê khai", dueOn: "2099-12-31" },
});
const requestId = (requested.json() as { id: string }).id;
const everyone = await database.db.select({ id: people.id }).from(people);
await database.db
  .insert(declarationResponses)
  .values(
    everyone
      .filter((_, index) => index % 2 === 0)
      .map((row) => ({ requestId, personId: row.id, declarationCount: 0 })),
  );
console.log(JSON.stringify({ port, token, engine: database.engine, requestId }));

process.on("SIGTERM", async () => {
  await app.close();
  await jobs.stop();
  await database.close();
  await dropDatabase();
  process.exit(0);
});
