import { randomBytes } from "node:crypto";
import { and, inArray, sql } from "drizzle-orm";
import { integer, pgTable, uuid } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makePerson } from "../../../../test/helpers/factories.ts";
import { createTestDatabase } from "../../../../test/helpers/test-database.ts";
import type { Database } from "../../db/client.ts";
import {
  assertUnitActive,
  personNames,
  requireUnitSummary,
  resolveUnitsInSubtree,
  rollUpToChildUnits,
  unitIdNameLike,
  unitLineages,
  unitsInTreeOrder,
} from "./read-models.ts";
import { createUnit, dissolveUnit } from "./service.ts";

/** Stands for another module's table, which keeps a unit id as they all do. */
const unitThings = pgTable("read_models_unit_things", {
  id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
  unitId: uuid("unit_id").notNull(),
});

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
  await database.db.execute(
    sql`create table read_models_unit_things (id integer primary key generated always as identity, unit_id uuid not null)`,
  );
});
afterAll(async () => {
  await database?.close();
});

const suffix = () => randomBytes(4).toString("hex");

/** A small tree: a province with two communes (one with a hamlet) and a dissolved commune. */
async function makeTree() {
  const ctx = { db: database.db, actor: null, ip: null };
  const tag = suffix();
  const province = await createUnit(ctx, { name: `Tỉnh Thử ${tag}`, kind: "other", parentId: null });
  const north = await createUnit(ctx, {
    name: `Xã Bắc ${tag}`,
    kind: "other",
    parentId: province.id,
    code: `XB-${tag}`,
  });
  const south = await createUnit(ctx, {
    name: `Xã Nam ${tag}`,
    kind: "other",
    parentId: province.id,
    code: `XN-${tag}`,
  });
  const hamlet = await createUnit(ctx, { name: `Thôn Đông ${tag}`, kind: "other", parentId: north.id });
  const gone = await createUnit(ctx, { name: `Xã Cũ ${tag}`, kind: "other", parentId: province.id });
  await dissolveUnit(ctx, gone.id);
  return { tag, province, north, south, hamlet, gone };
}

