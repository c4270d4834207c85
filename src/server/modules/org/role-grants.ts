import { and, asc, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { people, roleGrants, units } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import type { Role } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { orgErrors } from "./errors.ts";
import { personLabel } from "./people-queries.ts";
import { assertMayChangeWholePerson } from "./person-changes.ts";
import { canGrantRole } from "./policy.ts";
import { unitLabel } from "./unit-queries.ts";

/* A person's roles: which they hold where, and granting or revoking one. */

/** A person's role grants with the unit names. */
export async function listGrants(db: Executor, personId: string) {
  return db
    .select({
      id: roleGrants.id,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitName: units.name,
      unitPath: units.path,
      createdAt: roleGrants.createdAt,
    })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.personId, personId))
    .orderBy(asc(roleGrants.createdAt));
}

/** Refuses to grant or revoke a role that carries a permission the actor lacks on that unit. */
function assertMayGrant(ctx: ActionContext, role: Role, unitPath: string): void {
  if (ctx.actor && !canGrantRole(ctx.actor, role, unitPath)) {
    throw orgErrors.roleBeyondOwnPermissions({ role });
  }
}

/**
 * Grants a role on a unit (covering its subtree); granting twice is a no-op. The actor must hold every
 * permission of the role there, and rights over every unit where the person already holds a role.
 */
export async function grantRole(ctx: ActionContext, input: { personId: string; unitId: string; role: Role }) {
  const changed = await ctx.db.transaction(async (tx) => {
    const [person] = await tx.select({ id: people.id }).from(people).where(eq(people.id, input.personId));
    if (!person) {
      throw errors.notFound(personLabel);
    }
    const [unit] = await tx
      .select({ id: units.id, path: units.path, status: units.status })
      .from(units)
      .where(eq(units.id, input.unitId));
    if (unit?.status !== "active") {
      throw errors.notFound(unitLabel);
    }
    assertMayGrant(ctx, input.role, unit.path);
    await assertMayChangeWholePerson(tx, ctx.actor, input.personId, "roles.manage");
    await tx
      .insert(roleGrants)
      .values({
        personId: input.personId,
        unitId: input.unitId,
        role: input.role,
        grantedBy: ctx.actor?.personId ?? null,
      })
      .onConflictDoNothing();
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "role.grant",
      unit: { id: unit.id, path: unit.path },
      target: { type: "person", id: input.personId },
      ip: ctx.ip,
      details: { role: input.role },
    });
    return listGrants(tx, input.personId);
  });
  invalidateActorCache(input.personId);
  return changed;
}

/** The unit a grant is on (for the access check), or null. */
export async function unitOfGrant(db: Executor, grantId: string): Promise<string | null> {
  if (!/^[0-9a-f-]{36}$/i.test(grantId)) {
    return null;
  }
  const [row] = await db
    .select({ unitId: roleGrants.unitId })
    .from(roleGrants)
    .where(eq(roleGrants.id, grantId));
  return row?.unitId ?? null;
}

/** Revokes one role grant. */
export async function revokeRole(ctx: ActionContext, personId: string, grantId: string) {
  const changed = await ctx.db.transaction(async (tx) => {
    await assertMayChangeWholePerson(tx, ctx.actor, personId, "roles.manage");
    const [grant] = await tx
      .delete(roleGrants)
      .where(and(eq(roleGrants.id, grantId), eq(roleGrants.personId, personId)))
      .returning();
    if (!grant) {
      throw errors.notFound({ vi: "vai trò", en: "Role grant" });
    }
    const [unit] = await tx
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(eq(units.id, grant.unitId));
    if (unit) {
      assertMayGrant(ctx, grant.role, unit.path);
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "role.revoke",
      unit: unit ?? null,
      target: { type: "person", id: personId },
      ip: ctx.ip,
      details: { role: grant.role },
    });
    return listGrants(tx, personId);
  });
  invalidateActorCache(personId);
  return changed;
}
