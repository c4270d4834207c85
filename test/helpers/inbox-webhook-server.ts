import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { type Database, openDatabase, queryRows } from "../../src/server/db/client.ts";
import { channelConnections } from "../../src/server/db/schema/index.ts";
import { type ServerProcess, type ServerStorage, signInOver, startServerProcess } from "./server-process.ts";

/*
 * A real server process (src/server/main.ts) with the Facebook webhook configured and one page
 * connected to a registry channel, for the kill -9 test and the ingest bench. The connection row is
 * written straight into the database (connecting a page for real goes through Meta's OAuth), while the
 * server is stopped: the embedded engine's directory has one user at a time.
 */

export const webhookSecrets = {
  FACEBOOK_APP_SECRET: `app-secret-${randomBytes(6).toString("hex")}`,
  FACEBOOK_VERIFY_TOKEN: "verify-token",
};

/** Opens the storage's database from this process (the server must be stopped on PGlite). */
export function openStorage(storage: ServerStorage): Promise<Database> {
  const url = storage.env.DATABASE_URL;
  return url ? openDatabase({ url, poolSize: 2 }) : openDatabase({ dataDir: storage.env.DATA_DIR });
}

export interface InboxServer {
  server: ServerProcess;
  env: Record<string, string>;
  pageId: string;
  channelId: string;
}

/** Starts the server, registers a page channel, connects it to `pageId`, and starts the server again. */
export async function startInboxServer(storage: ServerStorage, pageId: string): Promise<InboxServer> {
  const adminEmail = "quantri@caunoi.test";
  const adminPassword = `mat-khau-${randomBytes(6).toString("hex")}`;
  const env = {
    CAUNOI_ADMIN_EMAIL: adminEmail,
    CAUNOI_ADMIN_PASSWORD: adminPassword,
    CAUNOI_SECRET_KEY: randomBytes(32).toString("base64"),
    ...webhookSecrets,
  };
  let server = await startServerProcess({ storage, env });
  const api = await signInOver(server.url, adminEmail, adminPassword);
  const session = (await api("GET", "/api/auth/session")).json();
  const unitId: string = session.grants[0].unitId;
  const channel = await api("POST", "/api/channels", {
    unitId,
    platform: "facebook_page",
    url: `https://www.facebook.com/trang-${pageId}`,
    displayName: "Trang thông tin UBND",
  });
  if (channel.status !== 201) {
    throw new Error(`channel not registered: ${channel.status} ${channel.text}`);
  }
  const channelId: string = channel.json().id;
  await server.stop();
  const database = await openStorage(storage);
  try {
    await database.db
      .insert(channelConnections)
      .values({ channelId, connector: "facebook_page", accountId: pageId });
  } finally {
    await database.close();
  }
  server = await startServerProcess({ storage, env });
  return { server, env, pageId, channelId };
}

export interface IngestCounts {
  /** Deliveries stored and not yet processed. */
  waiting: number;
  /** Messages of the channel, and how many distinct platform ids among them. */
  messages: number;
  distinct: number;
}

export async function ingestCounts(database: Database, channelId: string): Promise<IngestCounts> {
  const [deliveries] = await queryRows<{ waiting: string }>(
    database.db,
    sql`select count(*) as waiting from inbox_deliveries where processed_at is null`,
  );
  const [messages] = await queryRows<{ messages: string; distinct: string }>(
    database.db,
    sql`select count(*) as messages, count(distinct external_id) as distinct from inbox_messages where channel_key = ${channelId}`,
  );
  return {
    waiting: Number(deliveries?.waiting ?? 0),
    messages: Number(messages?.messages ?? 0),
    distinct: Number(messages?.distinct ?? 0),
  };
}

/**
 * Waits until the server has processed every stored delivery, and returns the counts. On PostgreSQL it
 * watches from here while the server runs; on PGlite it stops the server to look, and starts it again
 * while work remains. Returns the server running (possibly a new process).
 */
export async function drained(
  storage: ServerStorage,
  inbox: InboxServer,
  timeoutMs = 120_000,
): Promise<{ counts: IngestCounts; server: ServerProcess }> {
  const deadline = Date.now() + timeoutMs;
  let server = inbox.server;
  if (storage.env.DATABASE_URL) {
    const database = await openStorage(storage);
    try {
      for (;;) {
        const counts = await ingestCounts(database, inbox.channelId);
        if (counts.waiting === 0 || Date.now() > deadline) {
          return { counts, server };
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    } finally {
      await database.close();
    }
  }
  for (;;) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await server.stop();
    const database = await openStorage(storage);
    let counts: IngestCounts;
    try {
      counts = await ingestCounts(database, inbox.channelId);
    } finally {
      await database.close();
    }
    server = await startServerProcess({ storage, env: inbox.env });
    if (counts.waiting === 0 || Date.now() > deadline) {
      return { counts, server };
    }
  }
}
