import { and, count, desc, eq, gt, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { shareKits, shareLinks } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import { recordAudit } from "../../platform/audit.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { personSummaries, unitIdWithin, unitPath, unitSummaries } from "../org/index.ts";
import { publishedAddressOfPost } from "../publishing/index.ts";
import type { CardSource } from "../share-cards/index.ts";
import { campaignLabel, campaignNames, requireCampaign } from "./campaigns.ts";
import { advocacyErrors } from "./errors.ts";
import { resolveKitTarget } from "./kit-target.ts";
import { invalidateLinkTargets } from "./link-cache.ts";
import { canAimKitAt, canReinstateKit, canUseCampaign, canWithdrawKit, isKitLive } from "./policy.ts";
import { kitFigures } from "./reports.ts";
import type { KitView } from "./schema.ts";

export type KitRow = typeof shareKits.$inferSelect;
type SignedIn = ActionContext & { actor: Actor };

export const kitLabel = { vi: "bộ tin chia sẻ", en: "Share kit" };

/** What the kit module needs from the app: the public address links and cards are built on. */
export interface AdvocacyDeps {
  publicUrl: string;
}

/** The owner unit of a kit, for the access check (null when there is no such kit). */
export async function unitOfKit(db: Executor, kitId: string): Promise<string | null> {
  const [row] = await db.select({ unitId: shareKits.unitId }).from(shareKits).where(eq(shareKits.id, kitId));
  return row?.unitId ?? null;
}

export async function requireKit(db: Executor, kitId: string): Promise<KitRow> {
  const [row] = await db.select().from(shareKits).where(eq(shareKits.id, kitId));
  if (!row) {
    throw errors.notFound(kitLabel);
  }
  return row;
}

/** Paths of units by id; an unknown id is refused, naming what was not found. */
async function requireUnitPaths(db: Executor, ids: readonly string[]): Promise<Map<string, string>> {
  const found = await unitSummaries(db, ids);
  for (const id of ids) {
    const unit = found.get(id);
    if (unit?.status !== "active") {
      throw advocacyErrors.unknownUnit({ unitId: id });
    }
  }
  return new Map([...found].map(([id, unit]) => [id, unit.path]));
}

/** Each target unit must lie where the editor holds `advocacy.manage`. */
async function checkTargets(ctx: SignedIn, targetUnitIds: readonly string[]): Promise<void> {
  const paths = await requireUnitPaths(ctx.db, targetUnitIds);
  for (const [id, path] of paths) {
    if (!canAimKitAt(ctx.actor, path)) {
      throw advocacyErrors.targetOutsideScope({ unitId: id });
    }
  }
}

/** A campaign the editor manages; any other is not found (its existence is not theirs to learn). */
async function requireCampaignInScope(ctx: SignedIn, campaignId: string) {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const path = await unitPath(ctx.db, campaign.unitId);
  if (!path || !canUseCampaign(ctx.actor, path)) {
    throw errors.notFound(campaignLabel);
  }
  return campaign;
}

function checkExpiry(expiresAt: Date | null | undefined, now: Date) {
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw advocacyErrors.expiryPast();
  }
}

/** Distinct, trimmed captions in the order given, NFC so they compare and print alike; at least one. */
function cleanCaptions(captions: readonly string[]): string[] {
  const cleaned = [...new Set(captions.map((caption) => caption.normalize("NFC").trim()).filter(Boolean))];
  if (cleaned.length === 0) {
    throw advocacyErrors.captionsRequired();
  }
  return cleaned;
}

export interface CreateKitInput {
  unitId: string;
  postId?: string | undefined;
  url?: string | undefined;
  title?: string | undefined;
  captions: string[];
  targetUnitIds?: string[] | undefined;
  campaignId?: string | undefined;
  expiresAt?: Date | undefined;
}

