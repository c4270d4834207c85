import { and, asc, eq, isNull, ne, type SQL, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { foldForSearch, normalizeName } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { channelHistory, channels, people, units } from "../../db/schema/index.ts";
import { AppError, errors } from "../../http/errors.ts";
import { recordAudit } from "../auth/audit.ts";
import { personSummary } from "../org/membership.ts";
import type { Actor } from "../org/policy.ts";
import { can, isWithin, withinScope } from "../org/policy.ts";
import type { ActionContext } from "../org/service.ts";
import { type CanonicalChannel, type ChannelPlatform, canonicalChannelKey } from "./canonical-url.ts";
import { invalidateChannelLookups } from "./lookup-cache.ts";

export type ChannelStatus = (typeof channels.status.enumValues)[number];
export type ChannelRow = typeof channels.$inferSelect;
type HistoryChange = (typeof channelHistory.change.enumValues)[number];

export const channelLabel = { vi: "kênh", en: "Channel" };
const unitLabel = { vi: "đơn vị", en: "Unit" };

/** The canonical form of a channel address, or the canonicaliser's own 400 (url.invalid / url.unsupported). */
export function canonicalOrThrow(url: string, hint?: ChannelPlatform): CanonicalChannel {
  const result = canonicalChannelKey(url, hint);
  if (!result.ok) {
    throw new AppError(400, result.code, result.messages);
  }
  return result.channel;
}

interface UnitRef {
  id: string;
  name: string;
  path: string;
  status: string;
}

async function requireUnit(db: Executor, unitId: string): Promise<UnitRef> {
  const [unit] = await db
    .select({ id: units.id, name: units.name, path: units.path, status: units.status })
    .from(units)
    .where(eq(units.id, unitId));
  if (!unit) {
    throw errors.notFound(unitLabel);
  }
  return unit;
}

function requireActiveUnit(unit: UnitRef): void {
  if (unit.status !== "active") {
    throw errors.conflict(
      "unit.not_active",
      `Đơn vị “${unit.name}” đã sáp nhập hoặc giải thể.`,
      `Unit “${unit.name}” has been merged or dissolved.`,
    );
  }
}

async function requireChannel(db: Executor, channelId: string, lock = false): Promise<ChannelRow> {
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

/** 409 channel.key_taken naming the unit that already registered the same page. */
export function keyTakenError(ownerName: string, url: string): AppError {
  return errors.conflict(
    "channel.key_taken",
    `Kênh ${url} đã được đăng ký là kênh chính thức của “${ownerName}”.`,
    `The channel ${url} is already registered as an official channel of “${ownerName}”.`,
    { ownerUnitName: ownerName },
  );
}

/** Refuses a key that another channel in the registry already has. */
async function assertKeyFree(db: Executor, key: string, exceptChannelId?: string): Promise<void> {
  const conditions: SQL[] = [eq(channels.key, key), isNull(channels.removedAt)];
  if (exceptChannelId) {
    conditions.push(ne(channels.id, exceptChannelId));
  }
  const [taken] = await db
    .select({ url: channels.url, unitName: units.name })
    .from(channels)
    .innerJoin(units, eq(units.id, channels.unitId))
    .where(and(...conditions));
  if (taken) {
    throw keyTakenError(taken.unitName, taken.url);
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
  const person = await personSummary(db, personId);
  const reachable =
    person !== null &&
    person.status === "active" &&
    (isWithin(person.unitPath, channelUnitPath) ||
      actor === null ||
      can(actor, "channels.manage", person.unitPath));
  if (!reachable) {
    throw errors.badRequest(
      "channel.person_unknown",
      "Vui lòng chọn người phụ trách là nhân sự đang hoạt động của đơn vị có kênh hoặc đơn vị trực thuộc.",
      "Choose as the person responsible an active member of the channel's unit or a unit below it.",
    );
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

async function recordHistory(
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
async function changeRegistry<T>(ctx: ActionContext, work: (tx: Executor) => Promise<T>): Promise<T> {
  const result = await ctx.db.transaction(work);
  invalidateChannelLookups(ctx.db);
  return result;
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
    throw errors.badRequest(
      "channel.name_required",
      "Tên kênh không được để trống.",
      "The channel name is required.",
    );
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
      const unit = await requireUnit(tx, options.unitId);
      requireActiveUnit(unit);
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
      const [taken] = await ctx.db
        .select({ url: channels.url, unitName: units.name })
        .from(channels)
        .innerJoin(units, eq(units.id, channels.unitId))
        .where(and(eq(channels.key, canonical.key), isNull(channels.removedAt)));
      throw keyTakenError(taken?.unitName ?? "?", taken?.url ?? canonical.url);
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
      const owner = await requireUnit(tx, before.unitId);
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
    const unit = await requireUnit(tx, channel.unitId);
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
    throw errors.badRequest(
      "channel.status_in_future",
      "Ngày thay đổi trạng thái không được ở tương lai.",
      "The date of a status change cannot be in the future.",
    );
  }
  return changeRegistry(ctx, async (tx) => {
    const before = await requireChannel(tx, options.channelId, true);
    if (before.status === options.status) {
      throw errors.conflict(
        "channel.status_unchanged",
        "Kênh đã ở trạng thái này.",
        "The channel already has this status.",
      );
    }
    const [channel] = await tx
      .update(channels)
      .set({ status: options.status, statusSince: since, updatedAt: new Date() })
      .where(eq(channels.id, before.id))
      .returning();
    if (!channel) {
      throw errors.notFound(channelLabel);
    }
    const unit = await requireUnit(tx, channel.unitId);
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
      throw errors.badRequest(
        "channel.hand_over_same_unit",
        "Kênh đã thuộc đơn vị này.",
        "The channel already belongs to this unit.",
      );
    }
    const from = await requireUnit(tx, before.unitId);
    const to = await requireUnit(tx, options.unitId);
    requireActiveUnit(to);
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
    const unit = await requireUnit(tx, channel.unitId);
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
    const unit = await requireUnit(tx, channel.unitId);
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

const responsible = alias(people, "responsible");
const verifier = alias(people, "verifier");

const channelView = {
  id: channels.id,
  unitId: channels.unitId,
  unitName: units.name,
  platform: channels.platform,
  key: channels.key,
  url: channels.url,
  displayName: channels.displayName,
  handle: channels.handle,
  platformId: channels.platformId,
  avatarUrl: channels.avatarUrl,
  responsiblePersonId: channels.responsiblePersonId,
  responsiblePersonName: responsible.fullName,
  status: channels.status,
  statusSince: channels.statusSince,
  verifiedBy: channels.verifiedBy,
  verifiedByName: verifier.fullName,
  verifiedAt: channels.verifiedAt,
  followerCount: channels.followerCount,
  followersCountedOn: channels.followersCountedOn,
  createdAt: channels.createdAt,
  updatedAt: channels.updatedAt,
};

function selectChannelView(db: Executor) {
  return db
    .select(channelView)
    .from(channels)
    .innerJoin(units, eq(units.id, channels.unitId))
    .leftJoin(responsible, eq(responsible.id, channels.responsiblePersonId))
    .leftJoin(verifier, eq(verifier.id, channels.verifiedBy));
}

export interface ListChannelsOptions {
  /** Unit paths the reader may see (owner unit's path must lie in one of them). */
  scope: readonly string[];
  /** Only channels of this unit's subtree. */
  unitPath?: string;
  platform?: ChannelPlatform;
  status?: ChannelStatus;
  q?: string;
  limit: number;
  offset: number;
}

function likePattern(folded: string): string {
  return `%${folded.replace(/[\\%_]/g, "\\$&")}%`;
}

/** Channels whose owner unit lies in the scope, filtered and searched (diacritics ignored). */
export async function listChannels(db: Executor, options: ListChannelsOptions) {
  const conditions: SQL[] = [withinScope(units.path, options.scope), isNull(channels.removedAt)];
  if (options.unitPath) {
    conditions.push(sql`${units.path} <@ ${options.unitPath}::ltree`);
  }
  if (options.platform) {
    conditions.push(eq(channels.platform, options.platform));
  }
  if (options.status) {
    conditions.push(eq(channels.status, options.status));
  }
  const folded = options.q ? foldForSearch(options.q) : "";
  if (folded) {
    conditions.push(
      sql`(${channels.searchKey} like ${likePattern(folded)} or ${channels.key} like ${likePattern(folded)})`,
    );
  }
  const where = and(...conditions);
  const items = await selectChannelView(db)
    .where(where)
    .orderBy(asc(units.path), asc(channels.displayName), asc(channels.id))
    .limit(options.limit)
    .offset(options.offset);
  const [total] = await db
    .select({ count: sql<number>`count(*)::int` })
    .from(channels)
    .innerJoin(units, eq(units.id, channels.unitId))
    .where(where);
  return { items, total: total?.count ?? 0 };
}

export type ChannelView = Awaited<ReturnType<typeof getChannel>>;

/** One channel of the registry, as the API shows it. */
export async function getChannel(db: Executor, channelId: string) {
  const [row] = await selectChannelView(db).where(
    and(eq(channels.id, channelId), isNull(channels.removedAt)),
  );
  if (!row) {
    throw errors.notFound(channelLabel);
  }
  return row;
}

const historyUnit = alias(units, "history_unit");
const historyFromUnit = alias(units, "history_from_unit");
const historyActor = alias(people, "history_actor");

/** The changes of a channel, newest last. */
export async function getChannelHistory(db: Executor, channelId: string) {
  return db
    .select({
      id: channelHistory.id,
      change: channelHistory.change,
      status: channelHistory.status,
      unitId: channelHistory.unitId,
      unitName: historyUnit.name,
      fromUnitId: channelHistory.fromUnitId,
      fromUnitName: historyFromUnit.name,
      details: channelHistory.details,
      actorId: channelHistory.actorId,
      actorName: historyActor.fullName,
      at: channelHistory.at,
    })
    .from(channelHistory)
    .leftJoin(historyUnit, eq(historyUnit.id, channelHistory.unitId))
    .leftJoin(historyFromUnit, eq(historyFromUnit.id, channelHistory.fromUnitId))
    .leftJoin(historyActor, eq(historyActor.id, channelHistory.actorId))
    .where(eq(channelHistory.channelId, channelId))
    .orderBy(asc(channelHistory.id));
}

/** A unit's active official website in the registry (the portal exists only for units that have one). */
export async function activeWebsiteOf(
  db: Executor,
  unitId: string,
): Promise<{ url: string; displayName: string } | null> {
  const [row] = await db
    .select({ url: channels.url, displayName: channels.displayName })
    .from(channels)
    .where(
      and(
        eq(channels.unitId, unitId),
        eq(channels.platform, "website"),
        eq(channels.status, "active"),
        isNull(channels.removedAt),
      ),
    )
    .orderBy(asc(channels.createdAt))
    .limit(1);
  return row ?? null;
}

/**
 * The active registry channel an address lies on: the channel itself, or a page below it (a fanpage's
 * post, an article of an official website). Tried from the whole path up to the host, so the
 * deepest registered prefix wins; nothing is fetched.
 */
export async function officialChannelOfAddress(
  db: Executor,
  address: string,
): Promise<{ id: string; unitId: string; displayName: string; url: string } | null> {
  let parsed: URL;
  try {
    parsed = new URL(address.trim());
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    return null;
  }
  const segments = parsed.pathname.split("/").filter(Boolean);
  const candidates: string[] = [];
  const numericId = parsed.searchParams.get("id");
  if (numericId && /^\d{5,25}$/.test(numericId)) {
    // Facebook's permalink.php?story_fbid=…&id=N and similar name the page by its number.
    candidates.push(`https://${parsed.host}/profile.php?id=${numericId}`);
  }
  for (let depth = segments.length; depth >= 0; depth--) {
    candidates.push(`https://${parsed.host}/${segments.slice(0, depth).join("/")}`);
  }
  const keys = [
    ...new Set(
      candidates.flatMap((candidate) => {
        const result = canonicalChannelKey(candidate);
        return result.ok ? [result.channel.key] : [];
      }),
    ),
  ];
  if (keys.length === 0) {
    return null;
  }
  const rows = await db
    .select({
      id: channels.id,
      unitId: channels.unitId,
      displayName: channels.displayName,
      url: channels.url,
      key: channels.key,
    })
    .from(channels)
    .where(
      and(
        sql`${channels.key} in (${sql.join(
          keys.map((key) => sql`${key}`),
          sql`, `,
        )})`,
        eq(channels.status, "active"),
        isNull(channels.removedAt),
      ),
    );
  const deepest = keys.map((key) => rows.find((row) => row.key === key)).find(Boolean);
  return deepest
    ? { id: deepest.id, unitId: deepest.unitId, displayName: deepest.displayName, url: deepest.url }
    : null;
}
