import { and, asc, count, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { vietnamTimeOn, vietnamToday } from "../../../shared/vietnam-time.ts";
import { type Executor, queryRows } from "../../db/client.ts";
import { campaignFollowerCounts, campaigns, shareKits } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { getChannel } from "../channels/index.ts";
import { personSummaries, unitIdWithin, unitSummaries } from "../org/index.ts";
import { advocacyErrors } from "./errors.ts";
import { canFollowChannel, canInviteToCampaign } from "./policy.ts";
import type { CampaignView } from "./schema.ts";

export type CampaignRow = typeof campaigns.$inferSelect;
type SignedIn = ActionContext & { actor: Actor };

export const campaignLabel = { vi: "chiến dịch", en: "Campaign" };

/** The owner unit of a campaign, for the access check. */
export async function unitOfCampaign(db: Executor, campaignId: string): Promise<string | null> {
  const [row] = await db
    .select({ unitId: campaigns.unitId })
    .from(campaigns)
    .where(eq(campaigns.id, campaignId));
  return row?.unitId ?? null;
}

export async function requireCampaign(db: Executor, campaignId: string): Promise<CampaignRow> {
  const [row] = await db.select().from(campaigns).where(eq(campaigns.id, campaignId));
  if (!row) {
    throw errors.notFound(campaignLabel);
  }
  return row;
}

/** Names of campaigns by id (missing ids are left out). */
export async function campaignNames(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .select({ id: campaigns.id, name: campaigns.name })
    .from(campaigns)
    .where(inArray(campaigns.id, [...new Set(ids)]));
  return new Map(rows.map((row) => [row.id, row.name]));
}

/** The instants a campaign's Vietnamese calendar days start and end. */
export function campaignWindow(campaign: Pick<CampaignRow, "startsOn" | "endsOn">): { from: Date; to: Date } {
  return { from: vietnamTimeOn(campaign.startsOn, 0), to: vietnamTimeOn(campaign.endsOn, 0, 1) };
}

async function checkParticipants(ctx: SignedIn, unitIds: readonly string[]) {
  const found = await unitSummaries(ctx.db, unitIds);
  for (const id of unitIds) {
    const unit = found.get(id);
    if (!unit || !canInviteToCampaign(ctx.actor, unit)) {
      throw advocacyErrors.participantOutsideScope({ unitId: id });
    }
  }
}

/** A followers goal counts the followers of one registry channel of the campaign's subtree. */
async function checkFollowedChannel(ctx: SignedIn, channelId: string) {
  const channel = await getChannel(ctx.db, channelId).catch(() => null);
  const unit = channel ? (await unitSummaries(ctx.db, [channel.unitId])).get(channel.unitId) : undefined;
  if (!channel || !unit || !canFollowChannel(ctx.actor, unit.path)) {
    throw advocacyErrors.channelOutsideScope();
  }
}

export interface CreateCampaignInput {
  unitId: string;
  name: string;
  description?: string | undefined;
  goalKind: CampaignRow["goalKind"];
  goalTarget: number;
  channelId?: string | undefined;
  startsOn: string;
  endsOn: string;
  unitIds?: string[] | undefined;
}

/** Starts a campaign of the unit; its participants default to the unit itself. */
export async function createCampaign(ctx: SignedIn, input: CreateCampaignInput): Promise<CampaignRow> {
  const unitIds = [...new Set(input.unitIds ?? [input.unitId])];
  await checkParticipants(ctx, unitIds);
  if (input.goalKind === "followers" && input.channelId) {
    await checkFollowedChannel(ctx, input.channelId);
  }
  const unit = (await unitSummaries(ctx.db, [input.unitId])).get(input.unitId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(campaigns)
      .values({
        unitId: input.unitId,
        name: input.name.normalize("NFC").trim(),
        description: (input.description ?? "").normalize("NFC").trim(),
        goalKind: input.goalKind,
        goalTarget: input.goalTarget,
        channelId: input.goalKind === "followers" ? (input.channelId ?? null) : null,
        startsOn: input.startsOn,
        endsOn: input.endsOn,
        unitIds,
        createdBy: ctx.actor.personId,
      })
      .returning();
    if (!row) {
      throw new Error("campaign not inserted");
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "advocacy.campaign.create",
      unit: unit ? { id: unit.id, path: unit.path } : null,
      target: { type: "campaign", id: row.id },
      ip: ctx.ip,
    });
    return row;
  });
}

