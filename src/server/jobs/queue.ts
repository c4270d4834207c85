import { fromPglite, PgBoss } from "pg-boss";
import type { Database } from "../db/client.ts";

export type JobHandler<T> = (data: T) => Promise<void>;

/** The job queue (pg-boss) on whichever engine the app runs; modules register their handlers. */
export interface JobQueue {
  send<T extends object>(
    name: string,
    data: T,
    options?: { retryLimit?: number; startAfter?: Date },
  ): Promise<string | null>;
  register<T extends object>(name: string, handler: JobHandler<T>): Promise<void>;
  stop(): Promise<void>;
  boss: PgBoss;
}

/** Starts pg-boss on the database: through its PGlite adapter when embedded, its own pool otherwise. */
export async function startJobQueue(
  database: Database,
  options: { schema?: string; pollingSeconds?: number } = {},
): Promise<JobQueue> {
  const boss = database.pglite
    ? new PgBoss({ db: fromPglite(database.pglite), schema: options.schema ?? "pgboss" })
    : new PgBoss({ connectionString: database.connectionString, schema: options.schema ?? "pgboss", max: 4 });
  boss.on("error", (error) => {
    console.error("[jobs]", error);
  });
  await boss.start();
  const created = new Set<string>();
  async function ensureQueue(name: string) {
    if (!created.has(name)) {
      await boss.createQueue(name);
      created.add(name);
    }
  }
  return {
    boss,
    async send(name, data, sendOptions) {
      await ensureQueue(name);
      return boss.send(name, data, {
        retryLimit: sendOptions?.retryLimit ?? 5,
        retryBackoff: true,
        startAfter: sendOptions?.startAfter,
      });
    },
    async register(name, handler) {
      await ensureQueue(name);
      await boss.work<never>(name, { pollingIntervalSeconds: options.pollingSeconds ?? 2 }, async (jobs) => {
        for (const job of jobs) {
          await handler(job.data as never);
        }
      });
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
