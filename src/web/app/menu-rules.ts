import type { Permission, Role, SignedInSession } from "../backend/types.ts";

/** Who a menu item is for: a permission the page needs, and the roles whose work it serves. */
export interface MenuRule {
  permission?: Permission;
  /**
   * With it, the item is offered only to a person holding one of these roles (besides the permission):
   * a page that a permission opens but that is not every holder's work, such as the channel registry
   * and the media library, which `units.read` opens for a declaration reviewer too (who needs it only to
   * choose units in the declarations' filter).
   */
  roles?: readonly Role[];
}

/** The roles whose work uses the staff's registry and library: not a declaration reviewer's, nor a jury's. */
export const staffToolRoles: readonly Role[] = [
  "administrator",
  "editor",
  "approver",
  "duty_officer",
  "checker",
];

/** Whether the menu offers an item to this person. */
export function offers(session: Pick<SignedInSession, "abilities" | "grants">, rule: MenuRule): boolean {
  // Held anywhere: each page then lists what the person may see.
  if (rule.permission && session.abilities[rule.permission].length === 0) {
    return false;
  }
  return !rule.roles || session.grants.some((grant) => rule.roles?.includes(grant.role));
}
