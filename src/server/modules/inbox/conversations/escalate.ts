import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxConversations, inboxMessages, inboxOffices } from "../../../db/schema/inbox.ts";
import type { JobQueue } from "../../../jobs/queue.ts";
import { bilingualLetter } from "../../../mail/letter.ts";
import { queueMail } from "../../../mail/mailer.ts";
import { notify } from "../../notifications/index.ts";
import { roleHoldersAtOrAbove, unitAndAncestors } from "../../org/index.ts";
import {
  type Ctx,
  changeConversation,
  conversationLink,
  recordConversationEvent,
  rolesHolding,
} from "./changes.ts";
import { conversationErrors } from "./errors.ts";

/*
 * Escalation keeps the conversation where it is, with its history: to the parent unit it becomes
 * visible (and answerable) there too; to a named office it waits on that office, which gets the
 * history by e-mail, since offices are reached by mail rather than through the app.
 */

export interface EscalateDeps {
  jobs: JobQueue;
  publicUrl: string;
}

const timeFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  dateStyle: "short",
  timeStyle: "short",
});

/** The offices a conversation of the unit may go to: its own and its ancestors'. */
export async function officesOpenTo(db: Executor, unitId: string) {
  const lineage = await unitAndAncestors(db, unitId);
  return db
    .select()
    .from(inboxOffices)
    .where(
      inArray(
        inboxOffices.unitId,
        lineage.map((unit) => unit.id),
      ),
    )
    .orderBy(asc(inboxOffices.name));
}

async function addEscalationNote(
  tx: Executor,
  ctx: Ctx,
  row: { id: string; unitId: string; channelKey: string },
  note: string | undefined,
) {
  if (note?.trim()) {
    await tx.insert(inboxMessages).values({
      conversationId: row.id,
      unitId: row.unitId,
      direction: "note",
      channelKey: row.channelKey,
      authorId: ctx.actor.personId,
      text: note.trim(),
    });
  }
}

export async function escalateToParent(ctx: Ctx, conversationId: string, note?: string): Promise<void> {
  await changeConversation(ctx, conversationId, "escalated", async (tx, scoped) => {
    const parent = (await unitAndAncestors(tx, scoped.row.unitId))[1];
    if (!parent) {
      throw conversationErrors.noParentUnit();
    }
    if (scoped.row.escalatedToUnitId === parent.id) {
      throw conversationErrors.alreadyEscalated();
    }
    const now = new Date();
    await tx
      .update(inboxConversations)
      .set({ escalatedToUnitId: parent.id, escalatedAt: now, updatedAt: now })
      .where(eq(inboxConversations.id, scoped.row.id));
    await addEscalationNote(tx, ctx, scoped.row, note);
    await recordConversationEvent(tx, ctx, scoped, "escalated", {
      to: "parent",
      unit: { id: parent.id, name: parent.name },
    });
    const managers = await roleHoldersAtOrAbove(tx, parent.id, rolesHolding("inbox.manage"));
    await notify(
      tx,
      managers.filter((id) => id !== ctx.actor.personId),
      {
        kind: "inbox.escalated",
        title: {
          vi: "Một hội thoại được chuyển lên đơn vị",
          en: "A conversation was escalated to your unit",
        },
        body: {
          vi: `${ctx.actor.fullName} chuyển một hội thoại lên ${parent.name} để xử lý.`,
          en: `${ctx.actor.fullName} escalated a conversation to ${parent.name}.`,
        },
        link: conversationLink(conversationId),
      },
    );
  });
}

/** Hands the conversation to an office (pending on it) and mails the office its history. */
export async function escalateToOffice(
  ctx: Ctx,
  deps: EscalateDeps,
  conversationId: string,
  officeId: string,
  note?: string,
): Promise<void> {
  const letter = await changeConversation(ctx, conversationId, "escalated", async (tx, scoped) => {
    const office = (await officesOpenTo(tx, scoped.row.unitId)).find(
      (candidate) => candidate.id === officeId,
    );
    if (!office) {
      throw conversationErrors.officeNotFound();
    }
    const now = new Date();
    await tx
      .update(inboxConversations)
      .set({
        escalatedToOfficeId: office.id,
        escalatedAt: now,
        status: "pending",
        pendingReason: "office",
        resolvedAt: null,
        updatedAt: now,
      })
      .where(eq(inboxConversations.id, scoped.row.id));
    await addEscalationNote(tx, ctx, scoped.row, note);
    await recordConversationEvent(tx, ctx, scoped, "escalated", {
      to: "office",
      office: { id: office.id, name: office.name },
      from: scoped.row.status,
    });
    const history = await tx
      .select({ direction: inboxMessages.direction, text: inboxMessages.text, at: inboxMessages.createdAt })
      .from(inboxMessages)
      .where(and(eq(inboxMessages.conversationId, scoped.row.id), ne(inboxMessages.direction, "note")))
      .orderBy(asc(inboxMessages.createdAt))
      .limit(200);
    const lines = history.map(
      (message) =>
        `[${timeFormat.format(message.at)}] ${message.direction === "in" ? "Người dân" : "Đơn vị"}: ${message.text}`,
    );
    const link = `${deps.publicUrl}${conversationLink(conversationId)}`;
    return {
      to: office.email,
      subject: `Đề nghị phối hợp trả lời người dân: ${office.name}`,
      text: bilingualLetter({
        to: office.name,
        vi: [
          `${ctx.actor.fullName} đề nghị ${office.name} phối hợp trả lời nội dung người dân gửi đến đơn vị.`,
          ...(note?.trim() ? ["", `Ghi chú: ${note.trim()}`] : []),
          "",
          "Nội dung trao đổi:",
          ...lines,
          "",
          `Xem hội thoại: ${link}`,
        ],
        en: [
          `${ctx.actor.fullName} asks ${office.name} to help answer what a citizen sent to the unit (history above).`,
          `Conversation: ${link}`,
        ],
      }),
    };
  });
  await queueMail(deps.jobs, letter);
}
