import { and, asc, desc, eq, isNull } from "drizzle-orm";
import type { VerdictLabel } from "../../../../shared/api/verification-values.ts";
import type { AuditAction } from "../../../../shared/audit-actions.ts";
import type { Db } from "../../../db/client.ts";
import {
  verificationCases,
  verificationEvents,
  verificationEvidence,
  verificationVerdictChanges,
  verificationVerdicts,
} from "../../../db/schema/verification.ts";
import type { JobQueue } from "../../../jobs/queue.ts";
import { type Actor, can } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import { unitSummaries } from "../../org/index.ts";
import { hasPortal, publishToPortalNow } from "../../publishing/index.ts";
import { caseFor, type ScopedCase } from "../case-access.ts";
import { articleBody, articleTitle } from "./article.ts";
import { verdictErrors } from "./errors.ts";
import { correctionTag, isPublicLabel } from "./labels.ts";
import { queueReporterMail } from "./reporter-mail.ts";
import { verdictOfCase, verdictState } from "./state.ts";

/*
 * A verdict's life: drafted (or changed) by a checker, signed off by another person who approves,
 * published as a correction article on the unit's portal, paused to be corrected and published again
 * with a public note. Each step locks the case, checks its rule, writes in one transaction, and leaves
 * a line on the case's timeline and in the audit log.
 */

export interface VerdictContext {
  db: Db;
  actor: Actor;
  ip: string | null;
}

export interface VerdictDeps {
  publicUrl: string;
  jobs: JobQueue;
}

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

async function timeline(
  tx: Tx,
  caseId: string,
  actorId: string,
  kind: string,
  details: Record<string, unknown>,
) {
  await tx.insert(verificationEvents).values({ caseId, actorId, kind, details });
}

async function audit(
  tx: Tx,
  ctx: VerdictContext,
  scoped: ScopedCase,
  entry: { action: AuditAction; details: Record<string, unknown> },
) {
  const { action, details } = entry;
  await recordAudit(tx, {
    actor: ctx.actor,
    action,
    unit: { id: scoped.row.unitId, path: scoped.unitPath },
    target: { type: "verification_case", id: scoped.row.id },
    ip: ctx.ip,
    details,
  });
}

/** The case, locked for the change, unless it was merged away. */
async function lockedCase(tx: Tx, actor: Actor, caseId: string, need: "read" | "manage") {
  const scoped = await caseFor(tx, actor, caseId, need, { forUpdate: true });
  if (scoped.row.status === "merged") {
    throw verdictErrors.caseMerged();
  }
  return scoped;
}

function requireApprover(actor: Actor, scoped: ScopedCase) {
  if (!can(actor, "cases.approve", scoped.unitPath)) {
    throw verdictErrors.notApprover();
  }
}

async function stateAfter(ctx: VerdictContext, deps: VerdictDeps, caseId: string) {
  return verdictState(ctx.db, ctx.actor, await caseFor(ctx.db, ctx.actor, caseId, "read"), deps.publicUrl);
}

/** Drafts the verdict, or changes it (a change needs a new sign-off). Refused once published: pause first. */
export async function draftVerdict(
  ctx: VerdictContext,
  deps: VerdictDeps,
  caseId: string,
  input: { label: VerdictLabel; claimReviewed: string; explanation: string },
) {
  const claimReviewed = input.claimReviewed.normalize("NFC").trim();
  const explanation = input.explanation.normalize("NFC").trim();
  await ctx.db.transaction(async (tx) => {
    const scoped = await lockedCase(tx, ctx.actor, caseId, "manage");
    const before = await verdictOfCase(tx, caseId, true);
    if (before?.status === "published") {
      throw verdictErrors.publishedLocked();
    }
    const now = new Date();
    const fields = {
      label: input.label,
      claimReviewed,
      explanation,
      status: "draft" as const,
      draftedBy: ctx.actor.personId,
      signedOffBy: null,
      signedOffAt: null,
      updatedAt: now,
    };
    if (before) {
      await tx.update(verificationVerdicts).set(fields).where(eq(verificationVerdicts.id, before.id));
    } else {
      await tx.insert(verificationVerdicts).values({ ...fields, caseId, unitId: scoped.row.unitId });
    }
    await tx
      .update(verificationCases)
      .set({
        status: "awaiting_signoff",
        firstActionAt: scoped.row.firstActionAt ?? now,
        closedAt: null,
        updatedAt: now,
      })
      .where(eq(verificationCases.id, caseId));
    const details = {
      label: input.label,
      ...(before ? { labelBefore: before.label, statusBefore: before.status } : {}),
    };
    await timeline(tx, caseId, ctx.actor.personId, before ? "verdict_changed" : "verdict_drafted", details);
    await audit(tx, ctx, scoped, {
      action: before ? "verification.verdict_change" : "verification.verdict_draft",
      details,
    });
  });
  return stateAfter(ctx, deps, caseId);
}

