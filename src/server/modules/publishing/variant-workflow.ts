import { and, asc, eq, sql } from "drizzle-orm";
import { normaliseWebAddress } from "../../../shared/web-address.ts";
import type { Executor } from "../../db/client.ts";
import { postVariants, variantApprovals } from "../../db/schema/index.ts";
import { AppError, errors } from "../../http/errors.ts";
import { recordAudit } from "../auth/audit.ts";
import type { Actor } from "../org/policy.ts";
import { approvalPolicyFor } from "./approval-policy.ts";
import { checkLimits, type LimitProblem } from "./limits.ts";
import {
  type ApprovalFacts,
  approvalsNeeded,
  canApproveVariant,
  canMarkPublishedByHand,
  canRejectVariant,
  canScheduleVariant,
  canSubmitVariant,
  canUnscheduleVariant,
  hasApprovalsNeeded,
  nextApprovalLevel,
} from "./policy.ts";
import {
  type PostRow,
  type PublishingDeps,
  requireVariant,
  type SignedIn,
  unitPathOf,
  type VariantRow,
} from "./post-records.ts";
import { queuePublishJob } from "./publish-job.ts";
import { changeVariantStatus, recordTransition } from "./variant-status.ts";

/*
 * The life of a variant after it is written: sent for approval, approved or sent back, scheduled,
 * published by hand. Each step asks policy.ts whether it is allowed, and moves the status through
 * variant-status.ts.
 */

/** What keeps a variant from going out: the platform's limits on its content. */
export async function variantProblems(
  deps: PublishingDeps,
  db: Executor,
  variant: VariantRow,
): Promise<LimitProblem[]> {
  const media = variant.mediaIds.length > 0 ? await deps.media(db, variant.mediaIds) : [];
  return checkLimits(variant.target, {
    title: variant.title,
    body: variant.body,
    linkUrl: variant.linkUrl,
    media,
  });
}

function limitsError(problems: LimitProblem[]) {
  return new AppError(
    422,
    "publishing.limits",
    {
      vi: `Chưa đăng được: ${problems.map((p) => p.vi).join(" ")}`,
      en: `Cannot be published yet: ${problems.map((p) => p.en).join(" ")}`,
    },
    problems,
  );
}

/** The approvals a variant has for its current content, lowest level first. */
async function currentApprovals(db: Executor, variant: VariantRow) {
  return db
    .select()
    .from(variantApprovals)
    .where(
      and(
        eq(variantApprovals.variantId, variant.id),
        eq(variantApprovals.contentVersion, variant.contentVersion),
      ),
    )
    .orderBy(asc(variantApprovals.level));
}

/** Everything the approval rules look at for this actor, post and variant. */
async function approvalFacts(
  db: Executor,
  actor: Actor,
  post: PostRow,
  variant: VariantRow,
): Promise<ApprovalFacts> {
  return {
    actor,
    unitPath: await unitPathOf(db, post.unitId),
    post,
    variant,
    policy: await approvalPolicyFor(db, post.unitId),
    approvals: await currentApprovals(db, variant),
  };
}

/**
 * Whether the variant, as it is now, has every approval its unit requires (checked again right
 * before publishing: a tag made sensitive after approval still needs its second approval).
 */
export async function hasRequiredApprovals(
  db: Executor,
  post: PostRow,
  variant: VariantRow,
): Promise<boolean> {
  const policy = await approvalPolicyFor(db, post.unitId);
  return hasApprovalsNeeded({ policy, post, approvals: await currentApprovals(db, variant) });
}

/** The author sends a draft for approval; the platform's limits must already be met. */
export async function submitVariant(ctx: SignedIn, deps: PublishingDeps, variantId: string) {
  const problems = await variantProblems(deps, ctx.db, (await requireVariant(ctx.db, variantId)).variant);
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const unitPath = await unitPathOf(tx, post.unitId);
    const verdict = canSubmitVariant({ actor: ctx.actor, unitPath, post, variant, problems });
    if (!verdict.allowed) {
      if (verdict.reason === "forbidden") {
        throw errors.forbidden();
      }
      if (verdict.reason === "limits") {
        throw limitsError(problems);
      }
      throw errors.conflict(
        "publishing.wrong_status",
        "Chỉ gửi duyệt được bản nháp.",
        "Only a draft can be sent for approval.",
        { status: variant.status },
      );
    }
    await changeVariantStatus(tx, variant, "in_review", {
      set: { updatedAt: new Date() },
      actorId: ctx.actor.personId,
    });
    return requireVariant(tx, variantId).then((r) => r.variant);
  });
}

