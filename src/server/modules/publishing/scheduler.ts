import { and, asc, count, eq, isNull, lt, ne } from "drizzle-orm";
import type { Database, Executor } from "../../db/client.ts";
import { postVariants, publishAttempts } from "../../db/schema/index.ts";
import { loggerFor } from "../../platform/logger.ts";
import { unitSummaries } from "../org/index.ts";
import type {
  ConnectionForPublish,
  PublishingConnector,
  PublishOutcome,
  PublishRequest,
  VariantTarget,
} from "./connectors/types.ts";
import { crashPoint } from "./crash-pause.ts";
import { notifyNotPublished } from "./failure-mail.ts";
import { type PostRow, type PublishingDeps, requireVariant, type VariantRow } from "./post-records.ts";
import {
  missedItsWindow,
  missedScheduleGraceMs,
  PUBLISH_JOB,
  type PublishJob,
  queuePublishJob,
} from "./publish-job.ts";
import { withPublishLock } from "./publish-lock.ts";
import { changeVariantStatus } from "./variant-status.ts";
import { hasRequiredApprovals } from "./variant-workflow.ts";

const log = loggerFor("publishing");

export interface SchedulerDeps extends PublishingDeps {
  database: Database;
  connectors: ReadonlyMap<VariantTarget, PublishingConnector>;
  /** The platform account and decrypted token of a channel; null when it is not connected. */
  connection: (
    db: Executor,
    channelId: string,
  ) => Promise<(ConnectionForPublish & { status?: "connected" | "needs_reconnect" }) | null>;
  /** Records that a channel's token stopped working, so nobody waits on retries that cannot succeed. */
  markNeedsReconnect?: (
    db: Executor,
    channelId: string,
    reason: { code: string; message: string },
  ) => Promise<void>;
  /** Called once a variant is out, so its media can no longer be deleted. */
  markMediaPublished?: (db: Executor, ids: readonly string[]) => Promise<void>;
}

/** Transient failures are retried this many times, waiting 1, 2, 4, 8… minutes (or what the platform asks). */
export const maxRetries = 5;
const baseBackoffSeconds = 60;

function idempotencyKeyOf(variant: VariantRow): string {
  return `${variant.id}:${variant.contentVersion}`;
}

async function publishRequest(
  deps: SchedulerDeps,
  variant: VariantRow,
  connection: ConnectionForPublish,
): Promise<PublishRequest> {
  return {
    variantId: variant.id,
    idempotencyKey: idempotencyKeyOf(variant),
    connection,
    title: variant.title,
    body: variant.body,
    linkUrl: variant.linkUrl,
    media: variant.mediaIds.length > 0 ? await deps.media(deps.database.db, variant.mediaIds) : [],
    scheduledAt: variant.scheduledAt,
  };
}

/** The publish job: does nothing unless the variant is still due as scheduled (or was cut off mid-publish). */
export async function runPublishJob(deps: SchedulerDeps, job: PublishJob): Promise<void> {
  await crashPoint("job_fetched", job.variantId);
  const [variant] = await deps.database.db
    .select()
    .from(postVariants)
    .where(eq(postVariants.id, job.variantId));
  if (!variant) {
    return;
  }
  const due = variant.status === "scheduled" && variant.scheduledAt?.toISOString() === job.scheduledAt;
  if (!due && variant.status !== "publishing") {
    return;
  }
  await withPublishLock(deps.database, variant.id, () => publishVariant(deps, variant.id));
}

type Claim = { variant: VariantRow; post: PostRow; attemptId: string };
type Missed = { missed: { variant: VariantRow; post: PostRow; at: Date } };

/**
 * Moves a due variant to "publishing" and records the attempt, committed before any platform call;
 * or, when its time passed beyond the late window with nothing sent, marks it failed.
 */
async function claim(deps: SchedulerDeps, variantId: string): Promise<Claim | Missed | null> {
  return deps.database.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    if (variant.status === "scheduled") {
      if ((variant.scheduledAt?.getTime() ?? 0) > Date.now() + 5_000) {
        return null;
      }
      if (variant.scheduledAt && missedItsWindow(variant.scheduledAt)) {
        const at = variant.scheduledAt;
        const now = new Date();
        const failure = {
          code: "missed_schedule",
          message: `Lỡ giờ đăng (missed schedule): hẹn ${at.toISOString()}, quá 30 phút mà chưa đăng được; vui lòng hẹn giờ lại.`,
          at: now.toISOString(),
        };
        await changeVariantStatus(tx, variant, "failed", {
          set: { failure: { ...failure, needsPerson: true }, updatedAt: now },
          actorId: null,
          details: { ...failure, scheduledAt: at.toISOString() },
        });
        return { missed: { variant, post, at } };
      }
      if (!(await hasRequiredApprovals(tx, post, variant))) {
        // The rules changed after approval (a tag became sensitive): nothing goes out without them.
        await changeVariantStatus(tx, variant, "in_review", {
          set: { scheduledAt: null, updatedAt: new Date() },
          actorId: null,
          details: { approvalsMissing: true },
        });
        return null;
      }
      // The history shows where it went, not this step towards it.
      await changeVariantStatus(tx, variant, "publishing", {
        set: { updatedAt: new Date() },
        actorId: null,
        logged: false,
      });
    } else if (variant.status !== "publishing") {
      return null;
    }
    const [attempt] = await tx
      .insert(publishAttempts)
      .values({ variantId, idempotencyKey: idempotencyKeyOf(variant) })
      .returning({ id: publishAttempts.id });
    return { variant: { ...variant, status: "publishing" }, post, attemptId: attempt?.id ?? "" };
  });
}

