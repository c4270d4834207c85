import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";

/** Variants being published by this process. */
const inFlight = new Set<string>();

/**
 * How many publishes may hold their lock at once, per database handle. Each holds a pool connection
 * for its whole run while its work needs others: with every connection held by a lock, the work of
 * all of them would wait forever. Half the pool keeps the rest free for the work and for requests.
 */
const lockSlots = new WeakMap<object, { free: number; waiting: (() => void)[] }>();

async function takeLockSlot(database: Database): Promise<() => void> {
  let slots = lockSlots.get(database);
  if (!slots) {
    slots = { free: Math.max(1, Math.floor((database.maxConnections ?? 10) / 2)), waiting: [] };
    lockSlots.set(database, slots);
  }
  const held = slots;
  if (held.free > 0) {
    held.free--;
  } else {
    await new Promise<void>((resolve) => held.waiting.push(resolve));
  }
  return () => {
    const next = held.waiting.shift();
    if (next) {
      next();
    } else {
      held.free++;
    }
  };
}

/**
 * Runs `work` only if no one else is publishing this variant. Across processes on PostgreSQL, a
 * transaction-scoped advisory lock held for the whole publish: it vanishes with a crashed process,
 * which is exactly when recovery must be allowed to take over. The embedded engine has one process.
 */
export async function withPublishLock(
  database: Database,
  variantId: string,
  work: () => Promise<void>,
): Promise<boolean> {
  if (inFlight.has(variantId)) {
    return false;
  }
  inFlight.add(variantId);
  try {
    if (database.engine !== "postgres") {
      await work();
      return true;
    }
    const releaseSlot = await takeLockSlot(database);
    try {
      return await lockAndRun(database, variantId, work);
    } finally {
      releaseSlot();
    }
  } finally {
    inFlight.delete(variantId);
  }
}

async function lockAndRun(
  database: Database,
  variantId: string,
  work: () => Promise<void>,
): Promise<boolean> {
  return await database.db.transaction(async (lock) => {
    const [row] = (
      (await lock.execute(
        sql`select pg_try_advisory_xact_lock(hashtext(${`caunoi.publish:${variantId}`})) as locked`,
      )) as unknown as { rows: { locked: boolean }[] }
    ).rows;
    if (!row?.locked) {
      return false;
    }
    // The work runs on other connections (it must commit its own steps); this one only holds the lock.
    await work();
    return true;
  });
}
