import { createHash, randomBytes } from "node:crypto";
import { eq, lt, sql } from "drizzle-orm";
import { vietnamToday } from "../../../shared/vietnam-time.ts";
import { remembered } from "../../cache/lookup-cache.ts";
import type { Executor } from "../../db/client.ts";
import { visitorSalts } from "../../db/schema/index.ts";
import { deviceClassOf, hitKindOf, referrerDomainOf } from "./visitor-classes.ts";

/*
 * Hits on tracked links are kept in memory and written in one statement per batch, off the request
 * path. The visitor's address and agent stay in memory only until their batch is written: they are
 * turned into a hash salted with the day's salt, and neither is stored.
 *
 * What a crash can lose: the hits not yet written, which is at most one flush interval's worth (1 s
 * by default) plus the batch being written, and never more than `maxPending` hits. A graceful stop
 * (SIGTERM/SIGINT, `app.close()`) writes everything first.
 */

/** A hit as the request gave it; it is classified and hashed when its batch is written. */
export interface PendingHit {
  linkId: string;
  kitId: string;
  unitId: string;
  /** Epoch milliseconds. */
  at: number;
  /** Used for the salted visitor hash, then dropped. */
  ip: string;
  /** Classified into kind and device, then dropped. */
  userAgent: string;
  /** Reduced to its domain, then dropped. */
  referrer: string | undefined;
}

export interface HitRecorderOptions {
  /** How often buffered hits are written. */
  flushIntervalMs?: number;
  /** A batch this large is written at once, without waiting for the interval. */
  batchSize?: number;
  /** Beyond this many unwritten hits (the database is down), the oldest are dropped and counted. */
  maxPending?: number;
  onError?: (error: unknown) => void;
}

export interface HitRecorder {
  /** Buffers one hit; never waits and never throws. */
  record(hit: PendingHit): void;
  /** Writes everything buffered so far; resolves with how many hits were written. */
  flush(): Promise<number>;
  /** Stops the timer and writes what is left. */
  close(): Promise<void>;
  stats(): { pending: number; written: number; dropped: number };
}

/** The salt of a Vietnamese calendar day, made once by whichever instance needs it first. */
async function saltOf(db: Executor, day: string): Promise<string> {
  await db
    .insert(visitorSalts)
    .values({ day, salt: randomBytes(32).toString("base64") })
    .onConflictDoNothing();
  // Salts of days that are over are discarded, so their hashes can no longer be recomputed from an address.
  await db.delete(visitorSalts).where(lt(visitorSalts.day, day));
  const [row] = await db
    .select({ salt: visitorSalts.salt })
    .from(visitorSalts)
    .where(eq(visitorSalts.day, day));
  if (!row) {
    throw new Error(`no visitor salt for ${day}`);
  }
  return row.salt;
}

/** A visitor's hash for one day: the same address and agent give the same hash that day only. */
export function visitorHash(salt: string, ip: string, userAgent: string): string {
  return createHash("sha256")
    .update(salt)
    .update("\0")
    .update(ip)
    .update("\0")
    .update(userAgent)
    .digest("base64url")
    .slice(0, 22);
}

/**
 * One array parameter as PostgreSQL's array literal: Drizzle would spread a JS array into a list of
 * parameters, and the batch must stay one parameter per column whatever its size.
 */
function arrayLiteral(values: readonly (string | null)[]): string {
  return `{${values.map((value) => (value === null ? "NULL" : `"${value.replace(/["\\]/g, "\\$&")}"`)).join(",")}}`;
}

