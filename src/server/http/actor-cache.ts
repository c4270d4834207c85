import { LookupCache } from "../cache/lookup-cache.ts";
import type { Actor } from "../platform/actor.ts";

/**
 * Who stands behind a session or an API token, remembered for a few seconds so that an authenticated
 * read does not cost a session read, a person read, a grant read and a role-policy read every time.
 *
 * Kept here, with no other imports, so that the services that change what an actor is (roles, sign-out,
 * passwords, TOTP, tokens, people, the unit tree) can clear it without an import cycle through
 * `authentication.ts`.
 *
 * In this process a change is seen at once: those services call `invalidateActorCache` after their
 * transaction commits. Other instances (and the CLI, another process) are not told: their entries
 * expire within `ACTOR_CACHE_TTL_MS`, so a revoked role or an ended session may still work there for
 * up to that long.
 */
export const ACTOR_CACHE_TTL_MS = 5_000;
const MAX_ENTRIES = 10_000;

export interface CachedCredentials {
  actor: Actor;
  csrfToken: string | null;
  sessionHash: string | null;
  /** When the session or token itself ends (ms since the epoch), if it does. */
  expiresAt: number | null;
  /** Values derived from the actor alone (see `rememberedWithActor`), forgotten with the entry. */
  derived?: Map<string, unknown>;
}

const cache = new LookupCache<CachedCredentials>({ maxEntries: MAX_ENTRIES, ttlMs: ACTOR_CACHE_TTL_MS });
/** Bumped by every invalidation: an answer read from the database before it is not stored after it. */
let generation = 0;
let databaseCount = 0;
const databaseIds = new WeakMap<object, number>();

/** The cache key of a credential: per database handle (tests run several apps in one process). */
export function actorCacheKey(db: object, kind: "session" | "token", credentialHash: string): string {
  let id = databaseIds.get(db);
  if (id === undefined) {
    id = ++databaseCount;
    databaseIds.set(db, id);
  }
  return `${id}:${kind}:${credentialHash}`;
}

/** The remembered credentials, unless absent, older than the TTL, or past the session's own end. */
export function cachedCredentials(key: string, now = Date.now()): CachedCredentials | undefined {
  const entry = cache.get(key, now);
  if (entry?.expiresAt != null && entry.expiresAt <= now) {
    cache.delete(key);
    return undefined;
  }
  return entry;
}

/** The current generation, to pass to `rememberCredentials` once the database has answered. */
export function actorCacheGeneration(): number {
  return generation;
}

/** Remembers credentials read at `readAtGeneration`, unless something was invalidated since. */
export function rememberCredentials(key: string, value: CachedCredentials, readAtGeneration: number): void {
  if (readAtGeneration === generation) {
    cache.set(key, value);
  }
}

/**
 * Forgets the cached actor of one person (all their sessions and tokens), or everyone's without an
 * argument (a change of the unit tree or of the role policies). Call it after the change commits.
 */
export function invalidateActorCache(personId?: string): void {
  generation++;
  if (personId === undefined) {
    cache.clear();
  } else {
    cache.deleteWhere((entry) => entry.actor.personId === personId);
  }
}

/** How many entries are cached (for tests). */
export function actorCacheSize(): number {
  return cache.size;
}
