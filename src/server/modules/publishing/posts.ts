import { and, eq, sql } from "drizzle-orm";
import { normaliseWebAddress } from "../../../shared/web-address.ts";
import type { Executor } from "../../db/client.ts";
import { posts, postVariants } from "../../db/schema/index.ts";
import { type Actor, can } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import { errors } from "../../platform/errors.ts";
import { getChannel } from "../channels/index.ts";
import type { VariantTarget } from "./connectors/types.ts";
import { cleanTags, plainText, sanitizeBody, slugify } from "./content.ts";
import { publishingErrors } from "./errors.ts";
import { isArticleTarget } from "./limits.ts";
import { requireMediaInScope } from "./media-scope.ts";
import { canEditVariant } from "./policy.ts";
import {
  bumpVersion,
  type PostRow,
  type PublishingDeps,
  requirePost,
  requireVariant,
  type SignedIn,
  snapshotVersion,
  unitPathOf,
  type VariantRow,
} from "./post-records.ts";
import { changeVariantStatus, recordTransition } from "./variant-status.ts";

/*
 * Writing posts: a post and its variants are created and edited here; what happens to a variant
 * afterwards (approval, schedule, publishing) is in variant-workflow.ts.
 */

/** Which registry platforms the desk can publish to, and as what. */
const targetOfPlatform: Partial<Record<string, VariantTarget>> = {
  website: "portal",
  facebook_page: "facebook_page",
  zalo_oa: "zalo_oa",
  youtube: "youtube",
  tiktok: "tiktok",
};

/** The first version of each variant, made from the post as written. */
function variantDraftFrom(
  post: { title: string; bodyHtml: string; summary: string | null; mediaIds: string[] },
  target: VariantTarget,
) {
  const text = plainText(post.summary || post.bodyHtml);
  switch (target) {
    case "portal":
    case "zalo_oa":
      return { title: post.title, body: post.bodyHtml, mediaIds: post.mediaIds };
    case "youtube":
      return { title: post.title.slice(0, 100), body: text.slice(0, 5000), mediaIds: post.mediaIds };
    case "tiktok":
      return { title: null, body: `${post.title}\n\n${text}`.slice(0, 2200), mediaIds: post.mediaIds };
    default:
      return { title: null, body: `${post.title}\n\n${text}`, mediaIds: post.mediaIds };
  }
}

async function targetChannel(db: Executor, actor: Actor, channelId: string, postUnitId: string) {
  const channel = await getChannel(db, channelId);
  const target = targetOfPlatform[channel.platform];
  if (!target) {
    throw publishingErrors.channelNotPublishable({ name: channel.displayName, platform: channel.platform });
  }
  if (channel.status !== "active") {
    throw publishingErrors.channelNotActive({ name: channel.displayName });
  }
  const path = await unitPathOf(db, channel.unitId);
  const postPath = await unitPathOf(db, postUnitId);
  // A post goes out on its own unit's channels and those below it, never on another branch's.
  if (path !== postPath && !path.startsWith(`${postPath}.`)) {
    throw publishingErrors.channelElsewhere({ name: channel.displayName });
  }
  if (!can(actor, "posts.write", path)) {
    throw errors.forbidden();
  }
  return { channel, target };
}

export async function uniqueSlug(
  db: Executor,
  unitId: string,
  title: string,
  exceptPostId?: string,
): Promise<string> {
  const base = slugify(title);
  const taken = new Set(
    (
      await db
        .select({ slug: posts.slug, id: posts.id })
        .from(posts)
        .where(and(eq(posts.unitId, unitId), sql`${posts.slug} like ${`${base}%`}`))
    )
      .filter((row) => row.id !== exceptPostId)
      .map((row) => row.slug),
  );
  if (!taken.has(base)) {
    return base;
  }
  for (let n = 2; ; n++) {
    if (!taken.has(`${base}-${n}`)) {
      return `${base}-${n}`;
    }
  }
}

export interface PostInput {
  title: string;
  bodyHtml: string;
  summary?: string | null | undefined;
  tags?: string[] | undefined;
  mediaIds?: string[] | undefined;
}

/** The library items of a post: all still there, and all from where the post may take them. */
async function requireMediaOfUnit(
  deps: PublishingDeps,
  ctx: SignedIn,
  postUnitId: string,
  ids: readonly string[],
) {
  if (ids.length === 0) {
    return [];
  }
  const found = await deps.media(ctx.db, ids);
  if (found.length !== new Set(ids).size) {
    throw publishingErrors.mediaMissing();
  }
  await requireMediaInScope(ctx.db, ctx.actor, postUnitId, ids);
  return found;
}

