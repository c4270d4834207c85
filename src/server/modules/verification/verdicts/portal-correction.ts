import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { verificationVerdicts } from "../../../db/schema/verification.ts";
import { type ArticleCorrection, articleCorrection } from "./article.ts";
import { correctionTag, isPublicLabel } from "./labels.ts";
import { changesOfVerdict } from "./state.ts";

/**
 * What the portal's article page adds when the article is a verdict's correction article: the
 * ClaimReview JSON-LD while the verdict is public, a notice while it is being corrected (paused, or
 * changed and not yet republished: the article stays up, marked, so that links shared earlier still
 * explain what happened), and the public correction log. Null for any other article.
 */
export async function correctionOfArticle(
  db: Executor,
  article: { postId: string; tags: readonly string[] },
  page: { articleUrl: string; unitName: string; portalUrl: string; publicUrl: string },
): Promise<ArticleCorrection | null> {
  if (!article.tags.includes(correctionTag)) {
    return null;
  }
  const postId = article.postId;
  const [verdict] = await db
    .select()
    .from(verificationVerdicts)
    .where(eq(verificationVerdicts.postId, postId))
    .limit(1);
  if (!verdict || verdict.version < 1) {
    return null;
  }
  const log = (await changesOfVerdict(db, verdict.id)).filter((change) => change.version > 1);
  const published = verdict.status === "published" && isPublicLabel(verdict.label);
  return articleCorrection({
    review:
      published && isPublicLabel(verdict.label)
        ? {
            label: verdict.label,
            claim: verdict.claimReviewed,
            articleUrl: page.articleUrl,
            unitName: page.unitName,
            portalUrl: page.portalUrl,
            publishedAt: verdict.publishedAt ?? new Date(),
          }
        : null,
    correcting: !published,
    log,
    publicUrl: page.publicUrl,
  });
}