describe("org read models", () => {
  it("finds a unit or answers 404, and refuses one that is no longer active", async () => {
    const tree = await makeTree();
    const north = await requireUnitSummary(database.db, tree.north.id);
    expect(north).toMatchObject({ id: tree.north.id, name: tree.north.name, path: tree.north.path });
    expect(() => assertUnitActive(north)).not.toThrow();
    await expect(requireUnitSummary(database.db, crypto.randomUUID())).rejects.toMatchObject({ status: 404 });
    const gone = await requireUnitSummary(database.db, tree.gone.id);
    expect(() => assertUnitActive(gone)).toThrow(expect.objectContaining({ code: "unit.not_active" }));
  });

  it("resolves an import's unit column by code, id or name, only among active units of the subtree", async () => {
    const tree = await makeTree();
    const other = await makeTree();
    const values = new Set([
      `XB-${tree.tag}`,
      `xn-${tree.tag}`,
      tree.hamlet.id.toUpperCase(),
      `thon dong ${tree.tag}`,
      tree.gone.name,
      other.north.name,
      "không có",
    ]);
    const resolved = await resolveUnitsInSubtree(database.db, {
      subtreePath: tree.province.path,
      values,
      lock: false,
    });
    expect(Object.fromEntries(resolved)).toEqual({
      [`XB-${tree.tag}`]: { id: tree.north.id, name: tree.north.name },
      [`xn-${tree.tag}`]: { id: tree.south.id, name: tree.south.name },
      [tree.hamlet.id.toUpperCase()]: { id: tree.hamlet.id, name: tree.hamlet.name },
      [`thon dong ${tree.tag}`]: { id: tree.hamlet.id, name: tree.hamlet.name },
      [tree.gone.name]: null,
      [other.north.name]: null,
      "không có": null,
    });
    const locked = await database.db.transaction((tx) =>
      resolveUnitsInSubtree(tx, {
        subtreePath: tree.province.path,
        values: new Set([tree.south.name]),
        lock: true,
      }),
    );
    expect(locked.get(tree.south.name)).toEqual({ id: tree.south.id, name: tree.south.name });
  });

  it("calls a name that several units share ambiguous", async () => {
    const ctx = { db: database.db, actor: null, ip: null };
    const tree = await makeTree();
    const twin = `Chi đoàn ${tree.tag}`;
    await createUnit(ctx, { name: twin, kind: "other", parentId: tree.north.id });
    await createUnit(ctx, { name: twin, kind: "other", parentId: tree.south.id });
    const resolved = await resolveUnitsInSubtree(database.db, {
      subtreePath: tree.province.path,
      values: new Set([twin]),
      lock: false,
    });
    expect(resolved.get(twin)).toBe("ambiguous");
  });

  it("gives each unit its ancestors' names, root first, for many ids at once", async () => {
    const tree = await makeTree();
    const lineages = await unitLineages(database.db, [tree.hamlet.id, tree.province.id, crypto.randomUUID()]);
    expect(lineages.size).toBe(2);
    expect(lineages.get(tree.hamlet.id)).toEqual({
      id: tree.hamlet.id,
      name: tree.hamlet.name,
      path: tree.hamlet.path,
      pathNames: [tree.province.name, tree.north.name, tree.hamlet.name],
    });
    expect(lineages.get(tree.province.id)?.pathNames).toEqual([tree.province.name]);
    expect((await unitLineages(database.db, [])).size).toBe(0);
  });

  it("rolls figures kept per unit up to the active children of a unit", async () => {
    const tree = await makeTree();
    const totals = await rollUpToChildUnits(
      database.db,
      tree.province.id,
      new Map([
        [tree.north.id, 2],
        [tree.hamlet.id, 3],
        [tree.gone.id, 7],
        [tree.province.id, 100],
      ]),
    );
    expect(totals).toEqual([
      { id: tree.north.id, name: tree.north.name, total: 5 },
      { id: tree.south.id, name: tree.south.name, total: 0 },
    ]);
    const roots = await rollUpToChildUnits(database.db, null, new Map([[tree.hamlet.id, 4]]));
    expect(roots.find((unit) => unit.id === tree.province.id)?.total).toBe(4);
  });

  it("names people by id", async () => {
    const tree = await makeTree();
    const person = await makePerson(database.db, { unitId: tree.south.id, fullName: "Lê Thị Tên" });
    const names = await personNames(database.db, [person.id, person.id, crypto.randomUUID()]);
    expect([...names]).toEqual([[person.id, "Lê Thị Tên"]]);
  });

  it("puts unit ids in tree order: each unit before the units below it", async () => {
    const tree = await makeTree();
    const ordered = await unitsInTreeOrder(database.db, [
      tree.hamlet.id,
      tree.south.id,
      crypto.randomUUID(),
      tree.province.id,
      tree.north.id,
      tree.hamlet.id,
    ]);
    expect(ordered).toHaveLength(4);
    expect(ordered[0]).toBe(tree.province.id);
    expect(ordered.indexOf(tree.hamlet.id)).toBe(ordered.indexOf(tree.north.id) + 1);
    expect(await unitsInTreeOrder(database.db, [])).toEqual([]);
  });

  it("lets another module filter its rows by unit name without naming org's tables", async () => {
    const tree = await makeTree();
    const inserted = await database.db
      .insert(unitThings)
      .values([tree.hamlet, tree.south, tree.province, tree.north].map((unit) => ({ unitId: unit.id })))
      .returning({ id: unitThings.id });
    const named = await database.db
      .select({ unitId: unitThings.unitId })
      .from(unitThings)
      .where(
        and(
          inArray(
            unitThings.id,
            inserted.map((row) => row.id),
          ),
          unitIdNameLike(unitThings.unitId, `%thon dong ${tree.tag}%`),
        ),
      );
    expect(named).toEqual([{ unitId: tree.hamlet.id }]);
  });
});
