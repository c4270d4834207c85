import { and, asc, desc, eq, gte, inArray, isNull, lt, or, type SQL, sql } from "drizzle-orm";
import { normaliseWebAddress } from "../../../shared/web-address.ts";
import type { Db, Executor } from "../../db/client.ts";
import {
  posts,
  postVariants,
  postVersions,
  variantApprovals,
  variantTransitions,
} from "../../db/schema/index.ts";
import { AppError, errors } from "../../http/errors.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { recordAudit } from "../auth/audit.ts";
import { getChannel } from "../channels/service.ts";
import { personSummaries, unitIdWithin, unitSummaries } from "../org/membership.ts";
import { type Actor, can } from "../org/policy.ts";
import { approvalPolicyFor, approvalsNeeded, holdsRoleOn } from "./approval-policy.ts";
import type { MediaForPublish, VariantTarget } from "./connectors/types.ts";
import { cleanTags, plainText, sanitizeBody, slugify } from "./content.ts";
import { checkLimits, isArticleTarget, type LimitProblem } from "./limits.ts";
import { requireMediaInScope } from "./media-scope.ts";
import { queuePublishJob } from "./publish-job.ts";

export type PostRow = typeof posts.$inferSelect;
export type VariantRow = typeof postVariants.$inferSelect;
export type VariantStatus = VariantRow["status"];
type SignedIn = { db: Db; actor: Actor; ip: string | null };

/** Looks up media library items (the media module's service), in the order asked. */
export type MediaResolver = (db: Executor, ids: readonly string[]) => Promise<MediaForPublish[]>;

export interface PublishingDeps {
  jobs: JobQueue;
  media: MediaResolver;
  publicUrl: string;
}

const postLabel = { vi: "bài viết", en: "Post" };
const variantLabel = { vi: "phiên bản đăng", en: "Variant" };

/** Which registry platforms the desk can publish to, and as what. */
const targetOfPlatform: Partial<Record<string, VariantTarget>> = {
  website: "portal",
  facebook_page: "facebook_page",
  zalo_oa: "zalo_oa",
  youtube: "youtube",
  tiktok: "tiktok",
};

async function requirePost(db: Executor, postId: string, lock = false): Promise<PostRow> {
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

async function unitPathOf(db: Executor, unitId: string): Promise<string> {
  const unit = (await unitSummaries(db, [unitId])).get(unitId);
  if (!unit) {
    throw errors.notFound({ vi: "đơn vị", en: "Unit" });
  }
  return unit.path;
}

/** Appends a status change of a variant, with who made it and why. */
export async function recordTransition(
  db: Executor,
  variant: { id: string; status: VariantStatus },
  to: VariantStatus,
  actorId: string | null,
  reason?: string | null,
  details?: Record<string, unknown>,
) {
  await db.insert(variantTransitions).values({
    variantId: variant.id,
    fromStatus: variant.status,
    toStatus: to,
    actorId,
    reason: reason ?? null,
    details: details ?? null,
  });
}

/** Saves the whole post (fields and variants) as version `post.version`. */
async function snapshotVersion(db: Executor, postId: string, editorId: string | null) {
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

async function bumpVersion(db: Executor, postId: string, editorId: string | null) {
  await db
    .update(posts)
    .set({ version: sql`${posts.version} + 1`, updatedAt: new Date() })
    .where(eq(posts.id, postId));
  await snapshotVersion(db, postId, editorId);
}

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
    throw errors.badRequest(
      "publishing.channel_not_publishable",
      `Kênh “${channel.displayName}” (${channel.platform}) không đăng bài qua Cầu Nối được.`,
      `Posts cannot be published to “${channel.displayName}” (${channel.platform}) through Cầu Nối.`,
    );
  }
  if (channel.status !== "active") {
    throw errors.conflict(
      "publishing.channel_not_active",
      `Kênh “${channel.displayName}” không còn hoạt động.`,
      `The channel “${channel.displayName}” is not active.`,
    );
  }
  const path = await unitPathOf(db, channel.unitId);
  const postPath = await unitPathOf(db, postUnitId);
  // A post goes out on its own unit's channels and those below it, never on another branch's.
  if (path !== postPath && !path.startsWith(`${postPath}.`)) {
    throw errors.badRequest(
      "publishing.channel_elsewhere",
      `Kênh “${channel.displayName}” thuộc đơn vị khác, không thuộc đơn vị của bài viết.`,
      `The channel “${channel.displayName}” belongs to a unit outside the post's own.`,
    );
  }
  if (!can(actor, "posts.write", path)) {
    throw errors.forbidden();
  }
  return { channel, target };
}

