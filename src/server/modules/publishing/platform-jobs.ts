import { and, eq, like } from "drizzle-orm";
import { vietnamToday } from "../../../shared/vietnam-time.ts";
import type { Executor } from "../../db/client.ts";
import { channelConnections, posts, postVariants } from "../../db/schema/index.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { loggerFor } from "../../platform/logger.ts";
import { getChannel, updateChannel } from "../channels/index.ts";
import { renewDueZaloTokens, ZALO_RENEW_JOB } from "./connection-renewal.ts";
import { type ConnectionOptions, connectionForPublish, markNeedsReconnect } from "./connections.ts";
import type { PublishingConnector } from "./connectors/types.ts";
import { fetchChannelStatistics } from "./connectors/youtube.ts";
import { isPendingZaloArticle } from "./connectors/zalo.ts";
import { notifyNotPublished as notifyNotPublishedByMail } from "./failure-mail.ts";
import { changeVariantStatus } from "./variant-status.ts";

const jobLog = loggerFor("publishing");

/*
 * The periodic platform jobs (pg-boss schedules, so one run per tick however many instances):
 * - every minute, Zalo articles still known by their creation token are asked about (lookup): the
 *   id and link once Zalo has processed them, "not published" with Zalo's reason when it refused,
 *   and "not published" when a day has passed without an answer;
 * - every 30 minutes, Zalo OA tokens that expire within three hours are renewed;
 * - every 6 hours, each connected YouTube channel's statistics are read and its subscriber count
 *   stored on the registry channel (followers and the day they were counted).
 */

export const ZALO_VERIFY_JOB = "publishing.zalo-verify";
export const YOUTUBE_STATS_JOB = "publishing.youtube-statistics";
/** Zalo usually processes an article's pictures in seconds; a day without an answer is a failure. */
export const ZALO_VERIFY_GIVE_UP_MS = 24 * 60 * 60 * 1000;

export interface PlatformJobDeps {
  db: Executor;
  zalo: PublishingConnector;
  options: ConnectionOptions;
  /** For mailing the author and approvers of an article Zalo refused; absent: nobody is mailed. */
  jobs?: JobQueue;
  publicUrl?: string;
}

export type VerificationSweep = { resolved: number; failed: number; waiting: number };

/** Resolves the Zalo articles that were created but not yet verified. */
export async function resolvePendingZaloArticles(deps: PlatformJobDeps): Promise<VerificationSweep> {
  const { db, zalo, options } = deps;
  const now = (options.now ?? (() => new Date()))();
  const pending = await db
    .select()
    .from(postVariants)
    .where(
      and(
        eq(postVariants.target, "zalo_oa"),
        eq(postVariants.status, "published"),
        like(postVariants.externalId, "token:%"),
      ),
    );
  const sweep: VerificationSweep = { resolved: 0, failed: 0, waiting: 0 };
  for (const variant of pending) {
    const externalId = variant.externalId ?? "";
    const connection = await connectionForPublish(db, variant.channelId, options);
    if (!connection?.token || connection.status !== "connected" || !zalo.lookup) {
      sweep.waiting += 1;
      continue;
    }
    const answer = await zalo.lookup(connection, externalId);
    const since = variant.publishedAt ?? variant.updatedAt;
    if (answer.kind === "found" && !isPendingZaloArticle(answer.externalId)) {
      await db
        .update(postVariants)
        .set({ externalId: answer.externalId, externalUrl: answer.externalUrl, updatedAt: now })
        .where(and(eq(postVariants.id, variant.id), eq(postVariants.externalId, externalId)));
      sweep.resolved += 1;
      continue;
    }
    let failure: { code: string; message: string } | null = null;
    if (answer.kind === "missing") {
      failure = {
        code: "verification_failed",
        message: "Zalo không còn biết bài viết này. / Zalo no longer knows this article.",
      };
    } else if (answer.kind === "needs_person" && answer.code === "token_expired") {
      await markNeedsReconnect(db, variant.channelId, answer);
    } else if (answer.kind === "needs_person") {
      failure = answer;
    } else if (now.getTime() - since.getTime() > ZALO_VERIFY_GIVE_UP_MS) {
      failure = {
        code: "verification_timeout",
        message:
          "Zalo chưa xác nhận bài viết sau một ngày, nên bài coi như chưa đăng. / Zalo did not confirm the article within a day, so it counts as not published.",
      };
    }
    if (!failure) {
      sweep.waiting += 1;
      continue;
    }
    const recorded = { code: failure.code, message: failure.message.slice(0, 2000), at: now.toISOString() };
    await db.transaction(async (tx) => {
      // Only while it still carries the article this check was about.
      await changeVariantStatus(tx, { id: variant.id, status: "published" }, "failed", {
        set: {
          externalId: null,
          externalUrl: null,
          failure: { ...recorded, needsPerson: true },
          updatedAt: now,
        },
        actorId: null,
        details: recorded,
        onlyIf: eq(postVariants.externalId, externalId),
      });
    });
    await notifyNotPublished(deps, variant, recorded.message);
    sweep.failed += 1;
  }
  return sweep;
}

