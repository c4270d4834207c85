import { and, eq, isNotNull, or } from "drizzle-orm";
import {
  verificationCases,
  verificationEvidence,
  verificationFiles,
  verificationFingerprints,
  verificationSuggestions,
  verificationTips,
  verificationVerdicts,
} from "../../../db/schema/verification.ts";
import type { Actor } from "../../../platform/actor.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { caseFor } from "../case-access.ts";
import { deskErrors } from "./errors.ts";
import { recordAction } from "./events.ts";
import { caseToChange } from "./triage.ts";

type Ctx = ActionContext & { actor: Actor };

/**
 * Merges a duplicate into the case it repeats: its tips (so their reporters follow the target),
 * files, sources and matching keys move over, the demand adds up, and the duplicate is left as
 * "merged" pointing at its target. Both timelines say so. One transaction.
 */
export async function mergeCase(ctx: Ctx, sourceId: string, intoCaseId: string) {
  if (sourceId === intoCaseId) {
    throw deskErrors.mergeIntoItself();
  }
  return ctx.db.transaction(async (tx) => {
    // Locked in id order, so two people merging the same pair both ways cannot deadlock.
    const [firstId, secondId] = [sourceId, intoCaseId].sort();
    await caseFor(tx, ctx.actor, firstId as string, "manage", { forUpdate: true });
    await caseFor(tx, ctx.actor, secondId as string, "manage", { forUpdate: true });
    const source = await caseToChange(tx, ctx.actor, sourceId);
    const target = await caseFor(tx, ctx.actor, intoCaseId, "manage");
    if (target.row.status === "merged") {
      throw deskErrors.mergeIntoMerged();
    }
    const [published] = await tx
      .select({ id: verificationVerdicts.id })
      .from(verificationVerdicts)
      .where(and(eq(verificationVerdicts.caseId, sourceId), isNotNull(verificationVerdicts.publishedAt)));
    if (published || source.row.status === "published") {
      throw deskErrors.mergePublished();
    }

    const moved = await tx
      .update(verificationTips)
      .set({ caseId: intoCaseId })
      .where(eq(verificationTips.caseId, sourceId))
      .returning({ id: verificationTips.id });
    await tx
      .update(verificationFiles)
      .set({ caseId: intoCaseId })
      .where(eq(verificationFiles.caseId, sourceId));
    await tx
      .update(verificationEvidence)
      .set({ caseId: intoCaseId })
      .where(eq(verificationEvidence.caseId, sourceId));
    await tx
      .update(verificationFingerprints)
      .set({ caseId: intoCaseId })
      .where(eq(verificationFingerprints.caseId, sourceId));

    const demand = target.row.demandCount + source.row.demandCount;
    const now = new Date();
    await tx
      .update(verificationCases)
      .set({ demandCount: demand, updatedAt: now })
      .where(eq(verificationCases.id, intoCaseId));
    await tx
      .update(verificationCases)
      .set({ status: "merged", mergedIntoId: intoCaseId, closedAt: now, updatedAt: now })
      .where(eq(verificationCases.id, sourceId));

    // The pair's suggestion is decided as merged; the duplicate's other open ones go with it.
    const decided = { decidedBy: ctx.actor.personId, decidedAt: now };
    const pair = or(
      and(
        eq(verificationSuggestions.caseId, sourceId),
        eq(verificationSuggestions.candidateCaseId, intoCaseId),
      ),
      and(
        eq(verificationSuggestions.caseId, intoCaseId),
        eq(verificationSuggestions.candidateCaseId, sourceId),
      ),
    );
    await tx
      .update(verificationSuggestions)
      .set({ status: "merged", ...decided })
      .where(and(eq(verificationSuggestions.status, "open"), pair));
    await tx
      .update(verificationSuggestions)
      .set({ status: "dismissed", ...decided })
      .where(
        and(
          eq(verificationSuggestions.status, "open"),
          or(
            eq(verificationSuggestions.caseId, sourceId),
            eq(verificationSuggestions.candidateCaseId, sourceId),
          ),
        ),
      );

    await recordAction(tx, source, ctx.actor, ctx.ip, {
      kind: "merged_into",
      action: "verification.case_merge",
      details: { intoCaseId, intoTitle: target.row.title, tips: moved.length },
    });
    await recordAction(tx, target, ctx.actor, ctx.ip, {
      kind: "merged_from",
      action: "verification.case_merge",
      details: { fromCaseId: sourceId, fromTitle: source.row.title, tips: moved.length, demand },
    });
    return { id: sourceId, intoCaseId, movedTips: moved.length, demand };
  });
}

/** A checker decides a suggested pair is not the same claim. */
export async function dismissSuggestion(ctx: Ctx, caseId: string, suggestionId: string) {
  return ctx.db.transaction(async (tx) => {
    const scoped = await caseToChange(tx, ctx.actor, caseId);
    const [row] = await tx
      .update(verificationSuggestions)
      .set({ status: "dismissed", decidedBy: ctx.actor.personId, decidedAt: new Date() })
      .where(
        and(
          eq(verificationSuggestions.id, suggestionId),
          eq(verificationSuggestions.status, "open"),
          or(eq(verificationSuggestions.caseId, caseId), eq(verificationSuggestions.candidateCaseId, caseId)),
        ),
      )
      .returning();
    if (!row) {
      throw deskErrors.suggestionNotFound();
    }
    const otherCaseId = row.caseId === caseId ? row.candidateCaseId : row.caseId;
    await recordAction(tx, scoped, ctx.actor, ctx.ip, {
      kind: "suggestion_dismissed",
      action: "verification.suggestion_dismiss",
      details: { suggestionId, otherCaseId, score: row.score },
    });
    return { id: row.id, status: "dismissed" as const };
  });
}