/**
 * An approver other than the drafter signs the draft off. A public label then waits for publication;
 * "not enough evidence" and "out of scope" close the case here, without publication.
 */
export async function signOffVerdict(ctx: VerdictContext, deps: VerdictDeps, caseId: string) {
  const closed = await ctx.db.transaction(async (tx) => {
    const scoped = await lockedCase(tx, ctx.actor, caseId, "read");
    requireApprover(ctx.actor, scoped);
    const verdict = await verdictOfCase(tx, caseId, true);
    if (!verdict) {
      throw verdictErrors.noVerdict();
    }
    if (verdict.status !== "draft") {
      throw verdictErrors.notDraft();
    }
    if (verdict.draftedBy === ctx.actor.personId) {
      throw verdictErrors.ownDraft();
    }
    const now = new Date();
    await tx
      .update(verificationVerdicts)
      .set({ status: "signed_off", signedOffBy: ctx.actor.personId, signedOffAt: now, updatedAt: now })
      .where(eq(verificationVerdicts.id, verdict.id));
    const closes = !isPublicLabel(verdict.label);
    if (closes) {
      await tx
        .update(verificationCases)
        .set({
          status: "closed",
          closedAt: now,
          verdictAt: scoped.row.verdictAt ?? now,
          updatedAt: now,
        })
        .where(eq(verificationCases.id, caseId));
    }
    await timeline(tx, caseId, ctx.actor.personId, "verdict_signed_off", {
      label: verdict.label,
      closed: closes,
    });
    await audit(tx, ctx, scoped, {
      action: "verification.verdict_sign_off",
      details: { label: verdict.label, closed: closes },
    });
    return closes;
  });
  if (closed) {
    // Reporters are told the case was answered (there is no article to link to).
    await queueReporterMail(deps.jobs, caseId);
  }
  return stateAfter(ctx, deps, caseId);
}

/** The label the verdict had when it was last published (for the correction log's "before"). */
async function lastPublishedLabel(tx: Tx, caseId: string): Promise<VerdictLabel | null> {
  const [event] = await tx
    .select({ details: verificationEvents.details })
    .from(verificationEvents)
    .where(and(eq(verificationEvents.caseId, caseId), eq(verificationEvents.kind, "verdict_published")))
    .orderBy(desc(verificationEvents.createdAt))
    .limit(1);
  return (event?.details.label as VerdictLabel | undefined) ?? null;
}

/** The evidence shown to the public: kept, marked public, oldest first. */
async function publicEvidence(tx: Tx, caseId: string) {
  return tx
    .select({
      title: verificationEvidence.title,
      url: verificationEvidence.url,
      note: verificationEvidence.note,
      authoritative: verificationEvidence.authoritative,
    })
    .from(verificationEvidence)
    .where(
      and(
        eq(verificationEvidence.caseId, caseId),
        eq(verificationEvidence.isPublic, true),
        isNull(verificationEvidence.removedAt),
      ),
    )
    .orderBy(asc(verificationEvidence.createdAt));
}

/**
 * Publishes a signed-off public verdict as the correction article on the unit's portal (through the
 * publishing module), or republishes it after a correction, with the note the correction log shows.
 * Reporters are then told by the reporter-mail job.
 */
