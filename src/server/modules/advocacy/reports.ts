import { and, count, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { vietnamTimeOn, vietnamToday } from "../../../shared/vietnam-time.ts";
import { type Executor, queryRows } from "../../db/client.ts";
import { kitShares, linkHits, shareKits, shareLinks } from "../../db/schema/index.ts";
import { isWithin } from "../../platform/actor.ts";
import { countSubtreePeopleOf, personSummaries, unitSummaries } from "../org/index.ts";
import { type CampaignRow, campaignViews, campaignWindow, followerCounts } from "./campaigns.ts";
import { advocacyErrors } from "./errors.ts";
import { allHits, hitsOfKind } from "./hit-counts.ts";
import type { CampaignReport, KitReport } from "./schema.ts";
import type { KitRow } from "./service.ts";

/*
 * Click reports of kits and campaigns. Days are Vietnamese calendar days. Unique visitors are counted
 * per day (the salt that links a visitor's hits changes every day), and summed over the days.
 */

const maxReportDays = 400;
/** A hit's Vietnamese calendar day (UTC+7, no daylight saving), whatever the session's time zone. */
const hitDay = sql<string>`to_char((${linkHits.at} at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD')`;
const shareDay = sql<string>`to_char((${kitShares.sharedAt} at time zone 'UTC') + interval '7 hours', 'YYYY-MM-DD')`;

function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let at = Date.parse(`${from}T00:00:00Z`); at <= Date.parse(`${to}T00:00:00Z`); at += 86_400_000) {
    days.push(new Date(at).toISOString().slice(0, 10));
  }
  return days;
}

/** A report period of whole days, checked and bounded. */
function period(from: string, to: string): { from: string; to: string; start: Date; end: Date } {
  if (from > to) {
    throw advocacyErrors.periodReversed();
  }
  if (daysBetween(from, to).length > maxReportDays) {
    throw advocacyErrors.periodTooLong({ maxDays: maxReportDays });
  }
  return { from, to, start: vietnamTimeOn(from, 0), end: vietnamTimeOn(to, 0, 1) };
}

function within(column: SQL | AnyPgColumn, range: { start: Date; end: Date }): SQL {
  return sql`${column} >= ${range.start.toISOString()} and ${column} < ${range.end.toISOString()}`;
}

interface HitFigures {
  clicks: number;
  previews: number;
  bots: number;
  uniqueVisitors: number;
}

/** Clicks, previews, bots and daily-unique visitors of some kits over a period, with the by-day series. */
async function hitFigures(db: Executor, kitIds: readonly string[], range: { start: Date; end: Date }) {
  if (kitIds.length === 0) {
    return {
      totals: { clicks: 0, previews: 0, bots: 0, uniqueVisitors: 0 },
      byDay: new Map<string, HitFigures>(),
    };
  }
  const rows = await db
    .select({
      day: hitDay,
      clicks: hitsOfKind("click"),
      previews: hitsOfKind("preview"),
      bots: hitsOfKind("bot"),
      uniqueVisitors: sql<number>`count(distinct ${linkHits.visitorHash}) filter (where ${linkHits.kind} = 'click')::int`,
    })
    .from(linkHits)
    .where(and(inArray(linkHits.kitId, [...kitIds]), within(linkHits.at, range)))
    .groupBy(hitDay);
  const byDay = new Map<string, HitFigures>();
  const totals = { clicks: 0, previews: 0, bots: 0, uniqueVisitors: 0 };
  for (const row of rows) {
    const figures = {
      clicks: Number(row.clicks),
      previews: Number(row.previews),
      bots: Number(row.bots),
      uniqueVisitors: Number(row.uniqueVisitors),
    };
    byDay.set(row.day, figures);
    totals.clicks += figures.clicks;
    totals.previews += figures.previews;
    totals.bots += figures.bots;
    totals.uniqueVisitors += figures.uniqueVisitors;
  }
  return { totals, byDay };
}

/** Clicks and previews by the unit of the member whose link it was. */
async function hitsByUnit(db: Executor, kitIds: readonly string[], range: { start: Date; end: Date }) {
  if (kitIds.length === 0) {
    return [];
  }
  return db
    .select({
      unitId: linkHits.unitId,
      clicks: hitsOfKind("click"),
      previews: hitsOfKind("preview"),
    })
    .from(linkHits)
    .where(and(inArray(linkHits.kitId, [...kitIds]), within(linkHits.at, range)))
    .groupBy(linkHits.unitId);
}

async function sharesOf(db: Executor, kitIds: readonly string[], range: { start: Date; end: Date }) {
  if (kitIds.length === 0) {
    return { byUnit: new Map<string, number>(), byDay: new Map<string, number>(), total: 0 };
  }
  const where = and(inArray(kitShares.kitId, [...kitIds]), within(kitShares.sharedAt, range));
  const [units, days] = await Promise.all([
    db
      .select({ unitId: kitShares.unitId, total: count() })
      .from(kitShares)
      .where(where)
      .groupBy(kitShares.unitId),
    db.select({ day: shareDay, total: count() }).from(kitShares).where(where).groupBy(shareDay),
  ]);
  const byUnit = new Map(units.map((row) => [row.unitId, Number(row.total)]));
  return {
    byUnit,
    byDay: new Map(days.map((row) => [row.day, Number(row.total)])),
    total: [...byUnit.values()].reduce((sum, value) => sum + value, 0),
  };
}

