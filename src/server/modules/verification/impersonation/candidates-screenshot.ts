import { eq } from "drizzle-orm";
import sharp, { type OutputInfo } from "sharp";
import type { Executor } from "../../../db/client.ts";
import { impersonationCandidates, verificationFiles } from "../../../db/schema/verification.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { hashImage } from "../matching/image-hash.ts";
import { candidateErrors } from "./candidates-errors.ts";
import { type CandidateRow, requireCandidate } from "./candidates-view.ts";
import { scoreImpersonation } from "./score.ts";

/** A screenshot or avatar is at most this big as sent. */
export const maxScreenshotBytes = 10 * 1024 * 1024;

/**
 * Attaches a screenshot of the page (or its avatar) to a candidate: re-encoded as PNG (no metadata
 * kept), hashed, and the candidate scored again with the avatar's perceptual hash. The file is kept
 * under the candidate's case, or under the candidate's own id while it has no case (files belong to
 * a case in the desk's table; a candidate's id never collides with a case's).
 */
export async function attachScreenshot(
  ctx: ActionContext,
  candidateId: string,
  bytes: Buffer,
): Promise<CandidateRow> {
  let png: { data: Buffer; info: OutputInfo };
  try {
    png = await sharp(bytes, { limitInputPixels: 40_000_000 })
      .rotate()
      .resize({ width: 2000, height: 4000, fit: "inside", withoutEnlargement: true })
      .png()
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw candidateErrors.imageInvalid();
  }
  const { sha256 } = await hashImage(bytes);
  const { phash } = await hashImage(png.data);
  return ctx.db.transaction(async (tx) => {
    const row = await requireCandidate(tx, candidateId, true);
    const [file] = await tx
      .insert(verificationFiles)
      .values({
        caseId: row.caseId ?? row.id,
        mimeType: "image/png",
        fileName: "anh-chup.png",
        byteSize: png.data.length,
        width: png.info.width,
        height: png.info.height,
        sha256,
        phash,
        content: png.data,
      })
      .returning({ id: verificationFiles.id });
    if (!file) {
      throw new Error("file insert returned nothing");
    }
    const score =
      row.status === "candidate"
        ? await scoreImpersonation(tx, {
            url: row.url,
            displayName: row.displayName,
            handle: row.handle,
            avatarPhash: phash,
          })
        : null;
    const [updated] = await tx
      .update(impersonationCandidates)
      .set({
        avatarFileId: file.id,
        avatarPhash: phash,
        ...(score
          ? { score: score.score, reasons: score.reasons, channelId: score.channelId ?? row.channelId }
          : {}),
      })
      .where(eq(impersonationCandidates.id, row.id))
      .returning();
    return updated ?? row;
  });
}

/** A stored file's bytes and type, for showing the screenshot and for the report pack. */
export async function fileContent(db: Executor, fileId: string) {
  const [file] = await db
    .select({
      id: verificationFiles.id,
      mimeType: verificationFiles.mimeType,
      fileName: verificationFiles.fileName,
      content: verificationFiles.content,
      createdAt: verificationFiles.createdAt,
    })
    .from(verificationFiles)
    .where(eq(verificationFiles.id, fileId));
  return file ?? null;
}
