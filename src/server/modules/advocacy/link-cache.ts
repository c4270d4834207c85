/*
 * The redirect's memory of codes: a hot link is answered without touching the database. Entries live
 * a minute; any change to a kit in this process clears them (with several instances, a withdrawal
 * reaches the others within that minute). Unknown codes are remembered too, so a flood of made-up
 * codes that pass the check character cannot reach the database more than once a minute each.
 */

/** What a code leads to; `withdrawn` links answer with a page saying so. */
export interface LinkTarget {
  linkId: string;
  kitId: string;
  unitId: string;
  targetUrl: string;
  withdrawn: boolean;
}

interface Entry {
  target: LinkTarget | null;
  until: number;
}

const ttlMs = 60_000;
const maxEntries = 200_000;

/** A bounded, expiring map of codes; the oldest entry goes first when full. */
export class LinkTargetCache {
  private readonly entries = new Map<string, Entry>();

  /** The remembered target (null: known not to exist), or undefined when it must be looked up. */
  get(code: string, now: number): LinkTarget | null | undefined {
    const entry = this.entries.get(code);
    if (!entry) {
      return undefined;
    }
    if (entry.until < now) {
      this.entries.delete(code);
      return undefined;
    }
    return entry.target;
  }

  set(code: string, target: LinkTarget | null, now: number): void {
    if (this.entries.size >= maxEntries) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) {
        this.entries.delete(oldest);
      }
    }
    this.entries.set(code, { target, until: now + ttlMs });
  }

  clear(): void {
    this.entries.clear();
  }
}

const caches = new WeakMap<object, LinkTargetCache>();

/** The cache of one database's codes (tests run many apps in one process, each on its own database). */
export function linkTargetCacheFor(db: object): LinkTargetCache {
  let cache = caches.get(db);
  if (!cache) {
    cache = new LinkTargetCache();
    caches.set(db, cache);
  }
  return cache;
}

/** Forgets every remembered code of this database, after a kit changed. */
export function invalidateLinkTargets(db: object): void {
  caches.get(db)?.clear();
}
