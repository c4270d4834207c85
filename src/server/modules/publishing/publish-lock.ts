import { sql } from "drizzle-orm";
import type { Database } from "../../db/client.ts";

/** Variants being published by this process. */
const inFlight = new Set<string>();

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
  } finally {
    inFlight.delete(variantId);
  }
}
