import { randomBytes } from "node:crypto";
import { asc, eq, isNull } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeUnit } from "../../../../test/helpers/factories.ts";
import { createTestDatabase } from "../../../../test/helpers/test-database.ts";
import type { Database } from "../../db/client.ts";
import { channels } from "../../db/schema/index.ts";
import { unitIdWithin } from "../org/membership.ts";
import { channelsInUnitOrder } from "./unit-order.ts";

let database: Database;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database?.close();
});

describe("channels in unit order", () => {
  it("reads every page as a slice of the whole list: units in tree order, then by name", async () => {
    const db = database.db;
    const province = await makeUnit(db, { name: "Tỉnh" });
    const north = await makeUnit(db, { parentId: province.id, name: "Xã Bắc" });
    const hamlet = await makeUnit(db, { parentId: north.id, name: "Thôn" });
    const south = await makeUnit(db, { parentId: province.id, name: "Xã Nam" });
    const elsewhere = await makeUnit(db, { name: "Tỉnh khác" });
    const perUnit: [{ id: string }, number][] = [
      [province, 3],
      [north, 1],
      [hamlet, 4],
      [south, 2],
      [elsewhere, 2],
    ];
    const tag = randomBytes(4).toString("hex");
    await db.insert(channels).values(
      perUnit.flatMap(([unit, count]) =>
        Array.from({ length: count }, (_, n) => ({
          unitId: unit.id,
          platform: "website" as const,
          key: `web:${tag}-${unit.id}-${n}.vn`,
          url: `https://${tag}-${n}.vn/`,
          displayName: `Trang ${String.fromCharCode(99 - n)}`,
          searchKey: `trang ${n}`,
        })),
      ),
    );
    const query = {
      units: unitIdWithin(channels.unitId, [province.path]),
      filters: [isNull(channels.removedAt)],
      withinUnit: [asc(channels.displayName), asc(channels.id)],
    };
    const whole = await channelsInUnitOrder(db, query);
    expect(whole.total).toBe(10);
    expect(whole.rows.map((row) => row.unitId)).toEqual([
      ...Array(3).fill(province.id),
      ...(north.path < south.path
        ? [north.id, ...Array(4).fill(hamlet.id), ...Array(2).fill(south.id)]
        : [...Array(2).fill(south.id), north.id, ...Array(4).fill(hamlet.id)]),
    ]);
    const names = whole.rows.filter((row) => row.unitId === hamlet.id).map((row) => row.displayName);
    expect(names).toEqual([...names].sort());
    for (const limit of [1, 2, 3, 4, 7, 20]) {
      for (let offset = 0; offset <= 11; offset++) {
        const page = await channelsInUnitOrder(db, { ...query, page: { limit, offset } });
        expect(page.total).toBe(10);
        expect(page.rows.map((row) => row.id)).toEqual(
          whole.rows.slice(offset, offset + limit).map((row) => row.id),
        );
      }
    }
    const none = await channelsInUnitOrder(db, {
      ...query,
      filters: [eq(channels.platform, "tiktok")],
      page: { limit: 5, offset: 0 },
    });
    expect(none).toEqual({ rows: [], total: 0 });
  });
});
