import { and, asc, eq, ne, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { cannedReplyBody } from "../../../../shared/api/inbox-conversations.ts";
import { foldForSearch, normalizeEmail } from "../../../../shared/vietnamese-text.ts";
import type { Executor } from "../../../db/client.ts";
import { inboxCannedReplies, inboxOffices } from "../../../db/schema/inbox.ts";
import { type Actor, can, scopeFor } from "../../../platform/actor.ts";
import { recordAudit } from "../../../platform/audit.ts";
import { unitIdAtOrAbove, unitIdWithin, unitSummaries } from "../../org/index.ts";
import type { Ctx } from "./changes.ts";
import { conversationErrors } from "./errors.ts";

/*
 * Canned replies and offices, per unit. A unit uses its own replies and its ancestors' (the province
 * writes the common ones once). The body is stored with its variables as typed: the web fills `{ten}`
 * (the contact's name) and `{don_vi}` (the conversation's unit) when the officer inserts it, so the
 * officer sees and may change the final words before sending.
 */

type CannedBody = z.infer<typeof cannedReplyBody>;

/** The replies' units: those in scope and above them; with a unit, that unit and its ancestors. */
function usableUnits(column: Parameters<typeof unitIdWithin>[0], scope: string[], unitPath?: string): SQL {
  if (unitPath) {
    return unitIdAtOrAbove(column, unitPath);
  }
  return or(unitIdWithin(column, scope), ...scope.map((top) => unitIdAtOrAbove(column, top))) as SQL;
}

export async function listCannedReplies(db: Executor, actor: Actor, unitPath?: string, q?: string) {
  const scope = scopeFor(actor, "inbox.read");
  const rows = await db
    .select()
    .from(inboxCannedReplies)
    .where(usableUnits(inboxCannedReplies.unitId, scope, unitPath))
    .orderBy(asc(inboxCannedReplies.shortcut));
  const folded = foldForSearch(q ?? "").replace(/^\//, "");
  const found = folded
    ? rows.filter(
        (row) =>
          foldForSearch(row.shortcut).startsWith(folded) ||
          foldForSearch(row.title)
            .split(" ")
            .some((word) => word.startsWith(folded)) ||
          foldForSearch(row.title).includes(folded),
      )
    : rows;
  const units = await unitSummaries(
    db,
    found.map((row) => row.unitId),
  );
  return {
    items: found.map((row) => ({
      id: row.id,
      unitId: row.unitId,
      shortcut: row.shortcut,
      title: row.title,
      body: row.body,
      canEdit: can(actor, "inbox.manage", units.get(row.unitId)?.path ?? "-"),
    })),
  };
}

async function managedUnitPath(db: Executor, actor: Actor, unitId: string): Promise<string> {
  const path = (await unitSummaries(db, [unitId])).get(unitId)?.path;
  if (!path || !can(actor, "inbox.manage", path)) {
    throw conversationErrors.unitOutOfScope();
  }
  return path;
}

async function shortcutFree(tx: Executor, unitId: string, shortcut: string, exceptId?: string) {
  const [taken] = await tx
    .select({ id: inboxCannedReplies.id })
    .from(inboxCannedReplies)
    .where(
      and(
        eq(inboxCannedReplies.unitId, unitId),
        eq(inboxCannedReplies.shortcut, shortcut),
        ...(exceptId ? [ne(inboxCannedReplies.id, exceptId)] : []),
      ),
    );
  if (taken) {
    throw conversationErrors.shortcutTaken({ shortcut });
  }
}

const cannedView = (row: typeof inboxCannedReplies.$inferSelect) => ({
  id: row.id,
  unitId: row.unitId,
  shortcut: row.shortcut,
  title: row.title,
  body: row.body,
  canEdit: true,
});

/** Creates (no id) or replaces a canned reply; the shortcut is kept as typed, lower case. */
export async function saveCannedReply(ctx: Ctx, body: CannedBody, id?: string) {
  const shortcut = body.shortcut.toLowerCase();
  return ctx.db.transaction(async (tx) => {
    const path = await managedUnitPath(tx, ctx.actor, body.unitId);
    if (id) {
      const [existing] = await tx
        .select()
        .from(inboxCannedReplies)
        .where(eq(inboxCannedReplies.id, id))
        .for("update");
      if (!existing) {
        throw conversationErrors.cannedReplyNotFound();
      }
      await managedUnitPath(tx, ctx.actor, existing.unitId);
    }
    await shortcutFree(tx, body.unitId, shortcut, id);
    const values = {
      unitId: body.unitId,
      shortcut,
      title: body.title,
      body: body.body,
      updatedBy: ctx.actor.personId,
      updatedAt: new Date(),
    };
    const [row] = id
      ? await tx.update(inboxCannedReplies).set(values).where(eq(inboxCannedReplies.id, id)).returning()
      : await tx.insert(inboxCannedReplies).values(values).returning();
    if (!row) {
      throw conversationErrors.cannedReplyNotFound();
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: id ? "inbox.canned_reply.update" : "inbox.canned_reply.create",
      unit: { id: body.unitId, path },
      target: { type: "inbox_canned_reply", id: row.id },
      ip: ctx.ip,
      details: { shortcut, title: body.title },
    });
    return cannedView(row);
  });
}

export async function deleteCannedReply(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx
      .select()
      .from(inboxCannedReplies)
      .where(eq(inboxCannedReplies.id, id))
      .for("update");
    if (!existing) {
      throw conversationErrors.cannedReplyNotFound();
    }
    const path = await managedUnitPath(tx, ctx.actor, existing.unitId);
    await tx.delete(inboxCannedReplies).where(eq(inboxCannedReplies.id, id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "inbox.canned_reply.delete",
      unit: { id: existing.unitId, path },
      target: { type: "inbox_canned_reply", id },
      ip: ctx.ip,
      details: { shortcut: existing.shortcut, title: existing.title },
    });
  });
}

