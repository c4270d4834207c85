import { and, asc, getTableColumns, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { channels } from "../../db/schema/index.ts";
import { unitsInTreeOrder } from "../org/index.ts";

/*
 * The registry reads unit by unit, in the order of the tree (a unit before the units below it), and
 * by name within a unit. Only org knows the tree, so the channels are first counted per unit, org
 * puts those units in order, and the page is then read from the few units it falls on: no org table
 * in the query, and a deep page costs no more than the first.
 */

type ChannelRow = typeof channels.$inferSelect;

export interface UnitOrderedQuery {
  /** Which units' channels may be read at all (a scope or a subtree); left out of the page's own query. */
  units?: SQL;
  /** Conditions on the channels themselves. */
  filters: SQL[];
  /** The order within a unit. */
  withinUnit: SQL[];
  /** Absent: every matching channel. */
  page?: { limit: number; offset: number };
}

/** Where a page starts and ends in the channels counted per unit, in tree order. */
function unitsOfPage(
  orderedUnits: readonly string[],
  counts: ReadonlyMap<string, number>,
  page: { limit: number; offset: number } | undefined,
): { unitIds: string[]; offsetInFirst: number } {
  if (!page) {
    return { unitIds: [...orderedUnits], offsetInFirst: 0 };
  }
  const unitIds: string[] = [];
  let offsetInFirst = 0;
  let start = 0;
  for (const unitId of orderedUnits) {
    const end = start + (counts.get(unitId) ?? 0);
    if (end > page.offset && start < page.offset + page.limit) {
      if (unitIds.length === 0) {
        offsetInFirst = page.offset - start;
      }
      unitIds.push(unitId);
    }
    if (end >= page.offset + page.limit) {
      break;
    }
    start = end;
  }
  return { unitIds, offsetInFirst };
}

/** The matching channels (a page of them when asked) in the registry's order, and how many match in all. */
export async function channelsInUnitOrder(
  db: Executor,
  query: UnitOrderedQuery,
): Promise<{ rows: ChannelRow[]; total: number }> {
  const perUnit = await db
    .select({ unitId: channels.unitId, count: sql<number>`count(*)::int` })
    .from(channels)
    .where(and(...(query.units ? [query.units] : []), ...query.filters))
    .groupBy(channels.unitId);
  const counts = new Map(perUnit.map((row) => [row.unitId, Number(row.count)]));
  // A channel whose unit org does not know is left out, as an inner join with the units would.
  const orderedUnits = await unitsInTreeOrder(db, [...counts.keys()]);
  const total = orderedUnits.reduce((sum, unitId) => sum + (counts.get(unitId) ?? 0), 0);
  const { unitIds, offsetInFirst } = unitsOfPage(orderedUnits, counts, query.page);
  if (unitIds.length === 0) {
    return { rows: [], total };
  }
  const rankOfUnit = JSON.stringify(unitIds.map((unitId, rank) => ({ unit_id: unitId, rank })));
  const ordered = db
    .select(getTableColumns(channels))
    .from(channels)
    .innerJoin(
      sql`json_to_recordset(${rankOfUnit}::json) as unit_order(unit_id uuid, rank int)`,
      sql`unit_order.unit_id = ${channels.unitId}`,
    )
    .where(and(...query.filters))
    .orderBy(asc(sql`unit_order.rank`), ...query.withinUnit)
    .$dynamic();
  const rows = query.page ? await ordered.limit(query.page.limit).offset(offsetInFirst) : await ordered;
  return { rows, total };
}
