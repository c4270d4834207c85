import { sql } from "drizzle-orm";
import { perDatabase } from "../../cache/lookup-cache.ts";
import { VersionedCache } from "../../cache/versioned-cache.ts";
import { type Db, queryRows } from "../../db/client.ts";

/**
 * The unit and people lists, answered from memory while the unit tree, people and role grants stand
 * still. Migration 0012 bumps the `org_list_version` sequence when any of them changes (from any
 * instance or process), and every read asks for it first: a kept list is served only under the same
 * version. The lists are the first screen of every administrator and the people search runs on each
 * keystroke, while the tree changes a few times a day.
 *
 * Only for reads on the application's own database handle, never inside a transaction: a transaction's
 * own uncommitted changes do not move the version.
 */
const LIST_TTL_MS = 10_000;
const MAX_LISTS = 2_000;

const caches = perDatabase(() => new VersionedCache<unknown>({ maxEntries: MAX_LISTS, ttlMs: LIST_TTL_MS }));

/** The version of the org data the lists are read from; moves at the commit of every change. */
export async function orgListVersion(db: Db): Promise<string> {
  // `last_value` alone does not move on the first bump (1 before, 1 after): `is_called` tells them apart.
  const [row] = await queryRows<{ last_value: string | number; is_called: boolean }>(
    db,
    sql`select last_value, is_called from org_list_version`,
  );
  return `${row?.last_value}:${row?.is_called}`;
}

/** A list read through the cache: `key` names the list and every option it depends on. */
export async function cachedOrgList<Value>(db: Db, key: string, read: () => Promise<Value>): Promise<Value> {
  const version = await orgListVersion(db);
  return (caches(db) as VersionedCache<Value>).read(key, version, read);
}
