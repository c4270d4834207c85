import { randomBytes } from "node:crypto";
import { and, asc, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import { foldForSearch, normalizeName } from "../../../shared/vietnamese-text.ts";
import { type Executor, queryRows } from "../../db/client.ts";
import { adminAreas, people, roleGrants, unitHistory, units } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import { errors } from "../../http/errors.ts";
import type { ActionContext } from "../../platform/context.ts";
import { recordAudit } from "../auth/audit.ts";
import { type Actor, type Role, withinScope } from "./policy.ts";

export type UnitKind = (typeof units.kind.enumValues)[number];
export type UnitRow = typeof units.$inferSelect;

// The action context lives in the platform layer; re-exported while importers move to it.
export type { ActionContext };

const unitLabel = { vi: "đơn vị", en: "Unit" };

/** The ltree label of a unit: its id without dashes (ltree labels allow only [A-Za-z0-9_]). */
export function pathLabel(unitId: string): string {
  return unitId.replaceAll("-", "");
}

/** The current tree path of a unit, or null when it does not exist. */
export async function unitPath(db: Executor, unitId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(unitId)) {
    return null;
  }
  const [row] = await db.select({ path: units.path }).from(units).where(eq(units.id, unitId));
  return row?.path ?? null;
}

/** Loads a person with all their role grants as an Actor; null when missing or inactive. */
export async function loadActor(db: Executor, personId: string, via: Actor["via"]): Promise<Actor | null> {
  const [person] = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      email: people.email,
      unitId: people.unitId,
      status: people.status,
    })
    .from(people)
    .where(eq(people.id, personId));
  if (person?.status !== "active") {
    return null;
  }
  const grants = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, unitPath: units.path })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(eq(roleGrants.personId, personId), eq(units.status, "active")));
  // Whether TOTP is missing is the auth module's to say; it fills this in.
  return {
    personId: person.id,
    fullName: person.fullName,
    email: person.email,
    unitId: person.unitId,
    grants,
    via,
    totpSetupRequired: false,
  };
}

async function requireUnit(db: Executor, unitId: string): Promise<UnitRow> {
  const [row] = await db.select().from(units).where(eq(units.id, unitId));
  if (!row) {
    throw errors.notFound(unitLabel);
  }
  return row;
}

function requireActive(unit: UnitRow): void {
  if (unit.status !== "active") {
    throw errors.conflict(
      "unit.not_active",
      `Đơn vị “${unit.name}” đã sáp nhập hoặc giải thể.`,
      `Unit “${unit.name}” has been merged or dissolved.`,
    );
  }
}

/** A readable, unique unit code derived from the name when none is given. */
function generateUnitCode(name: string): string {
  const slug = foldForSearch(name)
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
  return `${slug || "don-vi"}-${randomBytes(3).toString("hex")}`;
}

async function assertAdminArea(db: Executor, code: string | null | undefined): Promise<void> {
  if (!code) {
    return;
  }
  const [area] = await db.select({ code: adminAreas.code }).from(adminAreas).where(eq(adminAreas.code, code));
  if (!area) {
    throw errors.badRequest(
      "unit.admin_area_unknown",
      `Không có đơn vị hành chính mã “${code}” trong danh mục năm 2025.`,
      `There is no administrative area with code “${code}” in the 2025 list.`,
    );
  }
}

type HistoryChange = (typeof unitHistory.change.enumValues)[number];

/** Closes each unit's open history period and opens a new one with its current state. */
async function snapshotHistory(tx: Executor, unitIds: string[], change: HistoryChange, actor: Actor | null) {
  if (unitIds.length === 0) {
    return;
  }
  const now = new Date();
  await tx
    .update(unitHistory)
    .set({ validTo: now })
    .where(and(inArray(unitHistory.unitId, unitIds), isNull(unitHistory.validTo)));
  const rows = await tx.select().from(units).where(inArray(units.id, unitIds));
  await tx.insert(unitHistory).values(
    rows.map((row) => ({
      unitId: row.id,
      name: row.name,
      kind: row.kind,
      parentId: row.parentId,
      path: row.path,
      status: row.status,
      mergedIntoId: row.mergedIntoId,
      change,
      validFrom: now,
      validTo: row.status === "active" ? null : now,
      actorId: actor?.personId ?? null,
    })),
  );
}

export interface CreateUnitInput {
  name: string;
  kind: UnitKind;
  parentId: string | null;
  code?: string | null;
  adminAreaCode?: string | null;
}

