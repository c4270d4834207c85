import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { sessions } from "../../db/schema/index.ts";
import { invalidateActorCache } from "../../http/actor-cache.ts";
import { applyEmailChange } from "../org/index.ts";
import { endOtherAccess } from "./service.ts";

/**
 * Confirms an e-mail change from the link mailed to the new address: the e-mail changes, pending
 * password reset links (sent to the old address) stop working, and every session of the person ends
 * except the one confirming, when it is the person's own.
 */
export async function confirmEmailChange(
  db: Db,
  input: { token: string; sessionHash: string | null; ip: string | null },
): Promise<{ personId: string; email: string }> {
  const confirmed = await db.transaction(async (tx) => {
    const change = await applyEmailChange(tx, input.token, input.ip);
    const [own] = input.sessionHash
      ? await tx
          .select({ tokenHash: sessions.tokenHash })
          .from(sessions)
          .where(and(eq(sessions.tokenHash, input.sessionHash), eq(sessions.personId, change.personId)))
      : [];
    await endOtherAccess(tx, change.personId, {
      keepSessionHash: own?.tokenHash ?? null,
      revokeApiTokens: false,
    });
    return { personId: change.personId, email: change.newEmail };
  });
  invalidateActorCache(confirmed.personId);
  return confirmed;
}
