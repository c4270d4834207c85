import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxConversations } from "../../../db/schema/inbox.ts";
import type { Actor } from "../../../platform/actor.ts";
import { unitPath } from "../../org/index.ts";
import { conversationAccessErrors } from "../errors.ts";
import {
  type ConversationUnits,
  canManageConversation,
  canReadConversation,
  canWorkConversation,
} from "../policy.ts";

export type ConversationRow = typeof inboxConversations.$inferSelect;

/** A conversation with the unit paths every rule of policy.ts is asked about. */
export interface ScopedConversation extends ConversationUnits {
  row: ConversationRow;
}

/** Loads a conversation without asking who reads it (jobs, webhooks). */
export async function loadConversation(db: Executor, conversationId: string): Promise<ScopedConversation> {
  const [row] = await db
    .select()
    .from(inboxConversations)
    .where(eq(inboxConversations.id, conversationId))
    .limit(1);
  if (!row) {
    throw conversationAccessErrors.conversationNotFound();
  }
  const path = await unitPath(db, row.unitId);
  if (path === null) {
    throw conversationAccessErrors.conversationNotFound();
  }
  const escalatedToUnitPath = row.escalatedToUnitId ? await unitPath(db, row.escalatedToUnitId) : null;
  return { row, unitPath: path, escalatedToUnitPath };
}

/**
 * Loads a conversation the actor may read, work (reply, note, status, assign, escalate) or manage;
 * 404 when there is none, 403 when it belongs to a unit outside the actor's scope. Pass a
 * transaction's executor with `forUpdate` to lock the row for a change.
 */
export async function conversationFor(
  db: Executor,
  actor: Actor,
  conversationId: string,
  need: "read" | "work" | "manage",
  options: { forUpdate?: boolean } = {},
): Promise<ScopedConversation> {
  if (options.forUpdate) {
    const [locked] = await db
      .select({ id: inboxConversations.id })
      .from(inboxConversations)
      .where(eq(inboxConversations.id, conversationId))
      .for("update");
    if (!locked) {
      throw conversationAccessErrors.conversationNotFound();
    }
  }
  const scoped = await loadConversation(db, conversationId);
  const allowed =
    need === "read"
      ? canReadConversation(actor, scoped)
      : need === "work"
        ? canWorkConversation(actor, scoped)
        : canManageConversation(actor, scoped);
  if (!allowed) {
    throw conversationAccessErrors.conversationForbidden();
  }
  return scoped;
}
