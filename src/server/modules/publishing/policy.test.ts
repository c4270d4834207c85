import { describe, expect, it } from "vitest";
import type { Actor, Role } from "../../platform/actor.ts";
import { defaultPolicy } from "./approval-policy.ts";
import {
  type ApprovalFacts,
  type ApprovalRules,
  canApproveVariant,
  canEditVariant,
  canMarkPublishedByHand,
  canRejectVariant,
  canScheduleVariant,
  canSubmitVariant,
  canUnscheduleVariant,
  hasApprovalsNeeded,
  mayReviewPost,
} from "./policy.ts";
import type { VariantStatus } from "./post-records.ts";
import { assertTransition, variantTransitions } from "./variant-status.ts";

const commune = "vn.tq.son_duong.tan_trao";

function actor(personId: string, grants: [Role, string][]): Actor {
  return {
    personId,
    fullName: personId,
    email: null,
    unitId: "unit",
    grants: grants.map(([role, unitPath]) => ({ role, unitId: unitPath, unitPath })),
    via: "session",
    totpSetupRequired: false,
  };
}

const author = actor("author", [["editor", commune]]);
const approver = actor("approver", [["approver", commune]]);
const provinceAdmin = actor("province-admin", [["administrator", "vn.tq"]]);
const siblingApprover = actor("sibling", [["approver", "vn.tq.son_duong.tu_quan"]]);

/** Facts of a variant of the author's post, waiting for its first approval under the default rules. */
function facts(overrides: Partial<ApprovalFacts> = {}): ApprovalFacts {
  return {
    actor: approver,
    unitPath: commune,
    post: { authorId: author.personId, tags: [] },
    variant: { status: "in_review" },
    policy: defaultPolicy,
    approvals: [],
    ...overrides,
  };
}

const sensitive: ApprovalRules = {
  ...defaultPolicy,
  approverRoles: ["approver"],
  sensitiveTags: ["an ninh"],
};
const firstApproval = [{ approverId: approver.personId, level: 1 }];

describe("the variant statuses", () => {
  it("lists every status, and refuses a move outside the table in the service's words", () => {
    const statuses = Object.keys(variantTransitions) as VariantStatus[];
    expect(statuses.sort()).toEqual(
      ["approved", "draft", "failed", "in_review", "published", "publishing", "scheduled"].sort(),
    );
    expect(() => assertTransition("scheduled", "publishing")).not.toThrow();
    expect(() => assertTransition("draft", "published")).toThrow(
      expect.objectContaining({ code: "publishing.wrong_status" }),
    );
    // Nothing comes back from being published but the platform saying it did not arrive.
    expect(variantTransitions.published).toEqual(["failed"]);
    // Only the scheduler takes a variant to "publishing", from the calendar.
    expect(statuses.filter((from) => variantTransitions[from].includes("publishing"))).toEqual(["scheduled"]);
  });
});

describe("approving a variant", () => {
  it("lets an approver of the unit or above approve someone else's waiting variant", () => {
    expect(canApproveVariant(facts())).toEqual({ allowed: true });
    expect(canApproveVariant(facts({ actor: provinceAdmin }))).toEqual({ allowed: true });
  });

  it("refuses the author, another branch, a variant not waiting, and a second approval by the same person", () => {
    const approvingAuthor = actor("author", [["approver", commune]]);
    expect(canApproveVariant(facts({ actor: approvingAuthor }))).toEqual({
      allowed: false,
      reason: "self_approval",
    });
    expect(canApproveVariant(facts({ actor: siblingApprover }))).toMatchObject({ reason: "forbidden" });
    expect(canApproveVariant(facts({ variant: { status: "draft" } }))).toMatchObject({
      reason: "wrong_status",
    });
    expect(
      canApproveVariant(
        facts({
          post: { authorId: "author", tags: ["an ninh"] },
          policy: sensitive,
          approvals: firstApproval,
        }),
      ),
    ).toMatchObject({ reason: "already_approved" });
  });

  it("asks each level for the roles the unit's rules name for it", () => {
    const sensitivePost = { authorId: author.personId, tags: ["an ninh"] };
    // First approval: approvers only; the administrator is the second level.
    expect(canApproveVariant(facts({ actor: provinceAdmin, policy: sensitive }))).toMatchObject({
      reason: "not_an_approver",
    });
    const otherApprover = actor("other", [["approver", commune]]);
    const second = { post: sensitivePost, policy: sensitive, approvals: firstApproval };
    expect(canApproveVariant(facts({ ...second, actor: otherApprover }))).toMatchObject({
      reason: "not_an_approver",
    });
    expect(canApproveVariant(facts({ ...second, actor: provinceAdmin }))).toEqual({ allowed: true });
  });

  it("needs the approve permission, whatever role the rules name", () => {
    const editorRules: ApprovalRules = { ...defaultPolicy, approverRoles: ["editor"] };
    const otherEditor = actor("other-editor", [["editor", commune]]);
    expect(canApproveVariant(facts({ actor: otherEditor, policy: editorRules }))).toMatchObject({
      reason: "forbidden",
    });
  });

  it("says at post level only who takes part at all, which a variant's answer can narrow", () => {
    const post = { authorId: author.personId, tags: [] };
    expect(mayReviewPost({ actor: author, unitPath: commune, post, policy: defaultPolicy })).toBe(false);
    expect(mayReviewPost({ actor: provinceAdmin, unitPath: commune, post, policy: sensitive })).toBe(true);
    expect(canApproveVariant(facts({ actor: provinceAdmin, policy: sensitive })).allowed).toBe(false);
  });

  it("counts the distinct levels given against what the post's tags need", () => {
    const post = { authorId: "author", tags: ["an ninh"] };
    expect(hasApprovalsNeeded({ policy: sensitive, post, approvals: firstApproval })).toBe(false);
    expect(
      hasApprovalsNeeded({
        policy: sensitive,
        post,
        approvals: [...firstApproval, { approverId: provinceAdmin.personId, level: 2 }],
      }),
    ).toBe(true);
    expect(hasApprovalsNeeded({ policy: defaultPolicy, post, approvals: firstApproval })).toBe(true);
  });
});

