import { and, eq, isNull } from "drizzle-orm";
import { verificationEvidence, verificationFiles } from "../../../db/schema/verification.ts";
import type { Actor } from "../../../platform/actor.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { personNames } from "../../org/index.ts";
import { fileColumns } from "./detail.ts";
import { deskErrors } from "./errors.ts";
import { recordAction } from "./events.ts";
import type { StoredFile } from "./evidence-file.ts";
import { kickOcr } from "./ocr.ts";
import { caseToChange } from "./triage.ts";

type Ctx = ActionContext & { actor: Actor };

export interface EvidenceInput {
  url?: string | null;
  title?: string | null;
  note?: string | null;
  authoritative: boolean;
  isPublic: boolean;
}

const blankToNull = (value: string | null | undefined) => (value?.trim() ? value.trim() : null);

/**
 * Adds a source consulted for the case, with its archive copy or screenshot when one is sent. The
 * file was checked and re-encoded before the transaction, so a refused file leaves nothing behind.
 */
export async function addEvidence(
  ctx: Ctx,
  caseId: string,
  input: EvidenceInput,
  file?: StoredFile & { fileName: string | null },
) {
  const url = blankToNull(input.url);
  const title = blankToNull(input.title);
  const note = blankToNull(input.note);
  if (!url && !title && !note && !file) {
    throw deskErrors.evidenceNeedsSource();
  }
  const created = await ctx.db.transaction(async (tx) => {
    const scoped = await caseToChange(tx, ctx.actor, caseId);
    const [row] = await tx
      .insert(verificationEvidence)
      .values({
        caseId,
        url,
        title,
        note,
        authoritative: input.authoritative,
        isPublic: input.isPublic,
        createdBy: ctx.actor.personId,
      })
      .returning();
    if (!row) {
      throw new Error("evidence not inserted");
    }
    const files = file
      ? await tx
          .insert(verificationFiles)
          .values({
            caseId,
            evidenceId: row.id,
            mimeType: file.mimeType,
            fileName: file.fileName,
            byteSize: file.byteSize,
            width: file.width,
            height: file.height,
            sha256: file.sha256,
            phash: file.phash,
            content: file.content,
            ocrStatus: file.isImage ? "pending" : "none",
          })
          .returning(fileColumns)
      : [];
    await recordAction(tx, scoped, ctx.actor, ctx.ip, {
      kind: "evidence_added",
      action: "verification.evidence_add",
      details: {
        evidenceId: row.id,
        url,
        title,
        authoritative: input.authoritative,
        file: file ? { mimeType: file.mimeType, byteSize: file.byteSize } : null,
      },
    });
    return { row, files };
  });
  if (file?.isImage) {
    kickOcr();
  }
  const names = await personNames(ctx.db, [ctx.actor.personId]);
  return {
    id: created.row.id,
    url: created.row.url,
    title: created.row.title,
    note: created.row.note,
    authoritative: created.row.authoritative,
    isPublic: created.row.isPublic,
    createdBy: { id: ctx.actor.personId, fullName: names.get(ctx.actor.personId) ?? ctx.actor.fullName },
    createdAt: created.row.createdAt,
    files: created.files,
  };
}

/** Takes a source off the case (kept, marked removed, so the timeline still makes sense). */
export async function removeEvidence(ctx: Ctx, caseId: string, evidenceId: string) {
  return ctx.db.transaction(async (tx) => {
    const scoped = await caseToChange(tx, ctx.actor, caseId);
    const removedAt = new Date();
    const [row] = await tx
      .update(verificationEvidence)
      .set({ removedAt })
      .where(
        and(
          eq(verificationEvidence.id, evidenceId),
          eq(verificationEvidence.caseId, caseId),
          isNull(verificationEvidence.removedAt),
        ),
      )
      .returning();
    if (!row) {
      throw deskErrors.evidenceNotFound();
    }
    await recordAction(tx, scoped, ctx.actor, ctx.ip, {
      kind: "evidence_removed",
      action: "verification.evidence_remove",
      details: { evidenceId, url: row.url, title: row.title },
    });
    return { id: row.id, removedAt };
  });
}
