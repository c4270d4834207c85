import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { impersonationCandidates } from "../../../db/schema/verification.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import {
  type ChannelPlatform,
  confirmImpersonation,
  dropLookupAnswers,
  getChannel,
  liftImpersonation,
} from "../../channels/index.ts";
import { requireUnitSummary } from "../../org/index.ts";
import { candidateErrors } from "./candidates-errors.ts";
import { type CandidateRow, requireCandidate } from "./candidates-view.ts";

/*
 * A person's decisions on a candidate: confirm (the public lookup then answers "impersonation" and
 * names the real channel), dismiss with a reason, or reopen (which lifts a confirmation). Never taken
 * automatically: the score only orders the list.
 */

async function decide(
  ctx: ActionContext,
  candidateId: string,
  work: (
    tx: Executor,
    row: CandidateRow,
  ) => Promise<{
    set: Partial<typeof impersonationCandidates.$inferInsert>;
    action: "impersonation.confirm" | "impersonation.dismiss" | "impersonation.reopen";
    details: Record<string, unknown>;
  }>,
): Promise<CandidateRow> {
  const updated = await ctx.db.transaction(async (tx) => {
    const before = await requireCandidate(tx, candidateId, true);
    const { set, action, details } = await work(tx, before);
    const [row] = await tx
      .update(impersonationCandidates)
      .set(set)
      .where(eq(impersonationCandidates.id, before.id))
      .returning();
    if (!row) {
      throw candidateErrors.candidateNotFound();
    }
    const unit = await requireUnitSummary(tx, row.unitId);
    await recordAudit(tx, {
      actor: ctx.actor,
      action,
      unit: { id: unit.id, path: unit.path },
      target: { type: "impersonation_candidate", id: row.id },
      ip: ctx.ip,
      details: { url: row.url, ...details },
    });
    return row;
  });
  // After the commit, so a lookup between the write and the commit cannot re-cache the old answer.
  dropLookupAnswers(ctx.db);
  return updated;
}

/** Confirms a candidate as impersonating a registered channel (the score's, or one the checker chose). */
export function confirmCandidate(
  ctx: ActionContext,
  candidateId: string,
  input: { channelId?: string; note?: string },
): Promise<CandidateRow> {
  return decide(ctx, candidateId, async (tx, row) => {
    if (row.status !== "candidate") {
      throw candidateErrors.notCandidate();
    }
    const channelId = input.channelId ?? row.channelId;
    if (!channelId) {
      throw candidateErrors.realChannelRequired();
    }
    const channel = await getChannel(tx, channelId);
    if (row.urlKey === null) {
      throw candidateErrors.candidateNotFound();
    }
    await confirmImpersonation(tx, ctx, {
      key: row.urlKey,
      platform: (row.platform as ChannelPlatform | null) ?? null,
      url: row.url,
      displayName: row.displayName,
      channelId: channel.id,
      sourceId: row.id,
    });
    return {
      set: {
        status: "confirmed",
        channelId: channel.id,
        decidedBy: ctx.actor?.personId ?? null,
        decidedAt: new Date(),
        note: input.note?.trim() || row.note,
      },
      action: "impersonation.confirm",
      details: { channelId: channel.id, suggested: row.channelId, score: row.score },
    };
  });
}

/** Records that a candidate is not an impersonation, with the reason. */
export function dismissCandidate(
  ctx: ActionContext,
  candidateId: string,
  note: string,
): Promise<CandidateRow> {
  return decide(ctx, candidateId, async (_tx, row) => {
    if (row.status !== "candidate") {
      throw candidateErrors.notCandidate();
    }
    return {
      set: {
        status: "dismissed",
        decidedBy: ctx.actor?.personId ?? null,
        decidedAt: new Date(),
        note: note.trim(),
      },
      action: "impersonation.dismiss",
      details: { note: note.trim() },
    };
  });
}

/** Puts a decided candidate back to be looked at; a confirmation is lifted from the public lookup. */
export function reopenCandidate(
  ctx: ActionContext,
  candidateId: string,
  note?: string,
): Promise<CandidateRow> {
  return decide(ctx, candidateId, async (tx, row) => {
    if (row.status === "candidate") {
      throw candidateErrors.notDecided();
    }
    const lifted = row.status === "confirmed" ? await liftImpersonation(tx, ctx, row.id) : false;
    return {
      set: { status: "candidate", decidedBy: null, decidedAt: null, note: note?.trim() || row.note },
      action: "impersonation.reopen",
      details: { from: row.status, lifted, ...(note ? { note } : {}) },
    };
  });
}
