import { createHash } from "node:crypto";
import { sql } from "drizzle-orm";
import type { InboxSource, WebhookRefusal } from "../../../../shared/api/inbox-values.ts";
import type { Database } from "../../../db/client.ts";
import { inboxDeliveries, inboxWebhookRefusals } from "../../../db/schema/inbox.ts";

/*
 * Storing verified deliveries, fast: the platforms want their 200 at once, and a burst is a thousand
 * a second. Deliveries arriving within a couple of milliseconds of each other are written by one
 * multi-row INSERT (one commit, one WAL flush, one pool connection), and each request is answered only
 * once that INSERT has committed: a kill -9 loses nothing the platform was told was received.
 */

const maxBatch = 200;
const lingerMs = 2;

interface Waiting {
  source: InboxSource;
  body: string;
  resolve: () => void;
  reject: (error: unknown) => void;
}

export interface DeliveryStore {
  /** Resolves once the delivery is committed. */
  store(source: InboxSource, body: string): Promise<void>;
}

export function createDeliveryStore(database: Database, onStored: () => void): DeliveryStore {
  let queue: Waiting[] = [];
  let timer: NodeJS.Timeout | null = null;

  async function flush(batch: Waiting[]): Promise<void> {
    try {
      await database.db.insert(inboxDeliveries).values(batch.map(({ source, body }) => ({ source, body })));
      for (const waiting of batch) {
        waiting.resolve();
      }
      onStored();
    } catch (error) {
      for (const waiting of batch) {
        waiting.reject(error);
      }
    }
  }

  function takeBatch(): void {
    if (timer) {
      clearTimeout(timer);
      timer = null;
    }
    const batch = queue;
    queue = [];
    if (batch.length > 0) {
      void flush(batch);
    }
  }

  return {
    store(source, body) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ source, body, resolve, reject });
        if (queue.length >= maxBatch) {
          takeBatch();
        } else if (!timer) {
          timer = setTimeout(takeBatch, lingerMs);
        }
      });
    },
  };
}

/** Counts a refused (or replayed) delivery for the day, source and reason. */
export async function countRefusal(database: Database, source: InboxSource, reason: WebhookRefusal) {
  await database.db
    .insert(inboxWebhookRefusals)
    .values({ day: sql`(now() at time zone 'Asia/Ho_Chi_Minh')::date`, source, reason, count: 1 })
    .onConflictDoUpdate({
      target: [inboxWebhookRefusals.day, inboxWebhookRefusals.source, inboxWebhookRefusals.reason],
      set: { count: sql`${inboxWebhookRefusals.count} + 1` },
    });
}

/**
 * The bodies this process stored lately, by hash, to recognise an identical signed delivery sent
 * again. Kept in memory (bounded, for the platforms' retry window): the table keeps no hash column,
 * and a second instance or a restart only means such a copy is stored again, which the worker then
 * finds to be a duplicate message by message id. Nothing is lost either way.
 */
export class RecentBodies {
  private readonly seen = new Map<string, number>();
  private readonly windowMs: number;
  private readonly capacity: number;

  constructor(windowMs: number, capacity = 200_000) {
    this.windowMs = windowMs;
    this.capacity = capacity;
  }

  static hashOf(body: Buffer): string {
    return createHash("sha256").update(body).digest("base64");
  }

  has(hash: string, now = Date.now()): boolean {
    const at = this.seen.get(hash);
    return at !== undefined && now - at < this.windowMs;
  }

  add(hash: string, now = Date.now()): void {
    this.seen.delete(hash);
    this.seen.set(hash, now);
    // Map keeps insertion order: the oldest go first.
    while (this.seen.size > this.capacity) {
      const oldest = this.seen.keys().next().value;
      if (oldest === undefined) {
        break;
      }
      this.seen.delete(oldest);
    }
  }
}
