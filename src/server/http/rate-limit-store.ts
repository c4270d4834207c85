import { createRequire } from "node:module";
import type { FastifyRateLimitStore, FastifyRateLimitStoreCtor } from "@fastify/rate-limit";
import { sql } from "drizzle-orm";
import { type Database, queryRows } from "../db/client.ts";

/*
 * Where @fastify/rate-limit keeps its counts.
 *
 * - Routes under /api/auth/ (sign-in, TOTP, password change and reset, e-mail confirmation: the limits
 *   against guessing) count in PostgreSQL (`http_rate_limits`, UNLOGGED), one upsert per attempt, so
 *   that N instances behind a proxy allow max attempts in all, not N × max.
 * - Every other limited route (public lookup, portal, share cards…) counts in this process's memory:
 *   those limits only protect each instance from floods, and a write per public read would cost more
 *   than it saves. With N instances a client may get up to N × max there.
 * - On PGlite (one instance only, by construction) everything counts in memory.
 */

type Store = FastifyRateLimitStore;
type Callback = Parameters<Store["incr"]>[1];
type ChildOptions = Parameters<Store["child"]>[0];

/** What @fastify/rate-limit passes to a store's constructor and `child` (its types say less). */
interface RouteRateLimitOptions {
  continueExceeding?: boolean;
  exponentialBackoff?: boolean;
  routeInfo?: { method?: string | string[]; url?: string };
}

type LocalStoreConstructor = new (
  continueExceeding: boolean,
  exponentialBackoff: boolean,
  cache?: number,
) => Store;
const LocalStore = createRequire(import.meta.url)(
  "@fastify/rate-limit/store/LocalStore.js",
) as LocalStoreConstructor;

/** The routes whose limits are shared by all instances. */
export function isSharedLimit(url: string | undefined): boolean {
  return url?.startsWith("/api/auth/") ?? false;
}

class SharedStore implements Store {
  private readonly database: Database;
  private readonly prefix: string;

  constructor(database: Database, prefix: string) {
    this.database = database;
    this.prefix = prefix;
  }

  incr(key: string, callback: Callback, timeWindow: number, _max: number): void {
    // A new window starts when the row is absent or its window has ended; otherwise the count grows.
    queryRows<{ count: number; ttl: number }>(
      this.database.db,
      sql`insert into http_rate_limits (key, count, resets_at)
          values (${this.prefix + key}, 1, now() + ${timeWindow} * interval '1 millisecond')
          on conflict (key) do update set
            count = case when http_rate_limits.resets_at <= now() then 1 else http_rate_limits.count + 1 end,
            resets_at = case when http_rate_limits.resets_at <= now() then excluded.resets_at
                             else http_rate_limits.resets_at end
          returning count, greatest(0, ceil(extract(epoch from resets_at - now()) * 1000))::int as ttl`,
    ).then(
      ([row]) => callback(null, { current: row?.count ?? 1, ttl: row?.ttl ?? timeWindow }),
      (error: Error) => callback(error),
    );
  }

  child(): Store {
    return this;
  }
}

/**
 * The `store` option of @fastify/rate-limit for this database: shared limits in PostgreSQL, the rest in
 * memory. Expired rows are removed at most once a minute, by whichever attempt comes first.
 */
export function rateLimitStore(database: Database): FastifyRateLimitStoreCtor {
  const shared = database.engine === "postgres";
  let lastSweep = 0;
  const sweep = () => {
    const now = Date.now();
    if (now - lastSweep > 60_000) {
      lastSweep = now;
      queryRows(database.db, sql`delete from http_rate_limits where resets_at < now()`).catch(() => {});
    }
  };
  return class RateLimitStore implements Store {
    private readonly local: Store;

    constructor(options: object) {
      const { continueExceeding, exponentialBackoff } = options as RouteRateLimitOptions;
      this.local = new LocalStore(continueExceeding ?? false, exponentialBackoff ?? false);
    }

    incr(key: string, callback: Callback, timeWindow: number, max: number): void {
      this.local.incr(key, callback, timeWindow, max);
    }

    child(childOptions: ChildOptions): Store {
      const routeOptions = childOptions as unknown as RouteRateLimitOptions;
      const url = routeOptions.routeInfo?.url;
      if (shared && isSharedLimit(url)) {
        const method = [routeOptions.routeInfo?.method ?? ""].flat().join(",");
        const store = new SharedStore(database, `${method} ${url} `);
        return {
          incr: (key, callback, timeWindow, max) => {
            sweep();
            store.incr(key, callback, timeWindow, max);
          },
          child: () => store,
        };
      }
      return this.local.child(childOptions);
    }
  };
}
