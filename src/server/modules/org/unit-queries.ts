import { and, asc, eq, type SQL, sql } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import { type Executor, queryRows } from "../../db/client.ts";
import { containsPattern } from "../../db/like.ts";
import { unitHistory, units } from "../../db/schema/index.ts";
import { withinScope } from "../../platform/actor.ts";
import { errors } from "../../platform/errors.ts";
import { totalOfPage } from "../../platform/pagination.ts";
import { orgErrors } from "./errors.ts";

/* Reading the unit tree: lists, one unit and its history, the tree at a date, lookups by code. */

export type UnitKind = (typeof units.kind.enumValues)[number];
export type UnitRow = typeof units.$inferSelect;

export const unitLabel = { vi: "đơn vị", en: "Unit" };

/** The current tree path of a unit, or null when it does not exist. */
export async function unitPath(db: Executor, unitId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(unitId)) {
    return null;
  }
  const [row] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return row?.path ?? null;
}

export async function requireUnit(db: Executor, unitId: string): Promise<UnitRow> {
  const [row] = await db.select().from(units).where(eq(units.id, unitId));
  if (!row) {
    throw errors.notFound(unitLabel);
  }
  return row;
}

export interface ListUnitsOptions {
  scope: readonly string[];
  q?: string;
  parentId?: string;
  includeEnded?: boolean;
  limit: number;
  offset: number;
}

/** Units within the scope, optionally searched (diacritics ignored) or limited to one parent's children. */
export async function listUnits(db: Executor, options: ListUnitsOptions) {
  const conditions = [withinScope(units.path, options.scope)];
  if (!options.includeEnded) {
    conditions.push(eq(units.status, "active"));
  }
  if (options.parentId) {
    conditions.push(eq(units.parentId, options.parentId));
  }
  const folded = options.q ? foldForSearch(options.q) : "";
  if (folded) {
    conditions.push(sql`${units.searchKey} like ${containsPattern(folded)}`);
  }
  const where = and(...conditions);
  const rows = await db
    .select({
      id: units.id,
      code: units.code,
      name: units.name,
      kind: units.kind,
      parentId: units.parentId,
      path: units.path,
      depth: sql<number>`nlevel(${units.path})`,
      status: units.status,
      mergedIntoId: units.mergedIntoId,
      adminAreaCode: units.adminAreaCode,
      endedAt: units.endedAt,
      // Qualified by hand: Drizzle renders a lone column here without its table, which the subquery would capture.
      childCount: sql<number>`(select count(*)::int from units c where c.parent_id = "units"."id" and c.status = 'active')`,
      peopleCount: sql<number>`(select count(*)::int from people p where p.unit_id = "units"."id" and p.status = 'active')`,
      // The total comes with the page (the rows are sorted whole anyway): one query, not two.
      total: sql<number>`count(*) over ()`.mapWith(Number),
    })
    .from(units)
    .where(where)
    // One parent's children read best by name; anything else comes in tree order.
    .orderBy(...(options.parentId ? [asc(units.searchKey), asc(units.id)] : [asc(units.path)]))
    .limit(options.limit)
    .offset(options.offset);
  const items = rows.map(({ total: _total, ...item }) => item);
  return { items, total: await totalOfPage(rows, options.offset, () => countUnits(db, where)) };
}

async function countUnits(db: Executor, where: SQL | undefined): Promise<number> {
  const [total] = await db.select({ count: sql<number>`count(*)::int` }).from(units).where(where);
  return total?.count ?? 0;
}

/** One unit with its parent's name and its merge target, for the detail view. */
export async function getUnit(db: Executor, unitId: string) {
  const unit = await requireUnit(db, unitId);
  return unit;
}

/** The history periods of a unit, oldest first. */
export async function getUnitHistory(db: Executor, unitId: string) {
  return db.select().from(unitHistory).where(eq(unitHistory.unitId, unitId)).orderBy(asc(unitHistory.id));
}

