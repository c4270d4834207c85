import { and, eq, isNull, ne, type SQL } from "drizzle-orm";
import { foldForSearch, normalizeName } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { channels } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { assertUnitActive, personSummary, requireUnitSummary, unitSummaries } from "../org/index.ts";
import { type CanonicalChannel, type ChannelPlatform, canonicalChannelKey } from "./canonical-url.ts";
import { channelErrors } from "./errors.ts";
import { mayBeResponsible } from "./policy.ts";
import { channelLabel } from "./queries.ts";
import { changeRegistry, recordHistory, requireChannel } from "./registry-steps.ts";

export type ChannelStatus = (typeof channels.status.enumValues)[number];
export type ChannelRow = typeof channels.$inferSelect;

/** The canonical form of a channel address, or the canonicaliser's own 400 (url.invalid / url.unsupported). */
export function canonicalOrThrow(url: string, hint?: ChannelPlatform): CanonicalChannel {
  const result = canonicalChannelKey(url, hint);
  if (!result.ok) {
    const refusal = { refusal: result.messages };
    throw result.code === "url.invalid"
      ? channelErrors.linkInvalid(refusal)
      : channelErrors.linkUnsupported(refusal);
  }
  return result.channel;
}

/** The owner unit of a channel, for the access check; a missing channel is a 404 of the channel. */
export async function unitOfChannel(db: Executor, channelId: string): Promise<string> {
  const [row] = await db
    .select({ unitId: channels.unitId })
    .from(channels)
    .where(and(eq(channels.id, channelId), isNull(channels.removedAt)));
  if (!row) {
    throw errors.notFound(channelLabel);
  }
  return row.unitId;
}

/** The channel in the registry that has this key (other than `exceptChannelId`), with its owner unit's name. */
async function holderOfKey(
  db: Executor,
  key: string,
  exceptChannelId?: string,
): Promise<{ url: string; unitName: string } | null> {
  const conditions: SQL[] = [eq(channels.key, key), isNull(channels.removedAt)];
  if (exceptChannelId) {
    conditions.push(ne(channels.id, exceptChannelId));
  }
  const [taken] = await db
    .select({ url: channels.url, unitId: channels.unitId })
    .from(channels)
    .where(and(...conditions));
  if (!taken) {
    return null;
  }
  const owner = (await unitSummaries(db, [taken.unitId])).get(taken.unitId);
  return { url: taken.url, unitName: owner?.name ?? "?" };
}

/** Refuses a key that another channel in the registry already has. */
async function assertKeyFree(db: Executor, key: string, exceptChannelId?: string): Promise<void> {
  const taken = await holderOfKey(db, key, exceptChannelId);
  if (taken) {
    throw channelErrors.keyTaken(
      { ownerName: taken.unitName, url: taken.url },
      { ownerUnitName: taken.unitName },
    );
  }
}

/**
 * Refuses a responsible person who is not an active person of the channel's unit or a unit below
 * it, nor of a unit where the actor manages channels (anyone's id typed into the form would
 * otherwise show that person's name on the channel). An unknown id gets the same answer, so the
 * answer does not tell whether an id outside one's reach exists.
 */
async function assertResponsible(
  db: Executor,
  actor: Actor | null,
  personId: string | null | undefined,
  channelUnitPath: string,
): Promise<void> {
  if (!personId) {
    return;
  }
  if (!mayBeResponsible(actor, await personSummary(db, personId), channelUnitPath)) {
    throw channelErrors.responsibleUnknown();
  }
}

/** True when a unique violation on the channel key was raised (a race with another registration). */
function isKeyViolation(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    const { code, constraint, cause } = current as { code?: unknown; constraint?: unknown; cause?: unknown };
    if (code === "23505" && (constraint === undefined || constraint === "channels_key_idx")) {
      return true;
    }
    current = cause;
  }
  return false;
}

export interface RegisterChannelOptions {
  unitId: string;
  platform: ChannelPlatform;
  url: string;
  displayName: string;
  handle?: string | null;
  platformId?: string | null;
  avatarUrl?: string | null;
  responsiblePersonId?: string | null;
  followerCount?: number | null;
  followersCountedOn?: string | null;
}

function cleanDisplayName(value: string): string {
  const name = normalizeName(value);
  if (!name) {
    throw channelErrors.nameRequired();
  }
  return name;
}

function searchKeyOf(displayName: string, handle: string | null): string {
  return foldForSearch(`${displayName} ${handle ?? ""}`);
}

