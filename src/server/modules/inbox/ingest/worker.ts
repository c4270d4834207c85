import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxDeliveries } from "../../../db/schema/inbox.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies, StopWorker } from "../../../platform/module.ts";
import { facebookItems } from "./facebook.ts";
import { onDeliveryStored } from "./nudge.ts";
import { afterRecorded, type RecordResult, recordIncomingIn } from "./record.ts";
import { channelResolver } from "./shape.ts";
import { zaloItems } from "./zalo.ts";

/*
 * Turns stored webhook deliveries into conversations. Each delivery is taken with
 * `FOR UPDATE SKIP LOCKED` inside the transaction that records its messages and marks it processed,
 * so two instances (or two loops of one) never take the same one, and a crash mid-way leaves it
 * unprocessed for the next start, which drains what is waiting before anything else. A delivery whose
 * processing fails is counted (attempts, last_error) and tried again on later passes, up to
 * maxAttempts; then it stays, marked, for someone to look at.
 */

const log = loggerFor("inbox-ingest");

export const maxAttempts = 5;
const pollMs = 200;
/** Processed deliveries are kept this long (replay checks, looking into a complaint), then purged. */
const keepDays = 7;
const purgeEveryMs = 24 * 60 * 60 * 1000;

interface Claimed {
  id: number;
  source: "facebook" | "zalo" | "portal";
  body: string;
}

/**
 * Processes the next waiting delivery, if any. Returns whether one was taken (processed or failed).
 * Exported for tests: runs the same code as the worker's loops.
 */
export async function processNextDelivery(deps: AppDependencies): Promise<boolean> {
  const db = deps.database.db;
  let claimedId: number | null = null;
  let recorded: { unitId: string; result: RecordResult }[] = [];
  try {
    const taken = await db.transaction(async (tx) => {
      const [delivery] = await tx
        .select({ id: inboxDeliveries.id, source: inboxDeliveries.source, body: inboxDeliveries.body })
        .from(inboxDeliveries)
        .where(and(isNull(inboxDeliveries.processedAt), lt(inboxDeliveries.attempts, maxAttempts)))
        .orderBy(inboxDeliveries.id)
        .limit(1)
        .for("update", { skipLocked: true });
      if (!delivery) {
        return false;
      }
      claimedId = delivery.id;
      recorded = await recordDelivery(tx, delivery);
      await tx
        .update(inboxDeliveries)
        .set({ processedAt: new Date() })
        .where(eq(inboxDeliveries.id, delivery.id));
      return true;
    });
    if (!taken) {
      return false;
    }
  } catch (error) {
    if (claimedId === null) {
      throw error;
    }
    const message = error instanceof Error ? error.message : String(error);
    log.error(
      { err: error, deliveryId: claimedId },
      "a webhook delivery could not be processed; tried again later",
    );
    await db
      .update(inboxDeliveries)
      .set({ attempts: sql`${inboxDeliveries.attempts} + 1`, lastError: message.slice(0, 2000) })
      .where(eq(inboxDeliveries.id, claimedId));
    return true;
  }
  for (const { unitId, result } of recorded) {
    try {
      await afterRecorded(deps, unitId, result);
    } catch (error) {
      log.error({ err: error }, "after recording an incoming message");
    }
  }
  return true;
}

async function recordDelivery(tx: Executor, delivery: Claimed) {
  let parsed: unknown;
  try {
    parsed = JSON.parse(delivery.body);
  } catch {
    // The webhook stores only JSON; this is a row written by hand. Marked processed, nothing written.
    log.warn({ deliveryId: delivery.id }, "a stored delivery that is not JSON is skipped");
    return [];
  }
  const channelOf = channelResolver(tx);
  const items =
    delivery.source === "facebook"
      ? await facebookItems(tx, parsed, channelOf)
      : delivery.source === "zalo"
        ? await zaloItems(parsed, channelOf)
        : [];
  const recorded: { unitId: string; result: RecordResult }[] = [];
  for (const item of items) {
    recorded.push({ unitId: item.unitId, result: await recordIncomingIn(tx, item) });
  }
  return recorded;
}

/** Deletes processed deliveries (and given-up ones) older than a week. */
export async function purgeOldDeliveries(db: Executor, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - keepDays * 24 * 60 * 60 * 1000);
  const deleted = await db
    .delete(inboxDeliveries)
    .where(
      and(
        lt(inboxDeliveries.receivedAt, before),
        or(
          sql`${inboxDeliveries.processedAt} is not null`,
          sql`${inboxDeliveries.attempts} >= ${maxAttempts}`,
        ),
      ),
    )
    .returning({ id: inboxDeliveries.id });
  return deleted.length;
}

/**
 * Loops that drain the waiting deliveries: several on PostgreSQL (each its own connection, so a burst
 * of a thousand a second is recorded as fast as it arrives), one on the embedded engine (one connection
 * anyway). Each loop runs until nothing waits, then sleeps until the next poll or nudge.
 */
export async function startDeliveryWorker(deps: AppDependencies): Promise<StopWorker | undefined> {
  const loops =
    deps.database.engine === "postgres"
      ? Math.max(1, Math.min(4, (deps.database.maxConnections ?? 10) - 4))
      : 1;
  let stopped = false;
  const running = new Set<Promise<void>>();
  let busy = 0;

  const drain = async () => {
    busy += 1;
    try {
      while (!stopped && (await processNextDelivery(deps))) {
        // keep going while something waits
      }
    } catch (error) {
      if (!stopped) {
        log.error({ err: error }, "the delivery worker's pass failed; trying again at the next poll");
      }
    } finally {
      busy -= 1;
    }
  };

  const wake = () => {
    if (stopped) {
      return;
    }
    while (busy < loops) {
      const pass = drain();
      running.add(pass);
      void pass.finally(() => running.delete(pass));
    }
  };

  const timer = setInterval(wake, pollMs);
  const stopNudges = onDeliveryStored(wake);
  const purge = async () => {
    try {
      const purged = await purgeOldDeliveries(deps.database.db);
      if (purged > 0) {
        log.info({ purged }, "old webhook deliveries purged");
      }
    } catch (error) {
      log.error({ err: error }, "purging old webhook deliveries");
    }
  };
  const purgeTimer = setInterval(() => void purge(), purgeEveryMs);
  purgeTimer.unref();
  // What a crash left is drained at once.
  wake();
  void purge();

  return async () => {
    stopped = true;
    clearInterval(timer);
    clearInterval(purgeTimer);
    stopNudges();
    await Promise.allSettled([...running]);
  };
}