/** An approver approves the variant; a post with a sensitive tag needs a second person as well. */
export async function approveVariant(ctx: SignedIn, variantId: string) {
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const facts = await approvalFacts(tx, ctx.actor, post, variant);
    const level = nextApprovalLevel(facts.approvals);
    const verdict = canApproveVariant(facts);
    if (!verdict.allowed) {
      switch (verdict.reason) {
        case "forbidden":
          throw errors.forbidden();
        case "wrong_status":
          throw errors.conflict(
            "publishing.wrong_status",
            "Chỉ duyệt được phiên bản đang chờ duyệt.",
            "Only a variant waiting for approval can be approved.",
            { status: variant.status },
          );
        case "self_approval":
          throw errors.conflict(
            "publishing.self_approval",
            "Người viết không tự duyệt bài của mình.",
            "Authors cannot approve their own posts.",
          );
        case "already_approved":
          throw errors.conflict(
            "publishing.already_approved",
            "Bạn đã duyệt phiên bản này; lần duyệt thứ hai phải do người khác.",
            "You have approved this variant already; the second approval must come from someone else.",
          );
        case "not_an_approver":
          throw new AppError(403, "publishing.not_an_approver", {
            vi: `Theo quy định của đơn vị, lần duyệt ${level === 1 ? "này" : "thứ hai"} do vai trò khác đảm nhận.`,
            en: `Under the unit's rules, ${level === 1 ? "this approval" : "the second approval"} belongs to another role.`,
          });
      }
    }
    const needed = approvalsNeeded(facts.policy, post.tags);
    await tx.insert(variantApprovals).values({
      variantId,
      contentVersion: variant.contentVersion,
      level,
      approverId: ctx.actor.personId,
    });
    const complete = level >= needed;
    const details = { approval: level, needed };
    if (complete) {
      await changeVariantStatus(tx, variant, "approved", {
        set: { updatedAt: new Date() },
        actorId: ctx.actor.personId,
        details,
      });
    } else {
      await recordTransition(tx, variant, "in_review", ctx.actor.personId, null, details);
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.approve",
      unit: { id: post.unitId, path: facts.unitPath },
      target: { type: "variant", id: variantId },
      ip: ctx.ip,
      details: { level, needed },
    });
    return (await requireVariant(tx, variantId)).variant;
  });
}

/** Sends the variant back to its author with the reason, which is required. */
export async function rejectVariant(ctx: SignedIn, variantId: string, reason: string) {
  const why = reason.normalize("NFC").trim();
  if (!why) {
    throw errors.badRequest(
      "publishing.reason_required",
      "Hãy ghi lý do trả lại.",
      "Say why it is sent back.",
    );
  }
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const unitPath = await unitPathOf(tx, post.unitId);
    const policy = await approvalPolicyFor(tx, post.unitId);
    const verdict = canRejectVariant({ actor: ctx.actor, unitPath, post, variant, policy });
    if (!verdict.allowed) {
      throw verdict.reason === "wrong_status"
        ? errors.conflict(
            "publishing.wrong_status",
            "Phiên bản này không ở trạng thái trả lại được.",
            "This variant cannot be sent back in its current state.",
            { status: variant.status },
          )
        : errors.forbidden();
    }
    await changeVariantStatus(tx, variant, "draft", {
      set: {
        scheduledAt: null,
        contentVersion: sql`${postVariants.contentVersion} + 1`,
        lastRejection: { reason: why, by: ctx.actor.personId, at: new Date().toISOString() },
        updatedAt: new Date(),
      },
      actorId: ctx.actor.personId,
      reason: why,
      details: { rejected: true },
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.reject",
      unit: { id: post.unitId, path: unitPath },
      target: { type: "variant", id: variantId },
      ip: ctx.ip,
      details: { reason: why },
    });
    return (await requireVariant(tx, variantId)).variant;
  });
}

/**
 * Schedules an approved variant (or moves a scheduled one: dragging it on the calendar). Approvals
 * are checked again, and the publish job queued for the time.
 */
