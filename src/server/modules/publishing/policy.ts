import { type Actor, can, isWithin, type Role } from "../../platform/actor.ts";
import type { ApprovalPolicy } from "./approval-policy.ts";
import type { VariantStatus } from "./post-records.ts";

/*
 * Who may do what to which post and variant: pure predicates over facts loaded beforehand, so that
 * the services enforce them and the post response carries the same answers to the UI. The access
 * check of a route asks for the permission first; the rules repeat it so that an answer sent to the
 * UI is the whole answer.
 */

/** A rule's answer: allowed, or not with the reason the service turns into its error. */
export type Verdict<Reason extends string> = { allowed: true } | { allowed: false; reason: Reason };

const allowed = { allowed: true } as const;
const refused = <Reason extends string>(reason: Reason) => ({ allowed: false, reason }) as const;

/** The parts of a unit's approval rules that decide who approves. */
export type ApprovalRules = Pick<ApprovalPolicy, "approverRoles" | "sensitiveTags" | "secondApproverRoles">;

/** What the rules about a variant look at. */
export interface VariantFacts {
  actor: Actor;
  /** The tree path of the post's unit. */
  unitPath: string;
  post: { authorId: string | null; tags: readonly string[] };
  variant: { status: VariantStatus };
}

/** The facts of a variant with the unit's approval rules and its approvals. */
export interface ApprovalFacts extends VariantFacts {
  policy: ApprovalRules;
  /** The approvals given to the variant's current content. */
  approvals: readonly { approverId: string; level: number }[];
}

/** Whether the actor holds one of `roles` on the unit at `unitPath` (or above it). */
export function holdsRoleOn(actor: Actor, roles: readonly Role[], unitPath: string): boolean {
  return actor.grants.some((grant) => roles.includes(grant.role) && isWithin(unitPath, grant.unitPath));
}

/** How many approvals a post with these tags needs under the rules. */
export function approvalsNeeded(
  policy: Pick<ApprovalRules, "sensitiveTags">,
  tags: readonly string[],
): 1 | 2 {
  return tags.some((tag) => policy.sensitiveTags.includes(tag)) ? 2 : 1;
}

/** The level the next approval of a variant would be. */
export function nextApprovalLevel(approvals: readonly unknown[]): 1 | 2 {
  return approvals.length === 0 ? 1 : 2;
}

/** The roles that may give the approval of `level`. */
export function rolesForApprovalLevel(policy: ApprovalRules, level: 1 | 2): readonly Role[] {
  return level === 1 ? policy.approverRoles : policy.secondApproverRoles;
}

/**
 * Whether the variant, as it is now, has every approval the rules require (checked again right
 * before publishing: a tag made sensitive after approval still needs its second approval).
 */
export function hasApprovalsNeeded(facts: Pick<ApprovalFacts, "policy" | "post" | "approvals">): boolean {
  return (
    new Set(facts.approvals.map((approval) => approval.level)).size >=
    approvalsNeeded(facts.policy, facts.post.tags)
  );
}

/** Authors never approve their own posts. */
export function isSelfApproval(actor: Actor, post: { authorId: string | null }): boolean {
  return post.authorId === actor.personId;
}

/** Whether the actor may write the posts of the unit at `unitPath` (and edit, submit, schedule their variants). */
export function canWritePosts(actor: Actor, unitPath: string): boolean {
  return can(actor, "posts.write", unitPath);
}

/**
 * Whether the actor takes part in approving this post at all: an approver of the unit under its rules
 * (at either level), not its author. Each variant's `canApproveVariant` says whether it can be approved now.
 */
export function mayReviewPost(facts: Pick<ApprovalFacts, "actor" | "unitPath" | "post" | "policy">): boolean {
  const { actor, unitPath, policy } = facts;
  return (
    can(actor, "posts.approve", unitPath) &&
    !isSelfApproval(actor, facts.post) &&
    holdsRoleOn(actor, [...policy.approverRoles, ...policy.secondApproverRoles], unitPath)
  );
}

const lockedStatuses: readonly VariantStatus[] = ["publishing", "published"];

