import type { FastifyInstance } from "fastify";
import type { Config } from "../config.ts";
import type { Database } from "../db/client.ts";
import type { JobQueue } from "../jobs/queue.ts";
import type { Mailer } from "../mail/mailer.ts";

/** What the process gives every module: configuration, the database, the job queue, the mailer. */
export interface AppDependencies {
  config: Config;
  database: Database;
  jobs: JobQueue;
  mailer: Mailer;
}

/** Ends a worker's own timers or loops when the application closes (jobs stop with the queue). */
export type StopWorker = () => Promise<void> | void;

/**
 * A module as the composition root (app.ts) sees it: its route plugins, registered in this order,
 * and its background workers, started once the routes are in place. Reading app.ts's list of modules
 * shows everything the process serves and runs.
 */
export interface AppModule {
  name: string;
  routes: ((app: FastifyInstance) => Promise<void>)[];
  workers?: ((deps: AppDependencies) => Promise<StopWorker | undefined>)[];
}
