import { readFile } from "node:fs/promises";
import { and, asc, eq, sql } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { adminAreaMappings, adminAreas } from "../../db/schema/index.ts";

/** The shipped dataset: the 2025 two-tier map (34 provinces, 3,321 communes) and the old-to-new commune mapping. */
export const ADMIN_AREAS_VERSION = "2025-07-01";
const datasetUrl = new URL(`./data/admin-areas-${ADMIN_AREAS_VERSION}.json`, import.meta.url);

interface AdminAreaDataset {
  version: string;
  source: string;
  /** [code, name] */
  provinces: [string, string][];
  /** [code, name, provinceCode] */
  communes: [string, string, string][];
  /** [oldCode (null when the source lacks it), oldName, oldDistrict, oldProvince, newCode] */
  mappings: [string | null, string, string, string, string][];
}

/** Reads the shipped dataset file. */
export async function readAdminAreaDataset(): Promise<AdminAreaDataset> {
  return JSON.parse(await readFile(datasetUrl, "utf8")) as AdminAreaDataset;
}

/** Loads the shipped dataset once (a no-op when this version is already in the database). */
export async function ensureAdminAreas(db: Executor): Promise<{ loaded: boolean }> {
  const [present] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(adminAreas)
    .where(eq(adminAreas.datasetVersion, ADMIN_AREAS_VERSION));
  if ((present?.count ?? 0) > 0) {
    return { loaded: false };
  }
  const dataset = await readAdminAreaDataset();
  const areas = [
    ...dataset.provinces.map(([code, name]) => ({
      code,
      level: "province" as const,
      name,
      provinceCode: null,
    })),
    ...dataset.communes.map(([code, name, provinceCode]) => ({
      code,
      level: "commune" as const,
      name,
      provinceCode,
    })),
  ].map((area) => ({ ...area, datasetVersion: dataset.version }));
  for (let i = 0; i < areas.length; i += 1000) {
    await db
      .insert(adminAreas)
      .values(areas.slice(i, i + 1000))
      .onConflictDoNothing();
  }
  const mappings = dataset.mappings.map(([oldCode, oldName, oldDistrictName, oldProvinceName, newCode]) => ({
    oldCode,
    oldName,
    oldDistrictName,
    oldProvinceName,
    newCode,
    datasetVersion: dataset.version,
  }));
  for (let i = 0; i < mappings.length; i += 1000) {
    await db.insert(adminAreaMappings).values(mappings.slice(i, i + 1000));
  }
  return { loaded: true };
}

const foldedName = sql`lower(unaccent(${adminAreas.name}))`;

/** Provinces and communes, searchable ignoring diacritics. */
export async function listAdminAreas(
  db: Executor,
  query: { q?: string; level?: "province" | "commune"; provinceCode?: string; limit: number; offset: number },
) {
  const conditions = [];
  if (query.level) {
    conditions.push(eq(adminAreas.level, query.level));
  }
  if (query.provinceCode) {
    conditions.push(eq(adminAreas.provinceCode, query.provinceCode));
  }
  const folded = query.q ? foldForSearch(query.q) : "";
  if (folded) {
    conditions.push(sql`(${foldedName} like ${`%${folded}%`} or ${adminAreas.code} = ${query.q?.trim()})`);
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const items = await db
    .select()
    .from(adminAreas)
    .where(where)
    .orderBy(asc(adminAreas.code))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await db.select({ count: sql<number>`count(*)::int` }).from(adminAreas).where(where);
  return { items, total: total?.count ?? 0 };
}

/** Old communes and the new commune each was merged into. */
export async function listAdminAreaMappings(
  db: Executor,
  query: { q?: string; oldCode?: string; newCode?: string; limit: number; offset: number },
) {
  const conditions = [];
  if (query.oldCode) {
    conditions.push(eq(adminAreaMappings.oldCode, query.oldCode));
  }
  if (query.newCode) {
    conditions.push(eq(adminAreaMappings.newCode, query.newCode));
  }
  const folded = query.q ? foldForSearch(query.q) : "";
  if (folded) {
    conditions.push(
      sql`lower(unaccent(${adminAreaMappings.oldName} || ' ' || ${adminAreaMappings.oldDistrictName})) like ${`%${folded}%`}`,
    );
  }
  const where = conditions.length ? and(...conditions) : undefined;
  const items = await db
    .select({
      oldCode: adminAreaMappings.oldCode,
      oldName: adminAreaMappings.oldName,
      oldDistrictName: adminAreaMappings.oldDistrictName,
      oldProvinceName: adminAreaMappings.oldProvinceName,
      newCode: adminAreaMappings.newCode,
      newName: sql<
        string | null
      >`(select a.name from admin_areas a where a.code = ${adminAreaMappings.newCode})`,
      datasetVersion: adminAreaMappings.datasetVersion,
    })
    .from(adminAreaMappings)
    .where(where)
    .orderBy(asc(adminAreaMappings.oldCode))
    .limit(query.limit)
    .offset(query.offset);
  const [total] = await db.select({ count: sql<number>`count(*)::int` }).from(adminAreaMappings).where(where);
  return { items, total: total?.count ?? 0 };
}
