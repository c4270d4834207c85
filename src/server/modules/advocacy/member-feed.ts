import { and, count, desc, eq, gt, inArray, isNull, or, type SQL, sql } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { kitShares, shareKits, shareLinks } from "../../db/schema/index.ts";
import type { Actor } from "../../platform/actor.ts";
import type { ActionContext } from "../../platform/context.ts";
import { errors } from "../../platform/errors.ts";
import { unitAndAncestors, unitPath, unitSummaries } from "../org/index.ts";
import { campaignNames } from "./campaigns.ts";
import { newLinkCode } from "./link-codes.ts";
import { canUseKitCard, kitReachesMember } from "./policy.ts";
import type { FeedItem } from "./schema.ts";
import { type AdvocacyDeps, type KitRow, kitCardUrl, kitLabel, requireKit } from "./service.ts";

/*
 * A member's side of advocacy: the kits meant for their unit and the units above it, their own
 * tracked link to each, and the shares they mark.
 */

type SignedIn = ActionContext & { actor: Actor };

/** The ids of a member's unit and every unit above it: a kit aimed at any of them reaches the member. */
async function audienceUnitIds(db: Executor, unitId: string): Promise<string[]> {
  return (await unitAndAncestors(db, unitId)).map((unit) => unit.id);
}

/** The rule of kitReachesMember, as a query's condition. */
function feedCondition(audience: readonly string[]): SQL {
  return and(
    eq(shareKits.status, "active"),
    or(isNull(shareKits.expiresAt), gt(shareKits.expiresAt, sql`now()`)),
    sql`${shareKits.targetUnitIds} && ${`{${audience.join(",")}}`}::uuid[]`,
  ) as SQL;
}

/** A kit in the member's feed now; any other is not found. */
async function kitInFeed(db: Executor, actor: Actor, kitId: string): Promise<KitRow> {
  const [kit, audience] = await Promise.all([requireKit(db, kitId), audienceUnitIds(db, actor.unitId)]);
  if (!kitReachesMember(kit, audience)) {
    throw errors.notFound(kitLabel);
  }
  return kit;
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
  const [path, audience] = await Promise.all([unitPath(db, kit.unitId), audienceUnitIds(db, actor.unitId)]);
  if (!canUseKitCard(actor, kit, path, audience)) {
    throw errors.notFound(kitLabel);
  }
  return kit;
}

// --- Individual rankings: opt-in only -------------------------------------------------------------