async function uniqueSlug(
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
    throw errors.badRequest(
      "publishing.media_missing",
      "Có ảnh hoặc video không còn trong thư viện.",
      "Some photo or video is no longer in the media library.",
    );
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
      throw errors.conflict(
        "publishing.variant_exists",
        `Bài đã có phiên bản cho kênh “${channel.displayName}”.`,
        `The post already has a variant for “${channel.displayName}”.`,
      );
    }
    await recordTransition(tx, { id: variant.id, status: "draft" }, "draft", ctx.actor.personId, null, {
      created: true,
    });
    await bumpVersion(tx, postId, ctx.actor.personId);
    return variant;
  });
}

const lockedStatuses: VariantStatus[] = ["publishing", "published"];

function refuseWhen(variant: VariantRow, statuses: VariantStatus[], vi: string, en: string) {
  if (statuses.includes(variant.status)) {
    throw errors.conflict("publishing.wrong_status", vi, en, { status: variant.status });
  }
}

/** A variant's link as stored: encoded (IDN, percent-encoding), or none; anything else is refused. */
function cleanLinkUrl(typed: string | null): string | null {
  if (!typed) {
    return null;
  }
  const address = normaliseWebAddress(typed);
  if (!address) {
    throw errors.badRequest(
      "publishing.link_url_invalid",
      "Vui lòng nhập đường dẫn bắt đầu bằng http:// hoặc https://.",
      "Please enter a link starting with http:// or https://.",
    );
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
    const { variant } = await requireVariant(tx, variantId, true);
    refuseWhen(
      variant,
      lockedStatuses,
      "Phiên bản này đang hoặc đã đăng, không sửa được nữa.",
      "This variant is being or has been published; it can no longer be edited.",
    );
    const body =
      input.body === undefined
        ? undefined
        : isArticleTarget(variant.target)
          ? sanitizeBody(input.body)
          : input.body.normalize("NFC");
    const [updated] = await tx
      .update(postVariants)
      .set({
        ...(input.title !== undefined ? { title: input.title?.normalize("NFC").trim() || null } : {}),
        ...(body !== undefined ? { body } : {}),
        ...(input.linkUrl !== undefined ? { linkUrl: cleanLinkUrl(input.linkUrl) } : {}),
        ...(input.mediaIds !== undefined ? { mediaIds: [...new Set(input.mediaIds)] } : {}),
        status: "draft",
        scheduledAt: null,
        contentVersion: sql`${postVariants.contentVersion} + 1`,
        updatedAt: new Date(),
      })
      .where(eq(postVariants.id, variantId))
      .returning();
    if (variant.status !== "draft") {
      await recordTransition(tx, variant, "draft", ctx.actor.personId, null, { edited: true });
    }
    await bumpVersion(tx, variant.postId, ctx.actor.personId);
    return updated as VariantRow;
  });
}

/** What keeps a variant from going out: the platform's limits on its content. */
export async function variantProblems(
  deps: PublishingDeps,
  db: Executor,
  variant: VariantRow,
): Promise<LimitProblem[]> {
  const media = variant.mediaIds.length > 0 ? await deps.media(db, variant.mediaIds) : [];
  return checkLimits(variant.target, {
    title: variant.title,
    body: variant.body,
    linkUrl: variant.linkUrl,
    media,
  });
}

function limitsError(problems: LimitProblem[]) {
  return new AppError(
    422,
    "publishing.limits",
    {
      vi: `Chưa đăng được: ${problems.map((p) => p.vi).join(" ")}`,
      en: `Cannot be published yet: ${problems.map((p) => p.en).join(" ")}`,
    },
    problems,
  );
}

/** The author sends a draft for approval; the platform's limits must already be met. */
export async function submitVariant(ctx: SignedIn, deps: PublishingDeps, variantId: string) {
  const problems = await variantProblems(deps, ctx.db, (await requireVariant(ctx.db, variantId)).variant);
  if (problems.length > 0) {
    throw limitsError(problems);
  }
  return ctx.db.transaction(async (tx) => {
    const { variant } = await requireVariant(tx, variantId, true);
    if (variant.status !== "draft" && variant.status !== "failed") {
      throw errors.conflict(
        "publishing.wrong_status",
        "Chỉ gửi duyệt được bản nháp.",
        "Only a draft can be sent for approval.",
        { status: variant.status },
      );
    }
    await tx
      .update(postVariants)
      .set({ status: "in_review", updatedAt: new Date() })
      .where(eq(postVariants.id, variantId));
    await recordTransition(tx, variant, "in_review", ctx.actor.personId);
    return requireVariant(tx, variantId).then((r) => r.variant);
  });
}

