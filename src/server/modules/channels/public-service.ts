import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { toCsv } from "../../../shared/csv.ts";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { containsPattern } from "../../db/like.ts";
import { channels } from "../../db/schema/index.ts";
import { errors } from "../../platform/errors.ts";
import {
  requireUnitSummary,
  rollUpToChildUnits,
  type UnitLineage,
  type UnitTotal,
  unitIdNameLike,
  unitIdWithin,
  unitLineages,
  unitSummaries,
} from "../org/index.ts";
import { type ChannelPlatform, canonicalChannelKey } from "./canonical-url.ts";
import { channelErrors } from "./errors.ts";
import { impersonatedChannelOfKey } from "./impersonations.ts";
import { lookupCacheFor } from "./lookup-cache.ts";
import type { LookupAnswer, PublicChannel } from "./schema.ts";
import { channelsInUnitOrder } from "./unit-order.ts";

const unitLabel = { vi: "đơn vị", en: "Unit" };

const publicChannelFields = {
  id: channels.id,
  platform: channels.platform,
  url: channels.url,
  displayName: channels.displayName,
  handle: channels.handle,
  avatarUrl: channels.avatarUrl,
  status: channels.status,
  statusSince: channels.statusSince,
  unitId: channels.unitId,
};

type PublicChannelRow = {
  id: string;
  platform: PublicChannel["platform"];
  url: string;
  displayName: string;
  handle: string | null;
  avatarUrl: string | null;
  status: PublicChannel["status"];
  statusSince: Date;
  unitId: string;
};

/** Public views of channel rows, with each unit's name and ancestors read in one batch (unless known). */
async function toPublicChannels(
  db: Executor,
  rows: PublicChannelRow[],
  knownLineages?: ReadonlyMap<string, UnitLineage>,
): Promise<PublicChannel[]> {
  const lineages =
    knownLineages ??
    (await unitLineages(
      db,
      rows.map((row) => row.unitId),
    ));
  return rows.map((row) => {
    const unit = lineages.get(row.unitId);
    return {
      id: row.id,
      platform: row.platform,
      url: row.url,
      displayName: row.displayName,
      handle: row.handle,
      avatarUrl: row.avatarUrl,
      status: row.status,
      since: row.statusSince instanceof Date ? row.statusSince : new Date(row.statusSince),
      unit: { id: row.unitId, name: unit?.name ?? "", path: unit?.pathNames ?? [] },
    };
  });
}

function selectPublicChannels(db: Executor) {
  return db.select(publicChannelFields).from(channels);
}

function prepareKeyLookup(db: Executor) {
  return selectPublicChannels(db)
    .where(and(eq(channels.key, sql.placeholder("key")), isNull(channels.removedAt)))
    .prepare("channel_lookup_by_key");
}

/** The lookup runs on every citizen's check: prepared once per database handle, so it is not re-planned. */
const keyLookups = new WeakMap<object, ReturnType<typeof prepareKeyLookup>>();

function keyLookupFor(db: Executor): ReturnType<typeof prepareKeyLookup> {
  let prepared = keyLookups.get(db);
  if (!prepared) {
    prepared = prepareKeyLookup(db);
    keyLookups.set(db, prepared);
  }
  return prepared;
}

/** What the registry says about a canonical key, cached briefly in this process. */
async function answerForKey(db: Executor, key: string, platform: ChannelPlatform): Promise<LookupAnswer> {
  const cache = lookupCacheFor<LookupAnswer>(db);
  const cached = cache.get(key);
  if (cached) {
    return cached;
  }
  const rows = (await keyLookupFor(db).execute({ key })) as PublicChannelRow[];
  const [channel] = await toPublicChannels(db, rows);
  const answer: LookupAnswer = channel
    ? {
        status: channel.status === "active" ? "official" : "formerly_official",
        canonicalKey: key,
        platform: channel.platform,
        channel,
      }
    : await impersonationAnswer(db, key, platform);
  cache.set(key, answer);
  return answer;
}

/** "impersonation" naming the real channel when the desk confirmed the key as a fake, else "unknown". */
async function impersonationAnswer(
  db: Executor,
  key: string,
  platform: ChannelPlatform,
): Promise<LookupAnswer> {
  const realId = await impersonatedChannelOfKey(db, key);
  if (!realId) {
    return { status: "unknown", canonicalKey: key, platform };
  }
  const rows = await selectPublicChannels(db).where(and(eq(channels.id, realId), isNull(channels.removedAt)));
  const [real] = await toPublicChannels(db, rows);
  return { status: "impersonation", canonicalKey: key, platform, ...(real ? { channel: real } : {}) };
}

/**
 * "Is this page official?": official (active in the registry), formerly official (closed, or its
 * unit lost control of it), or unknown. An address that is not a link at all is a 400; one that
 * names no channel (a share link, a single post) is "unknown" with the reason, so the page can explain.
 */
export async function lookupChannel(db: Executor, url: string): Promise<LookupAnswer> {
  const result = canonicalChannelKey(url);
  if (!result.ok) {
    if (result.code === "url.invalid") {
      throw channelErrors.linkInvalid({ refusal: result.messages });
    }
    return { status: "unknown", reason: { code: result.code, messages: result.messages } };
  }
  return answerForKey(db, result.channel.key, result.channel.platform);
}

export interface PublicDirectoryOptions {
  q?: string;
  unitId?: string;
  platform?: ChannelPlatform;
  page?: number;
  pageSize?: number;
}