/** Creates a unit under `parentId` (or a root when null: only the seed and the CLI do that). */
export async function createUnit(ctx: ActionContext, input: CreateUnitInput): Promise<UnitRow> {
  const name = normalizeName(input.name);
  if (!name) {
    throw errors.badRequest(
      "unit.name_required",
      "Tên đơn vị không được để trống.",
      "Unit name is required.",
    );
  }
  return ctx.db.transaction(async (tx) => {
    const parent = input.parentId ? await requireUnit(tx, input.parentId) : null;
    if (parent) {
      requireActive(parent);
    }
    await assertAdminArea(tx, input.adminAreaCode);
    const code = input.code?.trim() || generateUnitCode(name);
    const [existing] = await tx.select({ id: units.id }).from(units).where(eq(units.code, code));
    if (existing) {
      throw errors.conflict(
        "unit.code_taken",
        `Mã đơn vị “${code}” đã được dùng.`,
        `Unit code “${code}” is taken.`,
      );
    }
    const id = crypto.randomUUID();
    const path = parent ? `${parent.path}.${pathLabel(id)}` : pathLabel(id);
    const [unit] = await tx
      .insert(units)
      .values({
        id,
        code,
        name,
        searchKey: foldForSearch(`${name} ${code}`),
        kind: input.kind,
        parentId: parent?.id ?? null,
        path,
        adminAreaCode: input.adminAreaCode ?? null,
      })
      .returning();
    if (!unit) {
      throw new Error("unit insert returned nothing");
    }
    await snapshotHistory(tx, [unit.id], "created", ctx.actor);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "unit.create",
      unit: { id: unit.id, path: unit.path },
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
      details: { name, kind: input.kind, parentId: parent?.id ?? null },
    });
    return unit;
  });
}

export interface UpdateUnitInput {
  name?: string;
  kind?: UnitKind;
  adminAreaCode?: string | null;
}

/** Renames or re-kinds a unit; the old name stays in its history. */
export async function updateUnit(
  ctx: ActionContext,
  unitId: string,
  input: UpdateUnitInput,
): Promise<UnitRow> {
  return ctx.db.transaction(async (tx) => {
    const unit = await requireUnit(tx, unitId);
    requireActive(unit);
    await assertAdminArea(tx, input.adminAreaCode);
    const name = input.name !== undefined ? normalizeName(input.name) : unit.name;
    if (!name) {
      throw errors.badRequest(
        "unit.name_required",
        "Tên đơn vị không được để trống.",
        "Unit name is required.",
      );
    }
    const [updated] = await tx
      .update(units)
      .set({
        name,
        searchKey: foldForSearch(`${name} ${unit.code}`),
        kind: input.kind ?? unit.kind,
        adminAreaCode: input.adminAreaCode === undefined ? unit.adminAreaCode : input.adminAreaCode,
        updatedAt: new Date(),
      })
      .where(eq(units.id, unitId))
      .returning();
    if (!updated) {
      throw errors.notFound(unitLabel);
    }
    await snapshotHistory(tx, [unitId], name !== unit.name ? "renamed" : "edited", ctx.actor);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "unit.update",
      unit: { id: unit.id, path: unit.path },
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
      details: { before: { name: unit.name, kind: unit.kind }, after: { name, kind: updated.kind } },
    });
    return updated;
  });
}

/** Rewrites the paths of a unit and everything below it to sit under `newParentPath`. */
async function rewriteSubtree(tx: Executor, oldPath: string, newParentPath: string): Promise<string[]> {
  const moved = await queryRows<{ id: string }>(
    tx,
    sql`
    update units
       set path = ${newParentPath}::ltree || subpath(path, nlevel(${oldPath}::ltree) - 1), updated_at = now()
     where path <@ ${oldPath}::ltree
     returning id`,
  );
  return moved.map((row) => row.id);
}

/** Moves a unit (with its subtree) under another unit; cached actors (their grants' paths) are forgotten. */
export async function moveUnit(ctx: ActionContext, unitId: string, newParentId: string): Promise<UnitRow> {
  const changed = await ctx.db.transaction(async (tx) => {
    const unit = await requireUnit(tx, unitId);
    const parent = await requireUnit(tx, newParentId);
    requireActive(unit);
    requireActive(parent);
    if (parent.path === unit.path || parent.path.startsWith(`${unit.path}.`)) {
      throw errors.badRequest(
        "unit.move_into_itself",
        "Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
        "A unit cannot be moved into itself or one of its own sub-units.",
      );
    }
    const movedIds = await rewriteSubtree(tx, unit.path, parent.path);
    await tx.update(units).set({ parentId: parent.id }).where(eq(units.id, unitId));
    await snapshotHistory(tx, movedIds, "moved", ctx.actor);
    const moved = await requireUnit(tx, unitId);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "unit.move",
      unit: { id: unit.id, path: moved.path },
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
      details: { fromParentId: unit.parentId, toParentId: parent.id },
    });
    return moved;
  });
  invalidateActorCache();
  return changed;
}

/**
 * Merges `sourceId` into `targetId`: the source's active sub-units and people move to the target,
 * and the source itself ends as "merged" but stays in the tree below the target, so that subtree
 * totals of the target include everything recorded against the source before the merge.
 */
