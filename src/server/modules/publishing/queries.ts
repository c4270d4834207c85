import { and, asc, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { containsPattern } from "../../db/like.ts";
import {
  posts,
  postVariants,
  postVersions,
  variantApprovals,
  variantTransitions,
} from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { getChannel } from "../channels/index.ts";
import { personSummaries, unitIdWithin, unitSummaries } from "../org/index.ts";
import { eligibleApprovers, type ReviewState } from "./approval-notices.ts";
import { approvalPolicyFor } from "./approval-policy.ts";
import { nextApprovalLevel, rolesForApprovalLevel } from "./policy.ts";
import {
  type PublishingDeps,
  requirePost,
  requireVariant,
  unitPathOf,
  type VariantStatus,
} from "./post-records.ts";
import { calendarEntryView, portalArticleUrl, postDetailView, postListItemView } from "./presenters.ts";
import { variantProblems } from "./variant-workflow.ts";

/*
 * Reading the desk: a post with everything the editor's screen shows, the lists, the calendar and
 * the histories. Nothing here changes a row.
 */

/** Every status change of a variant, oldest first, with who made it. */
export async function variantHistory(db: Executor, variantId: string) {
  const rows = await db
    .select()
    .from(variantTransitions)
    .where(eq(variantTransitions.variantId, variantId))
    .orderBy(asc(variantTransitions.id));
  const names = await personSummaries(
    db,
    rows.flatMap((row) => (row.actorId ? [row.actorId] : [])),
  );
  return rows.map((row) => ({
    id: row.id,
    from: row.fromStatus,
    to: row.toStatus,
    reason: row.reason,
    details: row.details,
    actor: row.actorId ? { id: row.actorId, fullName: names.get(row.actorId)?.fullName ?? "" } : null,
    at: row.at,
  }));
}

/**
 * The comment each approver gave with their approval, for the post's "Lượt duyệt": it is kept as the
 * reason of the transition the approval recorded (same approver, same level, in the same transaction).
 */
async function approvalComments(
  db: Executor,
  approvals: readonly { variantId: string; approverId: string; level: number; at: Date }[],
) {
  const rows =
    approvals.length > 0
      ? await db
          .select({
            variantId: variantTransitions.variantId,
            actorId: variantTransitions.actorId,
            reason: variantTransitions.reason,
            details: variantTransitions.details,
            at: variantTransitions.at,
          })
          .from(variantTransitions)
          .where(
            and(
              inArray(variantTransitions.variantId, [...new Set(approvals.map((row) => row.variantId))]),
              sql`${variantTransitions.reason} is not null`,
              sql`${variantTransitions.details} ? 'approval'`,
            ),
          )
          .orderBy(asc(variantTransitions.id))
      : [];
  return (approval: (typeof approvals)[number]): string | null =>
    rows.find(
      (row) =>
        row.variantId === approval.variantId &&
        row.actorId === approval.approverId &&
        row.details?.approval === approval.level &&
        row.at.getTime() >= approval.at.getTime(),
    )?.reason ?? null;
}

/** A post with its variants, each with its approvals, its limit problems and what the reader may do. */
export async function getPost(db: Executor, deps: PublishingDeps, postId: string, actor: Actor) {
  const post = await requirePost(db, postId);
  const variants = await db
    .select()
    .from(postVariants)
    .where(eq(postVariants.postId, postId))
    .orderBy(asc(postVariants.target), asc(postVariants.id));
  const policy = await approvalPolicyFor(db, post.unitId);
  const unitPath = await unitPathOf(db, post.unitId);
  const approvalRows =
    variants.length > 0
      ? await db
          .select()
          .from(variantApprovals)
          .where(
            inArray(
              variantApprovals.variantId,
              variants.map((variant) => variant.id),
            ),
          )
      : [];
  const comments = await approvalComments(db, approvalRows);
  const people = await personSummaries(db, [
    ...(post.authorId ? [post.authorId] : []),
    ...(post.creditedPersonId ? [post.creditedPersonId] : []),
    ...approvalRows.map((row) => row.approverId),
    ...variants.flatMap((variant) => (variant.lastRejection ? [variant.lastRejection.by] : [])),
  ]);
  const unit = (await unitSummaries(db, [post.unitId])).get(post.unitId);
  const channels = await channelSummaries(
    db,
    variants.map((variant) => variant.channelId),
  );
  return postDetailView({
    actor,
    post,
    unitPath,
    unit,
    policy,
    people,
    channels,
    variants: await Promise.all(
      variants.map(async (variant) => {
        // Approvals of earlier content no longer count.
        const approvals = approvalRows
          .filter((row) => row.variantId === variant.id && row.contentVersion === variant.contentVersion)
          .map((row) => ({ ...row, comment: comments(row) }));
        return {
          variant,
          approvals,
          problems: await variantProblems(deps, db, variant),
          nextApproval: await nextApprovalOf(db, { post, variant, unitPath, policy, approvals }),
        };
      }),
    ),
  });
}

/** While a variant waits: the level of its next approval, who may give it, and the roles the rules name. */
async function nextApprovalOf(db: Executor, state: ReviewState) {
  if (state.variant.status !== "in_review") {
    return null;
  }
  const level = nextApprovalLevel(state.approvals);
  const people = await eligibleApprovers(db, state);
  return {
    level,
    people: people.map((person) => ({ id: person.personId, fullName: person.fullName })),
    roles: [...rolesForApprovalLevel(state.policy, level)],
  };
}

/** Every saved version of a post, newest first. */
export async function listPostVersions(db: Executor, postId: string) {
  await requirePost(db, postId);
  const rows = await db
    .select()
    .from(postVersions)
    .where(eq(postVersions.postId, postId))
    .orderBy(desc(postVersions.version));
  const names = await personSummaries(
    db,
    rows.flatMap((row) => (row.editorId ? [row.editorId] : [])),
  );
  return rows.map((row) => ({
    version: row.version,
    snapshot: row.snapshot,
    editor: row.editorId ? { id: row.editorId, fullName: names.get(row.editorId)?.fullName ?? "" } : null,
    createdAt: row.createdAt,
  }));
}

/** Name and address of registry channels, looked up once each. */
async function channelSummaries(
  db: Executor,
  ids: readonly string[],
): Promise<Map<string, { displayName: string; url: string }>> {
  const found = new Map<string, { displayName: string; url: string }>();
  for (const id of new Set(ids)) {
    const channel = await getChannel(db, id).catch(() => null);
    found.set(id, { displayName: channel?.displayName ?? "", url: channel?.url ?? "" });
  }
  return found;
}

/** Display names of registry channels, looked up once each. */
async function channelNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  return new Map([...(await channelSummaries(db, ids))].map(([id, channel]) => [id, channel.displayName]));
}