/** Tells the author and the approvers that a Zalo article did not go out after all, and why. */
async function notifyNotPublished(
  deps: PlatformJobDeps,
  variant: typeof postVariants.$inferSelect,
  reason: string,
): Promise<void> {
  if (!deps.jobs) {
    return;
  }
  const [post] = await deps.db.select().from(posts).where(eq(posts.id, variant.postId));
  if (post) {
    await notifyNotPublishedByMail(
      { jobs: deps.jobs, publicUrl: deps.publicUrl ?? "", database: { db: deps.db } },
      post,
      variant,
      { platform: reason },
    );
  }
}

export type StatisticsSweep = { stored: number; failed: number };

/** Reads every connected YouTube channel's statistics and stores its subscriber count. */
export async function refreshYoutubeStatistics(
  deps: Omit<PlatformJobDeps, "zalo">,
): Promise<StatisticsSweep> {
  const { db, options } = deps;
  const now = (options.now ?? (() => new Date()))();
  const rows = await db
    .select({ channelId: channelConnections.channelId })
    .from(channelConnections)
    .where(and(eq(channelConnections.connector, "youtube"), eq(channelConnections.status, "connected")));
  const sweep: StatisticsSweep = { stored: 0, failed: 0 };
  for (const { channelId } of rows) {
    const connection = await connectionForPublish(db, channelId, options);
    if (!connection) {
      continue;
    }
    const statistics = await fetchChannelStatistics(connection, {
      timeoutMs: options.timeoutMs,
      now: () => now,
    });
    if (statistics.kind !== "statistics") {
      sweep.failed += 1;
      if (statistics.kind === "needs_person" && statistics.code === "token_expired") {
        await markNeedsReconnect(db, channelId, statistics);
      }
      if (statistics.code === "quota_exceeded") {
        break; // the same key for every channel: nothing more today
      }
      continue;
    }
    const countedOn = vietnamToday(now);
    const before = await getChannel(db, channelId);
    const unchanged =
      before.followerCount === statistics.subscribers && before.followersCountedOn === countedOn;
    // A change of the registry is a history row: only when the figure (or its day) is new.
    if (statistics.subscribers !== null && !unchanged) {
      await updateChannel(
        { db, actor: null, ip: null },
        {
          channelId,
          followerCount: Math.min(statistics.subscribers, 2_147_483_647),
          followersCountedOn: countedOn,
        },
      );
    }
    sweep.stored += 1;
  }
  return sweep;
}

/** Registers the three workers and their schedules; called next to the publishing worker's start. */
export async function registerPlatformJobs(jobs: JobQueue, deps: PlatformJobDeps): Promise<void> {
  const log = (name: string) => (error: unknown) =>
    jobLog.error({ err: error, job: name }, "publishing job failed");
  await jobs.register(ZALO_VERIFY_JOB, async () => {
    await resolvePendingZaloArticles(deps).catch(log(ZALO_VERIFY_JOB));
  });
  await jobs.register(ZALO_RENEW_JOB, async () => {
    await renewDueZaloTokens(deps.db, deps.options).catch(log(ZALO_RENEW_JOB));
  });
  await jobs.register(YOUTUBE_STATS_JOB, async () => {
    await refreshYoutubeStatistics(deps).catch(log(YOUTUBE_STATS_JOB));
  });
  await jobs.boss.schedule(ZALO_VERIFY_JOB, "* * * * *");
  await jobs.boss.schedule(ZALO_RENEW_JOB, "*/30 * * * *");
  await jobs.boss.schedule(YOUTUBE_STATS_JOB, "0 */6 * * *");
}