export async function publishVerdict(
  ctx: VerdictContext,
  deps: VerdictDeps,
  caseId: string,
  input: { note?: string | undefined } | null | undefined,
) {
  const note = input?.note?.normalize("NFC").trim() || null;
  await ctx.db.transaction(async (tx) => {
    const scoped = await lockedCase(tx, ctx.actor, caseId, "read");
    requireApprover(ctx.actor, scoped);
    const verdict = await verdictOfCase(tx, caseId, true);
    if (!verdict) {
      throw verdictErrors.noVerdict();
    }
    if (verdict.status !== "signed_off") {
      throw verdictErrors.notSignedOff();
    }
    const label = verdict.label;
    if (!isPublicLabel(label)) {
      throw verdictErrors.notPublic();
    }
    if (verdict.version >= 1 && !note) {
      throw verdictErrors.noteRequired();
    }
    if (!(await hasPortal(tx, scoped.row.unitId))) {
      throw verdictErrors.noPortal();
    }
    const unitName = (await unitSummaries(tx, [scoped.row.unitId])).get(scoped.row.unitId)?.name ?? "";
    const article = await publishToPortalNow(
      tx,
      { actor: ctx.actor, ip: ctx.ip, publicUrl: deps.publicUrl },
      {
        unitId: scoped.row.unitId,
        postId: verdict.postId,
        title: articleTitle(label, verdict.claimReviewed),
        bodyHtml: articleBody({
          label,
          claim: verdict.claimReviewed,
          explanation: verdict.explanation,
          evidence: await publicEvidence(tx, caseId),
          unitName,
          publicUrl: deps.publicUrl,
        }),
        summary: verdict.explanation,
        tags: [correctionTag],
        reason:
          verdict.version >= 1
            ? `Đính chính kết luận xác minh: ${note}`
            : "Công bố kết luận xác minh đã được duyệt",
      },
    );
    const now = new Date();
    const version = verdict.version + 1;
    if (verdict.version >= 1) {
      await tx.insert(verificationVerdictChanges).values({
        verdictId: verdict.id,
        version,
        labelBefore: await lastPublishedLabel(tx, caseId),
        labelAfter: label,
        note: note ?? "",
        changedBy: ctx.actor.personId,
      });
    }
    await tx
      .update(verificationVerdicts)
      .set({ status: "published", version, publishedAt: now, postId: article.postId, updatedAt: now })
      .where(eq(verificationVerdicts.id, verdict.id));
    await tx
      .update(verificationCases)
      .set({
        status: "published",
        publishedAt: scoped.row.publishedAt ?? now,
        verdictAt: scoped.row.verdictAt ?? now,
        closedAt: null,
        updatedAt: now,
      })
      .where(eq(verificationCases.id, caseId));
    const details = { label, version, url: article.url, ...(note ? { note } : {}) };
    await timeline(tx, caseId, ctx.actor.personId, "verdict_published", details);
    await audit(tx, ctx, scoped, {
      action: verdict.version >= 1 ? "verification.verdict_republish" : "verification.verdict_publish",
      details,
    });
  });
  // After the commit; should the process die right here, the job's sweep finds the reporters not yet told.
  await queueReporterMail(deps.jobs, caseId);
  return stateAfter(ctx, deps, caseId);
}

/** Takes a published verdict down to be corrected: the article then says it is being corrected. */
export async function pauseVerdict(ctx: VerdictContext, deps: VerdictDeps, caseId: string) {
  await ctx.db.transaction(async (tx) => {
    const scoped = await lockedCase(tx, ctx.actor, caseId, "read");
    requireApprover(ctx.actor, scoped);
    const verdict = await verdictOfCase(tx, caseId, true);
    if (!verdict) {
      throw verdictErrors.noVerdict();
    }
    if (verdict.status !== "published") {
      throw verdictErrors.notPublished();
    }
    const now = new Date();
    await tx
      .update(verificationVerdicts)
      .set({ status: "paused", updatedAt: now })
      .where(eq(verificationVerdicts.id, verdict.id));
    await tx
      .update(verificationCases)
      .set({ status: "paused", updatedAt: now })
      .where(eq(verificationCases.id, caseId));
    await timeline(tx, caseId, ctx.actor.personId, "verdict_paused", { version: verdict.version });
    await audit(tx, ctx, scoped, {
      action: "verification.verdict_pause",
      details: { version: verdict.version },
    });
  });
  return stateAfter(ctx, deps, caseId);
}

/** For the case's own read route. */
export async function readVerdict(ctx: VerdictContext, deps: VerdictDeps, caseId: string) {
  return stateAfter(ctx, deps, caseId);
}
