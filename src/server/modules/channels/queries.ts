import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { containsPattern } from "../../db/like.ts";
import { channelHistory, channels } from "../../db/schema/index.ts";
import { errors } from "../../platform/errors.ts";
import { personNames, unitIdWithin, unitSummaries } from "../org/index.ts";
import { type ChannelPlatform, canonicalChannelKey } from "./canonical-url.ts";
import type { ChannelRow, ChannelStatus } from "./service.ts";
import { channelsInUnitOrder } from "./unit-order.ts";

export const channelLabel = { vi: "kênh", en: "Channel" };

/*
 * Reading the registry: channels as the API shows them, pages of a scope's channels, a channel's
 * history, a unit's website, and which official channel an address lies on.
 */

/** A channel as the API shows it: with its unit's name and the names of the people it mentions. */
export interface ChannelView {
  id: string;
  unitId: string;
  unitName: string;
  platform: ChannelRow["platform"];
  key: string;
  url: string;
  displayName: string;
  handle: string | null;
  platformId: string | null;
  avatarUrl: string | null;
  responsiblePersonId: string | null;
  responsiblePersonName: string | null;
  status: ChannelStatus;
  statusSince: Date;
  verifiedBy: string | null;
  verifiedByName: string | null;
  verifiedAt: Date | null;
  followerCount: number | null;
  followersCountedOn: string | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Views of channel rows, with the names of their units and people read in one batch each. */
async function channelViews(db: Executor, rows: ChannelRow[]): Promise<ChannelView[]> {
  const [unitsById, names] = await Promise.all([
    unitSummaries(
      db,
      rows.map((row) => row.unitId),
    ),
    personNames(
      db,
      rows.flatMap((row) => [row.responsiblePersonId, row.verifiedBy].filter((id) => id !== null)),
    ),
  ]);
  const nameOf = (personId: string | null) => (personId ? (names.get(personId) ?? null) : null);
  return rows.map((row) => ({
    id: row.id,
    unitId: row.unitId,
    unitName: unitsById.get(row.unitId)?.name ?? "",
    platform: row.platform,
    key: row.key,
    url: row.url,
    displayName: row.displayName,
    handle: row.handle,
    platformId: row.platformId,
    avatarUrl: row.avatarUrl,
    responsiblePersonId: row.responsiblePersonId,
    responsiblePersonName: nameOf(row.responsiblePersonId),
    status: row.status,
    statusSince: row.statusSince,
    verifiedBy: row.verifiedBy,
    verifiedByName: nameOf(row.verifiedBy),
    verifiedAt: row.verifiedAt,
    followerCount: row.followerCount,
    followersCountedOn: row.followersCountedOn,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  }));
}

export interface ListChannelsOptions {
  /** Unit paths the reader may see (owner unit's path must lie in one of them). */
  scope: readonly string[];
  /** Only channels of this unit's subtree. */
  unitPath?: string;
  platform?: ChannelPlatform;
  status?: ChannelStatus;
  q?: string;
  limit: number;
  offset: number;
}

/** Channels whose owner unit lies in the scope, filtered and searched (diacritics ignored). */
export async function listChannels(db: Executor, options: ListChannelsOptions) {
  const filters: SQL[] = [isNull(channels.removedAt)];
  if (options.platform) {
    filters.push(eq(channels.platform, options.platform));
  }
  if (options.status) {
    filters.push(eq(channels.status, options.status));
  }
  const folded = options.q ? foldForSearch(options.q) : "";
  if (folded) {
    filters.push(
      sql`(${channels.searchKey} like ${containsPattern(folded)} or ${channels.key} like ${containsPattern(folded)})`,
    );
  }
  const { rows, total } = await channelsInUnitOrder(db, {
    units: unitIdWithin(channels.unitId, options.scope, options.unitPath),
    filters,
    withinUnit: [asc(channels.displayName), asc(channels.id)],
    page: { limit: options.limit, offset: options.offset },
  });
  return { items: await channelViews(db, rows), total };
}

/** One channel of the registry, as the API shows it. */
export async function getChannel(db: Executor, channelId: string): Promise<ChannelView> {
  const rows = await db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), isNull(channels.removedAt)));
  const [view] = await channelViews(db, rows);
  if (!view) {
    throw errors.notFound(channelLabel);
  }
  return view;
}

