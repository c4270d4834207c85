import { randomBytes } from "node:crypto";
import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../db/client.ts";
import { credentials, people, roleGrants, units } from "../db/schema/index.ts";
import { setPassword } from "../modules/auth/service.ts";
import { createPerson, grantRole } from "../modules/org/people-service.ts";
import { createUnit } from "../modules/org/service.ts";

/** A password that is easy to type from a terminal and strong enough (about 72 bits). */
export function generatePassword(): string {
  return randomBytes(9).toString("base64url");
}

/** The first root unit, creating an empty one named `name` when the database has none. */
export async function ensureRootUnit(db: Db, name: string): Promise<string> {
  const [root] = await db
    .select({ id: units.id })
    .from(units)
    .where(isNull(units.parentId))
    .orderBy(units.createdAt)
    .limit(1);
  if (root) {
    return root.id;
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
  let [person] = await db.select({ id: people.id }).from(people).where(eq(people.email, email));
  let created = false;
  const ctx = { db, actor: null, ip: null };
  if (!person) {
    const made = await createPerson(ctx, {
      fullName: input.fullName ?? "Quản trị viên",
      email,
      unitId: input.rootUnitId,
    });
    person = { id: made.id };
    created = true;
  }
  const [grant] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.personId, person.id),
        eq(roleGrants.unitId, input.rootUnitId),
        eq(roleGrants.role, "administrator"),
      ),
    );
  if (!grant) {
    await grantRole(ctx, { personId: person.id, unitId: input.rootUnitId, role: "administrator" });
  }
  const [credential] = await db
    .select({ personId: credentials.personId })
    .from(credentials)
    .where(eq(credentials.personId, person.id));
  let password: string | null = null;
  if (!credential || (input.replacePassword && input.password)) {
    password = input.password ?? generatePassword();
    await setPassword(db, person.id, password);
  }
  return { email, password, created };
}

/** True when the database holds no units yet (a first start). */
export async function isEmptyOrganisation(db: Db): Promise<boolean> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(units);
  return (row?.count ?? 0) === 0;
}