export interface UpdateCampaignInput {
  name?: string | undefined;
  description?: string | undefined;
  goalTarget?: number | undefined;
  startsOn?: string | undefined;
  endsOn?: string | undefined;
  unitIds?: string[] | undefined;
}

/** Changes a campaign's wording, goal, period or participants; its goal kind stays. */
export async function updateCampaign(ctx: SignedIn, campaignId: string, input: UpdateCampaignInput) {
  const current = await requireCampaign(ctx.db, campaignId);
  const startsOn = input.startsOn ?? current.startsOn;
  const endsOn = input.endsOn ?? current.endsOn;
  if (startsOn > endsOn) {
    throw advocacyErrors.periodReversed();
  }
  if (input.unitIds) {
    await checkParticipants(ctx, [...new Set(input.unitIds)]);
  }
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .update(campaigns)
      .set({
        ...(input.name !== undefined ? { name: input.name.normalize("NFC").trim() } : {}),
        ...(input.description !== undefined
          ? { description: input.description.normalize("NFC").trim() }
          : {}),
        ...(input.goalTarget !== undefined ? { goalTarget: input.goalTarget } : {}),
        ...(input.unitIds ? { unitIds: [...new Set(input.unitIds)] } : {}),
        startsOn,
        endsOn,
        updatedAt: new Date(),
      })
      .where(eq(campaigns.id, campaignId))
      .returning();
    if (!row) {
      throw errors.notFound(campaignLabel);
    }
    const unit = (await unitSummaries(tx, [row.unitId])).get(row.unitId);
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "advocacy.campaign.update",
      unit: unit ? { id: unit.id, path: unit.path } : null,
      target: { type: "campaign", id: row.id },
      ip: ctx.ip,
    });
    return row;
  });
}

/** Records the follower count an editor read off the platform for a date (the same date again replaces it). */
export async function enterFollowerCount(
  ctx: SignedIn,
  campaignId: string,
  input: { onDate: string; followers: number },
) {
  const campaign = await requireCampaign(ctx.db, campaignId);
  if (campaign.goalKind !== "followers") {
    throw advocacyErrors.notAFollowersGoal();
  }
  if (input.onDate > vietnamToday()) {
    throw advocacyErrors.futureDate();
  }
  const unit = (await unitSummaries(ctx.db, [campaign.unitId])).get(campaign.unitId);
  await ctx.db.transaction(async (tx) => {
    await tx
      .insert(campaignFollowerCounts)
      .values({
        campaignId,
        unitId: campaign.unitId,
        onDate: input.onDate,
        followers: input.followers,
        enteredBy: ctx.actor.personId,
      })
      .onConflictDoUpdate({
        target: [campaignFollowerCounts.campaignId, campaignFollowerCounts.onDate],
        set: { followers: input.followers, enteredBy: ctx.actor.personId, enteredAt: new Date() },
      });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "advocacy.campaign.followers",
      unit: unit ? { id: unit.id, path: unit.path } : null,
      target: { type: "campaign", id: campaignId },
      ip: ctx.ip,
      details: { onDate: input.onDate, followers: input.followers },
    });
  });
  return { onDate: input.onDate, followers: input.followers, enteredByName: ctx.actor.fullName };
}

/** A campaign's follower counts, oldest first. */
export async function followerCounts(db: Executor, campaignId: string) {
  const rows = await db
    .select()
    .from(campaignFollowerCounts)
    .where(eq(campaignFollowerCounts.campaignId, campaignId))
    .orderBy(asc(campaignFollowerCounts.onDate));
  const names = await personSummaries(
    db,
    rows.flatMap((row) => (row.enteredBy ? [row.enteredBy] : [])),
  );
  return rows.map((row) => ({
    onDate: row.onDate,
    followers: row.followers,
    enteredByName: row.enteredBy ? (names.get(row.enteredBy)?.fullName ?? null) : null,
  }));
}

