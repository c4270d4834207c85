import { fromPglite, PgBoss } from "pg-boss";
import type { Database } from "../db/client.ts";
import { loggerFor } from "../platform/logger.ts";

const log = loggerFor("jobs");

export type JobHandler<T> = (data: T) => Promise<void>;

/** The job queue (pg-boss) on whichever engine the app runs; modules register their handlers. */
export interface JobQueue {
  send<T extends object>(
    name: string,
    data: T,
    options?: {
      retryLimit?: number;
      /** Seconds before the first retry, doubled each time (pg-boss's default is a few seconds). */
      retryDelay?: number;
      /** How long a fetched job may stay active before it is taken as lost and retried (default 15 min). */
      expireInSeconds?: number;
      startAfter?: Date;
    },
  ): Promise<string | null>;
  /**
   * With `batchSize` > 1 a worker takes several due jobs at once and runs them side by side, and
   * keeps fetching while batches come back full (a backlog of scheduled posts drains at once).
   */
  register<T extends object>(
    name: string,
    handler: JobHandler<T>,
    options?: { batchSize?: number },
  ): Promise<void>;
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
    log.error({ err: error }, "job queue error");
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
        ...(sendOptions?.retryDelay !== undefined ? { retryDelay: sendOptions.retryDelay } : {}),
        ...(sendOptions?.expireInSeconds !== undefined
          ? { expireInSeconds: sendOptions.expireInSeconds }
          : {}),
        startAfter: sendOptions?.startAfter,
      });
    },
    async register(name, handler, workOptions) {
      await ensureQueue(name);
      const batchSize = workOptions?.batchSize ?? 1;
      await boss.work<never>(
        name,
        { pollingIntervalSeconds: options.pollingSeconds ?? 2, batchSize, burstWhenBatchFull: batchSize > 1 },
        async (jobs) => {
          if (batchSize === 1) {
            for (const job of jobs) {
              await handler(job.data as never);
            }
            return;
          }
          // One failing job must not fail (and retry) the others of its batch.
          const results = await Promise.allSettled(jobs.map((job) => handler(job.data as never)));
          const failed = results.find((result) => result.status === "rejected");
          if (failed) {
            throw failed.reason;
          }
        },
      );
    },
    stop: () => boss.stop({ graceful: true, timeout: 10_000 }),
  };
}
