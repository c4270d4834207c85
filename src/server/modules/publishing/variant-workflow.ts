import { and, asc, eq, sql } from "drizzle-orm";
import { normaliseWebAddress } from "../../../shared/web-address.ts";
import type { Executor } from "../../db/client.ts";
import { postVariants, variantApprovals } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import { errors } from "../../platform/errors.ts";
import {
  approvalRequestNotices,
  decisionNotices,
  type NoticeDeps,
  sendNoticeMails,
} from "./approval-notices.ts";
import { approvalPolicyFor } from "./approval-policy.ts";
import { refuseUnconnected } from "./connections-needed.ts";
import { publishingErrors } from "./errors.ts";
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
  const result = await ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const unitPath = await unitPathOf(tx, post.unitId);
    const verdict = canSubmitVariant({ actor: ctx.actor, unitPath, post, variant, problems });
    if (!verdict.allowed) {
      if (verdict.reason === "forbidden") {
        throw errors.forbidden();
      }
      if (verdict.reason === "limits") {
        throw publishingErrors.limits({ problems }, problems);
      }
      throw publishingErrors.wrongStatus({ action: "submit" }, { status: variant.status });
    }
    const submitted = (await changeVariantStatus(tx, variant, "in_review", {
      set: { updatedAt: new Date() },
      actorId: ctx.actor.personId,
    })) as VariantRow;
    const policy = await approvalPolicyFor(tx, post.unitId);
    const state = { post, variant: submitted, unitPath, policy, approvals: [] };
    const mails = await approvalRequestNotices(tx, deps.publicUrl, state, ctx.actor);
    return { submitted, mails };
  });
  await sendNoticeMails(deps.jobs, result.mails);
  return result.submitted;
}

/**
 * An approver approves the variant, with an optional comment for the author kept in its history; a
 * post with a sensitive tag needs a second person as well, who is then told. Without `notices` (the
 * demo seed) nobody is mailed.
 */
export async function approveVariant(
  ctx: SignedIn,
  variantId: string,
  options: { comment?: string | undefined; notices?: NoticeDeps } = {},
) {
  const comment = options.comment?.normalize("NFC").trim() || null;
  const result = await ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const facts = await approvalFacts(tx, ctx.actor, post, variant);
    const level = nextApprovalLevel(facts.approvals);
    const verdict = canApproveVariant(facts);
    if (!verdict.allowed) {
      switch (verdict.reason) {
        case "forbidden":
          throw errors.forbidden();
        case "wrong_status":
          throw publishingErrors.wrongStatus({ action: "approve" }, { status: variant.status });
        case "self_approval":
          throw publishingErrors.selfApproval();
        case "already_approved":
          throw publishingErrors.alreadyApproved();
        case "not_an_approver":
          throw publishingErrors.notAnApprover({ level });
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
        reason: comment,
        details,
      });
    } else {
      await recordTransition(tx, variant, "in_review", ctx.actor.personId, comment, details);
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.approve",
      unit: { id: post.unitId, path: facts.unitPath },
      target: { type: "variant", id: variantId },
      ip: ctx.ip,
      details: { level, needed, ...(comment ? { comment } : {}) },
    });
    const approved = (await requireVariant(tx, variantId)).variant;
    const publicUrl = options.notices?.publicUrl ?? "";
    const decided = await decisionNotices(tx, publicUrl, {
      post,
      variant: approved,
      decider: ctx.actor,
      decision: { kind: "approved", complete, comment },
    });
    const next = complete
      ? []
      : await approvalRequestNotices(
          tx,
          publicUrl,
          {
            ...facts,
            post,
            variant: approved,
            approvals: [...facts.approvals, { approverId: ctx.actor.personId, level }],
          },
          ctx.actor,
        );
    return { approved, mails: [...decided, ...next] };
  });
  if (options.notices) {
    await sendNoticeMails(options.notices.jobs, result.mails);
  }
  return result.approved;
}

/** Sends the variant back to its author with the reason, which is required; the author is told. */
export async function rejectVariant(ctx: SignedIn, variantId: string, reason: string, notices?: NoticeDeps) {
  const why = reason.normalize("NFC").trim();
  if (!why) {
    throw publishingErrors.rejectionReasonRequired();
  }
  const result = await ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const unitPath = await unitPathOf(tx, post.unitId);
    const policy = await approvalPolicyFor(tx, post.unitId);
    const verdict = canRejectVariant({ actor: ctx.actor, unitPath, post, variant, policy });
    if (!verdict.allowed) {
      throw verdict.reason === "wrong_status"
        ? publishingErrors.wrongStatus({ action: "reject" }, { status: variant.status })
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
    const rejected = (await requireVariant(tx, variantId)).variant;
    const mails = await decisionNotices(tx, notices?.publicUrl ?? "", {
      post,
      variant: rejected,
      decider: ctx.actor,
      decision: { kind: "rejected", reason: why },
    });
    return { rejected, mails };
  });
  if (notices) {
    await sendNoticeMails(notices.jobs, result.mails);
  }
  return result.rejected;
}

/**
 * Schedules an approved variant (or moves a scheduled one: dragging it on the calendar). Approvals
 * are checked again, and the publish job queued for the time.
 */
export async function scheduleVariant(ctx: SignedIn, deps: PublishingDeps, variantId: string, at: Date) {
  if (at.getTime() < Date.now() - 60_000) {
    throw publishingErrors.timeInPast();
  }
  const scheduled = await ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const facts = await approvalFacts(tx, ctx.actor, post, variant);
    const verdict = canScheduleVariant(facts);
    if (!verdict.allowed && verdict.reason === "forbidden") {
      throw errors.forbidden();
    }
    if (!verdict.allowed && verdict.reason === "not_approved") {
      throw publishingErrors.notApproved({ action: "schedule" }, { status: variant.status });
    }
    // Checked here, not when the job runs, so the editor hears it now rather than from a failure mail.
    await refuseUnconnected(tx, variant);
    if (!verdict.allowed) {
      // The move back to review is committed with its history; the refusal that reports it comes after.
      await changeVariantStatus(tx, variant, "in_review", {
        set: { scheduledAt: null },
        actorId: ctx.actor.personId,
        details: { approvalsMissing: true },
      });
      return null;
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
  if (!scheduled) {
    throw publishingErrors.approvalMissing();
  }
  // Retried by pg-boss if the process that fetches it dies before the claim; the minute sweep backs it up.
  await queuePublishJob(deps.jobs, variantId, at);
  return scheduled;
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
        : publishingErrors.wrongStatus({ action: "unschedule" });
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
    throw publishingErrors.externalUrlInvalid();
  }
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const verdict = canMarkPublishedByHand(await approvalFacts(tx, ctx.actor, post, variant));
    if (!verdict.allowed) {
      throw verdict.reason === "forbidden"
        ? errors.forbidden()
        : publishingErrors.notApproved({ action: "record_published" });
    }
    const updated = await changeVariantStatus(tx, variant, "published", {
      set: { publishedAt: new Date(), externalUrl, failure: null, updatedAt: new Date() },
      actorId: ctx.actor.personId,
      details: { byHand: true, externalUrl },
    });
    return updated as VariantRow;
  });
}
