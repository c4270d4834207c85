/** Kinds of unit in the tree; the server's tables and the web app's labels both key on these. */
export const unitKinds = [
  "province",
  "commune",
  "party_committee",
  "agency",
  "cell",
  /** Tỉnh đoàn, Hội LHPN, Hội CCB… at province level: organisations, not branches. */
  "mass_organisation",
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
  /** Reads members' declared accounts (Regulation 85); granted on purpose, never implied by another role. */
  "declaration_reviewer",
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
  /** Ask a subtree to review their account declarations; receive members' hijack/impersonation alerts. */
  "declarations.manage",
  /** Read members' declared accounts; every read is audited. Only the declaration_reviewer role has it. */
  "declarations.view",
  /** See the unit's posts and their variants (drafts included) and the publishing calendar. */
  "posts.read",
  /** Write posts and variants, send them for approval, schedule approved ones. */
  "posts.write",
  /** Approve or reject variants, when the unit's approval policy names one of the person's roles. */
  "posts.approve",
  /** Make share kits and campaigns for members to share, and read their click reports. */
  "advocacy.manage",
  /** See the verification desk's cases, impersonation candidates and scam indicators of the unit. */
  "cases.read",
  /** Triage cases, gather evidence, draft verdicts, merge duplicates, score and confirm look-alike pages. */
  "cases.manage",
  /** Sign off a drafted verdict before it is published, and publish or pause it. */
  "cases.approve",
  /** See the unit's inbox: conversations from its connected channels and portal (every read audited). */
  "inbox.read",
  /** Answer, note, label, assign, resolve and escalate conversations; ask for shift swaps. */
  "inbox.reply",
  /** The unit's duty roster, response targets, canned replies, offices, retention and deletion requests. */
  "inbox.manage",
] as const;
export type Permission = (typeof permissions)[number];

/**
 * Roles whose work uses personal API tokens (feeding reports, scheduling from other tools): the profile
 * offers tokens to them and the server makes tokens for them only.
 */
export const apiTokenRoles: readonly Role[] = ["administrator", "editor"];