/** The tree as it stood at `asOf`, limited to the scope: each unit with the name and parent it had then. */
export async function unitTreeAsOf(db: Executor, scope: readonly string[], asOf: Date) {
  const rows = await queryRows<{
    unit_id: string;
    name: string;
    kind: string;
    parent_id: string | null;
    path: string;
    status: string;
  }>(
    db,
    sql`
    select h.unit_id, h.name, h.kind, h.parent_id, h.path::text as path, h.status
      from unit_history h
      join units u on u.id = h.unit_id
     where h.valid_from <= ${asOf.toISOString()}::timestamptz
       and (h.valid_to is null or h.valid_to > ${asOf.toISOString()}::timestamptz)
       and ${withinScope(sql`u.path`, scope)}
     order by h.path`,
  );
  return rows.map((row) => ({
    id: row.unit_id,
    name: row.name,
    kind: row.kind,
    parentId: row.parent_id,
    path: row.path,
    status: row.status,
  }));
}

/** Follows merges to the unit that carries a (possibly merged) unit's work today. */
export async function currentSuccessor(db: Executor, unitId: string): Promise<UnitRow> {
  let unit = await requireUnit(db, unitId);
  for (let hops = 0; unit.mergedIntoId && hops < 100; hops++) {
    unit = await requireUnit(db, unit.mergedIntoId);
  }
  return unit;
}

/** Finds a unit by its id or its code (the CLI and imports accept either). */
export async function findUnitByCodeOrId(db: Executor, codeOrId: string): Promise<UnitRow | null> {
  const isId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(codeOrId);
  const [row] = await db
    .select()
    .from(units)
    .where(isId ? eq(units.id, codeOrId) : eq(units.code, codeOrId));
  return row ?? null;
}

/** The root of the tree that contains `unitId` (where tree-wide settings are governed). */
export async function rootUnitIdFor(db: Executor, unitId: string | undefined): Promise<string | null> {
  if (!unitId) {
    return null;
  }
  const rows = await queryRows<{ id: string }>(
    db,
    sql`
    select r.id from units u join units r on r.path = subpath(u.path, 0, 1) where u.id = ${unitId}`,
  );
  return rows[0]?.id ?? null;
}

/**
 * The path of the unit a list is narrowed to (`?unitId=`), or undefined when none was asked for.
 * The unit must overlap the reader's scope: inside it, or above it (the list stays limited to the scope).
 */
export async function listFilterPath(
  db: Executor,
  scope: readonly string[],
  unitId: string | undefined,
): Promise<string | undefined> {
  if (!unitId) {
    return undefined;
  }
  const path = await unitPath(db, unitId);
  if (!path) {
    throw errors.notFound(unitLabel);
  }
  if (!scope.some((top) => path === top || path.startsWith(`${top}.`) || top.startsWith(`${path}.`))) {
    throw errors.forbidden();
  }
  return path;
}

/** A unit that work is about to be put into: id, name and tree path. */
export interface TargetUnit {
  id: string;
  name: string;
  path: string;
}

/**
 * The active unit `unitId`, for work going into it (an import). With `lock`, it is share-locked for
 * the caller's transaction so it cannot be merged or dissolved meanwhile. `refusal` finishes the
 * sentence saying what cannot be done when the unit has ended.
 */
export async function requireActiveTargetUnit(
  db: Executor,
  unitId: string,
  options: { lock: boolean; refusal: { vi: string; en: string } },
): Promise<TargetUnit> {
  const query = db
    .select({ id: units.id, name: units.name, path: units.path, status: units.status })
    .from(units)
    .where(eq(units.id, unitId));
  const [unit] = options.lock ? await query.for("share") : await query;
  if (!unit) {
    throw errors.notFound(unitLabel);
  }
  if (unit.status !== "active") {
    throw orgErrors.unitNotActive({ name: unit.name, refusal: options.refusal });
  }
  return { id: unit.id, name: unit.name, path: unit.path };
}
