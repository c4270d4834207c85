/**
 * Every action kind the server and the CLI record in the audit log. The web words each one as a sentence
 * through a map typed over this union, so a kind without words does not compile; a test
 * (src/server/modules/auth/audit-actions.test.ts) fails when the code records a kind missing here.
 */
export const auditActions = [
  "auth.sign_in",
  "auth.sign_in_failed",
  "auth.sign_in_password_ok",
  "auth.sign_out",
  "auth.password_change",
  "auth.password_reset_requested",
  "auth.password_reset",
  "auth.password_set",
  "auth.totp_enabled",
  "auth.totp_disabled",
  "auth.totp_failed",
  "auth.token_create",
  "auth.token_revoke",
  "auth.invitation_send",
  "auth.invitation_resend",
  "auth.invitation_revoke",
  "auth.invitation_accept",
  "settings.role_policy",
  "unit.create",
  "unit.update",
  "unit.move",
  "unit.merge",
  "unit.dissolve",
  "role.grant",
  "role.grant_cli",
  "role.revoke",
  "person.create",
  "person.update",
  "person.deactivate",
  "person.reactivate",
  "person.read",
  "person.list",
  "person.import",
  "person.email_change_requested",
  "person.email_change_confirmed",
  "channel.register",
  "channel.update",
  "channel.import",
  "channel.status",
  "channel.hand_over",
  "channel.verify",
  "channel.remove",
  "channel.connection.create",
  "channel.connection.update",
  "channel.connection.delete",
  "channel.connection.needs_reconnect",
  "media.upload",
  "media.alt_text",
  "media.delete",
  "publishing.post_create",
  "publishing.post_update",
  "publishing.approve",
  "publishing.reject",
  "publishing.schedule",
  "publishing.policy",
  "publishing.policy_cleared",
  "advocacy.kit.create",
  "advocacy.kit.update",
  "advocacy.kit.withdraw",
  "advocacy.kit.reinstate",
  "advocacy.campaign.create",
  "advocacy.campaign.update",
  "advocacy.campaign.followers",
  "advocacy.ranking.opt_in",
  "advocacy.ranking.opt_out",
  "declarations.read",
  "declarations.declare",
  "declarations.update",
  "declarations.status",
  "declarations.delete",
  "declarations.report",
  "declarations.report_acknowledged",
  "declarations.request_create",
  "declarations.request_close",
  "declarations.request_respond",
] as const;

export type AuditAction = (typeof auditActions)[number];

/**
 * Reads of personal data: the log keeps every one, the audit page shows them one row per reader, per
 * view (the same list query, the same person) and per hour, with how many times.
 */
export const groupedReadActions = ["person.list", "person.read", "declarations.read"] as const;

export function isAuditAction(value: string): value is AuditAction {
  return (auditActions as readonly string[]).includes(value);
}
