import { and, asc, eq, inArray, type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type Executor, queryRows } from "../../db/client.ts";
import { people, roleGrants, units } from "../../db/schema/index.ts";
import { withinScope } from "../../platform/actor.ts";

/*
 * Who belongs where, for the other modules: they keep person and unit ids in their own tables and ask
 * here instead of reading org's tables themselves.
 */

/** WHERE fragment: the unit id in `unitIdColumn` lies within the scope (and under `unitPath` when given). */
export function unitIdWithin(unitIdColumn: AnyPgColumn, scope: readonly string[], unitPath?: string): SQL {
  const narrowed = unitPath ? sql` and ${units.path} <@ ${unitPath}::ltree` : sql``;
  return sql`${unitIdColumn} in (select ${units.id} from ${units} where ${withinScope(units.path, scope)}${narrowed})`;
}

/** The ids of the units within the scope (and under `unitPath`): for queries that want `unit_id = any(…)`. */
export async function unitIdsWithin(
  db: Executor,
  scope: readonly string[],
  unitPath?: string,
): Promise<string[]> {
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(
      sql`${withinScope(units.path, scope)}${unitPath ? sql` and ${units.path} <@ ${unitPath}::ltree` : sql``}`,
    );
  return rows.map((row) => row.id);
}

/** WHERE fragment: the person in `personIdColumn` belongs to a unit within the scope (and under `unitPath`). */
export function personIdWithin(
  personIdColumn: AnyPgColumn,
  scope: readonly string[],
  unitPath?: string,
): SQL {
  return sql`${personIdColumn} in (select ${people.id} from ${people} where ${unitIdWithin(people.unitId, scope, unitPath)})`;
}

export interface PersonSummary {
  id: string;
  fullName: string;
  email: string | null;
  locale: "vi" | "en";
  status: "active" | "inactive";
  unitId: string;
  unitName: string;
  unitPath: string;
}

const personSummaryColumns = {
  id: people.id,
  fullName: people.fullName,
  email: people.email,
  locale: people.locale,
  status: people.status,
  unitId: people.unitId,
  unitName: units.name,
  unitPath: units.path,
};

