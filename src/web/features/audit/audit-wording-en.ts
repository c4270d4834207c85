import type { Words } from "./audit-wording.ts";
import { inboxEnWording } from "./audit-wording-inbox-en.ts";

/** The audit page's words in English, one per action kind the server records. */
export const enWording: Words = {
  "auth.sign_in": { label: "Sign-in", sentence: "{actor} signed in" },
  "auth.sign_in_failed": { label: "Failed sign-in", sentence: "A sign-in as {actor} failed" },
  "auth.sign_in_password_ok": {
    label: "Password accepted, awaiting code",
    sentence: "{actor} entered the right password and was asked for the two-factor code",
  },
  "auth.sign_out": { label: "Sign-out", sentence: "{actor} signed out" },
  "auth.password_change": { label: "Password change", sentence: "{actor} changed their password" },
  "auth.password_reset_requested": {
    label: "Password reset request",
    sentence: "{actor} asked to reset their password",
  },
  "auth.password_reset": { label: "Password reset", sentence: "The password of {actor} was reset" },
  "auth.password_set": {
    label: "Password set from the command line",
    sentence: "{actor} set the password of {subject} from the command line",
  },
  "auth.totp_enabled": { label: "Two-factor sign-in on", sentence: "{actor} turned on two-factor sign-in" },
  "auth.totp_disabled": {
    label: "Two-factor sign-in off",
    sentence: "{actor} turned off two-factor sign-in",
  },
  "auth.totp_failed": {
    label: "Wrong verification code",
    sentence: "{actor} entered a wrong verification code",
  },
  "auth.token_create": { label: "API token created", sentence: "{actor} created the API token {subject}" },
  "auth.token_revoke": { label: "API token revoked", sentence: "{actor} revoked the API token {subject}" },
  "auth.invitation_send": { label: "Invitation sent", sentence: "{actor} sent an invitation to {subject}" },
  "auth.invitation_resend": {
    label: "Invitation sent again",
    sentence: "{actor} sent {subject} a new invitation",
  },
  "auth.invitation_revoke": {
    label: "Invitation revoked",
    sentence: "{actor} revoked the invitation of {subject}",
  },
  "auth.invitation_accept": {
    label: "Invitation accepted",
    sentence: "{actor} accepted the invitation and set a password",
  },
  "settings.role_policy": {
    label: "Sign-in rule of a role changed",
    sentence: "{actor} changed the sign-in rule of the {role} role",
  },
  "unit.create": { label: "Unit created", sentence: "{actor} created the unit {subject}" },
  "unit.update": { label: "Unit edited", sentence: "{actor} edited the unit {subject}" },
  "unit.move": { label: "Unit moved", sentence: "{actor} moved the unit {subject} under another unit" },
  "unit.merge": { label: "Units merged", sentence: "{actor} merged the unit {subject} into {unit}" },
  "unit.dissolve": { label: "Unit dissolved", sentence: "{actor} dissolved the unit {subject}" },
  "role.grant": { label: "Role granted", sentence: "{actor} granted the {role} role to {subject}" },
  "role.grant_cli": {
    label: "Role granted from the command line",
    sentence: "{actor} granted the {role} role to {subject} from the command line",
  },
  "role.revoke": { label: "Role revoked", sentence: "{actor} revoked the {role} role of {subject}" },
  "person.create": { label: "Person added", sentence: "{actor} added {subject}" },
  "person.update": { label: "Person edited", sentence: "{actor} edited the details of {subject}" },
  "person.deactivate": {
    label: "Account deactivated",
    sentence: "{actor} deactivated the account of {subject}",
  },
  "person.reactivate": {
    label: "Account reactivated",
    sentence: "{actor} reactivated the account of {subject}",
  },
  "person.read": { label: "Person's record viewed", sentence: "{actor} viewed the record of {subject}" },
  "person.list": { label: "People list viewed", sentence: "{actor} viewed a list of {count} people" },
  "person.import": { label: "People imported", sentence: "{actor} imported {created} people into {unit}" },
  "person.email_change_requested": {
    label: "E-mail change requested",
    sentence: "{actor} asked to change the e-mail of {subject}",
  },
  "person.email_change_confirmed": {
    label: "New e-mail confirmed",
    sentence: "{actor} confirmed a new e-mail",
  },
  "channel.register": {
    label: "Official channel registered",
    sentence: "{actor} registered the official channel {kind} {subject}",
  },
  "channel.update": { label: "Channel edited", sentence: "{actor} edited the channel {kind} {subject}" },
  "channel.import": {
    label: "Channels imported",
    sentence: "{actor} imported {created} official channels into {unit}",
  },
  "channel.status": {
    label: "Channel status changed",
    sentence: "{actor} changed the status of the channel {kind} {subject}",
  },
  "channel.hand_over": {
    label: "Channel handed over",
    sentence: "{actor} handed the channel {kind} {subject} over to {unit}",
  },
  "channel.verify": { label: "Channel verified", sentence: "{actor} verified the channel {kind} {subject}" },
  "channel.remove": {
    label: "Channel removed from the directory",
    sentence: "{actor} removed the channel {kind} {subject} from the directory of official channels",
  },
  "channel.connection.create": {
    label: "Channel connected",
    sentence: "{actor} connected the channel {kind} {subject} to Cầu Nối",
  },
  "channel.connection.update": {
    label: "Channel connection updated",
    sentence: "{actor} updated the connection of the channel {kind} {subject}",
  },
  "channel.connection.delete": {
    label: "Channel disconnected",
    sentence: "{actor} disconnected the channel {kind} {subject}",
  },
  "channel.connection.needs_reconnect": {
    label: "Channel connection needs renewing",
    sentence: "The connection of the channel {kind} {subject} must be set up again",
  },
  "media.upload": { label: "File uploaded", sentence: "{actor} uploaded {subject} to the library" },
  "media.alt_text": { label: "Description edited", sentence: "{actor} edited the description of {subject}" },
  "media.delete": { label: "File deleted", sentence: "{actor} deleted {subject} from the library" },
  "publishing.post_create": { label: "Post written", sentence: "{actor} wrote the post {subject}" },
  "publishing.post_update": { label: "Post edited", sentence: "{actor} edited the post {subject}" },
  "publishing.approve": {
    label: "Channel version approved",
    sentence: "{actor} approved the {kind} version of the post {subject}",
  },
  "publishing.reject": {
    label: "Channel version sent back",
    sentence: "{actor} sent back the {kind} version of the post {subject}",
  },
  "publishing.schedule": {
    label: "Publishing scheduled",
    sentence: "{actor} scheduled the {kind} version of the post {subject}",
  },
  "publishing.policy": {
    label: "Approval rules changed",
    sentence: "{actor} changed the approval rules of {subject}",
  },
  "publishing.policy_cleared": {
    label: "Own approval rules removed",
    sentence: "{actor} removed the own approval rules of {subject}",
  },
  "advocacy.kit.create": { label: "Share kit created", sentence: "{actor} created the share kit {subject}" },
  "advocacy.kit.update": { label: "Share kit edited", sentence: "{actor} edited the share kit {subject}" },
  "advocacy.kit.withdraw": {
    label: "Share kit withdrawn",
    sentence: "{actor} withdrew the share kit {subject}",
  },
  "advocacy.kit.reinstate": {
    label: "Share kit reinstated",
    sentence: "{actor} reinstated the share kit {subject}",
  },
  "advocacy.campaign.create": {
    label: "Campaign created",
    sentence: "{actor} created the campaign {subject}",
  },
  "advocacy.campaign.update": { label: "Campaign edited", sentence: "{actor} edited the campaign {subject}" },
  "advocacy.campaign.followers": {
    label: "Follower count recorded",
    sentence: "{actor} recorded the follower count of the campaign {subject}",
  },
  "advocacy.ranking.opt_in": {
    label: "Agreed to be named in rankings",
    sentence: "{actor} agreed to be named in rankings",
  },
  "advocacy.ranking.opt_out": {
    label: "Withdrew agreement to be named",
    sentence: "{actor} withdrew their agreement to be named in rankings",
  },
  "declarations.read": {
    label: "Declarations viewed",
    sentence: "{actor} viewed the social account declarations of {subject}",
    alone: "{actor} viewed the social account declarations of {count} people",
  },
  "declarations.declare": { label: "Account declared", sentence: "{actor} declared a social account" },
  "declarations.update": { label: "Declaration edited", sentence: "{actor} edited a declared account" },
  "declarations.status": {
    label: "Declaration status changed",
    sentence: "{actor} changed the status of a declared account",
  },
  "declarations.delete": {
    label: "Declaration deleted",
    sentence: "{actor} deleted {count} declared accounts",
  },
  "declarations.report": {
    label: "Account incident reported",
    sentence: "{actor} reported an incident with a social account",
  },
  "declarations.report_acknowledged": {
    label: "Alert acknowledged",
    sentence: "{actor} acknowledged an alert about a social account",
  },
  "declarations.request_create": {
    label: "Declaration review request created",
    sentence: "{actor} created the declaration review request {subject}",
  },
  "declarations.request_close": {
    label: "Declaration review request closed",
    sentence: "{actor} closed the declaration review request {subject}",
  },
  "declarations.request_respond": {
    label: "Declaration review confirmed",
    sentence: "{actor} confirmed their review for the request {subject}",
  },
  "channel.impersonation_confirm": {
    label: "Impersonation of a channel recorded",
    sentence: "{actor} recorded a page impersonating the channel {subject}",
  },
  "channel.impersonation_lift": {
    label: "Impersonation of a channel lifted",
    sentence: "{actor} lifted a recorded impersonation of the channel {subject}",
  },
  "impersonation.create": {
    label: "Suspected impersonation received",
    sentence: "{actor} added a suspected impersonating page to the watch list",
  },
  "impersonation.import": {
    label: "Suspected impersonations imported",
    sentence: "{actor} imported a list of suspected impersonating pages",
  },
  "impersonation.confirm": {
    label: "Impersonation confirmed",
    sentence: "{actor} confirmed a page as impersonation",
  },
  "impersonation.dismiss": {
    label: "Suspected impersonation dismissed",
    sentence: "{actor} found a page is not an impersonation",
  },
  "impersonation.reopen": {
    label: "Suspected impersonation reopened",
    sentence: "{actor} reopened a suspected impersonating page",
  },
  "impersonation.report_pack": {
    label: "Impersonation report pack downloaded",
    sentence: "{actor} downloaded the report pack of an impersonating page",
  },
  "publishing.publish_now": {
    label: "Correction article published on the portal",
    sentence: "{actor} published the correction article {subject} on the unit's portal",
  },
  "verification.verdict_draft": {
    label: "Verdict drafted",
    sentence: "{actor} drafted the verdict of a case",
  },
  "verification.verdict_change": {
    label: "Verdict changed",
    sentence: "{actor} changed the verdict of a case",
  },
  "verification.verdict_sign_off": {
    label: "Verdict signed off",
    sentence: "{actor} signed off the verdict of a case",
  },
  "verification.verdict_publish": {
    label: "Verdict published",
    sentence: "{actor} published the verdict of a case",
  },
  "verification.verdict_republish": {
    label: "Corrected verdict published",
    sentence: "{actor} published a corrected verdict with its correction note",
  },
  "verification.verdict_pause": {
    label: "Verdict paused",
    sentence: "{actor} paused a published verdict to correct it",
  },
  "verification.case_triage": {
    label: "Case triaged",
    sentence: "{actor} changed a verification case's category, urgency, due time, assignee or title",
  },
  "verification.case_checklist": {
    label: "Checklist step ticked",
    sentence: "{actor} ticked or unticked a checklist step of a verification case",
  },
  "verification.evidence_add": {
    label: "Source added",
    sentence: "{actor} added a source to a verification case",
  },
  "verification.evidence_remove": {
    label: "Source removed",
    sentence: "{actor} removed a source from a verification case",
  },
  "verification.case_merge": {
    label: "Cases merged",
    sentence: "{actor} merged two duplicate verification cases",
  },
  "verification.suggestion_dismiss": {
    label: "Duplicate suggestion dismissed",
    sentence: "{actor} decided two verification cases are not duplicates",
  },
  "verification.checklists_update": {
    label: "Checklists edited",
    sentence: "{actor} edited a unit's verification checklists",
  },
  "verification.indicator_add": {
    label: "Scam indicator added",
    sentence: "{actor} added a scam indicator (phone, account, domain) to a verification case",
  },
  "verification.indicator_remove": {
    label: "Scam indicator removed",
    sentence: "{actor} removed a scam indicator from a verification case",
  },
  ...inboxEnWording,
};