/** The approvals a variant has for its current content, lowest level first. */
async function currentApprovals(db: Executor, variant: VariantRow) {
  return db
    .select()
    .from(variantApprovals)
    .where(
      and(
        eq(variantApprovals.variantId, variant.id),
        eq(variantApprovals.contentVersion, variant.contentVersion),
      ),
    )
    .orderBy(asc(variantApprovals.level));
}

/**
 * Whether the variant, as it is now, has every approval its unit requires (checked again right
 * before publishing: a tag made sensitive after approval still needs its second approval).
 */
export async function hasRequiredApprovals(
  db: Executor,
  post: PostRow,
  variant: VariantRow,
): Promise<boolean> {
  const policy = await approvalPolicyFor(db, post.unitId);
  const needed = approvalsNeeded(policy, post.tags);
  const approvals = await currentApprovals(db, variant);
  return new Set(approvals.map((approval) => approval.level)).size >= needed;
}

/** An approver approves the variant; a post with a sensitive tag needs a second person as well. */
export async function approveVariant(ctx: SignedIn, variantId: string) {
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    if (variant.status !== "in_review") {
      throw errors.conflict(
        "publishing.wrong_status",
        "Chỉ duyệt được phiên bản đang chờ duyệt.",
        "Only a variant waiting for approval can be approved.",
        { status: variant.status },
      );
    }
    if (post.authorId === ctx.actor.personId) {
      throw errors.conflict(
        "publishing.self_approval",
        "Người viết không tự duyệt bài của mình.",
        "Authors cannot approve their own posts.",
      );
    }
    const unitPath = await unitPathOf(tx, post.unitId);
    const policy = await approvalPolicyFor(tx, post.unitId);
    const needed = approvalsNeeded(policy, post.tags);
    const approvals = await currentApprovals(tx, variant);
    if (approvals.some((approval) => approval.approverId === ctx.actor.personId)) {
      throw errors.conflict(
        "publishing.already_approved",
        "Bạn đã duyệt phiên bản này; lần duyệt thứ hai phải do người khác.",
        "You have approved this variant already; the second approval must come from someone else.",
      );
    }
    const level = approvals.length === 0 ? 1 : 2;
    const allowed = level === 1 ? policy.approverRoles : policy.secondApproverRoles;
    if (!holdsRoleOn(ctx.actor, allowed, unitPath)) {
      throw new AppError(403, "publishing.not_an_approver", {
        vi: `Theo quy định của đơn vị, lần duyệt ${level === 1 ? "này" : "thứ hai"} do vai trò khác đảm nhận.`,
        en: `Under the unit's rules, ${level === 1 ? "this approval" : "the second approval"} belongs to another role.`,
      });
    }
    await tx.insert(variantApprovals).values({
      variantId,
      contentVersion: variant.contentVersion,
      level,
      approverId: ctx.actor.personId,
    });
    const complete = level >= needed;
    if (complete) {
      await tx
        .update(postVariants)
        .set({ status: "approved", updatedAt: new Date() })
        .where(eq(postVariants.id, variantId));
    }
    await recordTransition(tx, variant, complete ? "approved" : "in_review", ctx.actor.personId, null, {
      approval: level,
      needed,
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.approve",
      unit: { id: post.unitId, path: unitPath },
      target: { type: "variant", id: variantId },
      ip: ctx.ip,
      details: { level, needed },
    });
    return (await requireVariant(tx, variantId)).variant;
  });
}

/** Sends the variant back to its author with the reason, which is required. */
export async function rejectVariant(ctx: SignedIn, variantId: string, reason: string) {
  const why = reason.normalize("NFC").trim();
  if (!why) {
    throw errors.badRequest(
      "publishing.reason_required",
      "Hãy ghi lý do trả lại.",
      "Say why it is sent back.",
    );
  }
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    refuseWhen(
      variant,
      ["draft", "publishing", "published"],
      "Phiên bản này không ở trạng thái trả lại được.",
      "This variant cannot be sent back in its current state.",
    );
    const unitPath = await unitPathOf(tx, post.unitId);
    const policy = await approvalPolicyFor(tx, post.unitId);
    if (!holdsRoleOn(ctx.actor, [...policy.approverRoles, ...policy.secondApproverRoles], unitPath)) {
      throw errors.forbidden();
    }
    await tx
      .update(postVariants)
      .set({
        status: "draft",
        scheduledAt: null,
        contentVersion: sql`${postVariants.contentVersion} + 1`,
        lastRejection: { reason: why, by: ctx.actor.personId, at: new Date().toISOString() },
        updatedAt: new Date(),
      })
      .where(eq(postVariants.id, variantId));
    await recordTransition(tx, variant, "draft", ctx.actor.personId, why, { rejected: true });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.reject",
      unit: { id: post.unitId, path: unitPath },
      target: { type: "variant", id: variantId },
      ip: ctx.ip,
      details: { reason: why },
    });
    return (await requireVariant(tx, variantId)).variant;
  });
}

