import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import { type Executor, queryRows } from "../../db/client.ts";
import { people, units } from "../../db/schema/index.ts";
import { errors } from "../../platform/errors.ts";
import { orgErrors } from "./errors.ts";
import { type UnitSummary, unitSummaries } from "./membership.ts";

/*
 * What other modules read about units and people, next to the membership read model: they keep
 * unit and person ids in their own tables and ask here, by batches of ids, instead of joining
 * org's tables. The one SQL fragment here (like unitIdWithin in membership.ts) exists because a
 * search in another module's table must filter by unit name inside that module's own query; org
 * writes the fragment, so the other module never names org's tables.
 */

const unitLabel = { vi: "đơn vị", en: "Unit" };

/** How many ids go into one query, far below the protocol's 65,535 parameters. */
const idBatchSize = 1000;

function batches<T>(items: readonly T[]): T[][] {
  const result: T[][] = [];
  for (let start = 0; start < items.length; start += idBatchSize) {
    result.push(items.slice(start, start + idBatchSize));
  }
  return result;
}

/** The unit with its code, name, path and status, or its 404. */
export async function requireUnitSummary(db: Executor, unitId: string): Promise<UnitSummary> {
  const unit = (await unitSummaries(db, [unitId])).get(unitId);
  if (!unit) {
    throw errors.notFound(unitLabel);
  }
  return unit;
}

/** Refuses a unit that was merged or dissolved: things are created in, moved to or imported into active units only. */
export function assertUnitActive(unit: { name: string; status: string }): void {
  if (unit.status !== "active") {
    throw orgErrors.unitNotActive({ name: unit.name });
  }
}

/** A unit named in an import file. */
export interface UnitChoice {
  id: string;
  name: string;
}

export interface ResolveUnitsOptions {
  /** The path of the unit the file is imported into: only active units of its subtree match. */
  subtreePath: string;
  /** The distinct texts of the file's unit column. */
  values: ReadonlySet<string>;
  /** Inside the import's transaction: share-lock the chosen units, so none is merged or dissolved under it. */
  lock: boolean;
}

/**
 * Resolves an import's unit column: a code, an id or an exact name (ignoring case and diacritics)
 * of an active unit in the subtree. One entry per value: the unit, "ambiguous" when several units
 * share that name, or null when nothing matches (or, when locking, the unit stopped being active).
 */
export async function resolveUnitsInSubtree(
  db: Executor,
  options: ResolveUnitsOptions,
): Promise<Map<string, UnitChoice | "ambiguous" | null>> {
  const resolved = new Map<string, UnitChoice | "ambiguous" | null>();
  if (options.values.size === 0) {
    return resolved;
  }
  const subtree = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(and(sql`${units.path} <@ ${options.subtreePath}::ltree`, eq(units.status, "active")));
  const byCode = new Map<string, UnitChoice>();
  const byLowerCode = new Map<string, UnitChoice[]>();
  const byId = new Map<string, UnitChoice>();
  const byName = new Map<string, UnitChoice[]>();
  const push = (map: Map<string, UnitChoice[]>, key: string, unit: UnitChoice) => {
    map.set(key, [...(map.get(key) ?? []), unit]);
  };
  for (const unit of subtree) {
    const choice = { id: unit.id, name: unit.name };
    byCode.set(unit.code, choice);
    push(byLowerCode, unit.code.toLowerCase(), choice);
    byId.set(unit.id, choice);
    push(byName, foldForSearch(unit.name), choice);
  }
  for (const value of options.values) {
    const exact = byCode.get(value) ?? byId.get(value.toLowerCase());
    if (exact) {
      resolved.set(value, exact);
      continue;
    }
    const candidates = byLowerCode.get(value.toLowerCase()) ?? byName.get(foldForSearch(value)) ?? [];
    resolved.set(
      value,
      candidates.length === 1 ? (candidates[0] ?? null) : candidates.length > 1 ? "ambiguous" : null,
    );
  }
  if (options.lock) {
    const chosen = [
      ...new Set(
        [...resolved.values()].flatMap((choice) => (choice && choice !== "ambiguous" ? [choice.id] : [])),
      ),
    ];
    const stillActive = new Set<string>();
    for (const batch of batches(chosen)) {
      const locked = await db
        .select({ id: units.id })
        .from(units)
        .where(and(inArray(units.id, batch), eq(units.status, "active")))
        .for("share");
      for (const unit of locked) {
        stillActive.add(unit.id);
      }
    }
    for (const [value, choice] of resolved) {
      if (choice && choice !== "ambiguous" && !stillActive.has(choice.id)) {
        resolved.set(value, null);
      }
    }
  }
  return resolved;
}

