import { and, asc, eq, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { people, roleGrants, units } from "../../db/schema/index.ts";
import type { Role } from "../../platform/actor.ts";

/*
 * What the auth module and the `caunoi` command need to know about people as account holders (who
 * signs in with an e-mail, which roles they hold, which unit is the root), so that neither reads
 * org's tables itself.
 */

export interface PersonAccount {
  id: string;
  fullName: string;
  email: string | null;
  locale: "vi" | "en";
  status: "active" | "inactive";
}

/** The person who signs in with `email` (already normalised: trimmed, lower case), or null. */
export async function personAccountByEmail(db: Executor, email: string): Promise<PersonAccount | null> {
  const [row] = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      email: people.email,
      locale: people.locale,
      status: people.status,
    })
    .from(people)
    .where(eq(people.email, email));
  return row ?? null;
}

/** The distinct roles a person holds anywhere, whatever the state of the units they are held on. */
export async function rolesHeldBy(db: Executor, personId: string): Promise<Role[]> {
  const rows = await db
    .selectDistinct({ role: roleGrants.role })
    .from(roleGrants)
    .where(eq(roleGrants.personId, personId));
  return rows.map((row) => row.role);
}

/** Whether the person holds `role` on exactly that unit (not inherited from above). */
export async function holdsRoleOnUnit(
  db: Executor,
  grant: { personId: string; unitId: string; role: Role },
): Promise<boolean> {
  const [row] = await db
    .select({ id: roleGrants.id })
    .from(roleGrants)
    .where(
      and(
        eq(roleGrants.personId, grant.personId),
        eq(roleGrants.unitId, grant.unitId),
        eq(roleGrants.role, grant.role),
      ),
    );
  return Boolean(row);
}

/** The person granted `role` on exactly that unit first, or null when no one holds it there. */
export async function firstHolderOfRole(db: Executor, unitId: string, role: Role): Promise<string | null> {
  const [row] = await db
    .select({ personId: roleGrants.personId })
    .from(roleGrants)
    .where(and(eq(roleGrants.unitId, unitId), eq(roleGrants.role, role)))
    .orderBy(asc(roleGrants.createdAt))
    .limit(1);
  return row?.personId ?? null;
}

/** The first unit created without a parent: the one the operator's administrator account belongs to. */
export async function firstRootUnitId(db: Executor): Promise<string | null> {
  const [root] = await db
    .select({ id: units.id })
    .from(units)
    .where(isNull(units.parentId))
    .orderBy(units.createdAt)
    .limit(1);
  return root?.id ?? null;
}

/** True when the database holds no units yet (a first start). */
export async function hasNoUnits(db: Executor): Promise<boolean> {
  const [row] = await db.select({ count: sql<number>`count(*)::int` }).from(units);
  return (row?.count ?? 0) === 0;
}
