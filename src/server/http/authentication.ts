import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../db/client.ts";
import {
  authErrors,
  hashToken,
  resolveCredentials,
  SESSION_COOKIE,
  sameSecret,
} from "../modules/auth/index.ts";
import {
  actorCacheGeneration,
  actorCacheKey,
  type CachedCredentials,
  cachedCredentials,
  rememberCredentials,
} from "./actor-cache.ts";

export { ACTOR_CACHE_TTL_MS, invalidateActorCache } from "./actor-cache.ts";

declare module "fastify" {
  interface FastifyRequest {
    /** The (possibly cached) resolution of the request's session or token. */
    credentials: CachedCredentials | null;
    /** SHA-256 of the session cookie, when the request came with a valid session. */
    sessionHash: string | null;
    csrfToken: string | null;
  }
}

const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The actor behind a credential: from the actor cache (a few seconds, cleared in this process by every
 * change to roles, sessions, passwords, people and the unit tree; see `actor-cache.ts`) or the database.
 * Only the session's last-seen time is written, at most once a minute per session (and per token).
 */
async function resolveCached(
  db: Db,
  bearerToken: string | undefined,
  sessionToken: string | undefined,
): Promise<CachedCredentials | null> {
  const credential = bearerToken ?? sessionToken ?? "";
  const key = actorCacheKey(db, bearerToken ? "token" : "session", hashToken(credential));
  const cached = cachedCredentials(key);
  if (cached) {
    return cached;
  }
  const generation = actorCacheGeneration();
  const resolved = await resolveCredentials(db, { bearerToken, sessionToken });
  if (!resolved) {
    return null;
  }
  const value = { ...resolved, expiresAt: resolved.expiresAt?.getTime() ?? null };
  rememberCredentials(key, value, generation);
  return value;
}

/**
 * Finds who is calling (session cookie or `Authorization: Bearer` API token) and, for cookie
 * sessions, requires the session's CSRF token in `x-csrf-token` on every changing request.
 */
export function registerAuthentication(app: FastifyInstance, db: Db): void {
  app.decorateRequest("credentials", null);
  app.decorateRequest("sessionHash", null);
  app.decorateRequest("csrfToken", null);
  app.addHook("onRequest", async (request) => {
    if (!request.url.startsWith("/api/")) {
      return;
    }
    const authorization = request.headers.authorization;
    const bearerToken = authorization?.toLowerCase().startsWith("bearer ")
      ? authorization.slice(7).trim()
      : undefined;
    const sessionToken = bearerToken ? undefined : request.cookies[SESSION_COOKIE];
    if (!bearerToken && !sessionToken) {
      return;
    }
    const resolved = await resolveCached(db, bearerToken, sessionToken);
    if (!resolved) {
      if (bearerToken) {
        throw authErrors.apiTokenInvalid();
      }
      return;
    }
    request.credentials = resolved;
    request.actor = resolved.actor;
    request.sessionHash = resolved.sessionHash;
    request.csrfToken = resolved.csrfToken;
    if (resolved.csrfToken && !safeMethods.has(request.method)) {
      const sent = request.headers["x-csrf-token"];
      if (typeof sent !== "string" || !sameSecret(sent, resolved.csrfToken)) {
        throw authErrors.csrfInvalid();
      }
    }
  });
}

/**
 * A value that depends only on who the actor is (their security settings, say), computed once and kept
 * with the cached actor: it is forgotten whenever the actor is (the same changes, the same TTL).
 */
export async function rememberedWithActor<T>(
  request: FastifyRequest,
  name: string,
  compute: () => Promise<T>,
): Promise<T> {
  const entry = request.credentials;
  if (!entry) {
    return compute();
  }
  entry.derived ??= new Map();
  if (entry.derived.has(name)) {
    return entry.derived.get(name) as T;
  }
  const value = await compute();
  entry.derived.set(name, value);
  return value;
}
