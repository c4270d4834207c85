import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";

import { type Permission, permissions, type Role, roles } from "../../../shared/organisation.ts";

export { type Permission, permissions, type Role, roles };

/** What each role may do; a role granted on a unit applies to that unit's whole subtree. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  // Members' declared accounts are private: administrators ask for and follow up declarations but
  // cannot read them; reading needs the dedicated reviewer role, granted (and audited) on purpose.
  administrator: permissions.filter((permission) => permission !== "declarations.view"),
  editor: ["units.read", "people.read", "channels.manage", "posts.read", "posts.write", "advocacy.manage"],
  approver: ["units.read", "people.read", "posts.read", "posts.approve"],
  duty_officer: ["units.read"],
  checker: ["units.read"],
  jury: ["units.read"],
  declaration_reviewer: ["units.read", "declarations.view"],
  member: ["units.read"],
};

export interface RoleGrantView {
  role: Role;
  unitId: string;
  unitPath: string;
}

/** The signed-in person (or API token holder) with every role they hold, loaded once per request. */
export interface Actor {
  personId: string;
  fullName: string;
  email: string | null;
  unitId: string;
  grants: RoleGrantView[];
  via: "session" | "token";
  /** A role of theirs requires TOTP and they have not turned it on: only their own profile is open to them. */
  totpSetupRequired: boolean;
}

/** True when `path` is `ancestor` or lies below it in the unit tree. */
export function isWithin(path: string, ancestor: string): boolean {
  return path === ancestor || path.startsWith(`${ancestor}.`);
}

/** The unit paths under which the actor holds `permission` (tops only: nested grants are dropped). */
export function scopeFor(actor: Actor, permission: Permission): string[] {
  const paths = [
    ...new Set(
      actor.grants
        .filter((grant) => rolePermissions[grant.role].includes(permission))
        .map((grant) => grant.unitPath),
    ),
  ];
  return paths.filter((path) => !paths.some((other) => other !== path && isWithin(path, other)));
}

/** Whether the actor may do `permission` on the unit at `unitPath`. */
export function can(actor: Actor, permission: Permission, unitPath: string): boolean {
  return scopeFor(actor, permission).some((top) => isWithin(unitPath, top));
}

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

/**
 * The WHERE fragment limiting `pathColumn` to a scope. An undefined scope is a programming error
 * and throws rather than returning every row; an empty scope matches nothing.
 */
export function withinScope(pathColumn: AnyPgColumn | SQL, scope: readonly string[] | undefined): SQL {
  if (!scope) {
    throw new Error("query without a unit scope");
  }
  if (scope.length === 0) {
    return sql`false`;
  }
  return sql`${pathColumn} <@ array[${sql.join(
    scope.map((p) => sql`${p}`),
    sql`, `,
  )}]::ltree[]`;
}
