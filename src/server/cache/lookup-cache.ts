/**
 * A small in-process cache of lookup answers: bounded, least recently used out first, entries living
 * a fixed time. Its owners clear it on changes made by this process; other instances catch up
 * within the TTL.
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

  /** Forgets one entry. */
  delete(key: string): void {
    this.entries.delete(key);
  }

  /** Forgets the entries whose value matches (a walk over all of them: for rare changes). */
  deleteWhere(matches: (value: Value) => boolean): void {
    for (const [key, entry] of this.entries) {
      if (matches(entry.value)) {
        this.entries.delete(key);
      }
    }
  }

  /** Forgets everything (after a registry change). */
  clear(): void {
    this.entries.clear();
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * One value per database handle, made on first use: tests run several apps in one process, each on
 * its own database, and their caches must not meet.
 */
export function perDatabase<T>(make: () => T): (db: object) => T {
  const values = new WeakMap<object, T>();
  return (db) => {
    let value = values.get(db);
    if (value === undefined) {
      value = make();
      values.set(db, value);
    }
    return value;
  };
}

/** `compute` with its answers kept (bounded, an hour each), for a pure function asked the same often. */
export function remembered<Value>(
  compute: (key: string) => Value,
  maxEntries = 5000,
): (key: string) => Value {
  const known = new LookupCache<{ value: Value }>({ maxEntries, ttlMs: 3_600_000 });
  return (key) => {
    let entry = known.get(key);
    if (!entry) {
      entry = { value: compute(key) };
      known.set(key, entry);
    }
    return entry.value;
  };
}
