import { and, count, desc, eq, gt, inArray, isNotNull, isNull, or, type SQL, sql } from "drizzle-orm";
import { foldForSearch } from "../../../shared/vietnamese-text.ts";
import type { Executor } from "../../db/client.ts";
import { kitShares, rankingConsents, shareKits, shareLinks } from "../../db/schema/index.ts";
import { errors } from "../../http/errors.ts";
import { recordAudit } from "../auth/audit.ts";
import { personSummaries, unitAndAncestors, unitIdWithin, unitSummaries } from "../org/membership.ts";
import { type Actor, can } from "../org/policy.ts";
import { type ActionContext, unitPath } from "../org/service.ts";
import { publishedAddressOfPost } from "../publishing/published.ts";
import type { CardSource } from "../share-cards/service.ts";
import { campaignLabel, campaignNames, requireCampaign } from "./campaigns.ts";
import { resolveKitTarget } from "./kit-target.ts";
import { invalidateLinkTargets } from "./link-cache.ts";
import { newLinkCode } from "./link-codes.ts";
import { kitFigures } from "./reports.ts";
import type { FeedItem, KitView } from "./schema.ts";

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
      throw errors.badRequest(
        "advocacy.unknown_unit",
        "Một đơn vị được chọn không tồn tại hoặc đã giải thể, sáp nhập.",
        "One of the chosen units does not exist or has ended.",
        { unitId: id },
      );
    }
  }
  return new Map([...found].map(([id, unit]) => [id, unit.path]));
}

/** Each target unit must lie where the editor holds `advocacy.manage`. */
async function checkTargets(ctx: SignedIn, targetUnitIds: readonly string[]): Promise<void> {
  const paths = await requireUnitPaths(ctx.db, targetUnitIds);
  for (const [id, path] of paths) {
    if (!can(ctx.actor, "advocacy.manage", path)) {
      throw errors.badRequest(
        "advocacy.target_outside_scope",
        "Chỉ gửi được bộ tin tới các đơn vị bạn phụ trách.",
        "A kit can only go to units you manage.",
        { unitId: id },
      );
    }
  }
}

/** A campaign the editor manages; any other is not found (its existence is not theirs to learn). */
async function requireCampaignInScope(ctx: SignedIn, campaignId: string) {
  const campaign = await requireCampaign(ctx.db, campaignId);
  const path = await unitPath(ctx.db, campaign.unitId);
  if (!path || !can(ctx.actor, "advocacy.manage", path)) {
    throw errors.notFound(campaignLabel);
  }
  return campaign;
}

function checkExpiry(expiresAt: Date | null | undefined, now: Date) {
  if (expiresAt && expiresAt.getTime() <= now.getTime()) {
    throw errors.badRequest(
      "advocacy.expiry_past",
      "Thời hạn phải ở tương lai.",
      "The expiry must be in the future.",
    );
  }
}

