import { eq } from "drizzle-orm";
import type { InboxStreamEvent } from "../../../../shared/api/inbox-portal.ts";
import type { ConversationStatus, PendingReason } from "../../../../shared/api/inbox-values.ts";
import type { Executor, Tx } from "../../../db/client.ts";
import { inboxConversations, inboxEvents, inboxMessages } from "../../../db/schema/inbox.ts";
import { type Actor, type Permission, type Role, rolePermissions, roles } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { notify } from "../../notifications/index.ts";
import { personNames, roleHoldersAtOrAbove } from "../../org/index.ts";
import { publishConversationEvent } from "../live/bus.ts";
import { armTargets } from "../sla/targets.ts";
import { type ConversationRow, conversationFor, type ScopedConversation } from "./access.ts";
import { conversationErrors } from "./errors.ts";

export type Ctx = ActionContext & { actor: Actor };

export const rolesHolding = (permission: Permission): Role[] =>
  roles.filter((role) => rolePermissions[role].includes(permission));

/** The active people who may read the unit's inbox: whom a conversation may be assigned to or @mention. */
export async function inboxReaders(db: Executor, unitId: string): Promise<string[]> {
  return roleHoldersAtOrAbove(db, unitId, rolesHolding("inbox.read"));
}

export const conversationLink = (id: string) => `/inbox/c/${id}`;

/**
 * Runs a change on a conversation the actor may work, locked in one transaction with its audit; the
 * live inbox hears of it once committed.
 */
export async function changeConversation<T>(
  ctx: Ctx,
  conversationId: string,
  reason: InboxStreamEvent["reason"],
  change: (tx: Tx, scoped: ScopedConversation) => Promise<T>,
  need: "work" | "manage" = "work",
): Promise<T> {
  const { value, unitId } = await ctx.db.transaction(async (tx) => {
    const scoped = await conversationFor(tx, ctx.actor, conversationId, need, { forUpdate: true });
    return { value: await change(tx, scoped), unitId: scoped.row.unitId };
  });
  publishConversationEvent({ id: conversationId, unitId, reason });
  return value;
}

/** The audit action of each timeline event a person causes (spelled out: the audit page words each). */
const eventActions = {
  status: { action: "inbox.conversation.status" },
  reopened: { action: "inbox.conversation.reopen" },
  labels: { action: "inbox.conversation.labels" },
  assigned: { action: "inbox.conversation.assign" },
  escalated: { action: "inbox.conversation.escalate" },
} as const;

/** One timeline event and its audit record (never the messages' words). */
export async function recordConversationEvent(
  tx: Executor,
  ctx: Ctx,
  scoped: ScopedConversation,
  kind: keyof typeof eventActions,
  detail: Record<string, unknown>,
): Promise<void> {
  await tx.insert(inboxEvents).values({
    conversationId: scoped.row.id,
    unitId: scoped.row.unitId,
    actorId: ctx.actor.personId,
    kind,
    detail,
  });
  await recordAudit(tx, {
    actor: ctx.actor,
    action: eventActions[kind].action,
    unit: { id: scoped.row.unitId, path: scoped.unitPath },
    target: { type: "inbox_conversation", id: scoped.row.id },
    ip: ctx.ip,
    details: detail,
  });
}

async function update(tx: Executor, id: string, set: Partial<ConversationRow>): Promise<void> {
  await tx
    .update(inboxConversations)
    .set({ ...set, updatedAt: new Date() })
    .where(eq(inboxConversations.id, id));
}

/** open / pending (with why) / resolved; reopening clears the resolution time. */
export async function setStatus(
  ctx: Ctx,
  conversationId: string,
  status: ConversationStatus,
  pendingReason?: PendingReason,
): Promise<void> {
  if (status === "pending" && !pendingReason) {
    throw conversationErrors.pendingReasonMissing();
  }
  const reason = status === "pending" ? (pendingReason ?? null) : null;
  await changeConversation(ctx, conversationId, "status", async (tx, scoped) => {
    const before = scoped.row;
    if (before.status === status && before.pendingReason === reason) {
      return;
    }
    await update(tx, before.id, {
      status,
      pendingReason: reason,
      resolvedAt: status === "resolved" ? new Date() : null,
    });
    const kind = before.status === "resolved" && status !== "resolved" ? "reopened" : "status";
    if (kind === "reopened") {
      // Reopened by hand: a new resolution clock, as when the citizen writes again.
      await armTargets(tx, before, new Date());
    }
    await recordConversationEvent(tx, ctx, scoped, kind, {
      from: before.status,
      to: status,
      ...(reason ? { pendingReason: reason } : {}),
    });
  });
}

