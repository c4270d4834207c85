import { inArray } from "drizzle-orm";
import {
  blocksAutomaticPublishing,
  type ConnectionState,
  connectionStateOf,
  isConnectable,
} from "../../../shared/connection-state.ts";
import type { Executor } from "../../db/client.ts";
import { channelConnections } from "../../db/schema/index.ts";
import { channelsWithin, connectableChannels } from "../channels/index.ts";
import { publishingErrors } from "./errors.ts";
import type { VariantRow } from "./post-records.ts";

/*
 * Which channels need someone to connect them: the registry's Facebook Pages, Zalo OAs and YouTube
 * channels whose connection is missing, refused, expired or about to expire. The desk lists them so
 * that an administrator connects them before a post waits on them; scheduling refuses a variant whose
 * channel the scheduler could not publish to.
 */

type ConnectionRow = typeof channelConnections.$inferSelect;

function factsOf(row: ConnectionRow | undefined) {
  return row
    ? {
        status: row.status,
        statusReason: row.statusReason,
        tokenExpiresAt: row.tokenExpiresAt,
        renewsItself: row.refreshTokenSealed !== null && row.appSecretSealed !== null && row.appId !== null,
      }
    : null;
}

async function connectionRows(db: Executor, channelIds: readonly string[]) {
  if (channelIds.length === 0) {
    return new Map<string, ConnectionRow>();
  }
  const rows = await db
    .select()
    .from(channelConnections)
    .where(inArray(channelConnections.channelId, [...channelIds]));
  return new Map(rows.map((row) => [row.channelId, row]));
}

/** The state of a channel's connection (not_connected when it has none). */
export async function connectionStateOfChannel(db: Executor, channelId: string): Promise<ConnectionState> {
  return connectionStateOf(factsOf((await connectionRows(db, [channelId])).get(channelId)));
}

/** Order of the list: what already stops publishing first, what will soon, then nothing. */
const urgency: Record<ConnectionState, number> = {
  refused: 0,
  expired: 1,
  not_connected: 2,
  expiring: 3,
  connected: 4,
};

/** A page of the channels within the scope that need connecting, the most urgent first. */
export async function connectionsNeeded(
  db: Executor,
  scope: readonly string[],
  options: { unitPath?: string; limit: number; offset: number },
) {
  const channels = await connectableChannels(db, scope, options.unitPath);
  const rows = await connectionRows(
    db,
    channels.map((channel) => channel.id),
  );
  const now = new Date();
  const needing = channels
    .map((channel, order) => {
      const row = rows.get(channel.id);
      return { channel, order, row, state: connectionStateOf(factsOf(row), now) };
    })
    .filter((entry) => entry.state !== "connected")
    .sort((a, b) => urgency[a.state] - urgency[b.state] || a.order - b.order);
  return {
    items: needing.slice(options.offset, options.offset + options.limit).map(({ channel, row, state }) => ({
      channelId: channel.id,
      displayName: channel.displayName,
      platform: channel.platform,
      url: channel.url,
      unitId: channel.unitId,
      unitName: channel.unitName,
      state,
      tokenExpiresAt: row?.tokenExpiresAt ?? null,
    })),
    total: needing.length,
  };
}

/** The connection state of each channel asked for that the reader may see; null where none is needed. */
export async function connectionStates(
  db: Executor,
  scope: readonly string[],
  channelIds: readonly string[],
) {
  const channels = await channelsWithin(db, scope, channelIds);
  const rows = await connectionRows(
    db,
    channels.map((channel) => channel.id),
  );
  const now = new Date();
  return channels.map((channel) => ({
    channelId: channel.id,
    state: isConnectable(channel.platform) ? connectionStateOf(factsOf(rows.get(channel.id)), now) : null,
  }));
}

/**
 * Refuses to schedule a variant the scheduler could not publish: its channel is on a platform that
 * needs a connection, and the connection is missing, expired or refused. (Posting by hand and
 * recording the address stays open.)
 */
export async function refuseUnconnected(db: Executor, variant: Pick<VariantRow, "target" | "channelId">) {
  const state = await unconnectedState(db, variant);
  if (state) {
    throw publishingErrors.channelNotConnected({ state }, { connectionState: state });
  }
}

/**
 * Why the scheduler could not publish the variant now: the state of its channel's missing, expired or
 * refused connection, or null when nothing stands in the way (or its platform needs no connection).
 */
export async function unconnectedState(
  db: Executor,
  variant: Pick<VariantRow, "target" | "channelId">,
): Promise<"not_connected" | "expired" | "refused" | null> {
  if (!isConnectable(variant.target)) {
    return null;
  }
  const state = await connectionStateOfChannel(db, variant.channelId);
  return blocksAutomaticPublishing(state) ? state : null;
}
