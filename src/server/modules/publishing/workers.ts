import type { AppDependencies, StopWorker } from "../../platform/module.ts";
import { markPublished, mediaForPublish } from "../media/index.ts";
import { connectionForPublish, markNeedsReconnect } from "./connections.ts";
import { publishingConnectors } from "./connectors/index.ts";
import { zaloConnector } from "./connectors/zalo.ts";
import { registerPlatformJobs } from "./platform-jobs.ts";
import type { PublishingDeps } from "./post-records.ts";
import { registerPublishingWorker, type SchedulerDeps } from "./scheduler.ts";

/** What the publishing services need from the running server: the job queue, media lookups, the public address. */
export function publishingDepsOf({ jobs, config }: Pick<AppDependencies, "jobs" | "config">): PublishingDeps {
  return {
    jobs,
    publicUrl: config.publicUrl,
    media: (executor, ids) => mediaForPublish(executor, ids, config.publicUrl),
  };
}

/**
 * The publishing module's background work in this process: the scheduler that publishes due
 * variants and recovers interrupted ones, and the platform jobs (Zalo article checks, token renewal,
 * YouTube statistics). Returns what stops the scheduler's recovery sweep.
 */
export async function startPublishingWorkers({
  database,
  jobs,
  config,
}: AppDependencies): Promise<StopWorker> {
  const db = database.db;
  const connectionOptions = { secretKey: config.secretKey(), apis: config.platformApis };
  const schedulerDeps: SchedulerDeps = {
    ...publishingDepsOf({ jobs, config }),
    database,
    connectors: publishingConnectors(db, config.publicUrl, { secretKey: config.secretKey() }),
    connection: (executor, channelId) => connectionForPublish(executor, channelId, connectionOptions),
    markMediaPublished: markPublished,
    markNeedsReconnect: (executor, channelId, reason) => markNeedsReconnect(executor, channelId, reason),
  };
  const stopRecovery = await registerPublishingWorker(schedulerDeps);
  await registerPlatformJobs(jobs, {
    db,
    zalo: zaloConnector,
    options: connectionOptions,
    jobs,
    publicUrl: config.publicUrl,
  });
  return stopRecovery;
}