/** The changes of a channel, newest last. */
export async function getChannelHistory(db: Executor, channelId: string) {
  const rows = await db
    .select()
    .from(channelHistory)
    .where(eq(channelHistory.channelId, channelId))
    .orderBy(asc(channelHistory.id));
  const [unitsById, actors] = await Promise.all([
    unitSummaries(
      db,
      rows.flatMap((row) => [row.unitId, row.fromUnitId].filter((id) => id !== null)),
    ),
    personNames(
      db,
      rows.flatMap((row) => (row.actorId ? [row.actorId] : [])),
    ),
  ]);
  return rows.map((row) => ({
    id: row.id,
    change: row.change,
    status: row.status,
    unitId: row.unitId,
    unitName: unitsById.get(row.unitId)?.name ?? null,
    fromUnitId: row.fromUnitId,
    fromUnitName: row.fromUnitId ? (unitsById.get(row.fromUnitId)?.name ?? null) : null,
    details: row.details,
    actorId: row.actorId,
    actorName: row.actorId ? (actors.get(row.actorId) ?? null) : null,
    at: row.at,
  }));
}

/** A unit's active official website in the registry (the portal exists only for units that have one). */
export async function activeWebsiteOf(
  db: Executor,
  unitId: string,
): Promise<{ url: string; displayName: string } | null> {
  const [row] = await db
    .select({ url: channels.url, displayName: channels.displayName })
    .from(channels)
    .where(
      and(
        eq(channels.unitId, unitId),
        eq(channels.platform, "website"),
        eq(channels.status, "active"),
        isNull(channels.removedAt),
      ),
    )
    .orderBy(asc(channels.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * The canonical keys an address could belong to, deepest first: the channel itself, or a page below it
 * (a fanpage's post, an article of an official website), tried from the whole path up to the host.
 * Empty when it is not a web link.
 */
export function keysOfAddress(address: string): string[] {
  let parsed: URL;
  try {
    parsed = new URL(address.trim());
  } catch {
    return [];
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return [];
  }
  const segments = parsed.pathname.split("/").filter(Boolean);
  const candidates: string[] = [];
  const numericId = parsed.searchParams.get("id");
  if (numericId && /^\d{5,25}$/.test(numericId)) {
    // Facebook's permalink.php?story_fbid=…&id=N and similar name the page by its number.
    candidates.push(`https://${parsed.host}/profile.php?id=${numericId}`);
  }
  for (let depth = segments.length; depth >= 0; depth--) {
    candidates.push(`https://${parsed.host}/${segments.slice(0, depth).join("/")}`);
  }
  return [
    ...new Set(
      candidates.flatMap((candidate) => {
        const result = canonicalChannelKey(candidate);
        return result.ok ? [result.channel.key] : [];
      }),
    ),
  ];
}

/**
 * The active registry channel an address lies on: the channel itself, or a page below it (a fanpage's
 * post, an article of an official website). Tried from the whole path up to the host, so the
 * deepest registered prefix wins; nothing is fetched.
 */
export async function officialChannelOfAddress(
  db: Executor,
  address: string,
): Promise<{ id: string; unitId: string; displayName: string; url: string } | null> {
  const keys = keysOfAddress(address);
  if (keys.length === 0) {
    return null;
  }
  const rows = await db
    .select({
      id: channels.id,
      unitId: channels.unitId,
      displayName: channels.displayName,
      url: channels.url,
      key: channels.key,
    })
    .from(channels)
    .where(
      and(
        sql`${channels.key} in (${sql.join(
          keys.map((key) => sql`${key}`),
          sql`, `,
        )})`,
        eq(channels.status, "active"),
        isNull(channels.removedAt),
      ),
    );
  const deepest = keys.map((key) => rows.find((row) => row.key === key)).find(Boolean);
  return deepest
    ? { id: deepest.id, unitId: deepest.unitId, displayName: deepest.displayName, url: deepest.url }
    : null;
}

/** The display names of channels by id (removed ones too: old records still name them). */
export async function channelNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({ id: channels.id, name: channels.displayName })
    .from(channels)
    .where(inArray(channels.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}
