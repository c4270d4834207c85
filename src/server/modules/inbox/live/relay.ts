import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { inboxStreamEventSchema } from "../../../../shared/api/inbox-portal.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies, StopWorker } from "../../../platform/module.ts";
import { emitConversationEventHere, relayConversationEvents } from "./bus.ts";

const log = loggerFor("inbox-live");

/** The PostgreSQL channel the instances tell each other's live feeds on. */
export const liveChannel = "caunoi_inbox_live";

/*
 * Several instances on one PostgreSQL (docs/operations.md) each keep their own open streams: a message
 * the delivery worker records on one instance must reach an officer whose stream is on another. Each
 * instance NOTIFYs its conversation events and LISTENs for the others' (its own, recognised by its
 * origin id, are skipped: they were already given to its streams). PGlite is one instance only.
 * A notification is a courtesy like the feed itself: one lost (the listener reconnecting) shows at the
 * next refresh, and the web refreshes whenever its stream reconnects.
 */
export async function startLiveRelay(deps: AppDependencies): Promise<StopWorker | undefined> {
  const url = deps.database.connectionString;
  if (!url) {
    return undefined;
  }
  const origin = randomUUID();
  let listener: pg.Client | null = null;
  let stopped = false;
  let retry: NodeJS.Timeout | undefined;

  const listen = async () => {
    const client = new pg.Client({ connectionString: url });
    client.on("error", (error) => {
      log.warn({ err: error }, "live relay connection lost; listening again shortly");
      client.end().catch(() => {});
      if (listener === client) {
        listener = null;
        if (!stopped) {
          retry = setTimeout(() => void listen().catch(() => {}), 2_000);
        }
      }
    });
    client.on("notification", (message) => {
      if (message.channel !== liveChannel || !message.payload) {
        return;
      }
      try {
        const parsed = JSON.parse(message.payload) as { origin?: unknown; event?: unknown };
        const event = inboxStreamEventSchema.safeParse(parsed.event);
        if (parsed.origin !== origin && event.success) {
          emitConversationEventHere(event.data);
        }
      } catch {
        // Not ours: another program on the same channel.
      }
    });
    await client.connect();
    await client.query(`listen ${liveChannel}`);
    listener = client;
  };

  await listen().catch((error: unknown) => {
    log.warn({ err: error }, "live relay could not listen; events of other instances arrive at refresh");
  });
  const stopRelaying = relayConversationEvents((event) => {
    deps.database.db
      // pg_notify with parameters: the payload is never spliced into the statement.
      .execute(sql`select pg_notify(${liveChannel}, ${JSON.stringify({ origin, event })})`)
      .catch((error: unknown) => log.warn({ err: error }, "live event not told to other instances"));
  });
  return async () => {
    stopped = true;
    clearTimeout(retry);
    stopRelaying();
    await listener?.end().catch(() => {});
    listener = null;
  };
}