/** A kit's report over `from`–`to` (default: from the kit's first day to today). */
export async function kitReport(
  db: Executor,
  kit: KitRow,
  options: { from?: string | undefined; to?: string | undefined },
): Promise<KitReport> {
  const range = period(options.from ?? vietnamToday(kit.createdAt), options.to ?? vietnamToday());
  const ids = [kit.id];
  const [figures, units, shares, referrers, devices, [links]] = await Promise.all([
    hitFigures(db, ids, range),
    hitsByUnit(db, ids, range),
    sharesOf(db, ids, range),
    db
      .select({ domain: sql<string>`coalesce(${linkHits.referrerDomain}, '')`, clicks: allHits })
      .from(linkHits)
      .where(and(eq(linkHits.kitId, kit.id), eq(linkHits.kind, "click"), within(linkHits.at, range)))
      .groupBy(sql`coalesce(${linkHits.referrerDomain}, '')`)
      .orderBy(sql`2 desc`)
      .limit(20),
    db
      .select({ device: linkHits.device, clicks: allHits })
      .from(linkHits)
      .where(and(eq(linkHits.kitId, kit.id), eq(linkHits.kind, "click"), within(linkHits.at, range)))
      .groupBy(linkHits.device)
      .orderBy(sql`2 desc`),
    db.select({ total: count() }).from(shareLinks).where(eq(shareLinks.kitId, kit.id)),
  ]);
  const unitIds = [...new Set([...units.map((row) => row.unitId), ...shares.byUnit.keys()])];
  const names = await unitSummaries(db, unitIds);
  const hitsOfUnit = new Map(units.map((row) => [row.unitId, row]));
  return {
    kitId: kit.id,
    title: kit.title,
    from: range.from,
    to: range.to,
    totals: { ...figures.totals, shares: shares.total, links: Number(links?.total ?? 0) },
    byDay: daysBetween(range.from, range.to).map((day) => ({
      day,
      clicks: figures.byDay.get(day)?.clicks ?? 0,
      previews: figures.byDay.get(day)?.previews ?? 0,
    })),
    byUnit: unitIds
      .map((unitId) => ({
        unitId,
        unitName: names.get(unitId)?.name ?? "",
        clicks: Number(hitsOfUnit.get(unitId)?.clicks ?? 0),
        previews: Number(hitsOfUnit.get(unitId)?.previews ?? 0),
        shares: shares.byUnit.get(unitId) ?? 0,
      }))
      .sort(
        (a, b) => b.clicks - a.clicks || b.shares - a.shares || a.unitName.localeCompare(b.unitName, "vi"),
      ),
    byReferrer: referrers.map((row) => ({ domain: row.domain, clicks: Number(row.clicks) })),
    byDevice: devices.map((row) => ({ device: row.device, clicks: Number(row.clicks) })),
  };
}

/** 1, 2, 2, 4: equal values share a rank. */
function ranks(values: number[]): number[] {
  const sorted = [...values].sort((a, b) => b - a);
  return values.map((value) => sorted.indexOf(value) + 1);
}