export interface ListPostsOptions {
  scope: readonly string[];
  unitPath?: string | undefined;
  q?: string | undefined;
  tag?: string | undefined;
  status?: VariantStatus | undefined;
  limit: number;
  offset: number;
}

/** Posts in the reader's units, newest change first, each with its variants' statuses. */
export async function listPosts(db: Executor, options: ListPostsOptions) {
  const conditions: SQL[] = [
    isNull(posts.deletedAt),
    unitIdWithin(posts.unitId, options.scope, options.unitPath),
  ];
  if (options.q?.trim()) {
    const pattern = containsPattern(options.q.trim().toLowerCase());
    conditions.push(sql`unaccent(lower(${posts.title})) like unaccent(${pattern})`);
  }
  if (options.tag) {
    conditions.push(sql`${options.tag.toLowerCase()} = any(${posts.tags})`);
  }
  if (options.status) {
    conditions.push(
      sql`exists (select 1 from ${postVariants} v where v.post_id = ${posts.id} and v.status = ${options.status})`,
    );
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(posts)
      .where(where)
      .orderBy(desc(posts.updatedAt), desc(posts.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: sql<number>`count(*)::int` }).from(posts).where(where),
  ]);
  const variants =
    rows.length > 0
      ? await db
          .select()
          .from(postVariants)
          .where(
            inArray(
              postVariants.postId,
              rows.map((row) => row.id),
            ),
          )
      : [];
  const units = await unitSummaries(
    db,
    rows.map((row) => row.unitId),
  );
  const names = await channelNames(
    db,
    variants.map((variant) => variant.channelId),
  );
  return {
    items: rows.map((row) =>
      postListItemView(
        row,
        units.get(row.unitId),
        variants.filter((variant) => variant.postId === row.id),
        names,
      ),
    ),
    total: total?.total ?? 0,
  };
}

export interface CalendarOptions {
  scope: readonly string[];
  from: Date;
  to: Date;
  unitPath?: string | undefined;
  channelId?: string | undefined;
  tag?: string | undefined;
  status?: VariantStatus | undefined;
}

/** Variants scheduled or published between two instants, for the month and week views. */
export async function calendar(db: Executor, options: CalendarOptions) {
  const when = sql`coalesce(${postVariants.publishedAt}, ${postVariants.scheduledAt})`;
  const conditions: SQL[] = [
    isNull(posts.deletedAt),
    unitIdWithin(posts.unitId, options.scope, options.unitPath),
    gte(when, options.from) as SQL,
    lt(when, options.to) as SQL,
  ];
  if (options.channelId) {
    conditions.push(eq(postVariants.channelId, options.channelId));
  }
  if (options.tag) {
    conditions.push(sql`${options.tag.toLowerCase()} = any(${posts.tags})`);
  }
  if (options.status) {
    conditions.push(eq(postVariants.status, options.status));
  } else {
    conditions.push(
      or(
        eq(postVariants.status, "scheduled"),
        eq(postVariants.status, "publishing"),
        eq(postVariants.status, "published"),
        eq(postVariants.status, "failed"),
      ) as SQL,
    );
  }
  const rows = await db
    .select({ variant: postVariants, post: posts })
    .from(postVariants)
    .innerJoin(posts, eq(posts.id, postVariants.postId))
    .where(and(...conditions))
    .orderBy(asc(when))
    .limit(2000);
  const names = await channelNames(
    db,
    rows.map((row) => row.variant.channelId),
  );
  const units = await unitSummaries(
    db,
    rows.map((row) => row.post.unitId),
  );
  return rows.map(({ variant, post }) => calendarEntryView(variant, post, units.get(post.unitId), names));
}

/** The portal address of the post a variant belongs to. */
export async function articleUrlOfVariant(
  db: Executor,
  publicUrl: string,
  variantId: string,
): Promise<string> {
  const { post } = await requireVariant(db, variantId);
  const unit = (await unitSummaries(db, [post.unitId])).get(post.unitId);
  return portalArticleUrl(publicUrl, unit?.code ?? post.unitId, post.slug);
}
