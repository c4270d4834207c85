import { and, count, desc, eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxEvents, inboxPublishedAnswers } from "../../../db/schema/inbox.ts";
import type { Actor } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { unitPath } from "../../org/index.ts";
import { conversationFor } from "../conversations/access.ts";
import { publishConversationEvent } from "../live/bus.ts";
import { questionErrors } from "./errors.ts";
import { cleanText } from "./input.ts";

/*
 * The portal's Q&A page: a portal question and its answer, published by the unit's inbox managers
 * in words they chose (the question may be trimmed of names and details), never with the asker's name.
 */

export interface PublishedAnswer {
  id: string;
  question: string;
  answer: string;
  publishedAt: Date;
}

const columns = {
  id: inboxPublishedAnswers.id,
  question: inboxPublishedAnswers.question,
  answer: inboxPublishedAnswers.answer,
  publishedAt: inboxPublishedAnswers.publishedAt,
};

/** Publishes (or, published before, replaces) a portal question's question and answer. */
export async function publishAnswer(
  ctx: ActionContext & { actor: Actor },
  conversationId: string,
  body: { question: string; answer: string },
): Promise<PublishedAnswer> {
  const question = cleanText(body.question);
  const answer = cleanText(body.answer);
  const published = await ctx.db.transaction(async (tx) => {
    const scoped = await conversationFor(tx, ctx.actor, conversationId, "manage", { forUpdate: true });
    if (scoped.row.source !== "portal" || scoped.row.kind !== "question") {
      throw questionErrors.notAPortalQuestion();
    }
    const [before] = await tx
      .select({ id: inboxPublishedAnswers.id })
      .from(inboxPublishedAnswers)
      .where(eq(inboxPublishedAnswers.conversationId, conversationId))
      .limit(1);
    const [row] = before
      ? await tx
          .update(inboxPublishedAnswers)
          .set({ question, answer, publishedBy: ctx.actor.personId })
          .where(eq(inboxPublishedAnswers.id, before.id))
          .returning(columns)
      : await tx
          .insert(inboxPublishedAnswers)
          .values({
            unitId: scoped.row.unitId,
            conversationId,
            question,
            answer,
            publishedBy: ctx.actor.personId,
          })
          .returning(columns);
    if (!row) {
      throw new Error("the published answer was not written");
    }
    await tx.insert(inboxEvents).values({
      conversationId,
      unitId: scoped.row.unitId,
      actorId: ctx.actor.personId,
      kind: "published_qa",
      detail: { publishedAnswerId: row.id, replaced: Boolean(before) },
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: before ? "inbox.answer_republished" : "inbox.answer_published",
      unit: { id: scoped.row.unitId, path: scoped.unitPath },
      target: { type: "inbox_published_answer", id: row.id },
      ip: ctx.ip,
      details: { conversationId },
    });
    return { row, unitId: scoped.row.unitId };
  });
  publishConversationEvent({ id: conversationId, unitId: published.unitId, reason: "published" });
  return published.row;
}

/** The unit of a published answer, for the route's access check; throws when there is none. */
export async function unitOfPublishedAnswer(db: Executor, id: string): Promise<string> {
  const [row] = await db
    .select({ unitId: inboxPublishedAnswers.unitId })
    .from(inboxPublishedAnswers)
    .where(eq(inboxPublishedAnswers.id, id))
    .limit(1);
  if (!row) {
    throw questionErrors.publishedAnswerNotFound();
  }
  return row.unitId;
}

/** Takes a published question and answer off the portal (the conversation itself stays). */
export async function unpublishAnswer(ctx: ActionContext & { actor: Actor }, id: string): Promise<void> {
  const removed = await ctx.db.transaction(async (tx) => {
    const [row] = await tx.delete(inboxPublishedAnswers).where(eq(inboxPublishedAnswers.id, id)).returning();
    if (!row) {
      throw questionErrors.publishedAnswerNotFound();
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "inbox.answer_unpublished",
      unit: { id: row.unitId, path: (await unitPath(tx, row.unitId)) ?? "" },
      target: { type: "inbox_published_answer", id: row.id },
      ip: ctx.ip,
      details: { conversationId: row.conversationId, question: row.question },
    });
    return row;
  });
  if (removed.conversationId) {
    publishConversationEvent({ id: removed.conversationId, unitId: removed.unitId, reason: "published" });
  }
}

/** A unit's published questions and answers, newest first. */
export async function publishedAnswersOfUnit(
  db: Executor,
  unitId: string,
  paging: { page: number; pageSize: number },
): Promise<{ items: PublishedAnswer[]; total: number; page: number }> {
  const where = eq(inboxPublishedAnswers.unitId, unitId);
  const [items, [counted]] = await Promise.all([
    db
      .select(columns)
      .from(inboxPublishedAnswers)
      .where(where)
      .orderBy(desc(inboxPublishedAnswers.publishedAt), desc(inboxPublishedAnswers.id))
      .limit(paging.pageSize)
      .offset((paging.page - 1) * paging.pageSize),
    db.select({ total: count() }).from(inboxPublishedAnswers).where(and(where)),
  ]);
  return { items, total: counted?.total ?? 0, page: paging.page };
}
