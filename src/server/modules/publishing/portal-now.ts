import { and, eq } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { posts, postVariants, variantTransitions } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import { defineErrors } from "../../platform/errors.ts";
import { officialChannelsOfUnit } from "../channels/index.ts";
import { unitSummaries } from "../org/index.ts";
import { cleanTags, plainText, sanitizeBody } from "./content.ts";
import { bumpVersion, snapshotVersion, unitPathOf } from "./post-records.ts";
import { uniqueSlug } from "./posts.ts";
import { portalArticleUrl } from "./presenters.ts";

/*
 * An article another module's own sign-off already approved (a verification verdict, signed off by
 * an approver of the desk), published on the unit's portal at once: a post with its portal variant,
 * kept with the unit's other posts so it can be sent to the unit's other channels later. The
 * publishing desk's approval round is not asked again; the history says who published it and why.
 */

export interface PortalArticleInput {
  unitId: string;
  /** The post published earlier for the same thing; its address is kept when it is republished. */
  postId: string | null;
  title: string;
  bodyHtml: string;
  summary: string;
  tags: string[];
  /** Why it went out without the desk's approval round, for the variant's history. */
  reason: string;
}

const portalNowErrors = defineErrors({
  noPortal: {
    status: 409,
    code: "publishing.no_portal",
    vi: "Đơn vị chưa có trang tin (trang web chính thức trong danh bạ kênh chính thức) để đăng bài.",
    en: "The unit has no portal (an official website in the channel registry) to publish on.",
  },
});

/** The unit's portal channel (its active official website), or a refusal saying the unit has none. */
async function portalChannelOf(db: Executor, unitId: string) {
  const channel = (await officialChannelsOfUnit(db, unitId)).find((c) => c.platform === "website");
  if (!channel) {
    throw portalNowErrors.noPortal();
  }
  return channel;
}

/** Whether the unit has a portal to publish on (checked before anything else is written). */
export async function hasPortal(db: Executor, unitId: string): Promise<boolean> {
  return (await officialChannelsOfUnit(db, unitId)).some((c) => c.platform === "website");
}

/**
 * Publishes (or republishes, in place and at the same address) an article on the unit's portal now,
 * within the caller's transaction. Returns the post and the article's public address.
 */
export async function publishToPortalNow(
  tx: Executor,
  options: { actor: Actor; ip: string | null; publicUrl: string },
  input: PortalArticleInput,
): Promise<{ postId: string; variantId: string; url: string }> {
  const channel = await portalChannelOf(tx, input.unitId);
  const bodyHtml = sanitizeBody(input.bodyHtml);
  const title = input.title.normalize("NFC").trim();
  const summary = plainText(input.summary).slice(0, 300);
  const tags = cleanTags(input.tags);
  const now = new Date();
  const actorId = options.actor.personId;
  let postId = input.postId;
  let existing: typeof postVariants.$inferSelect | undefined;
  if (postId) {
    [existing] = await tx
      .select()
      .from(postVariants)
      .where(and(eq(postVariants.postId, postId), eq(postVariants.target, "portal")))
      .limit(1);
  }
  if (postId && existing) {
    // The address stays: readers, search engines and reporters' e-mails already point to it.
    await tx
      .update(posts)
      .set({ title, bodyHtml, summary, tags, deletedAt: null, updatedAt: now })
      .where(eq(posts.id, postId));
    await tx
      .update(postVariants)
      .set({
        title,
        body: bodyHtml,
        status: "published",
        contentVersion: existing.contentVersion + 1,
        updatedAt: now,
        publishedAt: existing.publishedAt ?? now,
      })
      .where(eq(postVariants.id, existing.id));
    await tx.insert(variantTransitions).values({
      variantId: existing.id,
      fromStatus: existing.status,
      toStatus: "published",
      actorId,
      reason: input.reason,
      details: { republished: true },
    });
    await bumpVersion(tx, postId, actorId);
  } else {
    const [post] = await tx
      .insert(posts)
      .values({
        unitId: input.unitId,
        title,
        bodyHtml,
        summary,
        tags,
        slug: await uniqueSlug(tx, input.unitId, title),
        authorId: actorId,
        origin: "desk",
      })
      .returning();
    postId = post?.id ?? "";
    const [variant] = await tx
      .insert(postVariants)
      .values({
        postId,
        target: "portal",
        channelId: channel.id,
        title,
        body: bodyHtml,
        status: "published",
        publishedAt: now,
        updatedAt: now,
      })
      .returning();
    existing = variant;
    await tx.insert(variantTransitions).values({
      variantId: variant?.id ?? "",
      fromStatus: null,
      toStatus: "published",
      actorId,
      reason: input.reason,
      details: { created: true },
    });
    await snapshotVersion(tx, postId, actorId);
  }
  await recordAudit(tx, {
    actor: options.actor,
    action: "publishing.publish_now",
    unit: { id: input.unitId, path: await unitPathOf(tx, input.unitId) },
    target: { type: "post", id: postId },
    ip: options.ip,
    details: { title, reason: input.reason },
  });
  const [row] = await tx.select({ slug: posts.slug }).from(posts).where(eq(posts.id, postId)).limit(1);
  const code = (await unitSummaries(tx, [input.unitId])).get(input.unitId)?.code ?? input.unitId;
  return {
    postId,
    variantId: existing?.id ?? "",
    url: portalArticleUrl(options.publicUrl, code, row?.slug ?? ""),
  };
}