/** Starts a recorder writing to `db`; call `close()` when the app stops. */
export function createHitRecorder(db: Executor, options: HitRecorderOptions = {}): HitRecorder {
  const flushIntervalMs = options.flushIntervalMs ?? 1000;
  const batchSize = options.batchSize ?? 2000;
  const maxPending = options.maxPending ?? 200_000;
  const onError = options.onError ?? (() => {});
  let buffer: PendingHit[] = [];
  let written = 0;
  let dropped = 0;
  let running: Promise<number> | null = null;
  let closed = false;
  // Only the current and previous day are ever needed: a batch straddles midnight at most.
  const salts = new Map<string, Promise<string>>();

  const daySalt = (day: string) => {
    let salt = salts.get(day);
    if (!salt) {
      salt = saltOf(db, day);
      salt.catch(() => salts.delete(day));
      salts.set(day, salt);
      for (const known of salts.keys()) {
        if (known < day && salts.size > 2) {
          salts.delete(known);
        }
      }
    }
    return salt;
  };

  // Under load the same few agents and referrers come again and again: each is worked out once.
  const classesOf = remembered((userAgent) => ({
    kind: hitKindOf(userAgent),
    device: deviceClassOf(userAgent),
  }));
  const domainOf = remembered(referrerDomainOf);

  const writeBatch = async (batch: PendingHit[]) => {
    // Identical hits of the same second become one row with their number: a popular link makes
    // a few rows a second, not one per click.
    const groups = new Map<string, { hit: PendingHit; second: number; count: number }>();
    for (const hit of batch) {
      const second = Math.floor(hit.at / 1000);
      const key = `${hit.linkId}\n${second}\n${hit.ip}\n${hit.referrer ?? ""}\n${hit.userAgent}`;
      const group = groups.get(key);
      if (group) {
        group.count += 1;
      } else {
        groups.set(key, { hit, second, count: 1 });
      }
    }
    // A batch spans a second or two: each second's day (and that day's salt) is worked out once.
    const dayOfSecond = new Map<number, string>();
    const saltOfDay = new Map<string, string>();
    for (const { second } of groups.values()) {
      if (!dayOfSecond.has(second)) {
        const day = vietnamToday(new Date(second * 1000));
        dayOfSecond.set(second, day);
        if (!saltOfDay.has(day)) {
          saltOfDay.set(day, await daySalt(day));
        }
      }
    }
    const columns = {
      linkIds: [] as string[],
      kitIds: [] as string[],
      unitIds: [] as string[],
      ats: [] as string[],
      kinds: [] as string[],
      referrers: [] as (string | null)[],
      devices: [] as string[],
      hashes: [] as string[],
      counts: [] as string[],
    };
    for (const { hit, second, count } of groups.values()) {
      const at = new Date(second * 1000);
      const salt = saltOfDay.get(dayOfSecond.get(second) as string) as string;
      const classes = classesOf(hit.userAgent);
      columns.linkIds.push(hit.linkId);
      columns.kitIds.push(hit.kitId);
      columns.unitIds.push(hit.unitId);
      columns.ats.push(at.toISOString());
      columns.kinds.push(classes.kind);
      columns.referrers.push(domainOf(hit.referrer ?? ""));
      columns.devices.push(classes.device);
      columns.hashes.push(visitorHash(salt, hit.ip, hit.userAgent));
      columns.counts.push(String(count));
    }
    await db.execute(sql`
      insert into link_hits (link_id, kit_id, unit_id, at, kind, referrer_domain, device, visitor_hash, hits)
      select * from unnest(
        ${arrayLiteral(columns.linkIds)}::uuid[], ${arrayLiteral(columns.kitIds)}::uuid[],
        ${arrayLiteral(columns.unitIds)}::uuid[], ${arrayLiteral(columns.ats)}::timestamptz[],
        ${arrayLiteral(columns.kinds)}::text[], ${arrayLiteral(columns.referrers)}::text[],
        ${arrayLiteral(columns.devices)}::text[], ${arrayLiteral(columns.hashes)}::text[],
        ${arrayLiteral(columns.counts)}::int[])`);
  };

  /**
   * Writes batches while at least `minimum` hits wait. A full batch triggers a write of full batches
   * only: the few hits that arrive during it wait for the next batch or tick, instead of each
   * round trip to the database starting another for a handful of rows.
   */
  const drain = async (minimum: number): Promise<number> => {
    let count = 0;
    while (buffer.length >= minimum && buffer.length > 0) {
      const batch = buffer.length <= batchSize ? buffer : buffer.slice(0, batchSize);
      buffer = buffer.length <= batchSize ? [] : buffer.slice(batchSize);
      try {
        await writeBatch(batch);
      } catch (error) {
        // Kept for the next attempt, in order, so a database restart loses nothing that fits in memory.
        buffer = batch.concat(buffer);
        if (buffer.length > maxPending) {
          dropped += buffer.length - maxPending;
          buffer = buffer.slice(buffer.length - maxPending);
        }
        onError(error);
        break;
      }
      count += batch.length;
      written += batch.length;
    }
    return count;
  };

  const run = (minimum: number): Promise<number> => {
    if (running) {
      // One writer at a time; a flush asked for meanwhile runs right after and covers newer hits too.
      return running.then(() => run(minimum));
    }
    running = drain(minimum).finally(() => {
      running = null;
    });
    return running;
  };
  const flush = () => run(1);

  const timer = setInterval(() => {
    if (buffer.length > 0 && !running) {
      void flush();
    }
  }, flushIntervalMs);
  timer.unref();

  return {
    record(hit) {
      if (closed) {
        return;
      }
      buffer.push(hit);
      if (buffer.length >= batchSize && !running) {
        void run(batchSize);
      }
    },
    flush,
    async close() {
      clearInterval(timer);
      await flush();
      closed = true;
      // Hits that arrived while the last batch was written.
      await flush();
    },
    stats: () => ({ pending: buffer.length, written, dropped }),
  };
}
