import { type SQL, sql } from "drizzle-orm";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { type Permission, permissions, type Role, roles } from "../../shared/organisation.ts";

/**
 * Who is acting and where: the signed-in person with their role grants, and the scope rules every
 * module applies to it. Which roles exist and what they may do is the organisation's vocabulary
 * (shared/organisation.ts); granting them is the org module's business.
 */
export { type Permission, permissions, type Role, roles };

/** What each role may do; a role granted on a unit applies to that unit's whole subtree. */
export const rolePermissions: Record<Role, readonly Permission[]> = {
  // Members' declared accounts are private: administrators ask for and follow up declarations but
  // cannot read them; reading needs the dedicated reviewer role, granted (and audited) on purpose.
  administrator: permissions.filter((permission) => permission !== "declarations.view"),
  editor: [
    "units.read",
    "people.read",
    "channels.manage",
    "posts.read",
    "posts.write",
    "advocacy.manage",
    "inbox.read",
    "inbox.reply",
  ],
  approver: ["units.read", "people.read", "posts.read", "posts.approve", "cases.read", "cases.approve"],
  duty_officer: ["units.read", "people.read", "inbox.read", "inbox.reply"],
  checker: ["units.read", "people.read", "cases.read", "cases.manage"],
  jury: ["units.read"],
  declaration_reviewer: ["units.read", "declarations.view"],
  // A member works from their own pages (the share feed, their stories, their accounts): the unit
  // tree, the channel registry and the media library are the staff's tools, so none of them here.
  member: [],
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
