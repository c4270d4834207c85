import { type Actor, can } from "../../platform/actor.ts";
import { rankingPurpose } from "./ranking-purpose.ts";

/*
 * Who may do what to a share kit, a campaign or a ranking consent: pure answers, no database. The
 * services load what a rule needs, ask here, and refuse with their own error. A query that lists
 * records carries the same rule as its condition; where it does, its comment names the predicate.
 */

/** Whether a kit is in members' feeds now: active and not past its expiry. */
export function isKitLive(kit: { status: string; expiresAt: Date | null }, now = new Date()): boolean {
  return kit.status === "active" && (!kit.expiresAt || kit.expiresAt.getTime() > now.getTime());
}

/** Whether a kit may be withdrawn: one that is not withdrawn already (an expired kit may, so its links say so). */
export function canWithdrawKit(kit: { status: string }): boolean {
  return kit.status === "active";
}

/** Whether a kit may be reinstated: only a withdrawn one. */
export function canReinstateKit(kit: { status: string }): boolean {
  return kit.status === "withdrawn";
}

/** Whether the actor may edit, withdraw, reinstate or read the figures of a kit: `advocacy.manage` over its unit. */
export function canEditKit(actor: Actor, kitUnitPath: string): boolean {
  return can(actor, "advocacy.manage", kitUnitPath);
}

/**
 * Whether a kit reaches a member: live, and aimed at their unit or a unit above it (`audienceUnitIds`,
 * the member's unit and its ancestors).
 */
export function kitReachesMember(
  kit: { status: string; expiresAt: Date | null; targetUnitIds: readonly string[] },
  audienceUnitIds: readonly string[],
  now = new Date(),
): boolean {
  return isKitLive(kit, now) && kit.targetUnitIds.some((id) => audienceUnitIds.includes(id));
}

/** Whether the actor may use a kit's share card: its editors, and the members whose feed it is in. */
export function canUseKitCard(
  actor: Actor,
  kit: { status: string; expiresAt: Date | null; targetUnitIds: readonly string[] },
  kitUnitPath: string | null,
  audienceUnitIds: readonly string[],
  now = new Date(),
): boolean {
  return (
    (kitUnitPath !== null && canEditKit(actor, kitUnitPath)) || kitReachesMember(kit, audienceUnitIds, now)
  );
}

/** Whether an editor may aim a kit at a unit: one they manage. */
export function canAimKitAt(actor: Actor, unitPath: string): boolean {
  return can(actor, "advocacy.manage", unitPath);
}

/** Whether an editor may make a kit from a published post: one of a unit they manage. */
export function canShareFromPost(actor: Actor, postUnitPath: string): boolean {
  return can(actor, "advocacy.manage", postUnitPath);
}

/** Whether an editor may put a kit in a campaign: one of a unit they manage. */
export function canUseCampaign(actor: Actor, campaignUnitPath: string): boolean {
  return can(actor, "advocacy.manage", campaignUnitPath);
}

/** Whether an editor may invite a unit to take part in a campaign: an active unit they manage. */
export function canInviteToCampaign(actor: Actor, unit: { status: string; path: string }): boolean {
  return unit.status === "active" && can(actor, "advocacy.manage", unit.path);
}

/** Whether a followers goal may count a channel: one of a unit the editor manages. */
export function canFollowChannel(actor: Actor, channelUnitPath: string): boolean {
  return can(actor, "advocacy.manage", channelUnitPath);
}

/**
 * Whether a change of ranking consent is accepted: an opt-in only against the purpose version in
 * force (a page still showing an older text is refused); a withdrawal always.
 */
export function acceptsRankingConsent(input: {
  optIn: boolean;
  purposeVersion?: string | undefined;
}): boolean {
  return !input.optIn || input.purposeVersion === rankingPurpose.version;
}
