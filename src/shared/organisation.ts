/** Kinds of unit in the tree; the server's tables and the web app's labels both key on these. */
export const unitKinds = [
  "province",
  "commune",
  "party_committee",
  "agency",
  "cell",
  "union_branch",
  "other",
] as const;
export type UnitKind = (typeof unitKinds)[number];

/** Roles granted on a unit, each covering the unit's whole subtree. */
export const roles = [
  "administrator",
  "editor",
  "approver",
  "duty_officer",
  "checker",
  "jury",
  "member",
] as const;
export type Role = (typeof roles)[number];

/** What a role may do; the server's policy maps roles to these and sends the web app its abilities. */
export const permissions = [
  "units.read",
  "units.manage",
  "people.read",
  "people.manage",
  "roles.manage",
  "audit.read",
  "settings.manage",
  "channels.manage",
] as const;
export type Permission = (typeof permissions)[number];