export { PUBLISH_JOB, type PublishJob } from "./publish-job.ts";

/**
 * Schedules an approved variant (or moves a scheduled one: dragging it on the calendar). Approvals
 * are checked again, and the publish job queued for the time.
 */
export async function scheduleVariant(ctx: SignedIn, deps: PublishingDeps, variantId: string, at: Date) {
  if (at.getTime() < Date.now() - 60_000) {
    throw errors.badRequest(
      "publishing.time_in_past",
      "Thời điểm đăng phải ở tương lai.",
      "The publishing time must be in the future.",
    );
  }
  const variant = await ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    if (!["approved", "scheduled", "failed"].includes(variant.status)) {
      throw errors.conflict(
        "publishing.not_approved",
        "Phiên bản chưa được duyệt nên chưa hẹn giờ đăng được.",
        "The variant is not approved, so it cannot be scheduled.",
        { status: variant.status },
      );
    }
    if (!(await hasRequiredApprovals(tx, post, variant))) {
      await tx
        .update(postVariants)
        .set({ status: "in_review", scheduledAt: null })
        .where(eq(postVariants.id, variantId));
      await recordTransition(tx, variant, "in_review", ctx.actor.personId, null, { approvalsMissing: true });
      throw errors.conflict(
        "publishing.approval_missing",
        "Bài cần thêm lượt duyệt theo quy định hiện hành của đơn vị; đã chuyển lại chờ duyệt.",
        "The post needs more approval under the unit's current rules; it is waiting for approval again.",
      );
    }
    const [updated] = await tx
      .update(postVariants)
      .set({ status: "scheduled", scheduledAt: at, failure: null, updatedAt: new Date() })
      .where(eq(postVariants.id, variantId))
      .returning();
    await recordTransition(tx, variant, "scheduled", ctx.actor.personId, null, { at: at.toISOString() });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "publishing.schedule",
      unit: { id: post.unitId, path: await unitPathOf(tx, post.unitId) },
      target: { type: "variant", id: variantId },
      ip: ctx.ip,
      details: { at: at.toISOString() },
    });
    return updated as VariantRow;
  });
  // Retried by pg-boss if the process that fetches it dies before the claim; the minute sweep backs it up.
  await queuePublishJob(deps.jobs, variantId, at);
  return variant;
}

/** Takes a scheduled variant off the calendar; it stays approved. */
export async function unscheduleVariant(ctx: SignedIn, variantId: string) {
  return ctx.db.transaction(async (tx) => {
    const { variant } = await requireVariant(tx, variantId, true);
    if (variant.status !== "scheduled" && variant.status !== "failed") {
      throw errors.conflict(
        "publishing.wrong_status",
        "Phiên bản chưa được hẹn giờ.",
        "The variant is not scheduled.",
      );
    }
    const [updated] = await tx
      .update(postVariants)
      .set({ status: "approved", scheduledAt: null, updatedAt: new Date() })
      .where(eq(postVariants.id, variantId))
      .returning();
    await recordTransition(tx, variant, "approved", ctx.actor.personId);
    return updated as VariantRow;
  });
}

/** Marks a variant posted by hand (platforms Cầu Nối cannot post to, e.g. YouTube videos). */
export async function markPublishedByHand(ctx: SignedIn, variantId: string, typedUrl: string) {
  // Kept in its encoded form: it is later written into headers (a tracked link's Location) and pages.
  const externalUrl = normaliseWebAddress(typedUrl);
  if (!externalUrl) {
    throw errors.badRequest(
      "publishing.external_url_invalid",
      "Vui lòng nhập địa chỉ trang đã đăng, bắt đầu bằng http:// hoặc https://.",
      "Please enter the address of the published page, starting with http:// or https://.",
    );
  }
  return ctx.db.transaction(async (tx) => {
    const { variant, post } = await requireVariant(tx, variantId, true);
    if (
      !["approved", "scheduled", "failed"].includes(variant.status) ||
      !(await hasRequiredApprovals(tx, post, variant))
    ) {
      throw errors.conflict(
        "publishing.not_approved",
        "Chỉ ghi nhận đã đăng cho phiên bản đã được duyệt.",
        "Only an approved variant can be recorded as published.",
      );
    }
    const [updated] = await tx
      .update(postVariants)
      .set({
        status: "published",
        publishedAt: new Date(),
        externalUrl,
        failure: null,
        updatedAt: new Date(),
      })
      .where(eq(postVariants.id, variantId))
      .returning();
    await recordTransition(tx, variant, "published", ctx.actor.personId, null, { byHand: true, externalUrl });
    return updated as VariantRow;
  });
}

