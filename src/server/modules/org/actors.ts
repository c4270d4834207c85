import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { people, roleGrants, units } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";

/** Loads a person with all their role grants as an Actor; null when missing or inactive. */
export async function loadActor(db: Executor, personId: string, via: Actor["via"]): Promise<Actor | null> {
  const [person] = await db
    .select({
      id: people.id,
      fullName: people.fullName,
      email: people.email,
      unitId: people.unitId,
      status: people.status,
    })
    .from(people)
    .where(eq(people.id, personId));
  if (person?.status !== "active") {
    return null;
  }
  const grants = await db
    .select({ role: roleGrants.role, unitId: roleGrants.unitId, unitPath: units.path })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(and(eq(roleGrants.personId, personId), eq(units.status, "active")));
  // Whether TOTP is missing is the auth module's to say; it fills this in.
  return {
    personId: person.id,
    fullName: person.fullName,
    email: person.email,
    unitId: person.unitId,
    grants,
    via,
    totpSetupRequired: false,
  };
}