/** Registers an official channel of a unit; its canonical key must not be registered already. */
export async function registerChannel(
  ctx: ActionContext,
  options: RegisterChannelOptions,
): Promise<ChannelRow> {
  const canonical = canonicalOrThrow(options.url, options.platform);
  const displayName = cleanDisplayName(options.displayName);
  try {
    return await changeRegistry(ctx, async (tx) => {
      const unit = await requireUnitSummary(tx, options.unitId);
      assertUnitActive(unit);
      await assertKeyFree(tx, canonical.key);
      await assertResponsible(tx, ctx.actor, options.responsiblePersonId, unit.path);
      const handle = options.handle?.trim() || canonical.handle;
      const [channel] = await tx
        .insert(channels)
        .values({
          unitId: unit.id,
          platform: canonical.platform,
          key: canonical.key,
          url: canonical.url,
          displayName,
          searchKey: searchKeyOf(displayName, handle),
          handle,
          platformId: options.platformId?.trim() || canonical.platformId,
          avatarUrl: options.avatarUrl ?? null,
          responsiblePersonId: options.responsiblePersonId ?? null,
          followerCount: options.followerCount ?? null,
          followersCountedOn: options.followersCountedOn ?? null,
          createdBy: ctx.actor?.personId ?? null,
        })
        .returning();
      if (!channel) {
        throw new Error("channel insert returned nothing");
      }
      await recordHistory(tx, {
        channel,
        change: "created",
        actor: ctx.actor,
        details: { url: channel.url, displayName },
      });
      await recordAudit(tx, {
        actor: ctx.actor,
        action: "channel.register",
        unit: { id: unit.id, path: unit.path },
        target: { type: "channel", id: channel.id },
        ip: ctx.ip,
        details: { platform: channel.platform, key: channel.key, url: channel.url, displayName },
      });
      return channel;
    });
  } catch (error) {
    if (isKeyViolation(error)) {
      // Someone registered the same page between our check and our insert.
      const taken = await holderOfKey(ctx.db, canonical.key);
      const ownerName = taken?.unitName ?? "?";
      throw channelErrors.keyTaken(
        { ownerName, url: taken?.url ?? canonical.url },
        { ownerUnitName: ownerName },
      );
    }
    throw error;
  }
}

export interface UpdateChannelOptions {
  channelId: string;
  url?: string;
  displayName?: string;
  handle?: string | null;
  platformId?: string | null;
  avatarUrl?: string | null;
  responsiblePersonId?: string | null;
  followerCount?: number | null;
  followersCountedOn?: string | null;
}

/** Edits a channel's details; a new URL must still be the same platform's page and must be free. */
export async function updateChannel(ctx: ActionContext, options: UpdateChannelOptions): Promise<ChannelRow> {
  return changeRegistry(ctx, async (tx) => {
    const before = await requireChannel(tx, options.channelId, true);
    const canonical = options.url !== undefined ? canonicalOrThrow(options.url, before.platform) : null;
    if (canonical && canonical.key !== before.key) {
      await assertKeyFree(tx, canonical.key, before.id);
    }
    if (
      options.responsiblePersonId !== undefined &&
      options.responsiblePersonId !== before.responsiblePersonId
    ) {
      const owner = await requireUnitSummary(tx, before.unitId);
      await assertResponsible(tx, ctx.actor, options.responsiblePersonId, owner.path);
    }
    const displayName =
      options.displayName !== undefined ? cleanDisplayName(options.displayName) : before.displayName;
    const handle =
      options.handle !== undefined ? options.handle?.trim() || null : (canonical?.handle ?? before.handle);
    const next = {
      platform: canonical?.platform ?? before.platform,
      key: canonical?.key ?? before.key,
      url: canonical?.url ?? before.url,
      displayName,
      handle,
      platformId:
        options.platformId !== undefined
          ? options.platformId?.trim() || null
          : (canonical?.platformId ?? before.platformId),
      avatarUrl: options.avatarUrl !== undefined ? options.avatarUrl : before.avatarUrl,
      responsiblePersonId:
        options.responsiblePersonId !== undefined ? options.responsiblePersonId : before.responsiblePersonId,
      followerCount: options.followerCount !== undefined ? options.followerCount : before.followerCount,
      followersCountedOn:
        options.followersCountedOn !== undefined ? options.followersCountedOn : before.followersCountedOn,
    };
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [field, value] of Object.entries(next)) {
      const old = before[field as keyof typeof next];
      if (old !== value) {
        changed[field] = { from: old, to: value };
      }
    }
    const [channel] = await tx
      .update(channels)
      .set({ ...next, searchKey: searchKeyOf(displayName, handle), updatedAt: new Date() })
      .where(eq(channels.id, before.id))
      .returning();
    if (!channel) {
      throw errors.notFound(channelLabel);
    }
    const unit = await requireUnitSummary(tx, channel.unitId);
    await recordHistory(tx, { channel, change: "edited", actor: ctx.actor, details: { changed } });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "channel.update",
      unit: { id: unit.id, path: unit.path },
      target: { type: "channel", id: channel.id },
      ip: ctx.ip,
      details: { changed },
    });
    return channel;
  });
}

export {
  type HandOverChannelOptions,
  handOverChannel,
  removeChannel,
  type SetChannelStatusOptions,
  setChannelStatus,
  verifyChannel,
} from "./lifecycle.ts";
export {
  activeWebsiteOf,
  type ChannelView,
  channelLabel,
  getChannel,
  getChannelHistory,
  keysOfAddress,
  type ListChannelsOptions,
  listChannels,
  officialChannelOfAddress,
} from "./queries.ts";
