import {
  type Actor,
  can,
  isWithin,
  type Permission,
  permissions,
  type Role,
  rolePermissions,
  roles,
  scopeFor,
} from "../../platform/actor.ts";

/**
 * Whether the actor may grant (or revoke) `role` on the unit at `unitPath`: only when they hold every
 * permission of that role there themselves, so nobody hands out (or to themselves) more than they have.
 * An administrator therefore cannot make anyone a declaration reviewer.
 */
export function canGrantRole(actor: Actor, role: Role, unitPath: string): boolean {
  return rolePermissions[role].every((permission) => can(actor, permission, unitPath));
}

/**
 * For each role, the tops of the units where the actor may grant it (`roles.manage` and every
 * permission of the role), so the UI offers only what `canGrantRole` will allow. The tops of such an
 * intersection of subtrees are always among the actor's own grant units.
 */
export function grantableRoleScopes(actor: Actor): Record<Role, string[]> {
  const candidates = [...new Set(actor.grants.map((grant) => grant.unitPath))];
  return Object.fromEntries(
    roles.map((role) => {
      const allowed = candidates.filter(
        (path) => can(actor, "roles.manage", path) && canGrantRole(actor, role, path),
      );
      return [
        role,
        allowed.filter((path) => !allowed.some((other) => other !== path && isWithin(path, other))),
      ];
    }),
  ) as Record<Role, string[]>;
}

/**
 * Whether the actor may make a sensitive change to a person (e-mail, roles, deactivation): they need
 * `permission` over every unit in `unitPaths` (the person's own unit and each unit where the person holds
 * a role), so a commune administrator cannot take over someone who also holds a role at the province.
 */
export function canActOnWholePerson(
  actor: Actor,
  permission: Permission,
  unitPaths: readonly string[],
): boolean {
  return unitPaths.every((path) => can(actor, permission, path));
}

/** Abilities for the UI, so it shows only what the server will allow. */
export function abilitiesOf(actor: Actor): Record<Permission, string[]> {
  return Object.fromEntries(permissions.map((p) => [p, scopeFor(actor, p)])) as Record<Permission, string[]>;
}
