import { and, asc, desc, eq, gte, isNotNull, isNull, lt, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { posts, postVariants } from "../../db/schema/index.ts";
import { getChannel } from "../channels/index.ts";
import { personSummaries, unitIdWithin, unitSummaries } from "../org/index.ts";
import type { VariantStatus } from "./post-records.ts";

/*
 * The desk's work list: variants (one post on one channel) rather than posts, so that an editor's
 * home can say which channel of which post is rejected, failed or due today, and why.
 */

export interface VariantListOptions {
  scope: readonly string[];
  unitPath?: string | undefined;
  status?: VariantStatus | undefined;
  /**
   * true: drafts sent back by an approver (a draft that carries a rejection; it leaves this list when
   * it is sent for approval again). false: variants never rejected.
   */
  rejected?: boolean | undefined;
  /** Scheduled (or published) at or after `from` and before `to`. */
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

/** Variants in the reader's units, newest change first (by time of day for scheduled ones), with their post and channel. */
export async function listVariants(db: Executor, options: VariantListOptions) {
  const when = postVariants.scheduledAt;
  const conditions: SQL[] = [
    isNull(posts.deletedAt),
    unitIdWithin(posts.unitId, options.scope, options.unitPath),
  ];
  if (options.rejected === true) {
    conditions.push(eq(postVariants.status, "draft"), isNotNull(postVariants.lastRejection));
  } else if (options.rejected === false) {
    conditions.push(isNull(postVariants.lastRejection));
  }
  if (options.status) {
    conditions.push(eq(postVariants.status, options.status));
  }
  if (options.from) {
    conditions.push(gte(when, options.from) as SQL);
  }
  if (options.to) {
    conditions.push(lt(when, options.to) as SQL);
  }
  const where = and(...conditions);
  const byTime = options.status === "scheduled" || Boolean(options.from || options.to);
  const [rows, [counted]] = await Promise.all([
    db
      .select({ variant: postVariants, post: posts })
      .from(postVariants)
      .innerJoin(posts, eq(posts.id, postVariants.postId))
      .where(where)
      .orderBy(
        ...(byTime
          ? [asc(when), asc(postVariants.id)]
          : [desc(postVariants.updatedAt), desc(postVariants.id)]),
      )
      .limit(options.limit)
      .offset(options.offset),
    db
      .select({ total: sql<number>`count(*)::int` })
      .from(postVariants)
      .innerJoin(posts, eq(posts.id, postVariants.postId))
      .where(where),
  ]);
  const units = await unitSummaries(
    db,
    rows.map((row) => row.post.unitId),
  );
  const people = await personSummaries(
    db,
    rows.flatMap((row) => (row.variant.lastRejection ? [row.variant.lastRejection.by] : [])),
  );
  const channels = new Map<string, string>();
  for (const id of new Set(rows.map((row) => row.variant.channelId))) {
    channels.set(id, (await getChannel(db, id).catch(() => null))?.displayName ?? "");
  }
  return {
    items: rows.map(({ variant, post }) => ({
      variantId: variant.id,
      postId: post.id,
      postTitle: post.title,
      unitId: post.unitId,
      unitName: units.get(post.unitId)?.name ?? "",
      target: variant.target,
      channelId: variant.channelId,
      channelName: channels.get(variant.channelId) ?? "",
      status: variant.status,
      scheduledAt: variant.scheduledAt,
      updatedAt: variant.updatedAt,
      rejection:
        variant.status === "draft" && variant.lastRejection
          ? {
              reason: variant.lastRejection.reason,
              byName: people.get(variant.lastRejection.by)?.fullName ?? "",
              at: variant.lastRejection.at,
            }
          : null,
      failure:
        variant.status === "failed" && variant.failure
          ? {
              message: variant.failure.message,
              needsPerson: variant.failure.needsPerson,
              at: variant.failure.at,
            }
          : null,
    })),
    total: counted?.total ?? 0,
  };
}