/** Makes a share kit; the editor needs `advocacy.manage` on its unit and every target unit. */
export async function createKit(ctx: SignedIn, deps: AdvocacyDeps, input: CreateKitInput): Promise<KitRow> {
  const now = new Date();
  checkExpiry(input.expiresAt, now);
  const targetUnitIds = [...new Set(input.targetUnitIds ?? [input.unitId])];
  await checkTargets(ctx, targetUnitIds);
  if (input.campaignId) {
    await requireCampaignInScope(ctx, input.campaignId);
  }
  const target = await resolveKitTarget(ctx, deps, input);
  const title = (input.title ?? target.title ?? "").normalize("NFC").trim();
  if (!title) {
    throw advocacyErrors.titleRequired();
  }
  const captions = cleanCaptions(input.captions);
  const unit = (await unitSummaries(ctx.db, [input.unitId])).get(input.unitId);
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .insert(shareKits)
      .values({
        unitId: input.unitId,
        postId: target.postId,
        channelId: target.channelId,
        targetUrl: target.targetUrl,
        title,
        captions,
        targetUnitIds,
        campaignId: input.campaignId ?? null,
        expiresAt: input.expiresAt ?? null,
        createdBy: ctx.actor.personId,
      })
      .returning();
    if (!row) {
      throw new Error("kit not inserted");
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "advocacy.kit.create",
      unit: unit ? { id: unit.id, path: unit.path } : null,
      target: { type: "share_kit", id: row.id },
      ip: ctx.ip,
      details: { targetUrl: row.targetUrl, targets: targetUnitIds.length },
    });
    return row;
  });
}

export interface UpdateKitInput {
  title?: string | undefined;
  captions?: string[] | undefined;
  targetUnitIds?: string[] | undefined;
  campaignId?: string | null | undefined;
  expiresAt?: Date | null | undefined;
}

/** Changes what members see of a kit; its address (and so every link already shared) stays. */
export async function updateKit(ctx: SignedIn, kitId: string, input: UpdateKitInput): Promise<KitRow> {
  checkExpiry(input.expiresAt, new Date());
  if (input.targetUnitIds) {
    await checkTargets(ctx, [...new Set(input.targetUnitIds)]);
  }
  if (input.campaignId) {
    await requireCampaignInScope(ctx, input.campaignId);
  }
  const captions = input.captions ? cleanCaptions(input.captions) : undefined;
  return changeKit(ctx, kitId, "advocacy.kit.update", {
    ...(input.title !== undefined ? { title: input.title.normalize("NFC").trim() } : {}),
    ...(captions ? { captions } : {}),
    ...(input.targetUnitIds ? { targetUnitIds: [...new Set(input.targetUnitIds)] } : {}),
    ...(input.campaignId !== undefined ? { campaignId: input.campaignId } : {}),
    ...(input.expiresAt !== undefined ? { expiresAt: input.expiresAt } : {}),
  });
}

/** Withdraws a kit: it leaves the feeds and its links answer that it was withdrawn. */
export async function withdrawKit(ctx: SignedIn, kitId: string): Promise<KitRow> {
  return changeKit(ctx, kitId, "advocacy.kit.withdraw", { status: "withdrawn" }, (kit) => {
    if (!canWithdrawKit(kit)) {
      throw advocacyErrors.kitAlreadyWithdrawn();
    }
  });
}

/** Undoes a withdrawal. */
export async function reinstateKit(ctx: SignedIn, kitId: string): Promise<KitRow> {
  return changeKit(ctx, kitId, "advocacy.kit.reinstate", { status: "active" }, (kit) => {
    if (!canReinstateKit(kit)) {
      throw advocacyErrors.kitNotWithdrawn();
    }
  });
}

async function changeKit(
  ctx: SignedIn,
  kitId: string,
  action: string,
  values: Partial<typeof shareKits.$inferInsert>,
  /** Refuses the change from the kit as it stands (read locked, so two editors cannot both pass). */
  check?: (kit: KitRow) => void,
): Promise<KitRow> {
  const row = await ctx.db.transaction(async (tx) => {
    if (check) {
      const [current] = await tx.select().from(shareKits).where(eq(shareKits.id, kitId)).for("update");
      if (!current) {
        throw errors.notFound(kitLabel);
      }
      check(current);
    }
    const [updated] = await tx
      .update(shareKits)
      .set({ ...values, updatedAt: new Date() })
      .where(eq(shareKits.id, kitId))
      .returning();
    if (!updated) {
      throw errors.notFound(kitLabel);
    }
    const unit = (await unitSummaries(tx, [updated.unitId])).get(updated.unitId);
    await recordAudit(tx, {
      actor: ctx.actor,
      action,
      unit: unit ? { id: unit.id, path: unit.path } : null,
      target: { type: "share_kit", id: kitId },
      ip: ctx.ip,
    });
    return updated;
  });
  invalidateLinkTargets(ctx.db);
  return row;
}

/** What a kit's card shows: a post's card has its cover photo; an address's, the kit's title and unit only. */
export async function kitCardSource(db: Executor, publicUrl: string, kit: KitRow): Promise<CardSource> {
  const [unit, address] = await Promise.all([
    unitSummaries(db, [kit.unitId]),
    kit.postId ? publishedAddressOfPost(db, { postId: kit.postId, publicUrl }) : null,
  ]);
  return {
    key: kit.postId ?? `kit-${kit.id}`,
    title: kit.title,
    unitName: unit.get(kit.unitId)?.name ?? "",
    mediaIds: address?.mediaIds ?? [],
  };
}

