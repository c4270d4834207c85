import { randomBytes } from "node:crypto";
import type { Db } from "../db/client.ts";
import { hasPassword, setPassword } from "../modules/auth/index.ts";
import {
  createPerson,
  createUnit,
  firstRootUnitId,
  grantRole,
  hasNoUnits,
  holdsRoleOnUnit,
  personAccountByEmail,
} from "../modules/org/index.ts";

/** A password that is easy to type from a terminal and strong enough (about 72 bits). */
export function generatePassword(): string {
  return randomBytes(9).toString("base64url");
}

/** The first root unit, creating an empty one named `name` when the database has none. */
export async function ensureRootUnit(db: Db, name: string): Promise<string> {
  const rootId = await firstRootUnitId(db);
  if (rootId) {
    return rootId;
  }
  const unit = await createUnit(
    { db, actor: null, ip: null },
    { name, kind: "other", parentId: null, code: "ROOT" },
  );
  return unit.id;
}

export interface AdminAccount {
  email: string;
  /** Set only when this call created the account or changed its password. */
  password: string | null;
  created: boolean;
}

/**
 * Makes sure `email` is an administrator of the root unit, creating the person if needed. The
 * password is set when the account has none yet, or when `replacePassword` asks for it.
 */
export async function ensureAdministrator(
  db: Db,
  input: {
    email: string;
    password?: string;
    fullName?: string;
    rootUnitId: string;
    replacePassword?: boolean;
  },
): Promise<AdminAccount> {
  const email = input.email.trim().toLowerCase();
  const ctx = { db, actor: null, ip: null };
  let personId = (await personAccountByEmail(db, email))?.id;
  let created = false;
  if (!personId) {
    const made = await createPerson(ctx, {
      fullName: input.fullName ?? "Quản trị viên",
      email,
      unitId: input.rootUnitId,
    });
    personId = made.id;
    created = true;
  }
  const grant = { personId, unitId: input.rootUnitId, role: "administrator" as const };
  // Granting again would be a no-op, but one that writes an audit record on every start.
  if (!(await holdsRoleOnUnit(db, grant))) {
    await grantRole(ctx, grant);
  }
  let password: string | null = null;
  if (!(await hasPassword(db, personId)) || (input.replacePassword && input.password)) {
    password = input.password ?? generatePassword();
    await setPassword(db, personId, password);
  }
  return { email, password, created };
}

/** True when the database holds no units yet (a first start). */
export function isEmptyOrganisation(db: Db): Promise<boolean> {
  return hasNoUnits(db);
}