// ---------------------------------------------------------------------------------------------
// Reading

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
  const people = await personSummaries(db, [
    ...(post.authorId ? [post.authorId] : []),
    ...(post.creditedPersonId ? [post.creditedPersonId] : []),
    ...approvalRows.map((row) => row.approverId),
    ...variants.flatMap((variant) => (variant.lastRejection ? [variant.lastRejection.by] : [])),
  ]);
  const unit = (await unitSummaries(db, [post.unitId])).get(post.unitId);
  const channelViews = await channelSummaries(
    db,
    variants.map((variant) => variant.channelId),
  );
  const needed = approvalsNeeded(policy, post.tags);
  return {
    id: post.id,
    unitId: post.unitId,
    unitName: unit?.name ?? "",
    title: post.title,
    bodyHtml: post.bodyHtml,
    summary: post.summary,
    tags: post.tags,
    mediaIds: post.mediaIds,
    slug: post.slug,
    origin: post.origin,
    author: post.authorId ? { id: post.authorId, fullName: people.get(post.authorId)?.fullName ?? "" } : null,
    credited: post.creditedPersonId
      ? { id: post.creditedPersonId, fullName: people.get(post.creditedPersonId)?.fullName ?? "" }
      : null,
    version: post.version,
    approvalsNeeded: needed,
    createdAt: post.createdAt,
    updatedAt: post.updatedAt,
    canWrite: can(actor, "posts.write", unitPath),
    canApprove:
      post.authorId !== actor.personId &&
      holdsRoleOn(actor, [...policy.approverRoles, ...policy.secondApproverRoles], unitPath),
    variants: await Promise.all(
      variants.map(async (variant) => ({
        ...variantView(variant),
        lastRejection: variant.lastRejection
          ? { ...variant.lastRejection, byName: people.get(variant.lastRejection.by)?.fullName ?? "" }
          : null,
        channel: {
          id: variant.channelId,
          ...(channelViews.get(variant.channelId) ?? { displayName: "", url: "" }),
        },
        approvals: approvalRows
          .filter((row) => row.variantId === variant.id && row.contentVersion === variant.contentVersion)
          .map((row) => ({
            level: row.level,
            approver: { id: row.approverId, fullName: people.get(row.approverId)?.fullName ?? "" },
            at: row.at,
          })),
        problems: await variantProblems(deps, db, variant),
      })),
    ),
  };
}

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
    const pattern = `%${options.q
      .trim()
      .toLowerCase()
      .replace(/[\\%_]/g, "\\$&")}%`;
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
    items: rows.map((row) => ({
      id: row.id,
      unitId: row.unitId,
      unitName: units.get(row.unitId)?.name ?? "",
      title: row.title,
      tags: row.tags,
      origin: row.origin,
      updatedAt: row.updatedAt,
      variants: variants
        .filter((variant) => variant.postId === row.id)
        .map((variant) => ({
          id: variant.id,
          target: variant.target,
          channelId: variant.channelId,
          channelName: names.get(variant.channelId) ?? "",
          status: variant.status,
          scheduledAt: variant.scheduledAt,
          publishedAt: variant.publishedAt,
        })),
    })),
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
  return rows.map(({ variant, post }) => ({
    variantId: variant.id,
    postId: post.id,
    unitId: post.unitId,
    unitName: units.get(post.unitId)?.name ?? "",
    channelName: names.get(variant.channelId) ?? "",
    title: post.title,
    tags: post.tags,
    target: variant.target,
    channelId: variant.channelId,
    status: variant.status,
    at: (variant.publishedAt ?? variant.scheduledAt) as Date,
  }));
}

/** Where a unit's portal shows an article: /u/<unit code>/<post slug>. */
export function portalArticleUrl(publicUrl: string, unitCode: string, slug: string): string {
  return `${publicUrl}/u/${encodeURIComponent(unitCode)}/${encodeURIComponent(slug)}`;
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
