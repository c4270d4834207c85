/**
 * The demo organisation created on a first start: Tuyên Quang province in the 2025 two-tier map
 * (province, then communes and wards), with its Party Committee, Steering Committee 35, police,
 * military command, Youth Union, Women's Union and eleven real communes and wards, staffed by
 * about 370 invented people. Everything comes from a seeded PRNG, so every install gets the same
 * demo; only the ids and the demo password differ.
 *
 * Refuses to run on a database that already has units: mixing invented people into a real
 * organisation would be worse than no demo at all.
 */
import type { Db } from "../db/client.ts";
import { MIN_PASSWORD_LENGTH, setPassword } from "../modules/auth/index.ts";
import { registerChannel } from "../modules/channels/index.ts";
import {
  createPeopleInBulk,
  createUnit,
  ensureAdminAreas,
  hasNoUnits,
  readAdminAreaDataset,
  type UnitRow,
} from "../modules/org/index.ts";
import type { ActionContext } from "../platform/context.ts";
import { errors } from "../platform/errors.ts";
import { generatePassword } from "./bootstrap.ts";
import { COMMUNE_AREA_CODES, DEMO_SEED, PROVINCE_AREA_CODE } from "./demo-accounts.ts";
import { type PlannedUnit, planDemoProvince } from "./demo-organisation.ts";
import { createRandom, inventStaff, type StaffedUnit } from "./demo-people.ts";

export { type DemoAccount, demoAccounts, EMAIL_DOMAIN } from "./demo-accounts.ts";

export interface DemoSeedResult {
  rootUnitId: string;
  /** The password of every account in `demoAccounts`: CAUNOI_DEMO_PASSWORD, or generated. */
  demoPassword: string;
  units: number;
  people: number;
}

function demoPasswordOf(env: NodeJS.ProcessEnv): string {
  const demoPassword = env.CAUNOI_DEMO_PASSWORD || generatePassword();
  if (demoPassword.length < MIN_PASSWORD_LENGTH) {
    throw errors.badRequest(
      "demo.password_too_short",
      `CAUNOI_DEMO_PASSWORD phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
      `CAUNOI_DEMO_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    );
  }
  return demoPassword;
}

/** The province's name and its demo communes and wards, from the shipped administrative-area dataset. */
async function demoAreas(): Promise<{
  provinceName: string;
  communeAreas: { code: string; name: string }[];
}> {
  const dataset = await readAdminAreaDataset();
  const province = dataset.provinces.find(([code]) => code === PROVINCE_AREA_CODE);
  const communeAreas = COMMUNE_AREA_CODES.map((code) => {
    const area = dataset.communes.find(
      ([areaCode, , provinceCode]) => areaCode === code && provinceCode === PROVINCE_AREA_CODE,
    );
    if (!area) {
      throw new Error(`commune ${code} is missing from the admin-area dataset`);
    }
    return { code, name: area[1] };
  });
  if (!province) {
    throw new Error(`province ${PROVINCE_AREA_CODE} is missing from the admin-area dataset`);
  }
  return { provinceName: province[1], communeAreas };
}

interface BuiltUnits {
  root: UnitRow;
  /** Every unit with its plan, parents before children (the order the people are invented in). */
  built: { unit: UnitRow; plan: PlannedUnit }[];
}

/** Creates the planned units through org's service, parents first, so their paths and history are real. */
async function createPlannedUnits(ctx: ActionContext, province: PlannedUnit): Promise<BuiltUnits> {
  const built: BuiltUnits["built"] = [];
  const create = async (plan: PlannedUnit, parent: UnitRow | null): Promise<UnitRow> => {
    const unit = await createUnit(ctx, {
      name: plan.name,
      kind: plan.kind,
      parentId: parent?.id ?? null,
      code: plan.code,
      adminAreaCode: plan.adminAreaCode ?? null,
      ...plan.contact,
    });
    built.push({ unit, plan });
    for (const child of plan.children) {
      await create(child, unit);
    }
    return unit;
  };
  const root = await create(province, null);
  return { root, built };
}

/**
 * Creates the demo province with its sub-units and people in one transaction, so a failure leaves
 * nothing half-made and the next start tries again. Refused when the database already has units.
 */
export async function seedDemoOrganisation(
  db: Db,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DemoSeedResult> {
  const demoPassword = demoPasswordOf(env);
  // Units point at their administrative area, which must be loaded first (main.ts has done it already).
  await ensureAdminAreas(db);
  const { provinceName, communeAreas } = await demoAreas();
  const random = createRandom(DEMO_SEED);

  return db.transaction(async (tx) => {
    if (!(await hasNoUnits(tx))) {
      throw errors.conflict(
        "demo.not_empty",
        "Cơ sở dữ liệu đã có đơn vị; dữ liệu mẫu chỉ được tạo trên cơ sở dữ liệu trống.",
        "The database already has units; demo data is only created in an empty database.",
      );
    }
    // The transaction is a database handle for the services: their own transactions become savepoints.
    const ctx: ActionContext = { db: tx, actor: null, ip: null };
    const { root, built } = await createPlannedUnits(
      ctx,
      planDemoProvince(random, provinceName, communeAreas),
    );

    // The official channels, through the registry's own service so their keys and history are real.
    for (const { unit, plan } of built) {
      for (const channel of plan.channels ?? []) {
        await registerChannel(ctx, { unitId: unit.id, ...channel });
      }
    }

    // People, in batches: the per-row services would take far longer for the same rows.
    const idByCode = new Map(built.map(({ unit }) => [unit.code, unit.id]));
    const staffing: StaffedUnit[] = built.map(({ unit, plan }) => ({
      unitId: unit.id,
      female: plan.female,
      posts: plan.posts,
    }));
    const invented = inventStaff(random, staffing, (code) => {
      const id = idByCode.get(code);
      if (!id) {
        throw new Error(`role granted on an unknown unit ${code}`);
      }
      return id;
    });
    const ids = await createPeopleInBulk(tx, { people: invented, auditDetails: { seed: "demo" } });
    for (const [index, person] of invented.entries()) {
      const personId = ids[index];
      if (person.hasPassword && personId) {
        await setPassword(tx, personId, demoPassword);
      }
    }
    return { rootUnitId: root.id, demoPassword, units: built.length, people: invented.length };
  });
}