/**
 * Publishes one variant exactly once. If an earlier attempt with the same key never finished (the
 * process died while the platform was being called), the platform is asked first whether the item
 * arrived; only when it did not is it posted again.
 */
async function publishVariant(deps: SchedulerDeps, variantId: string): Promise<void> {
  const claimed = await claim(deps, variantId);
  if (!claimed) {
    return;
  }
  if ("missed" in claimed) {
    const { post, variant, at } = claimed.missed;
    await notifyNotPublished(deps, post, variant, { missedSchedule: at });
    return;
  }
  await crashPoint("claimed", variantId);
  const { variant, post, attemptId } = claimed;
  const db = deps.database.db;
  const connector = deps.connectors.get(variant.target);
  if (!connector) {
    await finish(deps, claimed, {
      kind: "needs_person",
      code: "no_connector",
      message: "Cầu Nối không đăng được lên nền tảng này; vui lòng đăng thủ công rồi ghi nhận địa chỉ bài.",
    });
    return;
  }
  const connection =
    variant.target === "portal"
      ? { baseUrl: deps.publicUrl, accountId: null, token: null }
      : await deps.connection(db, variant.channelId);
  if (!connection) {
    await finish(deps, claimed, {
      kind: "needs_person",
      code: "not_connected",
      message: "Kênh chưa được kết nối để đăng bài (thiếu mã truy cập của trang).",
    });
    return;
  }
  if (connection.status === "needs_reconnect") {
    await finish(deps, claimed, {
      kind: "needs_person",
      code: "token_expired",
      message: "Mã truy cập của kênh đã hết hạn hoặc bị thu hồi; vui lòng kết nối lại kênh rồi đăng lại.",
    });
    return;
  }
  const unitName = (await unitSummaries(db, [post.unitId])).get(post.unitId)?.name ?? null;
  const request = { ...(await publishRequest(deps, variant, connection)), authorName: unitName };
  const unfinished = await db
    .select()
    .from(publishAttempts)
    .where(
      and(
        eq(publishAttempts.idempotencyKey, request.idempotencyKey),
        isNull(publishAttempts.finishedAt),
        ne(publishAttempts.id, attemptId),
      ),
    )
    .orderBy(asc(publishAttempts.startedAt));
  let outcome: PublishOutcome | null = null;
  let recovered = false;
  const firstUnfinished = unfinished[0];
  if (firstUnfinished) {
    const found = await connector
      .findPublished(request, new Date(firstUnfinished.startedAt.getTime() - 60_000))
      .catch(() => undefined);
    if (found === undefined) {
      // Cannot tell whether it went out: posting now could make a duplicate, so try again later.
      outcome = {
        kind: "retry",
        code: "lookup_failed",
        message: "Could not check the platform for an earlier attempt.",
      };
    } else if (found) {
      outcome = { kind: "published", ...found };
      recovered = true;
    }
    await db
      .update(publishAttempts)
      .set({ finishedAt: new Date(), outcome: found ? "recovered" : "retry" })
      .where(
        and(
          eq(publishAttempts.idempotencyKey, request.idempotencyKey),
          isNull(publishAttempts.finishedAt),
          ne(publishAttempts.id, attemptId),
        ),
      );
  }
  if (!outcome) {
    outcome = await connector.publish(request).catch(
      (error: unknown): PublishOutcome => ({
        kind: "retry",
        code: "exception",
        message: error instanceof Error ? error.message : String(error),
      }),
    );
    await crashPoint("platform_answered", variantId);
  }
  await finish(deps, { variant, post, attemptId }, outcome, recovered);
}

