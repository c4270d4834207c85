import { and, eq } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Db } from "../../db/client.ts";
import { units } from "../../db/schema/index.ts";
import { updateUnit } from "./service.ts";

/** How the provincial socio-political organisations' names begin, diacritics folded. */
const massOrganisationNames = [
  "tinh doan",
  "hoi ",
  "lien doan lao dong",
  "uy ban mat tran",
  "mat tran to quoc",
  "doan thanh nien",
];

/**
 * Databases made before provincial mass organisations had a kind of their own hold the Tỉnh đoàn,
 * Hội LHPN and Hội CCB as branches ("Chi đoàn/Chi hội"). Such a unit sits directly under the
 * province and is named as an organisation is; a real branch ("Chi đoàn …") is left alone, even
 * there. Each is re-kinded through the unit service, so its history and the audit log say so.
 * Runs at every start and finds nothing once done.
 */
export async function repairProvincialMassOrganisations(db: Db): Promise<string[]> {
  const parent = alias(units, "parent");
  const branchesUnderProvinces = await db
    .select({ id: units.id, name: units.name })
    .from(units)
    .innerJoin(parent, eq(parent.id, units.parentId))
    .where(and(eq(units.kind, "union_branch"), eq(units.status, "active"), eq(parent.kind, "province")));
  const misKinded = branchesUnderProvinces.filter((unit) => {
    const folded = foldForSearch(unit.name);
    return massOrganisationNames.some((start) => folded.startsWith(start));
  });
  const ctx = { db, actor: null, ip: null };
  for (const unit of misKinded) {
    await updateUnit(ctx, unit.id, { kind: "mass_organisation" });
  }
  return misKinded.map((unit) => unit.name);
}
