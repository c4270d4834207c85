import type { Db } from "../../../db/client.ts";
import { verificationCases, verificationFiles } from "../../../db/schema/verification.ts";
import { writeFingerprints } from "./index.ts";
import { foldText } from "./text.ts";

/** A known case as the tip part would leave it: the row, its keys and its screenshots' hashes (tests only). */
export async function makeKnownCase(
  db: Db,
  options: {
    unitId: string;
    text?: string;
    url?: string;
    images?: { sha256: string; phash: string }[];
    createdAt?: Date;
    status?: "received" | "merged";
  },
): Promise<string> {
  const text = options.text ?? "";
  const [row] = await db
    .insert(verificationCases)
    .values({
      unitId: options.unitId,
      title: text.slice(0, 80) || options.url || "Ảnh chụp màn hình",
      claimText: text,
      foldedText: foldText(text),
      url: options.url ?? null,
      status: options.status ?? "received",
      createdAt: options.createdAt ?? new Date(),
    })
    .returning({ id: verificationCases.id });
  const caseId = (row as { id: string }).id;
  for (const image of options.images ?? []) {
    await db.insert(verificationFiles).values({
      caseId,
      mimeType: "image/png",
      byteSize: 1,
      sha256: image.sha256,
      phash: image.phash,
      content: Buffer.from([0]),
    });
  }
  await writeFingerprints(db, caseId, { text, url: options.url ?? null, images: options.images ?? [] });
  return caseId;
}
