import { LookupCache, perDatabase } from "../../cache/lookup-cache.ts";

/*
 * The public lookup's answers, keyed by canonical channel key. The whole cache is dropped on any
 * registry change made by this process, so a channel closed here is reported closed at once.
 */

const lookupCaches = perDatabase(() => new LookupCache<unknown>({ maxEntries: 10_000, ttlMs: 30_000 }));

/** The lookup cache of one database handle. */
export function lookupCacheFor<Value>(db: object): LookupCache<Value> {
  return lookupCaches(db) as LookupCache<Value>;
}

/** Drops every cached lookup answer of this database; called after each committed registry change. */
export function invalidateChannelLookups(db: object): void {
  lookupCaches(db).clear();
}
