import { randomBytes } from "node:crypto";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import { foldForSearch, normalizeName } from "../../../shared/vietnamese-text.ts";
import { type Executor, queryRows } from "../../db/client.ts";
import { adminAreas, people, roleGrants, unitHistory, units } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { orgErrors } from "./errors.ts";
import { assertUnitActive } from "./read-models.ts";
import { requireUnit, type UnitKind, type UnitRow, unitLabel } from "./unit-queries.ts";

// The action context lives in the platform layer; re-exported while importers move to it.
export type { UnitKind, UnitRow };

/** The ltree label of a unit: its id without dashes (ltree labels allow only [A-Za-z0-9_]). */
export function pathLabel(unitId: string): string {
  return unitId.replaceAll("-", "");
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
    throw orgErrors.adminAreaUnknown({ code });
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

export interface CreateUnitInput extends UnitContactInput {
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
    throw orgErrors.unitNameRequired();
  }
  return ctx.db.transaction(async (tx) => {
    const parent = input.parentId ? await requireUnit(tx, input.parentId) : null;
    if (parent) {
      assertUnitActive(parent);
    }
    await assertAdminArea(tx, input.adminAreaCode);
    const code = input.code?.trim() || generateUnitCode(name);
    const [existing] = await tx.select({ id: units.id }).from(units).where(eq(units.code, code));
    if (existing) {
      throw orgErrors.unitCodeTaken({ code });
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
        ...contactChanges(input),
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

/** The details an official site shows in its footer; undefined leaves one as it is, null clears it. */
export interface UnitContactInput {
  contactAddress?: string | null | undefined;
  contactPhone?: string | null | undefined;
  contactEmail?: string | null | undefined;
  contentResponsible?: string | null | undefined;
}

const contactFields = ["contactAddress", "contactPhone", "contactEmail", "contentResponsible"] as const;

function contactChanges(
  input: UnitContactInput,
): Partial<Record<(typeof contactFields)[number], string | null>> {
  return Object.fromEntries(
    contactFields.flatMap((field) => {
      const value = input[field];
      return value === undefined ? [] : [[field, value === null ? null : normalizeName(value) || null]];
    }),
  );
}

export interface UpdateUnitInput extends UnitContactInput {
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
    assertUnitActive(unit);
    await assertAdminArea(tx, input.adminAreaCode);
    const name = input.name !== undefined ? normalizeName(input.name) : unit.name;
    if (!name) {
      throw orgErrors.unitNameRequired();
    }
    const [updated] = await tx
      .update(units)
      .set({
        name,
        searchKey: foldForSearch(`${name} ${unit.code}`),
        kind: input.kind ?? unit.kind,
        adminAreaCode: input.adminAreaCode === undefined ? unit.adminAreaCode : input.adminAreaCode,
        ...contactChanges(input),
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
      details: {
        before: { name: unit.name, kind: unit.kind },
        after: { name, kind: updated.kind },
        ...(Object.keys(contactChanges(input)).length > 0 ? { contact: contactChanges(input) } : {}),
      },
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
    assertUnitActive(unit);
    assertUnitActive(parent);
    if (parent.path === unit.path || parent.path.startsWith(`${unit.path}.`)) {
      throw orgErrors.moveIntoItself();
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
    throw orgErrors.mergeIntoItself();
  }
  const changed = await ctx.db.transaction(async (tx) => {
    const source = await requireUnit(tx, sourceId);
    const target = await requireUnit(tx, targetId);
    assertUnitActive(source);
    assertUnitActive(target);
    if (target.path.startsWith(`${source.path}.`)) {
      throw orgErrors.mergeIntoDescendant();
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
    assertUnitActive(unit);
    if (!unit.parentId) {
      throw orgErrors.dissolveTopUnit();
    }
    const [children] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(units)
      .where(and(eq(units.parentId, unitId), eq(units.status, "active")));
    const [members] = await tx
      .select({ count: sql<number>`count(*)::int` })
      .from(people)
      .where(and(eq(people.unitId, unitId), eq(people.status, "active")));
    const contents = { activeSubUnits: children?.count ?? 0, activePeople: members?.count ?? 0 };
    if (contents.activeSubUnits > 0 || contents.activePeople > 0) {
      throw orgErrors.unitNotEmpty(contents, contents);
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