/** A campaign's report over its period: totals, days, the leaderboard of units, and the members who opted in. */
export async function campaignReport(db: Executor, campaign: CampaignRow): Promise<CampaignReport> {
  const window = campaignWindow(campaign);
  const range = { start: window.from, end: window.to };
  const kits = await db
    .select({ id: shareKits.id, title: shareKits.title })
    .from(shareKits)
    .where(eq(shareKits.campaignId, campaign.id));
  const kitIds = kits.map((kit) => kit.id);
  const [[view], figures, units, shares, followers] = await Promise.all([
    campaignViews(db, [campaign]),
    hitFigures(db, kitIds, range),
    hitsByUnit(db, kitIds, range),
    sharesOf(db, kitIds, range),
    followerCounts(db, campaign.id),
  ]);
  if (!view) {
    throw new Error("campaign view missing");
  }
  // Each participating unit counts its whole subtree: members' units are matched to it by path.
  const [known, memberCounts] = await Promise.all([
    unitSummaries(db, [...campaign.unitIds, ...units.map((row) => row.unitId), ...shares.byUnit.keys()]),
    countSubtreePeopleOf(db, campaign.unitIds),
  ]);
  const board = campaign.unitIds.map((unitId) => {
    const unit = known.get(unitId);
    const inside = (memberUnitId: string) => {
      const memberPath = known.get(memberUnitId)?.path;
      return Boolean(unit && memberPath && isWithin(memberPath, unit.path));
    };
    const clicks = units
      .filter((row) => inside(row.unitId))
      .reduce((sum, row) => sum + Number(row.clicks), 0);
    const unitShares = [...shares.byUnit]
      .filter(([id]) => inside(id))
      .reduce((sum, [, value]) => sum + value, 0);
    const members = memberCounts.get(unitId) ?? 0;
    const total = campaign.goalKind === "shares" ? unitShares : clicks;
    return {
      unitId,
      unitName: unit?.name ?? "",
      members,
      clicks,
      shares: unitShares,
      total,
      perMember: members > 0 ? total / members : 0,
    };
  });
  const byTotal = ranks(board.map((row) => row.total));
  const byPerMember = ranks(board.map((row) => row.perMember));
  const leaderboard = board
    .map((row, index) => ({
      ...row,
      perMember: Math.round(row.perMember * 1000) / 1000,
      rankByTotal: byTotal[index] ?? 0,
      rankByPerMember: byPerMember[index] ?? 0,
    }))
    .sort((a, b) => a.rankByTotal - b.rankByTotal || a.unitName.localeCompare(b.unitName, "vi"));

  const people = await optedInPeople(db, kitIds, range);
  const perKit = await kitFigures(db, kitIds, range);
  return {
    campaign: view,
    totals: { ...figures.totals, shares: shares.total },
    byDay: daysBetween(campaign.startsOn, campaign.endsOn).map((day) => ({
      day,
      clicks: figures.byDay.get(day)?.clicks ?? 0,
      previews: figures.byDay.get(day)?.previews ?? 0,
      shares: shares.byDay.get(day) ?? 0,
    })),
    leaderboard,
    people,
    followers,
    kits: kits.map((kit) => ({
      id: kit.id,
      title: kit.title,
      ...(perKit.get(kit.id) ?? { clicks: 0, previews: 0, shares: 0 }),
    })),
  };
}

/** Members who opted in to be named, with their clicks and shares on the campaign's kits; nobody else. */
async function optedInPeople(db: Executor, kitIds: readonly string[], range: { start: Date; end: Date }) {
  if (kitIds.length === 0) {
    return [];
  }
  const kitList = sql.join(
    kitIds.map((id) => sql`${id}::uuid`),
    sql`, `,
  );
  const rows = await queryRows<{ person_id: string; clicks: number; shares: number }>(
    db,
    sql`
    with clicks as (
      select l.person_id, sum(h.hits)::int as clicks
      from link_hits h join share_links l on l.id = h.link_id
      where h.kit_id in (${kitList}) and h.kind = 'click' and ${within(sql`h.at`, range)}
      group by l.person_id),
    shares as (
      select person_id, count(*)::int as shares from kit_shares
      where kit_id in (${kitList}) and ${within(sql`shared_at`, range)}
      group by person_id)
    select c.person_id, coalesce(cl.clicks, 0) as clicks, coalesce(s.shares, 0) as shares
    from ranking_consents c
    left join clicks cl on cl.person_id = c.person_id
    left join shares s on s.person_id = c.person_id
    where cl.person_id is not null or s.person_id is not null
    order by coalesce(cl.clicks, 0) + coalesce(s.shares, 0) desc
    limit 100`,
  );
  const names = await personSummaries(
    db,
    rows.map((row) => row.person_id),
  );
  return rows.flatMap((row) => {
    const person = names.get(row.person_id);
    return person
      ? [
          {
            personId: person.id,
            fullName: person.fullName,
            unitName: person.unitName,
            clicks: Number(row.clicks),
            shares: Number(row.shares),
          },
        ]
      : [];
  });
}

/** Clicks, previews and members' shares of each kit, within `range` or ever; zeros for kits without any. */
export async function kitFigures(
  db: Executor,
  kitIds: readonly string[],
  range?: { start: Date; end: Date },
) {
  const figures = new Map<string, { clicks: number; previews: number; shares: number }>();
  if (kitIds.length === 0) {
    return figures;
  }
  const [hits, shares] = await Promise.all([
    db
      .select({
        kitId: linkHits.kitId,
        clicks: hitsOfKind("click"),
        previews: hitsOfKind("preview"),
      })
      .from(linkHits)
      .where(and(inArray(linkHits.kitId, [...kitIds]), range ? within(linkHits.at, range) : undefined))
      .groupBy(linkHits.kitId),
    db
      .select({ kitId: kitShares.kitId, total: count() })
      .from(kitShares)
      .where(
        and(inArray(kitShares.kitId, [...kitIds]), range ? within(kitShares.sharedAt, range) : undefined),
      )
      .groupBy(kitShares.kitId),
  ]);
  for (const id of kitIds) {
    figures.set(id, { clicks: 0, previews: 0, shares: 0 });
  }
  for (const row of hits) {
    const entry = figures.get(row.kitId);
    if (entry) {
      entry.clicks = Number(row.clicks);
      entry.previews = Number(row.previews);
    }
  }
  for (const row of shares) {
    const entry = figures.get(row.kitId);
    if (entry) {
      entry.shares = Number(row.total);
    }
  }
  return figures;
}
