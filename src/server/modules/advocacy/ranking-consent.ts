import { eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { rankingConsents } from "../../db/schema/index.ts";
import { errors } from "../../http/errors.ts";
import { recordAudit } from "../auth/audit.ts";
import type { Actor } from "../org/policy.ts";
import type { ActionContext } from "../org/service.ts";

/* Consent to appear by name in campaign rankings: a stated purpose, given and withdrawn by the member. */

type SignedIn = ActionContext & { actor: Actor };

export const rankingPurpose = {
  version: "2026-12-01",
  vi: "Tôi đồng ý để tên tôi, đơn vị và số lượt nhấp, lượt chia sẻ trên các liên kết chia sẻ của tôi được hiển thị trong bảng xếp hạng cá nhân của các chiến dịch mà đơn vị tôi tham gia. Tôi có thể rút lại bất cứ lúc nào; khi rút lại, tên tôi không còn xuất hiện trong bảng xếp hạng.",
  en: "I agree that my name, unit and the numbers of clicks and shares on my share links are shown in the individual rankings of the campaigns my unit takes part in. I can withdraw at any time; once withdrawn, my name no longer appears in rankings.",
};

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
  if (input.optIn && input.purposeVersion !== rankingPurpose.version) {
    throw errors.conflict(
      "advocacy.purpose_changed",
      "Nội dung đồng ý vừa được cập nhật. Hãy tải lại trang, đọc lại và xác nhận.",
      "The consent text has just been updated. Reload the page, read it again and confirm.",
    );
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
