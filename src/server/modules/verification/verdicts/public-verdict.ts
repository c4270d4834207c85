import type { Executor } from "../../../db/client.ts";

export interface PublicVerdict {
  label: "fake" | "false" | "true";
  claimReviewed: string;
  /** The correction article on the unit's portal. */
  url: string;
  publishedAt: Date;
  version: number;
}

/** The case's published verdict, for the reporter's status page; null while none is public. */
export async function publicVerdictOfCase(_db: Executor, _caseId: string): Promise<PublicVerdict | null> {
  return null;
}
