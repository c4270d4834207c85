import { and, desc, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { containsPattern } from "../../db/like.ts";
import { posts, postVariants } from "../../db/schema/index.ts";
import { type AddressRepair, repairAddressColumns } from "../../db/stored-addresses.ts";
import { unitSummaries } from "../org/index.ts";
import { plainText, sanitizeBody } from "./content.ts";
import { portalArticleUrl } from "./presenters.ts";

/*
 * What the public may read: portal variants that were published, and nothing else of the desk.
 * The portal module renders these; drafts, other platforms' variants and approvals never leave here.
 */

export interface PublishedArticle {
  variantId: string;
  postId: string;
  slug: string;
  title: string;
  summary: string;
  bodyHtml: string;
  tags: string[];
  mediaIds: string[];
  publishedAt: Date;
  updatedAt: Date;
}

function isPublishedPortalArticle(unitId: string): SQL {
  return and(
    eq(posts.unitId, unitId),
    isNull(posts.deletedAt),
    eq(postVariants.target, "portal"),
    eq(postVariants.status, "published"),
  ) as SQL;
}

function toArticle(row: {
  variant: typeof postVariants.$inferSelect;
  post: typeof posts.$inferSelect;
}): PublishedArticle {
  // Cleaned again on the way out: bodies saved before the sanitiser's rules tightened (an <img> that
  // pointed past /media/ at the API) must not reach readers' browsers either.
  const bodyHtml = sanitizeBody(row.variant.body);
  return {
    variantId: row.variant.id,
    postId: row.post.id,
    slug: row.post.slug,
    title: row.variant.title || row.post.title,
    summary: row.post.summary || plainText(bodyHtml).slice(0, 240),
    bodyHtml,
    tags: row.post.tags,
    mediaIds: row.variant.mediaIds,
    publishedAt: row.variant.publishedAt ?? row.variant.updatedAt,
    updatedAt: row.variant.updatedAt,
  };
}

/**
 * A unit's published articles, newest first; `q` ignores case and diacritics, `tag` narrows to a
 * topic (one tag, or any of several spellings of it).
 */
export async function publishedArticles(
  db: Executor,
  options: {
    unitId: string;
    tag?: string | readonly string[] | undefined;
    q?: string | undefined;
    limit: number;
    offset: number;
  },
) {
  const conditions: SQL[] = [isPublishedPortalArticle(options.unitId)];
  const tags = typeof options.tag === "string" ? [options.tag] : (options.tag ?? []);
  if (tags.length > 0) {
    conditions.push(
      sql`(${sql.join(
        tags.map((tag) => sql`${tag} = any(${posts.tags})`),
        sql` or `,
      )})`,
    );
  }
  const q = options.q?.trim();
  if (q) {
    const pattern = containsPattern(q.toLowerCase());
    conditions.push(
      sql`unaccent(lower(coalesce(${postVariants.title}, ${posts.title}) || ' ' || ${postVariants.body})) like unaccent(${pattern})`,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select({ variant: postVariants, post: posts })
      .from(postVariants)
      .innerJoin(posts, eq(posts.id, postVariants.postId))
      .where(where)
      .orderBy(desc(postVariants.publishedAt), desc(postVariants.id))
      .limit(options.limit)
      .offset(options.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(postVariants)
      .innerJoin(posts, eq(posts.id, postVariants.postId))
      .where(where),
  ]);
  return { items: rows.map(toArticle), total: total?.total ?? 0 };
}

/** One published article of a unit by its address, or null. */
export async function publishedArticle(
  db: Executor,
  unitId: string,
  slug: string,
): Promise<PublishedArticle | null> {
  const [row] = await db
    .select({ variant: postVariants, post: posts })
    .from(postVariants)
    .innerJoin(posts, eq(posts.id, postVariants.postId))
    .where(and(isPublishedPortalArticle(unitId), eq(posts.slug, slug)))
    .limit(1);
  return row ? toArticle(row) : null;
}

/** The topics of a unit's published articles, most used first. */
export async function publishedTopics(
  db: Executor,
  unitId: string,
): Promise<{ tag: string; count: number }[]> {
  const rows = await db
    .select({ tag: sql<string>`unnest(${posts.tags})`, postId: posts.id })
    .from(postVariants)
    .innerJoin(posts, eq(posts.id, postVariants.postId))
    .where(isPublishedPortalArticle(unitId));
  const counts = new Map<string, number>();
  for (const row of rows) {
    counts.set(row.tag, (counts.get(row.tag) ?? 0) + 1);
  }
  return [...counts.entries()]
    .map(([tag, count]) => ({ tag, count }))
    .sort((a, b) => b.count - a.count || a.tag.localeCompare(b.tag, "vi"));
}

/** Where the public can read a published post: its portal article, else the first page a variant went out to. */
export interface PublishedAddress {
  postId: string;
  unitId: string;
  title: string;
  mediaIds: string[];
  channelId: string;
  url: string;
  target: (typeof postVariants.target.enumValues)[number];
}

/** The public address of a post, or null while none of its variants is published. */
export async function publishedAddressOfPost(
  db: Executor,
  options: { postId: string; publicUrl: string },
): Promise<PublishedAddress | null> {
  const rows = await db
    .select({ variant: postVariants, post: posts })
    .from(postVariants)
    .innerJoin(posts, eq(posts.id, postVariants.postId))
    .where(and(eq(posts.id, options.postId), isNull(posts.deletedAt), eq(postVariants.status, "published")))
    .orderBy(postVariants.publishedAt);
  const portal = rows.find((row) => row.variant.target === "portal");
  const chosen = portal ?? rows.find((row) => row.variant.externalUrl);
  if (!chosen) {
    return null;
  }
  const unitCode = portal
    ? (await unitSummaries(db, [chosen.post.unitId])).get(chosen.post.unitId)?.code
    : null;
  const url = portal
    ? portalArticleUrl(options.publicUrl, unitCode ?? chosen.post.unitId, chosen.post.slug)
    : (chosen.variant.externalUrl as string);
  return {
    postId: chosen.post.id,
    unitId: chosen.post.unitId,
    title: chosen.variant.title || chosen.post.title,
    mediaIds: chosen.variant.mediaIds.length > 0 ? chosen.variant.mediaIds : chosen.post.mediaIds,
    channelId: chosen.variant.channelId,
    url,
    target: chosen.variant.target,
  };
}

/** Makes every variant's stored link and published address header-safe (start-up), for the readers that send them. */
export function repairStoredVariantAddresses(db: Executor): Promise<AddressRepair> {
  return repairAddressColumns(db, {
    table: postVariants,
    id: postVariants.id,
    addresses: [postVariants.externalUrl, postVariants.linkUrl],
  });
}
