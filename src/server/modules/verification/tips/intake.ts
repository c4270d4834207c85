import { eq, sql } from "drizzle-orm";
import type { TipBody } from "../../../../shared/api/verification-tips.ts";
import type { TipSource } from "../../../../shared/api/verification-values.ts";
import type { Executor } from "../../../db/client.ts";
import {
  verificationCases,
  verificationEvents,
  verificationFiles,
  verificationSuggestions,
  verificationTips,
} from "../../../db/schema/verification.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { firstRootUnitId, unitSummaries } from "../../org/index.ts";
import {
  type CaseMatch,
  findMatches,
  foldText,
  type MatchInput,
  writeFingerprints,
} from "../matching/index.ts";
import { tipErrors } from "./errors.ts";
import { type IncomingImage, prepareTipImages, type TipImage } from "./images.ts";
import { type CleanTip, cleanTip } from "./input.ts";
import { newTrackingCode } from "./tracking-code.ts";

/*
 * A tip arrives: every field and screenshot is checked first, then one transaction either adds it to
 * a known case (an certain match: the demand count rises) or opens a new case, with its likely
 * duplicates suggested to the checkers. Nothing is written when anything is wrong.
 */

const titleLength = 120;

/** The unit whose desk takes the tip: the portal's unit if it is active, else the highest unit. */
async function deskUnit(
  db: Executor,
  ctx: ActionContext,
  wanted: string | null,
): Promise<{ id: string; path: string }> {
  if (ctx.actor) {
    const own = (await unitSummaries(db, [ctx.actor.unitId])).get(ctx.actor.unitId);
    if (own) {
      return { id: own.id, path: own.path };
    }
  }
  if (wanted) {
    const unit = (await unitSummaries(db, [wanted])).get(wanted);
    if (unit?.status === "active") {
      return { id: unit.id, path: unit.path };
    }
  }
  const rootId = await firstRootUnitId(db);
  const root = rootId ? (await unitSummaries(db, [rootId])).get(rootId) : undefined;
  if (!root) {
    throw tipErrors.noDesk();
  }
  return { id: root.id, path: root.path };
}

/** A line a checker can scan in the queue: the start of the text, else the address. */
function titleOf(tip: CleanTip): string {
  const line = (tip.text ?? "").replace(/\s+/g, " ").trim();
  if (line) {
    return line.length > titleLength ? `${line.slice(0, titleLength - 1).trimEnd()}…` : line;
  }
  return (tip.url ?? "").slice(0, titleLength);
}

function isTrackingCodeClash(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { code, constraint, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (
      code === "23505" &&
      (constraint === undefined || constraint === "verification_tips_tracking_code_idx")
    ) {
      return true;
    }
    current = cause;
  }
  return false;
}

export interface SubmittedTip {
  trackingCode: string;
  tipId: string;
  caseId: string;
  match: "new_case" | "merged";
}

/**
 * Receives a tip from the public form or API (`ctx.actor` null) or from a member (their own unit's
 * desk, and they are its reporter).
 */
export async function submitTip(
  ctx: ActionContext,
  body: TipBody,
  incoming: readonly IncomingImage[] = [],
  options: { now?: Date } = {},
): Promise<SubmittedTip> {
  const tip = cleanTip(body);
  const images = await prepareTipImages(incoming);
  const unit = await deskUnit(ctx.db, ctx, ctx.actor ? null : tip.unitId);
  const source: TipSource = ctx.actor ? "member" : "public";
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.db.transaction((tx) =>
        recordTip(tx, ctx, { tip, images, unit, source, now: options.now ?? new Date() }),
      );
    } catch (error) {
      // 40 random bits: a clash is all but impossible, and a second draw settles it.
      if (attempt < 2 && isTrackingCodeClash(error)) {
        continue;
      }
      throw error;
    }
  }
}

interface TipToRecord {
  tip: CleanTip;
  images: TipImage[];
  unit: { id: string; path: string };
  source: TipSource;
  now: Date;
}

