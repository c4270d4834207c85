import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { posts, postVariants, postVersions } from "../../db/schema/index.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import type { Actor } from "../../platform/actor.ts";
import { errors } from "../../platform/errors.ts";
import { unitSummaries } from "../org/index.ts";
import type { MediaForPublish } from "./connectors/types.ts";

export type PostRow = typeof posts.$inferSelect;
export type VariantRow = typeof postVariants.$inferSelect;
export type VariantStatus = VariantRow["status"];
/** What every change made by a signed-in person carries. */
export type SignedIn = { db: Db; actor: Actor; ip: string | null };

/** Looks up media library items (the media module's service), in the order asked. */
export type MediaResolver = (db: Executor, ids: readonly string[]) => Promise<MediaForPublish[]>;

/** What the publishing services need from the running server. */
export interface PublishingDeps {
  jobs: JobQueue;
  media: MediaResolver;
  publicUrl: string;
}

const postLabel = { vi: "bài viết", en: "Post" };
const variantLabel = { vi: "bản đăng", en: "Variant" };

/** A post that is not deleted, locked for the transaction when asked; 404 otherwise. */
export async function requirePost(db: Executor, postId: string, lock = false): Promise<PostRow> {
  const query = db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), isNull(posts.deletedAt)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) {
    throw errors.notFound(postLabel);
  }
  return row;
}

/** A variant (locked for the transaction when asked) with its post; 404 otherwise. */
export async function requireVariant(db: Executor, variantId: string, lock = false) {
  const query = db.select().from(postVariants).where(eq(postVariants.id, variantId));
  const [variant] = lock ? await query.for("update") : await query;
  if (!variant) {
    throw errors.notFound(variantLabel);
  }
  const post = await requirePost(db, variant.postId);
  return { variant, post };
}

/** The unit a post belongs to, for the access check; null when there is no such post. */
export async function unitOfPost(db: Executor, postId: string): Promise<string | null> {
  const [row] = await db
    .select({ unitId: posts.unitId })
    .from(posts)
    .where(and(eq(posts.id, postId), isNull(posts.deletedAt)));
  return row?.unitId ?? null;
}

/** The unit of a variant's post, for the access check. */
export async function unitOfVariant(db: Executor, variantId: string): Promise<string | null> {
  const [row] = await db
    .select({ unitId: posts.unitId })
    .from(postVariants)
    .innerJoin(posts, eq(posts.id, postVariants.postId))
    .where(and(eq(postVariants.id, variantId), isNull(posts.deletedAt)));
  return row?.unitId ?? null;
}

/** The tree path of a unit, which the access rules compare; 404 for an unknown unit. */
export async function unitPathOf(db: Executor, unitId: string): Promise<string> {
  const unit = (await unitSummaries(db, [unitId])).get(unitId);
  if (!unit) {
    throw errors.notFound({ vi: "đơn vị", en: "Unit" });
  }
  return unit.path;
}

/** Saves the whole post (fields and variants) as version `post.version`. */
export async function snapshotVersion(db: Executor, postId: string, editorId: string | null) {
  const post = await requirePost(db, postId);
  const variants = await db.select().from(postVariants).where(eq(postVariants.postId, postId));
  await db
    .insert(postVersions)
    .values({
      postId,
      version: post.version,
      editorId,
      snapshot: {
        title: post.title,
        bodyHtml: post.bodyHtml,
        summary: post.summary,
        tags: post.tags,
        mediaIds: post.mediaIds,
        variants: variants.map((variant) => ({
          id: variant.id,
          target: variant.target,
          channelId: variant.channelId,
          title: variant.title,
          body: variant.body,
          linkUrl: variant.linkUrl,
          mediaIds: variant.mediaIds,
          status: variant.status,
        })),
      },
    })
    .onConflictDoNothing();
}

/** Counts a change to the post or any of its variants as a new version, and keeps it. */
export async function bumpVersion(db: Executor, postId: string, editorId: string | null) {
  await db
    .update(posts)
    .set({ version: sql`${posts.version} + 1`, updatedAt: new Date() })
    .where(eq(posts.id, postId));
  await snapshotVersion(db, postId, editorId);
}
