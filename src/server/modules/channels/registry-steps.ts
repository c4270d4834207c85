import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { channelHistory, channels } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { invalidateChannelLookups } from "./lookup-cache.ts";
import { channelLabel } from "./queries.ts";

/* The steps every registry change is made of: finding its channel, recording its history. */

type ChannelRow = typeof channels.$inferSelect;
type HistoryChange = (typeof channelHistory.change.enumValues)[number];

/** A channel still in the registry (locked for the change when asked), or its 404. */
export async function requireChannel(db: Executor, channelId: string, lock = false): Promise<ChannelRow> {
  const query = db
    .select()
    .from(channels)
    .where(and(eq(channels.id, channelId), isNull(channels.removedAt)));
  const [row] = lock ? await query.for("update") : await query;
  if (!row) {
    throw errors.notFound(channelLabel);
  }
  return row;
}

/** One row of a channel's history, in the change's transaction. */
export async function recordHistory(
  tx: Executor,
  entry: {
    channel: ChannelRow;
    change: HistoryChange;
    actor: Actor | null;
    fromUnitId?: string | null;
    details?: Record<string, unknown>;
    at?: Date;
  },
): Promise<void> {
  await tx.insert(channelHistory).values({
    channelId: entry.channel.id,
    unitId: entry.channel.unitId,
    change: entry.change,
    status: entry.channel.status,
    fromUnitId: entry.fromUnitId ?? null,
    details: entry.details ?? null,
    actorId: entry.actor?.personId ?? null,
    ...(entry.at ? { at: entry.at } : {}),
  });
}

/** Runs a registry change in one transaction, then drops cached lookup answers once it committed. */
export async function changeRegistry<T>(ctx: ActionContext, work: (tx: Executor) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(work);
  invalidateChannelLookups(ctx.db);
  return result;
}
