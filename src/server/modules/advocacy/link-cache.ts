import { LookupCache, perDatabase } from "../../cache/lookup-cache.ts";

/*
 * The redirect's memory of codes: a hot link is answered without touching the database. Entries live
 * a minute; any change to a kit in this process clears them (with several instances, a withdrawal
 * reaches the others within that minute). Unknown codes are remembered too, so a flood of made-up
 * codes that pass the check character cannot reach the database more than once a minute each.
 */

/**
 * What a code leads to; `withdrawn` links answer with a page saying so. `location` is the stored
 * address made header-safe, or null when it cannot be (such a link answers as unknown).
 */
export interface LinkTarget {
  linkId: string;
  kitId: string;
  unitId: string;
  location: string | null;
  withdrawn: boolean;
}

/** Codes by the thousand: a campaign's links, each hot for a while. */
const linkTargets = perDatabase(
  () => new LookupCache<LinkTarget | null>({ maxEntries: 200_000, ttlMs: 60_000 }),
);

/** The cache of one database's codes; a remembered null means the code is known not to exist. */
export function linkTargetCacheFor(db: object): LookupCache<LinkTarget | null> {
  return linkTargets(db);
}

/** Forgets every remembered code of this database, after a kit changed. */
export function invalidateLinkTargets(db: object): void {
  linkTargets(db).clear();
}