const officeView = (row: typeof inboxOffices.$inferSelect) => ({
  id: row.id,
  unitId: row.unitId,
  name: row.name,
  email: row.email,
});

/** The offices of the units in scope and above them (with a unit: those a conversation there may go to). */
export async function listOffices(db: Executor, actor: Actor, unitPath?: string) {
  const rows = await db
    .select()
    .from(inboxOffices)
    .where(usableUnits(inboxOffices.unitId, scopeFor(actor, "inbox.read"), unitPath))
    .orderBy(asc(inboxOffices.name));
  return { items: rows.map(officeView) };
}

export async function createOffice(ctx: Ctx, body: { unitId: string; name: string; email: string }) {
  const email = normalizeEmail(body.email);
  if (!email) {
    throw conversationErrors.officeEmailInvalid();
  }
  return ctx.db.transaction(async (tx) => {
    const path = await managedUnitPath(tx, ctx.actor, body.unitId);
    const [row] = await tx
      .insert(inboxOffices)
      .values({ unitId: body.unitId, name: body.name, email })
      .returning();
    if (!row) {
      throw conversationErrors.officeNotFound();
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "inbox.office.create",
      unit: { id: body.unitId, path },
      target: { type: "inbox_office", id: row.id },
      ip: ctx.ip,
      details: { name: row.name },
    });
    return officeView(row);
  });
}

export async function deleteOffice(ctx: Ctx, id: string): Promise<void> {
  await ctx.db.transaction(async (tx) => {
    const [existing] = await tx.select().from(inboxOffices).where(eq(inboxOffices.id, id)).for("update");
    if (!existing) {
      throw conversationErrors.officeNotFound();
    }
    const path = await managedUnitPath(tx, ctx.actor, existing.unitId);
    await tx.delete(inboxOffices).where(eq(inboxOffices.id, id));
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "inbox.office.delete",
      unit: { id: existing.unitId, path },
      target: { type: "inbox_office", id },
      ip: ctx.ip,
      details: { name: existing.name },
    });
  });
}
