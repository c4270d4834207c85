/**
 * A small in-process cache of lookup answers, keyed by canonical channel key. Entries live a few
 * seconds and the whole cache is dropped on any registry change made by this process, so a
 * channel closed here is reported closed at once; other instances catch up within the TTL.
 */
export class LookupCache<Value> {
  private readonly entries = new Map<string, { value: Value; expiresAt: number }>();
  private readonly maxEntries: number;
  private readonly ttlMs: number;

  constructor(options: { maxEntries: number; ttlMs: number }) {
    this.maxEntries = options.maxEntries;
    this.ttlMs = options.ttlMs;
  }

  /** The cached value, or undefined when absent or expired; a hit becomes the most recently used. */
  get(key: string, now = Date.now()): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry) {
      return undefined;
    }
    this.entries.delete(key);
    if (entry.expiresAt <= now) {
      return undefined;
    }
    this.entries.set(key, entry);
    return entry.value;
  }

  /** Stores a value, evicting the least recently used entry when full. */
  set(key: string, value: Value, now = Date.now()): void {
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) {
        this.entries.delete(oldest.value);
      }
    }
    this.entries.set(key, { value, expiresAt: now + this.ttlMs });
  }

  /** Forgets everything (after a registry change). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

const cachesByDatabase = new WeakMap<object, LookupCache<unknown>>();

/** The lookup cache of one database handle (tests run several apps in one process). */
export function lookupCacheFor<Value>(db: object): LookupCache<Value> {
  let cache = cachesByDatabase.get(db);
  if (!cache) {
    cache = new LookupCache<unknown>({ maxEntries: 10_000, ttlMs: 30_000 });
    cachesByDatabase.set(db, cache);
  }
  return cache as LookupCache<Value>;
}

/** Drops every cached lookup answer of this database; called after each committed registry change. */
export function invalidateChannelLookups(db: object): void {
  cachesByDatabase.get(db)?.clear();
}
