import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { channelConnections } from "../../db/schema/index.ts";
import { type ConnectionOptions, connectionForPublish, type PublishConnection } from "./connections.ts";

/*
 * What the inbox needs of the channel connections publishing owns: which registry channel a webhook's
 * page or OA id belongs to, and the connection (token opened in memory) to answer through.
 */

/** The registry channel connected to this Facebook Page id or Zalo OA id, or null. */
export async function channelOfConnectedAccount(
  db: Executor,
  connector: "facebook_page" | "zalo_oa",
  accountId: string,
): Promise<{ channelId: string; status: "connected" | "needs_reconnect" } | null> {
  const [row] = await db
    .select({ channelId: channelConnections.channelId, status: channelConnections.status })
    .from(channelConnections)
    .where(and(eq(channelConnections.connector, connector), eq(channelConnections.accountId, accountId)))
    .limit(1);
  return row ?? null;
}

/** The channel's connection with its token opened (a Zalo token near expiry renewed first), or null. */
export async function connectionForReply(
  db: Executor,
  channelId: string,
  options: ConnectionOptions,
): Promise<PublishConnection | null> {
  return connectionForPublish(db, channelId, options);
}