async function finish(deps: SchedulerDeps, claimed: Claim, outcome: PublishOutcome, recovered = false) {
  const { variant, post, attemptId } = claimed;
  const db = deps.database.db;
  const now = new Date();
  if (outcome.kind === "published") {
    await db.transaction(async (tx) => {
      await tx
        .update(publishAttempts)
        .set({
          finishedAt: now,
          outcome: recovered ? "recovered" : "published",
          externalId: outcome.externalId,
        })
        .where(eq(publishAttempts.id, attemptId));
      await changeVariantStatus(tx, { id: variant.id, status: "publishing" }, "published", {
        set: {
          publishedAt: now,
          externalId: outcome.externalId,
          externalUrl: outcome.externalUrl,
          failure: null,
          updatedAt: now,
        },
        actorId: null,
        details: { externalId: outcome.externalId, recovered },
      });
      await deps.markMediaPublished?.(tx, variant.mediaIds);
    });
    return;
  }
  const failure = { code: outcome.code, message: outcome.message.slice(0, 2000), at: now.toISOString() };
  if (outcome.kind === "retry") {
    const [retried] = await db
      .select({ n: count() })
      .from(publishAttempts)
      .where(and(eq(publishAttempts.variantId, variant.id), eq(publishAttempts.outcome, "retry")));
    const retries = (retried?.n ?? 0) + 1;
    if (retries <= maxRetries) {
      const wait = Math.max(outcome.retryAfterSeconds ?? 0, baseBackoffSeconds * 2 ** (retries - 1));
      const at = new Date(now.getTime() + wait * 1000);
      await db.transaction(async (tx) => {
        await tx
          .update(publishAttempts)
          .set({ finishedAt: now, outcome: "retry", error: failure })
          .where(eq(publishAttempts.id, attemptId));
        await changeVariantStatus(tx, { id: variant.id, status: "publishing" }, "scheduled", {
          set: { scheduledAt: at, failure: { ...failure, needsPerson: false }, updatedAt: now },
          actorId: null,
          details: { ...failure, retry: retries, nextAttemptAt: at.toISOString() },
        });
      });
      await queuePublishJob(deps.jobs, variant.id, at);
      return;
    }
  }
  const needsPerson = outcome.kind === "needs_person";
  if (outcome.kind === "needs_person" && outcome.code === "token_expired" && variant.target !== "portal") {
    await deps.markNeedsReconnect?.(db, variant.channelId, { code: outcome.code, message: outcome.message });
  }
  await db.transaction(async (tx) => {
    await tx
      .update(publishAttempts)
      .set({ finishedAt: now, outcome: "failed", error: failure })
      .where(eq(publishAttempts.id, attemptId));
    await changeVariantStatus(tx, { id: variant.id, status: "publishing" }, "failed", {
      set: { failure: { ...failure, needsPerson }, updatedAt: now },
      actorId: null,
      details: failure,
    });
  });
  await notifyNotPublished(deps, post, variant, { platform: failure.message });
}

/**
 * Variants left "publishing" by a process that died: the lock it held is gone, so this one checks
 * the platform and finishes them. Run at start-up and every minute.
 */
export async function recoverInterruptedPublishes(deps: SchedulerDeps): Promise<number> {
  const stuck = await deps.database.db
    .select({ id: postVariants.id })
    .from(postVariants)
    .where(eq(postVariants.status, "publishing"));
  return takeUp(deps, stuck);
}

/**
 * Variants still `scheduled` more than the grace period after their time: their job never ran
 * (fetched by a process that died before claiming them, or lost). Each is published now if it is
 * within the late window, else marked failed ("missed schedule") with a mail to its author and
 * approvers. A job still running for one holds its publish lock, and the claim re-checks the
 * status under a row lock, so a job and the sweep never both publish it. Run with the recovery.
 */
export async function publishOverdueVariants(deps: SchedulerDeps, now = Date.now()): Promise<number> {
  const overdue = await deps.database.db
    .select({ id: postVariants.id })
    .from(postVariants)
    .where(
      and(
        eq(postVariants.status, "scheduled"),
        lt(postVariants.scheduledAt, new Date(now - missedScheduleGraceMs)),
      ),
    )
    .orderBy(asc(postVariants.scheduledAt))
    .limit(100);
  return takeUp(deps, overdue);
}

async function takeUp(deps: SchedulerDeps, variants: { id: string }[]): Promise<number> {
  let taken = 0;
  for (const { id } of variants) {
    if (await withPublishLock(deps.database, id, () => publishVariant(deps, id))) {
      taken += 1;
    }
  }
  return taken;
}

/** Makes this process a publishing worker; returns a function that stops its recovery timer. */
export async function registerPublishingWorker(deps: SchedulerDeps): Promise<() => void> {
  await deps.jobs.register<PublishJob>(PUBLISH_JOB, (job) => runPublishJob(deps, job), { batchSize: 8 });
  // At start-up and every minute (never two at once): interrupted publishes, then overdue schedules.
  let running: Promise<void> | null = null;
  const sweep = () =>
    (running ??= (async () => {
      try {
        await recoverInterruptedPublishes(deps);
        await publishOverdueVariants(deps);
      } finally {
        running = null;
      }
    })());
  await sweep();
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => log.error({ err: error }, "publishing recovery sweep failed"));
  }, 60_000);
  timer.unref();
  return () => clearInterval(timer);
}