/** Active official channels, searched by channel or unit name ignoring diacritics, optionally in a subtree. */
export async function searchPublicDirectory(db: Executor, options: PublicDirectoryOptions) {
  const pageSize = Math.min(100, Math.max(1, options.pageSize ?? 20));
  const page = Math.max(1, options.page ?? 1);
  const filters: SQL[] = [eq(channels.status, "active"), isNull(channels.removedAt)];
  const subtree = options.unitId ? (await requireUnitSummary(db, options.unitId)).path : null;
  if (options.platform) {
    filters.push(eq(channels.platform, options.platform));
  }
  const folded = options.q ? foldForSearch(options.q) : "";
  if (folded) {
    const pattern = containsPattern(folded);
    filters.push(sql`(${channels.searchKey} like ${pattern} or ${unitIdNameLike(channels.unitId, pattern)})`);
  }
  const { rows, total } = await channelsInUnitOrder(db, {
    ...(subtree ? { units: unitIdWithin(channels.unitId, [subtree]) } : {}),
    filters,
    withinUnit: [asc(channels.displayName), asc(channels.id)],
    page: { limit: pageSize, offset: (page - 1) * pageSize },
  });
  return { items: await toPublicChannels(db, rows), total, page, pageSize };
}

interface UnitWithCount {
  id: string;
  name: string;
  channelCount: number;
}

/** Units (children of `parent`, or the roots) that have active channels somewhere below them. */
async function unitsWithChannels(
  db: Executor,
  parent: { id: string; path: string } | null,
): Promise<UnitWithCount[]> {
  const conditions: SQL[] = [eq(channels.status, "active"), isNull(channels.removedAt)];
  if (parent) {
    conditions.push(unitIdWithin(channels.unitId, [parent.path]));
  }
  const perUnit = await db
    .select({ unitId: channels.unitId, count: sql<number>`count(*)::int` })
    .from(channels)
    .where(and(...conditions))
    .groupBy(channels.unitId);
  const totals: UnitTotal[] = await rollUpToChildUnits(
    db,
    parent?.id ?? null,
    new Map(perUnit.map((row) => [row.unitId, Number(row.count)])),
  );
  return totals
    .map((unit) => ({ id: unit.id, name: unit.name, channelCount: unit.total }))
    .filter((unit) => unit.channelCount > 0);
}

/** The top units of every tree that has official channels, for the first page of the directory. */
export async function publicDirectoryRoots(db: Executor): Promise<UnitWithCount[]> {
  return unitsWithChannels(db, null);
}

/** One unit of the directory: its own active channels and the child units that have some. */
export async function publicUnitChannels(db: Executor, unitId: string) {
  const lineages = await unitLineages(db, [unitId]);
  const unit = lineages.get(unitId);
  if (!unit) {
    throw errors.notFound(unitLabel);
  }
  const rows = await selectPublicChannels(db)
    .where(and(eq(channels.unitId, unitId), eq(channels.status, "active"), isNull(channels.removedAt)))
    .orderBy(asc(channels.platform), asc(channels.displayName));
  return {
    unit: { id: unit.id, name: unit.name, path: unit.pathNames },
    channels: await toPublicChannels(db, rows, lineages),
    children: await unitsWithChannels(db, unit),
  };
}

/** A unit's own active official channels, as its portal lists them for readers to follow. */
export async function officialChannelsOfUnit(db: Executor, unitId: string) {
  return selectPublicChannels(db)
    .where(and(eq(channels.unitId, unitId), eq(channels.status, "active"), isNull(channels.removedAt)))
    .orderBy(asc(channels.platform), asc(channels.displayName));
}

/** Which of these units have an active official website, hence a portal of their own. */
export async function unitsWithActiveWebsite(db: Executor, unitIds: readonly string[]): Promise<Set<string>> {
  if (unitIds.length === 0) {
    return new Set();
  }
  const rows = await db
    .selectDistinct({ unitId: channels.unitId })
    .from(channels)
    .where(
      and(
        inArray(channels.unitId, [...new Set(unitIds)]),
        eq(channels.platform, "website"),
        eq(channels.status, "active"),
        isNull(channels.removedAt),
      ),
    );
  return new Set(rows.map((row) => row.unitId));
}

/**
 * The address of each unit's trang tin among these, for units that publish one: a unit with an active
 * official website in the registry (this module's own record) has its site at /u/<unit code>, served by
 * the portal module, which depends on channels for that fact (never the reverse).
 */
export async function unitSiteAddresses(
  db: Executor,
  unitIds: readonly string[],
): Promise<Map<string, string>> {
  const units = await unitSummaries(db, [...(await unitsWithActiveWebsite(db, unitIds))]);
  return new Map(
    [...units.values()]
      .filter((unit) => unit.status === "active")
      .map((unit) => [unit.id, `/u/${encodeURIComponent(unit.code)}`]),
  );
}

/** Every active official channel, for the CSV and JSON exports of the directory. */
export async function directoryExport(db: Executor) {
  const { rows } = await channelsInUnitOrder(db, {
    filters: [eq(channels.status, "active"), isNull(channels.removedAt)],
    withinUnit: [asc(channels.platform), asc(channels.displayName)],
  });
  return (await toPublicChannels(db, rows)).map((channel) => ({
    unit: channel.unit.name,
    unitPath: channel.unit.path,
    platform: channel.platform,
    name: channel.displayName,
    url: channel.url,
    since: channel.since.toISOString(),
  }));
}

/** The directory as CSV (UTF-8 with BOM so Excel shows Vietnamese correctly). */
export function directoryCsv(entries: Awaited<ReturnType<typeof directoryExport>>): string {
  return toCsv(
    ["Đơn vị", "Thuộc", "Nền tảng", "Tên kênh", "Địa chỉ", "Chính thức từ"],
    entries.map((entry) => [
      entry.unit,
      entry.unitPath.slice(0, -1).join(" › "),
      entry.platform,
      entry.name,
      entry.url,
      entry.since,
    ]),
  );
}
