import { randomBytes } from "node:crypto";
import type { FastifyInstance } from "fastify";
import { buildApp } from "../../src/server/app.ts";
import { loadConfig } from "../../src/server/config.ts";
import type { Database, Db } from "../../src/server/db/client.ts";
import { type JobQueue, startJobQueue } from "../../src/server/jobs/queue.ts";
import type { Mailer, MailMessage } from "../../src/server/mail/mailer.ts";
import { createMailer } from "../../src/server/mail/mailer.ts";
import { createTestDatabase } from "./test-database.ts";

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  db: Db;
  jobs: JobQueue;
  /** Messages sent when no SMTP server is configured for the test. */
  outbox: MailMessage[];
  /** Writes the tracked-link hits the recorder still holds, instead of waiting its second for it. */
  flushHits(): Promise<number>;
  close(): Promise<void>;
}

/** Builds the real application on a fresh database, with the real job queue. */
export async function createTestApp(
  options: { smtpUrl?: string; env?: NodeJS.ProcessEnv } = {},
): Promise<TestApp> {
  const database = await createTestDatabase();
  const jobs = await startJobQueue(database, { pollingSeconds: 0.5 });
  const outbox: MailMessage[] = [];
  const mailer: Mailer = options.smtpUrl
    ? createMailer({ smtpUrl: options.smtpUrl, from: "Cầu Nối <test@caunoi.local>", log: () => {} })
    : {
        async send(message) {
          outbox.push(message);
        },
      };
  const config = {
    ...loadConfig(
      {
        LOG_LEVEL: "silent",
        PUBLIC_URL: "http://caunoi.test",
        // Tests never write a key file into the working directory's ./data.
        CAUNOI_SECRET_KEY: randomBytes(32).toString("base64"),
        ...options.env,
      },
      [],
    ),
  };
  const app = await buildApp({ config, database, jobs, mailer });
  await app.ready();
  return {
    app,
    database,
    db: database.db,
    jobs,
    outbox,
    flushHits: () => app.flushTrackedLinkHits(),
    async close() {
      await app.close();
      await jobs.stop();
      await database.close();
    },
  };
}
