import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { rankingConsents } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { advocacyErrors } from "./errors.ts";
import { acceptsRankingConsent } from "./policy.ts";
import { rankingPurpose } from "./ranking-purpose.ts";

/* Consent to appear by name in campaign rankings: a stated purpose, given and withdrawn by the member. */

type SignedIn = ActionContext & { actor: Actor };

/** The member's current choice about individual rankings. */
export async function rankingConsentOf(db: Executor, personId: string) {
  const [row] = await db.select().from(rankingConsents).where(eq(rankingConsents.personId, personId));
  return { purpose: rankingPurpose, optedIn: Boolean(row), consentedAt: row?.consentedAt ?? null };
}

/** Opts the member in (against the purpose version they were shown) or out; both are audited. */
export async function setRankingConsent(
  ctx: SignedIn,
  input: { optIn: boolean; purposeVersion?: string | undefined; locale: "vi" | "en" },
) {
  if (!acceptsRankingConsent(input)) {
    throw advocacyErrors.purposeChanged();
  }
  const personId = ctx.actor.personId;
  await ctx.db.transaction(async (tx) => {
    if (input.optIn) {
      await tx
        .insert(rankingConsents)
        .values({
          personId,
          purposeVersion: rankingPurpose.version,
          purposeText: rankingPurpose[input.locale],
        })
        .onConflictDoUpdate({
          target: rankingConsents.personId,
          set: {
            purposeVersion: rankingPurpose.version,
            purposeText: rankingPurpose[input.locale],
            consentedAt: new Date(),
          },
        });
    } else {
      await tx.delete(rankingConsents).where(eq(rankingConsents.personId, personId));
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: input.optIn ? "advocacy.ranking.opt_in" : "advocacy.ranking.opt_out",
      target: { type: "person", id: personId },
      ip: ctx.ip,
    });
  });
  return rankingConsentOf(ctx.db, personId);
}
