import { eq } from "drizzle-orm";
import { channels } from "../../db/schema/index.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { assertUnitActive, requireUnitSummary } from "../org/index.ts";

import { channelErrors } from "./errors.ts";
import { channelLabel } from "./queries.ts";
import { changeRegistry, recordHistory, requireChannel } from "./registry-steps.ts";
import type { ChannelRow, ChannelStatus } from "./service.ts";

/* A channel's life after registration: closed or lost and reopened, handed over, verified, removed. */

export interface SetChannelStatusOptions {
  channelId: string;
  status: ChannelStatus;
  /** When it happened; now when absent. */
  since?: Date;
  note?: string;
}

/** Closes a channel, records that control of it was lost, or makes it active again, as of a date. */
export async function setChannelStatus(
  ctx: ActionContext,
  options: SetChannelStatusOptions,
): Promise<ChannelRow> {
  const since = options.since ?? new Date();
  if (since.getTime() > Date.now() + 5 * 60_000) {
    throw channelErrors.statusInFuture();
  }
  return changeRegistry(ctx, async (tx) => {
    const before = await requireChannel(tx, options.channelId, true);
    if (before.status === options.status) {
      throw channelErrors.statusUnchanged();
    }
    const [channel] = await tx
      .update(channels)
      .set({ status: options.status, statusSince: since, updatedAt: new Date() })
      .where(eq(channels.id, before.id))
      .returning();
    if (!channel) {
      throw errors.notFound(channelLabel);
    }
    const unit = await requireUnitSummary(tx, channel.unitId);
    const details = {
      from: before.status,
      to: options.status,
      since: since.toISOString(),
      note: options.note,
    };
    await recordHistory(tx, { channel, change: "status_changed", actor: ctx.actor, details });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "channel.status",
      unit: { id: unit.id, path: unit.path },
      target: { type: "channel", id: channel.id },
      ip: ctx.ip,
      details,
    });
    return channel;
  });
}

export interface HandOverChannelOptions {
  channelId: string;
  /** The unit that takes the channel over. */
  unitId: string;
  note?: string;
}

/** Hands a channel over to another unit (after a merge, or when a board takes over a page). */
export async function handOverChannel(
  ctx: ActionContext,
  options: HandOverChannelOptions,
): Promise<ChannelRow> {
  return changeRegistry(ctx, async (tx) => {
    const before = await requireChannel(tx, options.channelId, true);
    if (before.unitId === options.unitId) {
      throw channelErrors.handOverToSameUnit();
    }
    const from = await requireUnitSummary(tx, before.unitId);
    const to = await requireUnitSummary(tx, options.unitId);
    assertUnitActive(to);
    const [channel] = await tx
      .update(channels)
      .set({ unitId: to.id, updatedAt: new Date() })
      .where(eq(channels.id, before.id))
      .returning();
    if (!channel) {
      throw errors.notFound(channelLabel);
    }
    const details = {
      fromUnitId: from.id,
      fromUnitName: from.name,
      toUnitId: to.id,
      toUnitName: to.name,
      note: options.note,
    };
    await recordHistory(tx, {
      channel,
      change: "handed_over",
      actor: ctx.actor,
      fromUnitId: from.id,
      details,
    });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "channel.hand_over",
      unit: { id: to.id, path: to.path },
      target: { type: "channel", id: channel.id },
      ip: ctx.ip,
      details,
    });
    return channel;
  });
}

/** Records that the acting person checked the channel really is the unit's (admin rights, contents). */
export async function verifyChannel(ctx: ActionContext, options: { channelId: string }): Promise<ChannelRow> {
  return changeRegistry(ctx, async (tx) => {
    const before = await requireChannel(tx, options.channelId, true);
    const verifiedAt = new Date();
    const [channel] = await tx
      .update(channels)
      .set({ verifiedBy: ctx.actor?.personId ?? null, verifiedAt, updatedAt: verifiedAt })
      .where(eq(channels.id, before.id))
      .returning();
    if (!channel) {
      throw errors.notFound(channelLabel);
    }
    const unit = await requireUnitSummary(tx, channel.unitId);
    await recordHistory(tx, { channel, change: "verified", actor: ctx.actor, at: verifiedAt });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "channel.verify",
      unit: { id: unit.id, path: unit.path },
      target: { type: "channel", id: channel.id },
      ip: ctx.ip,
    });
    return channel;
  });
}

/**
 * Takes an entry made by mistake out of the registry (a channel that really closed is closed
 * instead, so the lookup keeps saying it was official). The row and its history stay; the key is free again.
 */
export async function removeChannel(
  ctx: ActionContext,
  options: { channelId: string; reason: string },
): Promise<void> {
  await changeRegistry(ctx, async (tx) => {
    const before = await requireChannel(tx, options.channelId, true);
    const removedAt = new Date();
    const [channel] = await tx
      .update(channels)
      .set({ removedAt, updatedAt: removedAt })
      .where(eq(channels.id, before.id))
      .returning();
    if (!channel) {
      throw errors.notFound(channelLabel);
    }
    const unit = await requireUnitSummary(tx, channel.unitId);
    const details = { reason: options.reason, key: channel.key, url: channel.url };
    await recordHistory(tx, { channel, change: "removed", actor: ctx.actor, details, at: removedAt });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "channel.remove",
      unit: { id: unit.id, path: unit.path },
      target: { type: "channel", id: channel.id },
      ip: ctx.ip,
      details,
    });
  });
}

// Reading the registry
