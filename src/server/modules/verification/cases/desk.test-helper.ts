import { createHash, randomBytes } from "node:crypto";
import type { Db } from "../../../db/client.ts";
import {
  verificationCases,
  verificationFiles,
  verificationSuggestions,
  verificationTips,
  verificationVerdicts,
} from "../../../db/schema/verification.ts";

/* Cases, tips and files written straight into the tables, so the desk's tests need no intake. */

type CaseValues = Partial<typeof verificationCases.$inferInsert> & { unitId: string };

export async function plantDeskCase(db: Db, values: CaseValues) {
  const title = values.title ?? `Tin đồn ${randomBytes(3).toString("hex")}`;
  const [row] = await db
    .insert(verificationCases)
    .values({ claimText: title, ...values, title })
    .returning();
  if (!row) {
    throw new Error("case not planted");
  }
  return row;
}

export async function plantTip(
  db: Db,
  caseRow: { id: string; unitId: string },
  values: { text?: string; email?: string | null; url?: string | null } = {},
) {
  const [row] = await db
    .insert(verificationTips)
    .values({
      caseId: caseRow.id,
      unitId: caseRow.unitId,
      source: "public",
      trackingCode: randomBytes(6).toString("hex"),
      text: values.text ?? "Nghe nói có tin này",
      url: values.url ?? null,
      email: values.email ?? null,
      match: "new_case",
    })
    .returning();
  if (!row) {
    throw new Error("tip not planted");
  }
  return row;
}

export async function plantFile(
  db: Db,
  caseId: string,
  values: { content: Buffer; mimeType: string; tipId?: string; ocrStatus?: "none" | "pending" },
) {
  const [row] = await db
    .insert(verificationFiles)
    .values({
      caseId,
      tipId: values.tipId ?? null,
      mimeType: values.mimeType,
      byteSize: values.content.length,
      sha256: createHash("sha256").update(values.content).digest("hex"),
      content: values.content,
      ocrStatus: values.ocrStatus ?? "none",
    })
    .returning({ id: verificationFiles.id });
  if (!row) {
    throw new Error("file not planted");
  }
  return row;
}

export async function plantSuggestion(db: Db, caseId: string, candidateCaseId: string, score = 0.7) {
  const [row] = await db
    .insert(verificationSuggestions)
    .values({ caseId, candidateCaseId, score, reasons: { text: score } })
    .returning();
  if (!row) {
    throw new Error("suggestion not planted");
  }
  return row;
}

export async function plantPublishedVerdict(db: Db, caseRow: { id: string; unitId: string }) {
  await db.insert(verificationVerdicts).values({
    caseId: caseRow.id,
    unitId: caseRow.unitId,
    label: "fake",
    claimReviewed: "Tin giả về hỗ trợ tiền",
    status: "published",
    version: 1,
    publishedAt: new Date(),
  });
}
