import type { Db } from "../db/client.ts";
import { createUnit } from "../modules/org/service.ts";

/** Placeholder replaced by the demo generator. */
export async function seedDemoOrganisation(db: Db): Promise<{ rootUnitId: string }> {
  const root = await createUnit({ db, actor: null, ip: null }, { name: "Tỉnh Demo", kind: "province", parentId: null, code: "ROOT" });
  return { rootUnitId: root.id };
}