/** How far each campaign has come towards its goal: clicks or shares in its period, or the latest follower count. */
async function progressOf(db: Executor, rows: CampaignRow[]): Promise<Map<string, number>> {
  const ids = sql.join(
    rows.map((row) => sql`${row.id}::uuid`),
    sql`, `,
  );
  // Each campaign's own Vietnamese days (UTC+7), as instants: three queries for a whole page.
  const window = (column: SQL) =>
    sql`${column} >= (c.starts_on::timestamp - interval '7 hours') at time zone 'UTC'
      and ${column} < ((c.ends_on + 1)::timestamp - interval '7 hours') at time zone 'UTC'`;
  const [clicks, shares, followers] = await Promise.all([
    queryRows<{ id: string; total: number }>(
      db,
      sql`select c.id, sum(h.hits)::int as total
        from campaigns c join share_kits k on k.campaign_id = c.id join link_hits h on h.kit_id = k.id
        where c.id in (${ids}) and h.kind = 'click' and ${window(sql`h.at`)}
        group by c.id`,
    ),
    queryRows<{ id: string; total: number }>(
      db,
      sql`select c.id, count(*)::int as total
        from campaigns c join share_kits k on k.campaign_id = c.id join kit_shares s on s.kit_id = k.id
        where c.id in (${ids}) and ${window(sql`s.shared_at`)}
        group by c.id`,
    ),
    queryRows<{ id: string; total: number }>(
      db,
      sql`select distinct on (campaign_id) campaign_id as id, followers as total
        from campaign_follower_counts where campaign_id in (${ids})
        order by campaign_id, on_date desc`,
    ),
  ]);
  const byGoal = {
    clicks: new Map(clicks.map((row) => [row.id, Number(row.total)])),
    shares: new Map(shares.map((row) => [row.id, Number(row.total)])),
    followers: new Map(followers.map((row) => [row.id, Number(row.total)])),
  };
  return new Map(rows.map((row) => [row.id, byGoal[row.goalKind].get(row.id) ?? 0]));
}

/** Campaigns as the desk shows them, in the order given. */
export async function campaignViews(db: Executor, rows: CampaignRow[]): Promise<CampaignView[]> {
  if (rows.length === 0) {
    return [];
  }
  const [units, progress, kitCounts, channelRows] = await Promise.all([
    unitSummaries(
      db,
      rows.flatMap((row) => [row.unitId, ...row.unitIds]),
    ),
    progressOf(db, rows),
    db
      .select({ campaignId: shareKits.campaignId, total: count() })
      .from(shareKits)
      .where(
        inArray(
          shareKits.campaignId,
          rows.map((row) => row.id),
        ),
      )
      .groupBy(shareKits.campaignId),
    Promise.all(
      rows
        .flatMap((row) => (row.channelId ? [row.channelId] : []))
        .map((id) => getChannel(db, id).catch(() => null)),
    ),
  ]);
  const kits = new Map(kitCounts.map((row) => [row.campaignId, Number(row.total)]));
  const channelsById = new Map(
    channelRows.flatMap((channel) => (channel ? [[channel.id, channel] as const] : [])),
  );
  return rows.map((row) => {
    const unit = units.get(row.unitId);
    const channel = row.channelId ? channelsById.get(row.channelId) : undefined;
    return {
      id: row.id,
      unitId: row.unitId,
      unitName: unit?.name ?? "",
      unitPath: unit?.path ?? "",
      name: row.name,
      description: row.description,
      goalKind: row.goalKind,
      goalTarget: row.goalTarget,
      channel: channel ? { id: channel.id, displayName: channel.displayName, url: channel.url } : null,
      startsOn: row.startsOn,
      endsOn: row.endsOn,
      units: row.unitIds.map((id) => ({ id, name: units.get(id)?.name ?? "" })),
      progress: progress.get(row.id) ?? 0,
      kitCount: kits.get(row.id) ?? 0,
      createdAt: row.createdAt,
    };
  });
}

export interface ListCampaignsOptions {
  scope: readonly string[];
  unitPath?: string | undefined;
  state?: "upcoming" | "running" | "ended" | undefined;
  limit: number;
  offset: number;
}

/** Campaigns of the units in scope, latest start first. */
export async function listCampaigns(db: Executor, options: ListCampaignsOptions) {
  const today = vietnamToday();
  const conditions: SQL[] = [unitIdWithin(campaigns.unitId, options.scope, options.unitPath)];
  if (options.state === "upcoming") {
    conditions.push(sql`${campaigns.startsOn} > ${today}`);
  } else if (options.state === "running") {
    conditions.push(sql`${campaigns.startsOn} <= ${today} and ${campaigns.endsOn} >= ${today}`);
  } else if (options.state === "ended") {
    conditions.push(sql`${campaigns.endsOn} < ${today}`);
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(campaigns)
      .where(where)
      .orderBy(desc(campaigns.startsOn), desc(campaigns.createdAt))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(campaigns).where(where),
  ]);
  return { items: await campaignViews(db, rows), total: Number(total?.total ?? 0) };
}
