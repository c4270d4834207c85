import { and, asc, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { channels } from "../../db/schema/index.ts";
import { unitSummaries } from "../org/index.ts";
import type { ChannelPlatform } from "./canonical-url.ts";

export interface RegistrySnapshotEntry {
  id: string;
  platform: ChannelPlatform;
  key: string;
  url: string;
  displayName: string;
  handle: string | null;
  avatarUrl: string | null;
  unitId: string;
  unitName: string;
}

/**
 * Every active channel of the registry with its unit's name, for the verification desk's look-alike
 * scoring, which keeps its own in-memory index of them (see registryGeneration for when to rebuild it).
 */
export async function activeRegistrySnapshot(db: Executor): Promise<RegistrySnapshotEntry[]> {
  const rows = await db
    .select({
      id: channels.id,
      platform: channels.platform,
      key: channels.key,
      url: channels.url,
      displayName: channels.displayName,
      handle: channels.handle,
      avatarUrl: channels.avatarUrl,
      unitId: channels.unitId,
    })
    .from(channels)
    .where(and(eq(channels.status, "active"), isNull(channels.removedAt)))
    .orderBy(asc(channels.createdAt));
  const units = await unitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  return rows.map((row) => ({ ...row, unitName: units.get(row.unitId)?.name ?? "" }));
}
