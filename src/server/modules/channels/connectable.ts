import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import { type ConnectablePlatform, connectablePlatforms } from "../../../shared/connection-state.ts";
import type { Executor } from "../../db/client.ts";
import { channels } from "../../db/schema/index.ts";
import { unitIdWithin, unitSummaries } from "../org/index.ts";
import { channelsInUnitOrder } from "./unit-order.ts";

/*
 * The registry's side of "which channels need connecting": the active channels on a platform that
 * publishing connects to, in the registry's order. Publishing owns the connections and puts the two
 * together; the registry knows nothing of tokens.
 */

export interface ConnectableChannel {
  id: string;
  unitId: string;
  unitName: string;
  unitPath: string;
  platform: ConnectablePlatform;
  displayName: string;
  url: string;
}

/** Every active Facebook Page, Zalo OA and YouTube channel of the units within the scope (and under `unitPath`). */
export async function connectableChannels(
  db: Executor,
  scope: readonly string[],
  unitPath?: string,
): Promise<ConnectableChannel[]> {
  const { rows } = await channelsInUnitOrder(db, {
    units: unitIdWithin(channels.unitId, scope, unitPath),
    filters: [
      isNull(channels.removedAt),
      eq(channels.status, "active"),
      inArray(channels.platform, [...connectablePlatforms]),
    ],
    withinUnit: [asc(channels.displayName), asc(channels.id)],
  });
  return withUnits(db, rows);
}

/** The channels asked for that lie within the scope, whatever their platform or status. */
export async function channelsWithin(
  db: Executor,
  scope: readonly string[],
  channelIds: readonly string[],
): Promise<{ id: string; platform: string }[]> {
  if (channelIds.length === 0) {
    return [];
  }
  return db
    .select({ id: channels.id, platform: channels.platform })
    .from(channels)
    .where(
      and(
        inArray(channels.id, [...channelIds]),
        isNull(channels.removedAt),
        unitIdWithin(channels.unitId, scope),
      ),
    );
}

async function withUnits(
  db: Executor,
  rows: (typeof channels.$inferSelect)[],
): Promise<ConnectableChannel[]> {
  const units = await unitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unitId,
    unitName: units.get(row.unitId)?.name ?? "",
    unitPath: units.get(row.unitId)?.path ?? "",
    platform: row.platform as ConnectablePlatform,
    displayName: row.displayName,
    url: row.url,
  }));
}
