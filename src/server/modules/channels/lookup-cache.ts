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

/** Counts this process's committed registry changes per database, so in-memory copies know to rebuild. */
const generations = new WeakMap<object, number>();

/** Moves at every committed registry change made by this process (other instances: their own TTL). */
export function registryGeneration(db: object): number {
  return generations.get(db) ?? 0;
}

/** Drops every cached lookup answer of this database; called after each committed registry change. */
export function invalidateChannelLookups(db: object): void {
  lookupCaches(db).clear();
  generations.set(db, registryGeneration(db) + 1);
}