async function recordTip(tx: Executor, ctx: ActionContext, record: TipToRecord): Promise<SubmittedTip> {
  const { tip, images, unit, source, now } = record;
  // The case's timeline is the record of a tip's arrival (a citizen's address is not kept with it).
  const actorId = ctx.actor?.personId ?? null;
  const input: MatchInput = {
    url: tip.url,
    urlKey: tip.urlKey,
    text: tip.text,
    images: images.map((image) => ({ sha256: image.sha256, phash: image.phash })),
  };
  const matches = await findMatches(tx, input, { now });
  const best = matches[0];
  const merged = best?.level === "merge" ? await mergeTarget(tx, best) : null;
  const trackingCode = newTrackingCode();

  let caseId: string;
  if (merged) {
    caseId = merged;
    await tx
      .update(verificationCases)
      .set({ demandCount: sql`${verificationCases.demandCount} + 1`, updatedAt: now })
      .where(eq(verificationCases.id, caseId));
  } else {
    const [created] = await tx
      .insert(verificationCases)
      .values({
        unitId: unit.id,
        title: titleOf(tip),
        claimText: tip.text ?? "",
        foldedText: foldText(tip.text ?? ""),
        url: tip.url,
        urlKey: tip.urlKey,
        status: "received",
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: verificationCases.id });
    if (!created) {
      throw new Error("case not created");
    }
    caseId = created.id;
  }

  const [stored] = await tx
    .insert(verificationTips)
    .values({
      caseId,
      unitId: unit.id,
      source,
      trackingCode,
      url: tip.url,
      urlKey: tip.urlKey,
      text: tip.text,
      email: tip.email,
      reporterId: actorId,
      match: merged ? "merged" : "new_case",
      matchScore: merged ? (best?.score ?? null) : null,
      createdAt: now,
    })
    .returning({ id: verificationTips.id });
  if (!stored) {
    throw new Error("tip not stored");
  }
  await writeFingerprints(tx, caseId, input);

  if (images.length > 0) {
    await tx.insert(verificationFiles).values(
      images.map((image) => ({
        caseId,
        tipId: stored.id,
        mimeType: image.mimeType,
        fileName: image.fileName,
        byteSize: image.content.length,
        width: image.width,
        height: image.height,
        sha256: image.sha256,
        phash: image.phash,
        content: image.content,
        // The OCR job reads pending screenshots so image-only rumours match text ones.
        ocrStatus: "pending" as const,
        createdAt: now,
      })),
    );
  }

  await tx.insert(verificationEvents).values({
    caseId,
    actorId,
    kind: merged ? "tip_merged" : "tip_received",
    details: {
      tipId: stored.id,
      source,
      images: images.length,
      ...(merged && best ? { score: best.score, reasons: best.reasons } : {}),
    },
    createdAt: now,
  });

  if (!merged) {
    const suggestions = matches.filter((match) => match.level === "suggest" && match.caseId !== caseId);
    if (suggestions.length > 0) {
      await tx
        .insert(verificationSuggestions)
        .values(
          suggestions.map((match) => ({
            caseId,
            candidateCaseId: match.caseId,
            score: match.score,
            reasons: match.reasons,
            createdAt: now,
          })),
        )
        .onConflictDoNothing();
    }
  }

  return { trackingCode, tipId: stored.id, caseId, match: merged ? "merged" : "new_case" };
}

/**
 * The case a certain match points at, locked for the demand count, following merges (a case merged
 * into another since it was matched); null when it is gone, so the tip opens a case of its own.
 */
async function mergeTarget(tx: Executor, match: CaseMatch): Promise<string | null> {
  let id = match.caseId;
  for (let hop = 0; hop < 5; hop++) {
    const [row] = await tx
      .select({ id: verificationCases.id, mergedIntoId: verificationCases.mergedIntoId })
      .from(verificationCases)
      .where(eq(verificationCases.id, id))
      .for("update");
    if (!row) {
      return null;
    }
    if (!row.mergedIntoId) {
      return row.id;
    }
    id = row.mergedIntoId;
  }
  return null;
}