/** The card address of a kit for the signed-in reader. */
export function kitCardUrl(kitId: string): string {
  return `/api/share-kits/${kitId}/card.png`;
}

/** Kits as the desk shows them, with names and running totals, in the order given. */
export async function kitViews(db: Executor, rows: KitRow[]): Promise<KitView[]> {
  if (rows.length === 0) {
    return [];
  }
  const ids = rows.map((row) => row.id);
  const unitIds = rows.flatMap((row) => [row.unitId, ...row.targetUnitIds]);
  const [units, creators, namesOfCampaigns, linkCounts, figures] = await Promise.all([
    unitSummaries(db, unitIds),
    personSummaries(
      db,
      rows.flatMap((row) => (row.createdBy ? [row.createdBy] : [])),
    ),
    campaignNames(
      db,
      rows.flatMap((row) => (row.campaignId ? [row.campaignId] : [])),
    ),
    db
      .select({ kitId: shareLinks.kitId, total: count() })
      .from(shareLinks)
      .where(inArray(shareLinks.kitId, ids))
      .groupBy(shareLinks.kitId),
    kitFigures(db, ids),
  ]);
  const links = new Map(linkCounts.map((row) => [row.kitId, Number(row.total)]));
  const now = new Date();
  return rows.map((row) => {
    const unit = units.get(row.unitId);
    return {
      id: row.id,
      unitId: row.unitId,
      unitName: unit?.name ?? "",
      unitPath: unit?.path ?? "",
      postId: row.postId,
      targetUrl: row.targetUrl,
      title: row.title,
      captions: row.captions,
      targetUnits: row.targetUnitIds.map((id) => ({ id, name: units.get(id)?.name ?? "" })),
      campaign: row.campaignId
        ? { id: row.campaignId, name: namesOfCampaigns.get(row.campaignId) ?? "" }
        : null,
      expiresAt: row.expiresAt,
      status: row.status,
      live: isKitLive(row, now),
      canWithdraw: canWithdrawKit(row),
      canReinstate: canReinstateKit(row),
      cardUrl: kitCardUrl(row.id),
      createdAt: row.createdAt,
      createdByName: row.createdBy ? (creators.get(row.createdBy)?.fullName ?? null) : null,
      totals: {
        links: links.get(row.id) ?? 0,
        clicks: figures.get(row.id)?.clicks ?? 0,
        previews: figures.get(row.id)?.previews ?? 0,
        shares: figures.get(row.id)?.shares ?? 0,
      },
    };
  });
}

export interface ListKitsOptions {
  scope: readonly string[];
  unitPath?: string | undefined;
  campaignId?: string | undefined;
  status?: "live" | "expired" | "withdrawn" | undefined;
  q?: string | undefined;
  limit: number;
  offset: number;
}

/** Kits of the units in scope, newest first. */
export async function listKits(db: Executor, options: ListKitsOptions) {
  const conditions: SQL[] = [unitIdWithin(shareKits.unitId, options.scope, options.unitPath)];
  if (options.campaignId) {
    conditions.push(eq(shareKits.campaignId, options.campaignId));
  }
  if (options.status === "withdrawn") {
    conditions.push(eq(shareKits.status, "withdrawn"));
  } else if (options.status === "live") {
    // "live" and "expired" are the rule of isKitLive, as the query's conditions.
    conditions.push(
      eq(shareKits.status, "active"),
      or(isNull(shareKits.expiresAt), gt(shareKits.expiresAt, sql`now()`)) as SQL,
    );
  } else if (options.status === "expired") {
    conditions.push(
      eq(shareKits.status, "active"),
      isNotNull(shareKits.expiresAt),
      sql`${shareKits.expiresAt} <= now()`,
    );
  }
  if (options.q) {
    conditions.push(sql`lower(unaccent(${shareKits.title})) like ${`%${foldForSearch(options.q)}%`}`);
  }
  const where = and(...conditions);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(shareKits)
      .where(where)
      .orderBy(desc(shareKits.createdAt), desc(shareKits.id))
      .limit(options.limit)
      .offset(options.offset),
    db.select({ total: count() }).from(shareKits).where(where),
  ]);
  return { items: await kitViews(db, rows), total: Number(total?.total ?? 0) };
}
