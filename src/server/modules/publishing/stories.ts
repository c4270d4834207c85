import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import type { Db, Executor } from "../../db/client.ts";
import { posts, postVariants } from "../../db/schema/index.ts";
import { escapeHtml } from "../../http/html.ts";
import type { Actor } from "../../platform/actor.ts";
import { errors } from "../../platform/errors.ts";
import { mediaViewsByIds } from "../media/index.ts";
import { personSummary } from "../org/index.ts";
import { publishingErrors } from "./errors.ts";
import type { PublishingDeps } from "./post-records.ts";
import { createPost } from "./posts.ts";

type SignedIn = { db: Db; actor: Actor; ip: string | null };

/** Plain text as typed on a phone, as paragraphs of safe HTML. */
function paragraphs(text: string): string {
  return text
    .normalize("NFC")
    .split(/\n\s*\n/)
    .map((block) => block.trim())
    .filter(Boolean)
    .map((block) => `<p>${escapeHtml(block).replace(/\n/g, "<br>")}</p>`)
    .join("");
}

/**
 * A member sends a story (text and their own photos) to the board of their unit. It arrives as a
 * draft post credited to them, without channels: the board chooses where it goes.
 */
export async function submitStory(
  ctx: SignedIn,
  deps: PublishingDeps,
  input: { title: string; text: string; mediaIds: string[] },
) {
  const me = await personSummary(ctx.db, ctx.actor.personId);
  if (!me) {
    throw errors.unauthenticated();
  }
  const media = await mediaViewsByIds(ctx.db, input.mediaIds);
  for (const id of input.mediaIds) {
    // Only what the member uploaded may ride along: no reaching into a library by guessing ids.
    if (media.get(id)?.uploadedBy !== ctx.actor.personId) {
      throw publishingErrors.storyMediaNotYours();
    }
  }
  // The member needs no desk permission to send: variants and approvals begin when the board takes it up.
  return createPost(ctx, deps, {
    unitId: me.unitId,
    title: input.title,
    bodyHtml: paragraphs(input.text),
    mediaIds: input.mediaIds,
    channelIds: [],
    creditedPersonId: ctx.actor.personId,
    origin: "collaborator",
  });
}

type StoryStage = "received" | "in_review" | "approved" | "scheduled" | "published";

/** Where a story has got, as its sender sees it: the furthest any of its variants has gone. */
function stageOf(statuses: string[]): StoryStage {
  if (statuses.includes("published")) {
    return "published";
  }
  if (statuses.some((status) => status === "scheduled" || status === "publishing")) {
    return "scheduled";
  }
  if (statuses.includes("approved")) {
    return "approved";
  }
  if (statuses.includes("in_review")) {
    return "in_review";
  }
  return "received";
}

/** The stories a member has sent, newest first, with how far each has got and where it appeared. */
export async function listOwnStories(db: Executor, personId: string) {
  const rows = await db
    .select()
    .from(posts)
    .where(
      and(eq(posts.creditedPersonId, personId), eq(posts.origin, "collaborator"), isNull(posts.deletedAt)),
    )
    .orderBy(desc(posts.createdAt))
    .limit(100);
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
  return rows.map((row) => {
    const own = variants.filter((variant) => variant.postId === row.id);
    return {
      id: row.id,
      title: row.title,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      stage: stageOf(own.map((variant) => variant.status)),
      publishedAt:
        own.flatMap((variant) => (variant.publishedAt ? [variant.publishedAt] : [])).sort()[0] ?? null,
      links: own.flatMap((variant) =>
        variant.status === "published" && variant.externalUrl
          ? [{ target: variant.target, url: variant.externalUrl }]
          : [],
      ),
    };
  });
}