/** Writes a post for a unit with a variant for each chosen channel, all as drafts. */
export async function createPost(
  ctx: SignedIn,
  deps: PublishingDeps,
  input: PostInput & {
    unitId: string;
    channelIds: string[];
    creditedPersonId?: string | null;
    origin?: "desk" | "collaborator";
  },
) {
  const bodyHtml = sanitizeBody(input.bodyHtml);
  const tags = cleanTags(input.tags ?? []);
  const mediaIds = [...new Set(input.mediaIds ?? [])];
  await requireMediaOfUnit(deps, ctx, input.unitId, mediaIds);
  const targets: Awaited<ReturnType<typeof targetChannel>>[] = [];
  for (const channelId of new Set(input.channelIds)) {
    targets.push(await targetChannel(ctx.db, ctx.actor, channelId, input.unitId));
  }
  return ctx.db.transaction(async (tx) => {
    const title = input.title.normalize("NFC").trim();
    const [post] = await tx
      .insert(posts)
      .values({
        unitId: input.unitId,
        title,
        bodyHtml,
        summary: input.summary?.normalize("NFC").trim() || null,
        tags,
        mediaIds,
        slug: await uniqueSlug(tx, input.unitId, title),
        authorId: ctx.actor.personId,
        creditedPersonId: input.creditedPersonId ?? null,
        origin: input.origin ?? "desk",
      })
      .returning();
    const created = post as PostRow;
    for (const { channel, target } of targets) {
      const [variant] = await tx
        .insert(postVariants)
        .values({ postId: created.id, target, channelId: channel.id, ...variantDraftFrom(created, target) })
        .returning();
      await recordTransition(
        tx,
        { id: variant?.id ?? "", status: "draft" },
        "draft",
        ctx.actor.personId,
        null,
        {
          created: true,
        },
      );
    }
    await snapshotVersion(tx, created.id, ctx.actor.personId);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.post_create",
      unit: { id: input.unitId, path: await unitPathOf(tx, input.unitId) },
      target: { type: "post", id: created.id },
      ip: ctx.ip,
      details: { title, channels: targets.map((t) => t.channel.id) },
    });
    return created;
  });
}

/** Edits the post itself (not its variants); earlier versions stay viewable. */
export async function updatePost(
  ctx: SignedIn,
  deps: PublishingDeps,
  postId: string,
  input: Partial<PostInput>,
) {
  if (input.mediaIds) {
    await requireMediaOfUnit(deps, ctx, (await requirePost(ctx.db, postId)).unitId, input.mediaIds);
  }
  return ctx.db.transaction(async (tx) => {
    const before = await requirePost(tx, postId, true);
    const title = input.title?.normalize("NFC").trim();
    await tx
      .update(posts)
      .set({
        ...(title !== undefined ? { title, slug: await uniqueSlug(tx, before.unitId, title, postId) } : {}),
        ...(input.bodyHtml !== undefined ? { bodyHtml: sanitizeBody(input.bodyHtml) } : {}),
        ...(input.summary !== undefined ? { summary: input.summary?.normalize("NFC").trim() || null } : {}),
        ...(input.tags !== undefined ? { tags: cleanTags(input.tags) } : {}),
        ...(input.mediaIds !== undefined ? { mediaIds: [...new Set(input.mediaIds)] } : {}),
      })
      .where(eq(posts.id, postId));
    await bumpVersion(tx, postId, ctx.actor.personId);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.post_update",
      unit: { id: before.unitId, path: await unitPathOf(tx, before.unitId) },
      target: { type: "post", id: postId },
      ip: ctx.ip,
    });
    return requirePost(tx, postId);
  });
}

/** Adds a channel to a post, as a new draft variant made from the post. */
export async function addVariant(ctx: SignedIn, postId: string, channelId: string) {
  const { channel, target } = await targetChannel(
    ctx.db,
    ctx.actor,
    channelId,
    (await requirePost(ctx.db, postId)).unitId,
  );
  return ctx.db.transaction(async (tx) => {
    const post = await requirePost(tx, postId, true);
    const [variant] = await tx
      .insert(postVariants)
      .values({ postId, target, channelId: channel.id, ...variantDraftFrom(post, target) })
      .onConflictDoNothing()
      .returning();
    if (!variant) {
      throw publishingErrors.variantExists({ name: channel.displayName });
    }
    await recordTransition(tx, { id: variant.id, status: "draft" }, "draft", ctx.actor.personId, null, {
      created: true,
    });
    await bumpVersion(tx, postId, ctx.actor.personId);
    return variant;
  });
}

/** A variant's link as stored: encoded (IDN, percent-encoding), or none; anything else is refused. */
function cleanLinkUrl(typed: string | null): string | null {
  if (!typed) {
    return null;
  }
  const address = normaliseWebAddress(typed);
  if (!address) {
    throw publishingErrors.linkUrlInvalid();
  }
  return address;
}

/** Edits one variant. Its approvals were for the old content: it goes back to draft. */
export async function updateVariant(
  ctx: SignedIn,
  deps: PublishingDeps,
  variantId: string,
  input: { title?: string | null; body?: string; linkUrl?: string | null; mediaIds?: string[] },
) {
  if (input.mediaIds) {
    const { post } = await requireVariant(ctx.db, variantId);
    await requireMediaOfUnit(deps, ctx, post.unitId, input.mediaIds);
  }
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    const verdict = canEditVariant({
      actor: ctx.actor,
      unitPath: await unitPathOf(tx, post.unitId),
      post,
      variant,
    });
    if (!verdict.allowed) {
      throw verdict.reason === "forbidden"
        ? errors.forbidden()
        : publishingErrors.wrongStatus({ action: "edit" }, { status: variant.status });
    }
    const body =
      input.body === undefined
        ? undefined
        : isArticleTarget(variant.target)
          ? sanitizeBody(input.body)
          : input.body.normalize("NFC");
    const updated = await changeVariantStatus(tx, variant, "draft", {
      set: {
        ...(input.title !== undefined ? { title: input.title?.normalize("NFC").trim() || null } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(input.linkUrl !== undefined ? { linkUrl: cleanLinkUrl(input.linkUrl) } : {}),
        ...(input.mediaIds !== undefined ? { mediaIds: [...new Set(input.mediaIds)] } : {}),
        scheduledAt: null,
        contentVersion: sql`${postVariants.contentVersion} + 1`,
        updatedAt: new Date(),
      },
      actorId: ctx.actor.personId,
      details: { edited: true },
      // A draft edited stays a draft: its history has nothing to add.
      logged: variant.status !== "draft",
    });
    await bumpVersion(tx, variant.postId, ctx.actor.personId);
    return updated as VariantRow;
  });
}