describe("the other steps", () => {
  const writer = (status: VariantStatus, overrides: Partial<ApprovalFacts> = {}) =>
    facts({ actor: author, variant: { status }, ...overrides });

  it("edits until publishing starts, and only for those who write the unit's posts", () => {
    expect(canEditVariant(writer("scheduled"))).toEqual({ allowed: true });
    expect(canEditVariant(writer("publishing"))).toMatchObject({ reason: "locked" });
    expect(canEditVariant(writer("published"))).toMatchObject({ reason: "locked" });
    expect(canEditVariant(facts({ actor: approver, variant: { status: "draft" } }))).toMatchObject({
      reason: "forbidden",
    });
  });

  it("sends a draft or failed variant for approval once its limits are met", () => {
    expect(canSubmitVariant({ ...writer("draft"), problems: [] })).toEqual({ allowed: true });
    expect(canSubmitVariant({ ...writer("failed"), problems: [] })).toEqual({ allowed: true });
    expect(canSubmitVariant({ ...writer("draft"), problems: [{ code: "x" }] })).toMatchObject({
      reason: "limits",
    });
    expect(canSubmitVariant({ ...writer("approved"), problems: [] })).toMatchObject({
      reason: "wrong_status",
    });
  });

  it("lets any approver of the unit send back what is waiting, approved or scheduled, the author's own included", () => {
    const approvingAuthor = actor("author", [["approver", commune]]);
    expect(canRejectVariant(facts({ actor: approvingAuthor, variant: { status: "scheduled" } }))).toEqual({
      allowed: true,
    });
    expect(canRejectVariant(facts({ variant: { status: "draft" } }))).toMatchObject({
      reason: "wrong_status",
    });
    expect(canRejectVariant(facts({ variant: { status: "published" } }))).toMatchObject({
      reason: "wrong_status",
    });
    const adminsOnly: ApprovalRules = {
      ...defaultPolicy,
      approverRoles: ["administrator"],
      secondApproverRoles: [],
    };
    expect(canRejectVariant(facts({ policy: adminsOnly }))).toMatchObject({ reason: "not_an_approver" });
  });

  it("schedules and records by hand only what has every approval the rules now need", () => {
    const approved = { approvals: firstApproval };
    expect(canScheduleVariant(writer("approved", approved))).toEqual({ allowed: true });
    expect(canScheduleVariant(writer("in_review", approved))).toMatchObject({ reason: "not_approved" });
    const madeSensitive = { ...approved, post: { authorId: "author", tags: ["an ninh"] }, policy: sensitive };
    expect(canScheduleVariant(writer("scheduled", madeSensitive))).toMatchObject({
      reason: "approvals_missing",
    });
    expect(canMarkPublishedByHand(writer("failed", approved))).toEqual({ allowed: true });
    expect(canMarkPublishedByHand(writer("scheduled", madeSensitive))).toMatchObject({
      reason: "not_approved",
    });
    expect(canUnscheduleVariant(writer("scheduled"))).toEqual({ allowed: true });
    expect(canUnscheduleVariant(writer("approved"))).toMatchObject({ reason: "wrong_status" });
  });
});