/** Name, unit and contact of each person asked for (missing ids are left out). */
export async function personSummaries(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, PersonSummary>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select(personSummaryColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(inArray(people.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** One person's name and unit, or null when there is no such person. */
export async function personSummary(db: Executor, personId: string): Promise<PersonSummary | null> {
  return (await personSummaries(db, [personId])).get(personId) ?? null;
}

/**
 * For each person asked for, the paths of their own unit and of every unit where they hold a role: what
 * someone acting on the whole person (e-mail, sign-in) must manage (`canActOnWholePerson`).
 */
export async function unitPathsOfPeople(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, string[]>> {
  if (ids.length === 0) {
    return new Map();
  }
  const unique = [...new Set(ids)];
  const rows = [
    ...(await db
      .select({ personId: people.id, path: units.path })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(inArray(people.id, unique))),
    ...(await db
      .select({ personId: roleGrants.personId, path: units.path })
      .from(roleGrants)
      .innerJoin(units, eq(units.id, roleGrants.unitId))
      .where(inArray(roleGrants.personId, unique))),
  ];
  const paths = new Map<string, string[]>();
  for (const { personId, path } of rows) {
    const known = paths.get(personId) ?? [];
    if (!known.includes(path)) {
      known.push(path);
    }
    paths.set(personId, known);
  }
  return paths;
}

/**
 * The administrators closest above a unit: those of the unit itself if it has any, else of its parent,
 * and so on up. Alerts go to them, so that a commune's incident reaches the commune, not the province.
 */
export async function nearestAdministrators(db: Executor, unitId: string): Promise<PersonSummary[]> {
  const rows = await queryRows<{ id: string; level: number }>(
    db,
    sql`
    select distinct p.id, nlevel(g_unit.path) as level
    from units member_unit
    join units g_unit on g_unit.path @> member_unit.path and g_unit.status = 'active'
    join role_grants g on g.unit_id = g_unit.id and g.role = 'administrator'
    join people p on p.id = g.person_id and p.status = 'active'
    where member_unit.id = ${unitId}`,
  );
  const deepest = Math.max(...rows.map((row) => Number(row.level)));
  const ids = rows.filter((row) => Number(row.level) === deepest).map((row) => row.id);
  const summaries = await personSummaries(db, ids);
  return [...summaries.values()].sort((a, b) => a.fullName.localeCompare(b.fullName, "vi"));
}

export interface SubtreeUnit {
  id: string;
  code: string;
  name: string;
  path: string;
  parentId: string | null;
}

/** The active units of a subtree, parents before children. */
export async function subtreeUnits(db: Executor, rootPath: string): Promise<SubtreeUnit[]> {
  return db
    .select({ id: units.id, code: units.code, name: units.name, path: units.path, parentId: units.parentId })
    .from(units)
    .where(and(sql`${units.path} <@ ${rootPath}::ltree`, eq(units.status, "active")))
    .orderBy(asc(sql`nlevel(${units.path})`), asc(units.name));
}

/** The active people of a subtree with their unit: those a request to the subtree is addressed to. */
export async function subtreePeople(db: Executor, rootPath: string): Promise<PersonSummary[]> {
  return db
    .select(personSummaryColumns)
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(sql`${units.path} <@ ${rootPath}::ltree`, eq(people.status, "active")));
}

/** WHERE fragment: the unit in `unitIdColumn` is the unit at `path` or one of its ancestors. */
export function unitIdAtOrAbove(unitIdColumn: AnyPgColumn, path: string): SQL {
  return sql`${unitIdColumn} in (select ${units.id} from ${units} where ${units.path} @> ${path}::ltree)`;
}

export interface UnitSummary {
  id: string;
  code: string;
  name: string;
  path: string;
  status: "active" | "merged" | "dissolved";
}

/** Name, path and status of each unit asked for (missing ids are left out). */
export async function unitSummaries(db: Executor, ids: readonly string[]): Promise<Map<string, UnitSummary>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({ id: units.id, code: units.code, name: units.name, path: units.path, status: units.status })
    .from(units)
    .where(inArray(units.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row]));
}

/** How many active people a subtree has. */
export async function countSubtreePeople(db: Executor, rootPath: string): Promise<number> {
  const [row] = await db
    .select({ total: sql<number>`count(*)::int` })
    .from(people)
    .innerJoin(units, eq(units.id, people.unitId))
    .where(and(sql`${units.path} <@ ${rootPath}::ltree`, eq(people.status, "active")));
  return row?.total ?? 0;
}

/** How many active people each unit's subtree has, for several units in one query (0 for none). */
export async function countSubtreePeopleOf(
  db: Executor,
  unitIds: readonly string[],
): Promise<Map<string, number>> {
  if (unitIds.length === 0) {
    return new Map();
  }
  const rows = await queryRows<{ id: string; total: number }>(
    db,
    sql`
    select top.id, count(p.id)::int as total
    from units top
    join units u on u.path <@ top.path
    join people p on p.unit_id = u.id and p.status = 'active'
    where top.id in (${sql.join(
      [...new Set(unitIds)].map((id) => sql`${id}::uuid`),
      sql`, `,
    )})
    group by top.id`,
  );
  return new Map(rows.map((row) => [row.id, Number(row.total)]));
}

/** The unit and each unit above it, nearest first (for settings that a unit inherits from above). */
export async function unitAndAncestors(db: Executor, unitId: string): Promise<UnitSummary[]> {
  return queryRows<UnitSummary>(
    db,
    sql`
    select a.id, a.code, a.name, a.path::text as path, a.status
    from units u join units a on a.path @> u.path
    where u.id = ${unitId}
    order by nlevel(a.path) desc`,
  );
}
