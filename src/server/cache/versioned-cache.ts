import { LookupCache } from "./lookup-cache.ts";

/**
 * Answers kept in memory under the version of the data they were read from. A reader asks the
 * database for the current version (one tiny query) and gets the kept answer only when that version
 * has not moved, so a change made by any instance or any process (the CLI, a test's direct insert) is
 * seen at the next read. Entries also expire after `ttlMs`, which bounds the one case a version cannot
 * catch: a list read during the instant a change commits.
 *
 * Kept answers are shared between requests: callers must not mutate them.
 */
export class VersionedCache<Value> {
  private readonly entries: LookupCache<{ version: string; value: Value }>;

  constructor(options: { maxEntries: number; ttlMs: number }) {
    this.entries = new LookupCache(options);
  }

  async read(key: string, version: string, compute: () => Promise<Value>): Promise<Value> {
    const kept = this.entries.get(key);
    if (kept && kept.version === version) {
      return kept.value;
    }
    // Stored under the version read before computing: if a change committed in between, the answer
    // is newer than its version says and the next reader, seeing the newer version, reads again.
    const value = await compute();
    this.entries.set(key, { version, value });
    return value;
  }

  clear(): void {
    this.entries.clear();
  }
}