export async function scheduleVariant(ctx: SignedIn, deps: PublishingDeps, variantId: string, at: Date) {
  if (at.getTime() < Date.now() - 60_000) {
    throw errors.badRequest(
      "publishing.time_in_past",
      "Thời điểm đăng phải ở tương lai.",
      "The publishing time must be in the future.",
    );
  }
  const variant = await ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const facts = await approvalFacts(tx, ctx.actor, post, variant);
    const verdict = canScheduleVariant(facts);
    if (!verdict.allowed && verdict.reason === "forbidden") {
      throw errors.forbidden();
    }
    if (!verdict.allowed && verdict.reason === "not_approved") {
      throw errors.conflict(
        "publishing.not_approved",
        "Phiên bản chưa được duyệt nên chưa hẹn giờ đăng được.",
        "The variant is not approved, so it cannot be scheduled.",
        { status: variant.status },
      );
    }
    if (!verdict.allowed) {
      await changeVariantStatus(tx, variant, "in_review", {
        set: { scheduledAt: null },
        actorId: ctx.actor.personId,
        details: { approvalsMissing: true },
      });
      throw errors.conflict(
        "publishing.approval_missing",
        "Bài cần thêm lượt duyệt theo quy định hiện hành của đơn vị; đã chuyển lại chờ duyệt.",
        "The post needs more approval under the unit's current rules; it is waiting for approval again.",
      );
    }
    const updated = await changeVariantStatus(tx, variant, "scheduled", {
      set: { scheduledAt: at, failure: null, updatedAt: new Date() },
      actorId: ctx.actor.personId,
      details: { at: at.toISOString() },
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.schedule",
      unit: { id: post.unitId, path: facts.unitPath },
      target: { type: "variant", id: variantId },
      ip: ctx.ip,
      details: { at: at.toISOString() },
    });
    return updated as VariantRow;
  });
  // Retried by pg-boss if the process that fetches it dies before the claim; the minute sweep backs it up.
  await queuePublishJob(deps.jobs, variantId, at);
  return variant;
}

/** Takes a scheduled variant off the calendar; it stays approved. */
export async function unscheduleVariant(ctx: SignedIn, variantId: string) {
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const unitPath = await unitPathOf(tx, post.unitId);
    const verdict = canUnscheduleVariant({ actor: ctx.actor, unitPath, post, variant });
    if (!verdict.allowed) {
      throw verdict.reason === "forbidden"
        ? errors.forbidden()
        : errors.conflict(
            "publishing.wrong_status",
            "Phiên bản chưa được hẹn giờ.",
            "The variant is not scheduled.",
          );
    }
    const updated = await changeVariantStatus(tx, variant, "approved", {
      set: { scheduledAt: null, updatedAt: new Date() },
      actorId: ctx.actor.personId,
    });
    return updated as VariantRow;
  });
}

/** Marks a variant posted by hand (platforms Cầu Nối cannot post to, e.g. YouTube videos). */
export async function markPublishedByHand(ctx: SignedIn, variantId: string, typedUrl: string) {
  // Kept in its encoded form: it is later written into headers (a tracked link's Location) and pages.
  const externalUrl = normaliseWebAddress(typedUrl);
  if (!externalUrl) {
    throw errors.badRequest(
      "publishing.external_url_invalid",
      "Vui lòng nhập địa chỉ trang đã đăng, bắt đầu bằng http:// hoặc https://.",
      "Please enter the address of the published page, starting with http:// or https://.",
    );
  }
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const verdict = canMarkPublishedByHand(await approvalFacts(tx, ctx.actor, post, variant));
    if (!verdict.allowed) {
      throw verdict.reason === "forbidden"
        ? errors.forbidden()
        : errors.conflict(
            "publishing.not_approved",
            "Chỉ ghi nhận đã đăng cho phiên bản đã được duyệt.",
            "Only an approved variant can be recorded as published.",
          );
    }
    const updated = await changeVariantStatus(tx, variant, "published", {
      set: { publishedAt: new Date(), externalUrl, failure: null, updatedAt: new Date() },
      actorId: ctx.actor.personId,
      details: { byHand: true, externalUrl },
    });
    return updated as VariantRow;
  });
}
