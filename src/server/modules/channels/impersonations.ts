import { and, eq, isNull } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { channelImpersonations } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import { requireUnitSummary } from "../org/index.ts";
import type { ChannelPlatform } from "./canonical-url.ts";
import { invalidateChannelLookups } from "./lookup-cache.ts";
import { requireChannel } from "./registry-steps.ts";

/*
 * Pages a person on the verification desk confirmed as impersonating a registered channel: the
 * public lookup answers "impersonation" for their canonical key and names the real channel. The desk
 * calls these inside its own transaction, then dropLookupAnswers once it committed.
 */

export interface ConfirmImpersonationInput {
  key: string;
  platform: ChannelPlatform | null;
  url: string;
  displayName: string;
  /** The real channel the page imitates. */
  channelId: string;
  /** The desk's record (impersonation candidate) the decision came from. */
  sourceId: string;
}

/** Records a confirmed impersonation (replacing an earlier one of the same key), with its audit. */
export async function confirmImpersonation(
  tx: Executor,
  who: { actor: Actor | null; ip: string | null },
  input: ConfirmImpersonationInput,
): Promise<void> {
  const channel = await requireChannel(tx, input.channelId);
  const now = new Date();
  await tx
    .update(channelImpersonations)
    .set({ liftedAt: now })
    .where(and(eq(channelImpersonations.key, input.key), isNull(channelImpersonations.liftedAt)));
  await tx.insert(channelImpersonations).values({
    key: input.key,
    platform: input.platform,
    url: input.url,
    displayName: input.displayName,
    channelId: channel.id,
    sourceId: input.sourceId,
    confirmedBy: who.actor?.personId ?? null,
    confirmedAt: now,
  });
  const unit = await requireUnitSummary(tx, channel.unitId);
  await recordAudit(tx, {
    actor: who.actor,
    action: "channel.impersonation_confirm",
    unit: { id: unit.id, path: unit.path },
    target: { type: "channel", id: channel.id },
    ip: who.ip,
    details: { key: input.key, url: input.url, displayName: input.displayName, sourceId: input.sourceId },
  });
}

/** Lifts the confirmed impersonation a desk record made, if any is still in force. */
export async function liftImpersonation(
  tx: Executor,
  who: { actor: Actor | null; ip: string | null },
  sourceId: string,
): Promise<boolean> {
  const lifted = await tx
    .update(channelImpersonations)
    .set({ liftedAt: new Date() })
    .where(and(eq(channelImpersonations.sourceId, sourceId), isNull(channelImpersonations.liftedAt)))
    .returning();
  for (const row of lifted) {
    const channel = await requireChannel(tx, row.channelId).catch(() => null);
    const unit = channel ? await requireUnitSummary(tx, channel.unitId) : null;
    await recordAudit(tx, {
      actor: who.actor,
      action: "channel.impersonation_lift",
      unit: unit ? { id: unit.id, path: unit.path } : null,
      target: { type: "channel", id: row.channelId },
      ip: who.ip,
      details: { key: row.key, url: row.url, sourceId },
    });
  }
  return lifted.length > 0;
}

/** The real channel a confirmed impersonation names, for the lookup (null when the key is not one). */
export async function impersonatedChannelOfKey(db: Executor, key: string): Promise<string | null> {
  const [row] = await db
    .select({ channelId: channelImpersonations.channelId })
    .from(channelImpersonations)
    .where(and(eq(channelImpersonations.key, key), isNull(channelImpersonations.liftedAt)))
    .limit(1);
  return row?.channelId ?? null;
}

/** Drops cached lookup answers after a confirmation or lift committed, so no old answer is served. */
export function dropLookupAnswers(db: object): void {
  invalidateChannelLookups(db);
}