export async function mergeUnits(ctx: ActionContext, sourceId: string, targetId: string): Promise<UnitRow> {
  if (sourceId === targetId) {
    throw errors.badRequest(
      "unit.merge_same",
      "Không thể sáp nhập một đơn vị vào chính nó.",
      "A unit cannot be merged into itself.",
    );
  }
  const changed = await ctx.db.transaction(async (tx) => {
    const source = await requireUnit(tx, sourceId);
    const target = await requireUnit(tx, targetId);
    requireActive(source);
    requireActive(target);
    if (target.path.startsWith(`${source.path}.`)) {
      throw errors.badRequest(
        "unit.merge_into_descendant",
        "Không thể sáp nhập một đơn vị vào đơn vị cấp dưới của nó.",
        "A unit cannot be merged into one of its own sub-units.",
      );
    }
    const touched = new Set(await rewriteSubtree(tx, source.path, target.path));
    const sourcePath = `${target.path}.${pathLabel(source.id)}`;
    const children = await tx
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(and(eq(units.parentId, source.id), eq(units.status, "active")));
    for (const child of children) {
      for (const id of await rewriteSubtree(tx, child.path, target.path)) {
        touched.add(id);
      }
      await tx.update(units).set({ parentId: target.id }).where(eq(units.id, child.id));
    }
    const endedAt = new Date();
    await tx
      .update(units)
      .set({ status: "merged", mergedIntoId: target.id, parentId: target.id, endedAt, updatedAt: endedAt })
      .where(eq(units.id, source.id));
    const movedPeople = await tx
      .update(people)
      .set({ unitId: target.id, updatedAt: endedAt })
      .where(eq(people.unitId, source.id))
      .returning({ id: people.id });
    await tx.delete(roleGrants).where(eq(roleGrants.unitId, source.id));
    touched.delete(source.id);
    await snapshotHistory(tx, [source.id], "merged", ctx.actor);
    await snapshotHistory(tx, [...touched], "absorbed_children", ctx.actor);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "unit.merge",
      unit: { id: target.id, path: target.path },
      target: { type: "unit", id: source.id },
      ip: ctx.ip,
      details: {
        sourceId: source.id,
        sourceName: source.name,
        sourcePath,
        targetId: target.id,
        targetName: target.name,
        movedUnits: children.length,
        movedPeople: movedPeople.length,
      },
    });
    return requireUnit(tx, target.id);
  });
  invalidateActorCache();
  return changed;
}

/** Ends a unit that has no active sub-units and no active people left. */
export async function dissolveUnit(ctx: ActionContext, unitId: string): Promise<UnitRow> {
  const changed = await ctx.db.transaction(async (tx) => {
    const unit = await requireUnit(tx, unitId);
    requireActive(unit);
    if (!unit.parentId) {
      throw errors.badRequest(
        "unit.dissolve_root",
        "Không thể giải thể đơn vị gốc.",
        "The root unit cannot be dissolved.",
      );
    }
    const [children] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(units)
      .where(and(eq(units.parentId, unitId), eq(units.status, "active")));
    const [members] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(people)
      .where(and(eq(people.unitId, unitId), eq(people.status, "active")));
    if ((children?.count ?? 0) > 0 || (members?.count ?? 0) > 0) {
      throw errors.conflict(
        "unit.not_empty",
        `Đơn vị còn ${children?.count ?? 0} đơn vị trực thuộc và ${members?.count ?? 0} người đang hoạt động; hãy chuyển hoặc sáp nhập trước khi giải thể.`,
        `The unit still has ${children?.count ?? 0} active sub-units and ${members?.count ?? 0} active people; move or merge them first.`,
        { activeSubUnits: children?.count ?? 0, activePeople: members?.count ?? 0 },
      );
    }
    const endedAt = new Date();
    await tx
      .update(units)
      .set({ status: "dissolved", endedAt, updatedAt: endedAt })
      .where(eq(units.id, unitId));
    await tx.delete(roleGrants).where(eq(roleGrants.unitId, unitId));
    await snapshotHistory(tx, [unitId], "dissolved", ctx.actor);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "unit.dissolve",
      unit: { id: unit.id, path: unit.path },
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
    });
    return requireUnit(tx, unitId);
  });
  invalidateActorCache();
  return changed;
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
    conditions.push(sql`${units.searchKey} like ${`%${folded.replace(/[\\%_]/g, "\\$&")}%`}`);
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

/**
 * A list's total from its page's `count(*) over ()`; only a page past the end (no rows to carry it)
 * needs the separate count.
 */
export async function totalOfPage(
  rows: readonly { total: number }[],
  offset: number,
  count: () => Promise<number>,
): Promise<number> {
  const [first] = rows;
  if (first) {
    return first.total;
  }
  return offset === 0 ? 0 : count();
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

export type { Role };

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
    throw errors.conflict(
      "unit.not_active",
      `Đơn vị “${unit.name}” đã sáp nhập hoặc giải thể; ${options.refusal.vi}`,
      `Unit “${unit.name}” has been merged or dissolved; ${options.refusal.en}`,
    );
  }
  return { id: unit.id, name: unit.name, path: unit.path };
}
