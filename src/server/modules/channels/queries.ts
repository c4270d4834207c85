import { and, asc, eq, isNull, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { channelHistory, channels, people, units } from "../../db/schema/index.ts";
import { errors } from "../../http/errors.ts";
import { withinScope } from "../org/policy.ts";
import { type ChannelPlatform, canonicalChannelKey } from "./canonical-url.ts";

import type { ChannelStatus } from "./service.ts";

export const channelLabel = { vi: "kênh", en: "Channel" };

/*
 * Reading the registry: channels as the API shows them, pages of a scope's channels, a channel's
 * history, a unit's website, and which official channel an address lies on.
 */

const responsible = alias(people, "responsible");
const verifier = alias(people, "verifier");

const channelView = {
  id: channels.id,
  unitId: channels.unitId,
  unitName: units.name,
  platform: channels.platform,
  key: channels.key,
  url: channels.url,
  displayName: channels.displayName,
  handle: channels.handle,
  platformId: channels.platformId,
  avatarUrl: channels.avatarUrl,
  responsiblePersonId: channels.responsiblePersonId,
  responsiblePersonName: responsible.fullName,
  status: channels.status,
  statusSince: channels.statusSince,
  verifiedBy: channels.verifiedBy,
  verifiedByName: verifier.fullName,
  verifiedAt: channels.verifiedAt,
  followerCount: channels.followerCount,
  followersCountedOn: channels.followersCountedOn,
  createdAt: channels.createdAt,
  updatedAt: channels.updatedAt,
};

function selectChannelView(db: Executor) {
  return db
    .select(channelView)
    .from(channels)
    .innerJoin(units, eq(units.id, channels.unitId))
    .leftJoin(responsible, eq(responsible.id, channels.responsiblePersonId))
    .leftJoin(verifier, eq(verifier.id, channels.verifiedBy));
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

function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, "\\$&")}%`;
}

/** Channels whose owner unit lies in the scope, filtered and searched (diacritics ignored). */
export async function listChannels(db: Executor, options: ListChannelsOptions) {
  const conditions: SQL[] = [withinScope(units.path, options.scope), isNull(channels.removedAt)];
  if (options.unitPath) {
    conditions.push(sql`${units.path} <@ ${options.unitPath}::ltree`);
  }
  if (options.platform) {
    conditions.push(eq(channels.platform, options.platform));
  }
  if (options.status) {
    conditions.push(eq(channels.status, options.status));
  }
  const folded = options.q ? foldForSearch(options.q) : "";
  if (folded) {
    conditions.push(
      sql`(${channels.searchKey} like ${likePattern(folded)} or ${channels.key} like ${likePattern(folded)})`,
    );
  }
  const where = and(...conditions);
  const items = await selectChannelView(db)
    .where(where)
    .orderBy(asc(units.path), asc(channels.displayName), asc(channels.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(channels)
    .innerJoin(units, eq(units.id, channels.unitId))
    .where(where);
  return { items, total: total?.count ?? 0 };
}

export type ChannelView = Awaited<ReturnType<typeof getChannel>>;

/** One channel of the registry, as the API shows it. */
export async function getChannel(db: Executor, channelId: string) {
  const [row] = await selectChannelView(db).where(
    and(eq(channels.id, channelId), isNull(channels.removedAt)),
  );
  if (!row) {
    throw errors.notFound(channelLabel);
  }
  return row;
}

const historyUnit = alias(units, "history_unit");
const historyFromUnit = alias(units, "history_from_unit");
const historyActor = alias(people, "history_actor");

/** The changes of a channel, newest last. */
export async function getChannelHistory(db: Executor, channelId: string) {
  return db
    .select({
      id: channelHistory.id,
      change: channelHistory.change,
      status: channelHistory.status,
      unitId: channelHistory.unitId,
      unitName: historyUnit.name,
      fromUnitId: channelHistory.fromUnitId,
      fromUnitName: historyFromUnit.name,
      details: channelHistory.details,
      actorId: channelHistory.actorId,
      actorName: historyActor.fullName,
      at: channelHistory.at,
    })
    .from(channelHistory)
    .leftJoin(historyUnit, eq(historyUnit.id, channelHistory.unitId))
    .leftJoin(historyFromUnit, eq(historyFromUnit.id, channelHistory.fromUnitId))
    .leftJoin(historyActor, eq(historyActor.id, channelHistory.actorId))
    .where(eq(channelHistory.channelId, channelId))
    .orderBy(asc(channelHistory.id));
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
 * The active registry channel an address lies on: the channel itself, or a page below it (a fanpage's
 * post, an article of an official website). Tried from the whole path up to the host, so the
 * deepest registered prefix wins; nothing is fetched.
 */
export async function officialChannelOfAddress(
  db: Executor,
  address: string,
): Promise<{ id: string; unitId: string; displayName: string; url: string } | null> {
  let parsed: URL;
  try {
    parsed = new URL(address.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return null;
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
  const keys = [
    ...new Set(
      candidates.flatMap((candidate) => {
        const result = canonicalChannelKey(candidate);
        return result.ok ? [result.channel.key] : [];
      }),
    ),
  ];
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