/** Distinct, trimmed captions in the order given, NFC so they compare and print alike; at least one. */
function cleanCaptions(captions: readonly string[]): string[] {
  const cleaned = [...new Set(captions.map((caption) => caption.normalize("NFC").trim()).filter(Boolean))];
  if (cleaned.length === 0) {
    throw errors.badRequest(
      "advocacy.captions_required",
      "Cần ít nhất một lời dẫn.",
      "At least one caption is needed.",
    );
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
    throw errors.badRequest(
      "advocacy.title_required",
      "Hãy đặt tiêu đề cho bộ tin.",
      "Give the kit a title.",
    );
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
  return changeKit(ctx, kitId, "advocacy.kit.withdraw", { status: "withdrawn" });
}

/** Undoes a withdrawal. */
export async function reinstateKit(ctx: SignedIn, kitId: string): Promise<KitRow> {
  return changeKit(ctx, kitId, "advocacy.kit.reinstate", { status: "active" });
}

async function changeKit(
  ctx: SignedIn,
  kitId: string,
  action: string,
  values: Partial<typeof shareKits.$inferInsert>,
): Promise<KitRow> {
  const row = await ctx.db.transaction(async (tx) => {
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

/** Whether a kit is in members' feeds now. */
export function isLive(kit: Pick<KitRow, "status" | "expiresAt">, now = new Date()): boolean {
  return kit.status === "active" && (!kit.expiresAt || kit.expiresAt.getTime() > now.getTime());
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
      live: isLive(row, now),
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

// --- The member's side --------------------------------------------------------------------------

/** The ids of a member's unit and every unit above it: a kit aimed at any of them reaches the member. */
async function audienceUnitIds(db: Executor, unitId: string): Promise<string[]> {
  return (await unitAndAncestors(db, unitId)).map((unit) => unit.id);
}

function feedCondition(audience: readonly string[]): SQL {
  return and(
    eq(shareKits.status, "active"),
    or(isNull(shareKits.expiresAt), gt(shareKits.expiresAt, sql`now()`)),
    sql`${shareKits.targetUnitIds} && ${`{${audience.join(",")}}`}::uuid[]`,
  ) as SQL;
}

/** Whether the member may see the kit (in their feed now). */
async function kitInFeed(db: Executor, actor: Actor, kitId: string): Promise<KitRow> {
  const audience = await audienceUnitIds(db, actor.unitId);
  const [row] = await db
    .select()
    .from(shareKits)
    .where(and(eq(shareKits.id, kitId), feedCondition(audience)));
  if (!row) {
    throw errors.notFound(kitLabel);
  }
  return row;
}

/** The member's own links to these kits, made on first sight (one per member and kit, never reissued). */
async function ensureLinks(
  db: Executor,
  actor: Actor,
  kitIds: readonly string[],
): Promise<Map<string, string>> {
  const existing = await db
    .select({ kitId: shareLinks.kitId, code: shareLinks.code })
    .from(shareLinks)
    .where(and(eq(shareLinks.personId, actor.personId), inArray(shareLinks.kitId, [...kitIds])));
  const codes = new Map(existing.map((row) => [row.kitId, row.code]));
  const missing = kitIds.filter((id) => !codes.has(id));
  for (let attempt = 0; missing.length > 0 && attempt < 3; attempt++) {
    // A code collision (one in 10¹⁴) or a second tab making the same link meanwhile: both end in a re-read.
    await db
      .insert(shareLinks)
      .values(
        missing.map((kitId) => ({
          kitId,
          personId: actor.personId,
          unitId: actor.unitId,
          code: newLinkCode(),
        })),
      )
      .onConflictDoNothing();
    const made = await db
      .select({ kitId: shareLinks.kitId, code: shareLinks.code })
      .from(shareLinks)
      .where(and(eq(shareLinks.personId, actor.personId), inArray(shareLinks.kitId, missing)));
    for (const row of made) {
      codes.set(row.kitId, row.code);
    }
    missing.splice(0, missing.length, ...missing.filter((id) => !codes.has(id)));
  }
  return codes;
}

/** A member's feed: live kits for their unit and the units above it, newest first, each with their own link. */
export async function memberFeed(
  db: Executor,
  deps: AdvocacyDeps,
  actor: Actor,
  page: { limit: number; offset: number },
): Promise<{ items: FeedItem[]; total: number }> {
  const audience = await audienceUnitIds(db, actor.unitId);
  const where = feedCondition(audience);
  const [rows, [total]] = await Promise.all([
    db
      .select()
      .from(shareKits)
      .where(where)
      .orderBy(desc(shareKits.createdAt), desc(shareKits.id))
      .limit(page.limit)
      .offset(page.offset),
    db.select({ total: count() }).from(shareKits).where(where),
  ]);
  const ids = rows.map((row) => row.id);
  const [codes, shares, units, namesOfCampaigns] = await Promise.all([
    ensureLinks(db, actor, ids),
    ids.length === 0
      ? Promise.resolve([])
      : db
          .select()
          .from(kitShares)
          .where(and(eq(kitShares.personId, actor.personId), inArray(kitShares.kitId, ids))),
    unitSummaries(
      db,
      rows.map((row) => row.unitId),
    ),
    campaignNames(
      db,
      rows.flatMap((row) => (row.campaignId ? [row.campaignId] : [])),
    ),
  ]);
  const shared = new Map(shares.map((row) => [row.kitId, row]));
  return {
    total: Number(total?.total ?? 0),
    items: rows.map((row) => {
      const code = codes.get(row.id) ?? "";
      const mark = shared.get(row.id);
      return {
        id: row.id,
        title: row.title,
        captions: row.captions,
        unitName: units.get(row.unitId)?.name ?? "",
        campaign: row.campaignId
          ? { id: row.campaignId, name: namesOfCampaigns.get(row.campaignId) ?? "" }
          : null,
        expiresAt: row.expiresAt,
        createdAt: row.createdAt,
        cardUrl: kitCardUrl(row.id),
        link: { code, url: `${deps.publicUrl}/s/${code}` },
        targetUrl: row.targetUrl,
        sharedAt: mark?.sharedAt ?? null,
        sharedMethod: mark?.method ?? null,
      };
    }),
  };
}

/** The member says they shared the kit (how, if they tapped one of the buttons); saying it again updates it. */
export async function markShared(
  ctx: SignedIn,
  kitId: string,
  method: (typeof kitShares.method.enumValues)[number],
) {
  await kitInFeed(ctx.db, ctx.actor, kitId);
  const [row] = await ctx.db
    .insert(kitShares)
    .values({ kitId, personId: ctx.actor.personId, unitId: ctx.actor.unitId, method })
    .onConflictDoUpdate({
      target: [kitShares.kitId, kitShares.personId],
      set: { method, sharedAt: new Date() },
    })
    .returning();
  return { kitId, sharedAt: row?.sharedAt ?? null, method: row?.method ?? null };
}

/** Takes back the member's mark (a tap by mistake). */
export async function unmarkShared(ctx: SignedIn, kitId: string) {
  await ctx.db
    .delete(kitShares)
    .where(and(eq(kitShares.kitId, kitId), eq(kitShares.personId, ctx.actor.personId)));
  return { kitId, sharedAt: null, method: null };
}

/**
 * Whether the actor may see a kit's card: its editors (advocacy.manage on its unit) and the members
 * whose feed it is in.
 */
export async function requireKitReadable(db: Executor, actor: Actor, kitId: string): Promise<KitRow> {
  const kit = await requireKit(db, kitId);
  const path = await unitPath(db, kit.unitId);
  if (path && can(actor, "advocacy.manage", path)) {
    return kit;
  }
  const audience = await audienceUnitIds(db, actor.unitId);
  if (!isLive(kit) || !kit.targetUnitIds.some((id) => audience.includes(id))) {
    throw errors.notFound(kitLabel);
  }
  return kit;
}

// --- Individual rankings: opt-in only -------------------------------------------------------------

export const rankingPurpose = {
  version: "2026-12-01",
  vi: "Tôi đồng ý để tên tôi, đơn vị và số lượt nhấp, lượt chia sẻ trên các liên kết chia sẻ của tôi được hiển thị trong bảng xếp hạng cá nhân của các chiến dịch mà đơn vị tôi tham gia. Tôi có thể rút lại bất cứ lúc nào; khi rút lại, tên tôi không còn xuất hiện trong bảng xếp hạng.",
  en: "I agree that my name, unit and the numbers of clicks and shares on my share links are shown in the individual rankings of the campaigns my unit takes part in. I can withdraw at any time; once withdrawn, my name no longer appears in rankings.",
};

/** The member's current choice about individual rankings. */
export async function rankingConsentOf(db: Executor, personId: string) {
  const [row] = await db.select().from(rankingConsents).where(eq(rankingConsents.personId, personId));
  return { purpose: rankingPurpose, optedIn: Boolean(row), consentedAt: row?.consentedAt ?? null };
}

/** Opts the member in (against the purpose version they were shown) or out; both are audited. */
export async function setRankingConsent(
  ctx: SignedIn,
  input: { optIn: boolean; purposeVersion?: string | undefined; locale: "vi" | "en" },
) {
  if (input.optIn && input.purposeVersion !== rankingPurpose.version) {
    throw errors.conflict(
      "advocacy.purpose_changed",
      "Nội dung đồng ý vừa được cập nhật. Hãy tải lại trang, đọc lại và xác nhận.",
      "The consent text has just been updated. Reload the page, read it again and confirm.",
    );
  }
  const personId = ctx.actor.personId;
  await ctx.db.transaction(async (tx) => {
    if (input.optIn) {
      await tx
        .insert(rankingConsents)
        .values({
          personId,
          purposeVersion: rankingPurpose.version,
          purposeText: rankingPurpose[input.locale],
        })
        .onConflictDoUpdate({
          target: rankingConsents.personId,
          set: {
            purposeVersion: rankingPurpose.version,
            purposeText: rankingPurpose[input.locale],
            consentedAt: new Date(),
          },
        });
    } else {
      await tx.delete(rankingConsents).where(eq(rankingConsents.personId, personId));
    }
    await recordAudit(tx, {
      actor: ctx.actor,
      action: input.optIn ? "advocacy.ranking.opt_in" : "advocacy.ranking.opt_out",
      target: { type: "person", id: personId },
      ip: ctx.ip,
    });
  });
  return rankingConsentOf(ctx.db, personId);
}
