import type { JobQueue } from "../../jobs/queue.ts";

/*
 * The publish job and the times that decide what happens to a post whose moment has passed.
 * The job handler is idempotent (the variant is claimed under a lock, and an attempt's
 * idempotency key makes the platform be asked before posting again), so the job may safely run
 * more than once: pg-boss retries it when the handler throws or when the process that fetched it
 * dies (the job then expires), and the minute sweep (`publishOverdueVariants`) takes up any
 * variant whose job never came.
 */

export const PUBLISH_JOB = "publishing.publish";

export interface PublishJob {
  variantId: string;
  /** The time it was scheduled for: a job left over from an earlier schedule finds it changed and does nothing. */
  scheduledAt: string;
}

/**
 * A fetched job that is not finished after this long (a publish with photo uploads takes seconds;
 * each platform call has its own 30 s deadline) is taken as lost with its process and retried.
 */
export const publishJobExpireSeconds = 600;
/** pg-boss retries of the job itself (a crash or a database error), 30 s, 60 s, 120 s apart. */
export const publishJobRetries = 3;
const publishJobRetryDelaySeconds = 30;

/**
 * A variant still `scheduled` this long after its time had no job run for it (its job was lost
 * with a crashed process, or deleted): the minute sweep takes it up.
 */
export const missedScheduleGraceMs = 2 * 60_000;
/**
 * Up to this late a post still goes out; later it is marked failed ("missed schedule") and the
 * author and approvers are told, because a notice meant for 08:00 may be wrong at noon.
 */
export const lateWindowMs = 30 * 60_000;

/** Whether a variant due at `at` is now too late to publish without a person deciding. */
export function missedItsWindow(at: Date | null, now = Date.now()): boolean {
  return at !== null && at.getTime() < now - lateWindowMs;
}

/** Queues the publish job for `at`. */
export async function queuePublishJob(jobs: JobQueue, variantId: string, at: Date): Promise<void> {
  await jobs.send<PublishJob>(
    PUBLISH_JOB,
    { variantId, scheduledAt: at.toISOString() },
    {
      startAfter: at,
      retryLimit: publishJobRetries,
      retryDelay: publishJobRetryDelaySeconds,
      expireInSeconds: publishJobExpireSeconds,
    },
  );
}