/** A unit with the names of its ancestors, as a public page shows where it sits in the tree. */
export interface UnitLineage {
  id: string;
  name: string;
  path: string;
  /** The names from the root down to the unit itself (its own name last). */
  pathNames: string[];
}

/** Each unit asked for with its ancestors' names, in one query per thousand ids (missing ids are left out). */
export async function unitLineages(db: Executor, ids: readonly string[]): Promise<Map<string, UnitLineage>> {
  const lineages = new Map<string, UnitLineage>();
  for (const batch of batches([...new Set(ids)])) {
    // The gist index on path answers `@>`.
    const rows = await queryRows<{ id: string; name: string; path: string; path_names: string[] | string }>(
      db,
      sql`
      select u.id, u.name, u.path::text as path, json_agg(a.name order by nlevel(a.path)) as path_names
      from units u join units a on a.path @> u.path
      where u.id in (${sql.join(
        batch.map((id) => sql`${id}::uuid`),
        sql`, `,
      )})
      group by u.id, u.name, u.path`,
    );
    for (const row of rows) {
      const pathNames = typeof row.path_names === "string" ? JSON.parse(row.path_names) : row.path_names;
      lineages.set(row.id, { id: row.id, name: row.name, path: row.path, pathNames });
    }
  }
  return lineages;
}

/** An active unit with a figure summed over its subtree. */
export interface UnitTotal {
  id: string;
  name: string;
  total: number;
}

/**
 * Adds figures kept per unit up to the active children of `parentId` (the roots when null): each
 * child's total is the sum over its subtree, 0 when nothing there has one. Ordered by name.
 */
export async function rollUpToChildUnits(
  db: Executor,
  parentId: string | null,
  figures: ReadonlyMap<string, number>,
): Promise<UnitTotal[]> {
  const figureRows = JSON.stringify([...figures].map(([unitId, total]) => ({ unit_id: unitId, total })));
  const rows = await queryRows<{ id: string; name: string; total: number }>(
    db,
    sql`
    with placed as (
      select below.path, f.total
      from json_to_recordset(${figureRows}::json) as f(unit_id uuid, total bigint)
      join units below on below.id = f.unit_id
    )
    select child.id, child.name, coalesce(sum(placed.total), 0)::int as total
    from units child
    left join placed on placed.path <@ child.path
    where ${parentId ? sql`child.parent_id = ${parentId}` : sql`child.parent_id is null`}
      and child.status = 'active'
    group by child.id, child.name
    order by child.name`,
  );
  return rows.map((row) => ({ id: row.id, name: row.name, total: Number(row.total) }));
}

/** The full name of each person asked for (missing ids are left out). */
export async function personNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const batch of batches([...new Set(ids)])) {
    const rows = await db
      .select({ id: people.id, fullName: people.fullName })
      .from(people)
      .where(inArray(people.id, batch));
    for (const row of rows) {
      names.set(row.id, row.fullName);
    }
  }
  return names;
}

/**
 * The unit ids asked for, in the order of the tree (each unit before the units below it); unknown ids
 * are left out. Lets another module list its rows unit by unit without sorting by org's paths itself.
 */
export async function unitsInTreeOrder(db: Executor, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) {
    return [];
  }
  // One JSON parameter however many ids, instead of one parameter each.
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    select u.id from units u
    where u.id in (select value::uuid from json_array_elements_text(${JSON.stringify([...new Set(ids)])}::json))
    order by u.path`,
  );
  return rows.map((row) => row.id);
}

/** WHERE fragment: the unit in `unitIdColumn` has a folded name matching the LIKE `pattern`. */
export function unitIdNameLike(unitIdColumn: AnyPgColumn, pattern: string): SQL {
  return sql`${unitIdColumn} in (select ${units.id} from ${units} where ${units.searchKey} like ${pattern})`;
}