/** A variant can be edited until it is being published. */
export function canEditVariant(facts: VariantFacts): Verdict<"forbidden" | "locked"> {
  if (!canWritePosts(facts.actor, facts.unitPath)) {
    return refused("forbidden");
  }
  return lockedStatuses.includes(facts.variant.status) ? refused("locked") : allowed;
}

/** A draft (or a failed variant) is sent for approval once the platform's limits are met. */
export function canSubmitVariant(
  facts: VariantFacts & { problems: readonly unknown[] },
): Verdict<"forbidden" | "limits" | "wrong_status"> {
  if (!canWritePosts(facts.actor, facts.unitPath)) {
    return refused("forbidden");
  }
  if (facts.problems.length > 0) {
    return refused("limits");
  }
  const { status } = facts.variant;
  return status === "draft" || status === "failed" ? allowed : refused("wrong_status");
}

/**
 * A variant waiting for approval is approved by someone other than its author, who has not approved
 * its current content yet and holds a role the unit's rules name for this level of approval.
 */
export function canApproveVariant(
  facts: ApprovalFacts,
): Verdict<"forbidden" | "wrong_status" | "self_approval" | "already_approved" | "not_an_approver"> {
  const { actor, unitPath } = facts;
  if (!can(actor, "posts.approve", unitPath)) {
    return refused("forbidden");
  }
  if (facts.variant.status !== "in_review") {
    return refused("wrong_status");
  }
  if (isSelfApproval(actor, facts.post)) {
    return refused("self_approval");
  }
  if (facts.approvals.some((approval) => approval.approverId === actor.personId)) {
    return refused("already_approved");
  }
  const level = nextApprovalLevel(facts.approvals);
  return holdsRoleOn(actor, rolesForApprovalLevel(facts.policy, level), unitPath)
    ? allowed
    : refused("not_an_approver");
}

const unrejectableStatuses: readonly VariantStatus[] = ["draft", "publishing", "published"];

/** An approver of the unit (at either level) sends back a variant that is waiting, approved or scheduled. */
export function canRejectVariant(
  facts: Omit<ApprovalFacts, "approvals">,
): Verdict<"forbidden" | "wrong_status" | "not_an_approver"> {
  const { actor, unitPath, policy } = facts;
  if (!can(actor, "posts.approve", unitPath)) {
    return refused("forbidden");
  }
  if (unrejectableStatuses.includes(facts.variant.status)) {
    return refused("wrong_status");
  }
  return holdsRoleOn(actor, [...policy.approverRoles, ...policy.secondApproverRoles], unitPath)
    ? allowed
    : refused("not_an_approver");
}

const approvedStatuses: readonly VariantStatus[] = ["approved", "scheduled", "failed"];

/** An approved variant (scheduled or failed too) is scheduled while it has every approval the rules need. */
export function canScheduleVariant(
  facts: ApprovalFacts,
): Verdict<"forbidden" | "not_approved" | "approvals_missing"> {
  if (!canWritePosts(facts.actor, facts.unitPath)) {
    return refused("forbidden");
  }
  if (!approvedStatuses.includes(facts.variant.status)) {
    return refused("not_approved");
  }
  return hasApprovalsNeeded(facts) ? allowed : refused("approvals_missing");
}

/** A scheduled (or failed) variant can be taken off the calendar. */
export function canUnscheduleVariant(facts: VariantFacts): Verdict<"forbidden" | "wrong_status"> {
  if (!canWritePosts(facts.actor, facts.unitPath)) {
    return refused("forbidden");
  }
  const { status } = facts.variant;
  return status === "scheduled" || status === "failed" ? allowed : refused("wrong_status");
}

/** Only an approved variant with every approval it needs is recorded as posted by hand. */
export function canMarkPublishedByHand(facts: ApprovalFacts): Verdict<"forbidden" | "not_approved"> {
  if (!canWritePosts(facts.actor, facts.unitPath)) {
    return refused("forbidden");
  }
  return approvedStatuses.includes(facts.variant.status) && hasApprovalsNeeded(facts)
    ? allowed
    : refused("not_approved");
}
