import type { variantApprovals } from "../../db/schema/index.ts";
import type { Actor, Role } from "../../platform/actor.ts";
import type { PersonSummary, UnitSummary } from "../org/index.ts";
import type { ApprovalPolicy } from "./approval-policy.ts";
import type { LimitProblem } from "./limits.ts";
import {
  approvalsNeeded,
  canApproveVariant,
  canEditVariant,
  canRejectVariant,
  canScheduleVariant,
  canSubmitVariant,
  canUnscheduleVariant,
  canWritePosts,
  mayReviewPost,
} from "./policy.ts";
import type { PostRow, VariantRow } from "./post-records.ts";

/*
 * Rows into responses: explicit field lists, so that a column added to a table reaches no client
 * until it is added here (and to schema.ts).
 */

/** An approval, with the comment its approver gave (null when none, or not loaded). */
type ApprovalRow = typeof variantApprovals.$inferSelect & { comment?: string | null };
type Names = ReadonlyMap<string, Pick<PersonSummary, "fullName">>;

const personRef = (id: string | null, names: Names) =>
  id ? { id, fullName: names.get(id)?.fullName ?? "" } : null;

/** A variant as every variant endpoint returns it. */
export function variantView(variant: VariantRow) {
  return {
    id: variant.id,
    target: variant.target,
    channelId: variant.channelId,
    title: variant.title,
    body: variant.body,
    linkUrl: variant.linkUrl,
    mediaIds: variant.mediaIds,
    status: variant.status,
    contentVersion: variant.contentVersion,
    scheduledAt: variant.scheduledAt,
    publishedAt: variant.publishedAt,
    externalId: variant.externalId,
    externalUrl: variant.externalUrl,
    failure: variant.failure,
    lastRejection: variant.lastRejection,
    updatedAt: variant.updatedAt,
  };
}

/** What a post detail is made from, loaded by `getPost`. */
export interface PostDetailRows {
  actor: Actor;
  post: PostRow;
  unitPath: string;
  unit: Pick<UnitSummary, "name"> | undefined;
  policy: ApprovalPolicy;
  people: Names;
  channels: ReadonlyMap<string, { displayName: string; url: string }>;
  variants: readonly {
    variant: VariantRow;
    approvals: readonly ApprovalRow[];
    problems: LimitProblem[];
    nextApproval: { level: number; people: { id: string; fullName: string }[]; roles: Role[] } | null;
  }[];
}

/** A variant of a post detail, with its approvals and what the reader may do to it now. */
function variantDetailView(rows: PostDetailRows, entry: PostDetailRows["variants"][number]) {
  const { actor, unitPath, post, policy, people } = rows;
  const { variant, approvals, problems } = entry;
  const facts = { actor, unitPath, post, variant, policy, approvals };
  return {
    ...variantView(variant),
    lastRejection: variant.lastRejection
      ? { ...variant.lastRejection, byName: people.get(variant.lastRejection.by)?.fullName ?? "" }
      : null,
    channel: {
      id: variant.channelId,
      ...(rows.channels.get(variant.channelId) ?? { displayName: "", url: "" }),
    },
    approvals: approvals.map((row) => ({
      level: row.level,
      approver: { id: row.approverId, fullName: people.get(row.approverId)?.fullName ?? "" },
      at: row.at,
      comment: row.comment ?? null,
    })),
    nextApproval: entry.nextApproval ? { ...entry.nextApproval, unitName: rows.unit?.name ?? "" } : null,
    problems,
    canEdit: canEditVariant(facts).allowed,
    canSubmit: canSubmitVariant({ ...facts, problems }).allowed,
    canApprove: canApproveVariant(facts).allowed,
    canReject: canRejectVariant(facts).allowed,
    canSchedule: canScheduleVariant(facts).allowed,
    canUnschedule: canUnscheduleVariant(facts).allowed,
  };
}

/** A post with its variants, each with its approvals, its limit problems and what the reader may do. */
export function postDetailView(rows: PostDetailRows) {
  const { actor, post, unitPath, policy, people } = rows;
  return {
    id: post.id,
    unitId: post.unitId,
    unitName: rows.unit?.name ?? "",
    title: post.title,
    bodyHtml: post.bodyHtml,
    summary: post.summary,
    tags: post.tags,
    mediaIds: post.mediaIds,
    slug: post.slug,
    origin: post.origin,
    author: personRef(post.authorId, people),
    credited: personRef(post.creditedPersonId, people),
    version: post.version,
    approvalsNeeded: approvalsNeeded(policy, post.tags),
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    canWrite: canWritePosts(actor, unitPath),
    canApprove: mayReviewPost({ actor, unitPath, post, policy }),
    variants: rows.variants.map((entry) => variantDetailView(rows, entry)),
  };
}

/** A post in the desk's list, with where each of its variants stands. */
export function postListItemView(
  post: PostRow,
  unit: Pick<UnitSummary, "name"> | undefined,
  variants: readonly VariantRow[],
  channelNames: ReadonlyMap<string, string>,
) {
  return {
    id: post.id,
    unitId: post.unitId,
    unitName: unit?.name ?? "",
    title: post.title,
    tags: post.tags,
    origin: post.origin,
    updatedAt: post.updatedAt,
    variants: variants.map((variant) => ({
      id: variant.id,
      target: variant.target,
      channelId: variant.channelId,
      channelName: channelNames.get(variant.channelId) ?? "",
      status: variant.status,
      scheduledAt: variant.scheduledAt,
      publishedAt: variant.publishedAt,
    })),
  };
}

/** A variant on the calendar, at the time it went out or is due to. */
export function calendarEntryView(
  variant: VariantRow,
  post: PostRow,
  unit: Pick<UnitSummary, "name"> | undefined,
  channelNames: ReadonlyMap<string, string>,
) {
  return {
    variantId: variant.id,
    postId: post.id,
    unitId: post.unitId,
    unitName: unit?.name ?? "",
    channelName: channelNames.get(variant.channelId) ?? "",
    title: post.title,
    tags: post.tags,
    target: variant.target,
    channelId: variant.channelId,
    status: variant.status,
    at: (variant.publishedAt ?? variant.scheduledAt) as Date,
  };
}

/** Where a unit's portal shows an article: /u/<unit code>/<post slug>. */
export function portalArticleUrl(publicUrl: string, unitCode: string, slug: string): string {
  return `${publicUrl}/u/${encodeURIComponent(unitCode)}/${encodeURIComponent(slug)}`;
}