/** Lower case, one space between words, each label once. */
export function normaliseLabels(labels: readonly string[]): string[] {
  const out: string[] = [];
  for (const label of labels) {
    const clean = label.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
    if (clean && !out.includes(clean)) {
      out.push(clean);
    }
  }
  return out;
}

export async function setLabels(ctx: Ctx, conversationId: string, labels: readonly string[]): Promise<void> {
  const next = normaliseLabels(labels);
  await changeConversation(ctx, conversationId, "labels", async (tx, scoped) => {
    const before = scoped.row.labels;
    const added = next.filter((label) => !before.includes(label));
    const removed = before.filter((label) => !next.includes(label));
    if (added.length === 0 && removed.length === 0) {
      return;
    }
    await update(tx, scoped.row.id, { labels: next });
    await recordConversationEvent(tx, ctx, scoped, "labels", { added, removed });
  });
}

/** Gives the conversation to someone who reads the unit's inbox (or to nobody), and tells them. */
export async function assignConversation(
  ctx: Ctx,
  conversationId: string,
  personId: string | null,
): Promise<void> {
  await changeConversation(ctx, conversationId, "assigned", async (tx, scoped) => {
    const before = scoped.row.assigneeId;
    if (before === personId) {
      return;
    }
    if (personId && !(await inboxReaders(tx, scoped.row.unitId)).includes(personId)) {
      throw conversationErrors.assigneeCannotRead();
    }
    await update(tx, scoped.row.id, { assigneeId: personId });
    const names = await personNames(
      tx,
      [before, personId].filter((id): id is string => id !== null),
    );
    const ref = (id: string | null) => (id ? { id, fullName: names.get(id) ?? "" } : null);
    await recordConversationEvent(tx, ctx, scoped, "assigned", { from: ref(before), to: ref(personId) });
    if (personId && personId !== ctx.actor.personId) {
      await notify(tx, [personId], {
        kind: "inbox.assigned",
        title: { vi: "Bạn được giao một hội thoại", en: "A conversation was assigned to you" },
        body: {
          vi: `${ctx.actor.fullName} giao cho bạn trả lời một hội thoại trong hộp thư.`,
          en: `${ctx.actor.fullName} asked you to answer a conversation in the inbox.`,
        },
        link: conversationLink(conversationId),
      });
    }
  });
}

/** An internal note, never sent to the citizen; the people @mentioned are told. */
export async function addNote(
  ctx: Ctx,
  conversationId: string,
  text: string,
  mentions: readonly string[] = [],
): Promise<typeof inboxMessages.$inferSelect> {
  const mentioned = [...new Set(mentions)];
  return changeConversation(ctx, conversationId, "note", async (tx, scoped) => {
    if (mentioned.length > 0) {
      const readers = new Set(await inboxReaders(tx, scoped.row.unitId));
      if (mentioned.some((id) => !readers.has(id))) {
        throw conversationErrors.mentionCannotRead();
      }
    }
    const [note] = await tx
      .insert(inboxMessages)
      .values({
        conversationId: scoped.row.id,
        unitId: scoped.row.unitId,
        direction: "note",
        channelKey: scoped.row.channelKey,
        authorId: ctx.actor.personId,
        text,
        mentions: mentioned,
      })
      .returning();
    if (!note) {
      throw new Error("the note was not written");
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "inbox.conversation.note",
      unit: { id: scoped.row.unitId, path: scoped.unitPath },
      target: { type: "inbox_conversation", id: scoped.row.id },
      ip: ctx.ip,
      details: { mentions: mentioned.length },
    });
    const others = mentioned.filter((id) => id !== ctx.actor.personId);
    await notify(tx, others, {
      kind: "inbox.mentioned",
      title: { vi: "Bạn được nhắc tên trong một ghi chú", en: "You were mentioned in a note" },
      body: {
        vi: `${ctx.actor.fullName} nhắc bạn trong ghi chú nội bộ của một hội thoại.`,
        en: `${ctx.actor.fullName} mentioned you in an internal note on a conversation.`,
      },
      link: conversationLink(conversationId),
    });
    return note;
  });
}
