import { and, eq, inArray, isNull, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { posts, postVariants, variantApprovals } from "../../db/schema/index.ts";
import { type Actor, scopeFor } from "../../platform/actor.ts";
import { getChannel } from "../channels/index.ts";
import { personSummaries, unitIdWithin, unitSummaries } from "../org/index.ts";
import { type ApprovalPolicy, approvalPolicyFor } from "./approval-policy.ts";
import { canApproveVariant, nextApprovalLevel } from "./policy.ts";

/*
 * "Chờ tôi duyệt": the variants waiting for an approval this person may give now, in their units,
 * the longest-waiting first. Which level a person may give depends on each unit's rules, so the
 * candidates found in SQL (in scope, waiting, not theirs, not approved by them) are filtered by the
 * same rule the approve action applies (canApproveVariant).
 */

/** More than this many variants waiting in one person's units is beyond what a queue page can help with. */
const candidateLimit = 1000;

/** The moment a variant last went into review (not a first approval), and who sent it. */
const submittedAt = sql<Date>`(
  select max(t.at) from variant_transitions t
  where t.variant_id = ${postVariants.id} and t.to_status = 'in_review' and t.from_status <> 'in_review')`;
const submittedBy = sql<string | null>`(
  select t.actor_id from variant_transitions t
  where t.variant_id = ${postVariants.id} and t.to_status = 'in_review' and t.from_status <> 'in_review'
  order by t.id desc limit 1)`;

interface Waiting {
  variant: typeof postVariants.$inferSelect;
  post: typeof posts.$inferSelect;
  submittedAt: Date;
  submittedBy: string | null;
  level: 1 | 2;
}

/** Every variant the actor may approve now, the longest-waiting first. */
async function waitingFor(db: Executor, actor: Actor): Promise<Waiting[]> {
  const scope = scopeFor(actor, "posts.approve");
  if (scope.length === 0) {
    return [];
  }
  const rows = await db
    .select({ variant: postVariants, post: posts, submittedAt, submittedBy })
    .from(postVariants)
    .innerJoin(posts, eq(posts.id, postVariants.postId))
    .where(
      and(
        eq(postVariants.status, "in_review"),
        isNull(posts.deletedAt),
        unitIdWithin(posts.unitId, scope),
        or(isNull(posts.authorId), ne(posts.authorId, actor.personId)),
        sql`not exists (select 1 from ${variantApprovals} a where a.variant_id = ${postVariants.id}
          and a.content_version = ${postVariants.contentVersion} and a.approver_id = ${actor.personId})`,
      ),
    )
    .orderBy(sql`${submittedAt} asc nulls first`, postVariants.id)
    .limit(candidateLimit);
  if (rows.length === 0) {
    return [];
  }
  const approvals = await db
    .select()
    .from(variantApprovals)
    .where(
      inArray(
        variantApprovals.variantId,
        rows.map((row) => row.variant.id),
      ),
    );
  const units = await unitSummaries(
    db,
    rows.map((row) => row.post.unitId),
  );
  const policies = new Map<string, ApprovalPolicy>();
  const waiting: Waiting[] = [];
  for (const row of rows) {
    const unitPath = units.get(row.post.unitId)?.path;
    if (!unitPath) {
      continue;
    }
    let policy = policies.get(row.post.unitId);
    if (!policy) {
      policy = await approvalPolicyFor(db, row.post.unitId);
      policies.set(row.post.unitId, policy);
    }
    const current = approvals.filter(
      (approval) =>
        approval.variantId === row.variant.id && approval.contentVersion === row.variant.contentVersion,
    );
    const facts = { actor, unitPath, post: row.post, variant: row.variant, policy, approvals: current };
    if (canApproveVariant(facts).allowed) {
      waiting.push({
        ...row,
        submittedAt: new Date(row.submittedAt ?? row.variant.updatedAt),
        level: nextApprovalLevel(current),
      });
    }
  }
  return waiting;
}

/** How many variants wait for the actor's approval (the menu's badge). */
export async function approvalQueueCount(db: Executor, actor: Actor): Promise<number> {
  return (await waitingFor(db, actor)).length;
}

/** A page of the variants waiting for the actor's approval, the longest-waiting first. */
export async function approvalQueue(db: Executor, actor: Actor, options: { limit: number; offset: number }) {
  const waiting = await waitingFor(db, actor);
  const page = waiting.slice(options.offset, options.offset + options.limit);
  const units = await unitSummaries(
    db,
    page.map((entry) => entry.post.unitId),
  );
  const senders = await personSummaries(
    db,
    page.flatMap((entry) => (entry.submittedBy ? [entry.submittedBy] : [])),
  );
  const items = [];
  for (const entry of page) {
    const channel = await getChannel(db, entry.variant.channelId).catch(() => null);
    const sender = entry.submittedBy ? senders.get(entry.submittedBy) : undefined;
    items.push({
      variantId: entry.variant.id,
      postId: entry.post.id,
      postTitle: entry.post.title,
      unitName: units.get(entry.post.unitId)?.name ?? "",
      target: entry.variant.target,
      channelName: channel?.displayName ?? "",
      level: entry.level,
      submittedAt: entry.submittedAt,
      submittedBy: sender ? { id: sender.id, fullName: sender.fullName } : null,
    });
  }
  return { items, total: waiting.length };
}
