import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxDeliveries } from "../../../db/schema/inbox.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies, StopWorker } from "../../../platform/module.ts";
import { facebookItems } from "./facebook.ts";
import { onDeliveryStored } from "./nudge.ts";
import {
  afterRecorded,
  type IncomingItem,
  type RecordResult,
  recordIncomingIn,
  threadKeyOf,
} from "./record.ts";
import { channelResolver } from "./shape.ts";
import { zaloItems } from "./zalo.ts";

/*
 * Turns stored webhook deliveries into conversations. Deliveries are taken in batches with
 * `FOR UPDATE SKIP LOCKED` inside the transaction that records their messages and marks them
 * processed, so two instances (or two loops of one) never take the same one, and a crash mid-way leaves it
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

type Recorded = { unitId: string; result: RecordResult }[];

const waitingDeliveries = () =>
  and(isNull(inboxDeliveries.processedAt), lt(inboxDeliveries.attempts, maxAttempts));

/**
 * Takes up to `batchSize` waiting deliveries and records them in one transaction (one commit for the
 * lot: what makes a thousand a second possible). Their messages are recorded in thread order, so two
 * instances' batches lock conversations in the same order and never deadlock each other. When the
 * batch fails, each of its deliveries is tried alone, so one bad delivery is counted against itself
 * only. Returns how many deliveries were taken. Exported for tests: the worker's loops run it.
 */
export async function processWaitingDeliveries(deps: AppDependencies, batchSize = 100): Promise<number> {
  const db = deps.database.db;
  let ids: number[] = [];
  let recorded: Recorded = [];
  try {
    await db.transaction(async (tx) => {
      const batch = await tx
        .select({ id: inboxDeliveries.id, source: inboxDeliveries.source, body: inboxDeliveries.body })
        .from(inboxDeliveries)
        .where(waitingDeliveries())
        .orderBy(inboxDeliveries.id)
        .limit(batchSize)
        .for("update", { skipLocked: true });
      ids = batch.map((delivery) => delivery.id);
      if (batch.length === 0) {
        return;
      }
      recorded = await recordDeliveries(tx, batch);
      await tx
        .update(inboxDeliveries)
        .set({ processedAt: new Date() })
        .where(inArray(inboxDeliveries.id, ids));
    });
  } catch (error) {
    if (ids.length === 0) {
      throw error;
    }
    log.warn(
      { err: error, deliveries: ids.length },
      "a batch of webhook deliveries failed; trying each alone",
    );
    for (const id of ids) {
      await processDeliveryAlone(deps, id);
    }
    return ids.length;
  }
  await afterBatch(deps, recorded);
  return ids.length;
}

/** One delivery in its own transaction; a failure adds to its attempts and keeps its error. */
async function processDeliveryAlone(deps: AppDependencies, id: number): Promise<void> {
  const db = deps.database.db;
  let recorded: Recorded = [];
  try {
    await db.transaction(async (tx) => {
      const [delivery] = await tx
        .select({ id: inboxDeliveries.id, source: inboxDeliveries.source, body: inboxDeliveries.body })
        .from(inboxDeliveries)
        .where(and(eq(inboxDeliveries.id, id), waitingDeliveries()))
        .for("update", { skipLocked: true });
      if (!delivery) {
        return;
      }
      recorded = await recordDeliveries(tx, [delivery]);
      await tx.update(inboxDeliveries).set({ processedAt: new Date() }).where(eq(inboxDeliveries.id, id));
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    log.error({ err: error, deliveryId: id }, "a webhook delivery could not be processed; tried again later");
    await db
      .update(inboxDeliveries)
      .set({ attempts: sql`${inboxDeliveries.attempts} + 1`, lastError: message.slice(0, 2000) })
      .where(eq(inboxDeliveries.id, id));
    return;
  }
  await afterBatch(deps, recorded);
}

async function afterBatch(deps: AppDependencies, recorded: Recorded): Promise<void> {
  for (const { unitId, result } of recorded) {
    try {
      await afterRecorded(deps, unitId, result);
    } catch (error) {
      log.error({ err: error }, "after recording an incoming message");
    }
  }
}

async function recordDeliveries(tx: Executor, deliveries: Claimed[]): Promise<Recorded> {
  const channelOf = channelResolver(tx);
  const items: IncomingItem[] = [];
  for (const delivery of deliveries) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(delivery.body);
    } catch {
      // The webhook stores only JSON; this is a row written by hand. Marked processed, nothing written.
      log.warn({ deliveryId: delivery.id }, "a stored delivery that is not JSON is skipped");
      continue;
    }
    if (delivery.source === "facebook") {
      items.push(...(await facebookItems(tx, parsed, channelOf)));
    } else if (delivery.source === "zalo") {
      items.push(...(await zaloItems(parsed, channelOf)));
    }
  }
  // Stable: a thread's messages keep the order they arrived in.
  const ordered = items
    .map((item, index) => ({ item, index, key: threadKeyOf(item) }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.index - b.index));
  const recorded: Recorded = [];
  for (const { item } of ordered) {
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
  // The embedded engine has one connection: a long batch would make the webhook's inserts (and every
  // request) wait behind it, so its batches are small and the loop yields between them.
  const embedded = deps.database.engine !== "postgres";
  const batchSize = embedded ? 10 : 100;
  // Leaves connections of the pool to the webhook's inserts and everything else the server does.
  const loops =
    deps.database.engine === "postgres"
      ? Math.max(1, Math.min(3, (deps.database.maxConnections ?? 10) - 5))
      : 1;
  let stopped = false;
  const running = new Set<Promise<void>>();
  let busy = 0;

  const drain = async () => {
    busy += 1;
    try {
      while (!stopped && (await processWaitingDeliveries(deps, batchSize)) > 0) {
        if (embedded) {
          await new Promise((resolve) => setTimeout(resolve, 5));
        }
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
