import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { vietnamToday } from "../../shared/vietnam-time.ts";
import type { Db } from "../db/client.ts";
import {
  campaigns,
  kitShares,
  linkHits,
  people,
  posts,
  shareKits,
  shareLinks,
  units,
} from "../db/schema/index.ts";
import { newLinkCode } from "../modules/advocacy/link-codes.ts";
import { publishedAddressOfPost } from "../modules/publishing/published.ts";
import { EMAIL_DOMAIN } from "./demo.ts";

/*
 * A campaign with share kits made from the demo province's published articles, and some ten days of
 * made-up clicks on links of demo people in the communes, so the feed, the reports and the
 * leaderboard have something to show on first start. The demo member's own feed is left untouched.
 */

const captions = [
  [
    "Thông tin chính thức từ Cổng thông tin tỉnh, mời bà con cùng đọc và chia sẻ.",
    "Đọc kỹ để không bị lừa nhé cả nhà!",
    "Chia sẻ để người thân cùng biết.",
  ],
  [
    "Tin mới từ tỉnh nhà — mời mọi người cùng xem.",
    "Cùng lan tỏa thông tin tích cực về quê hương Tuyên Quang.",
  ],
];

/** A small deterministic generator, so every demo start makes the same figures. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Adds the demo campaign, kits and figures; called once, after the demo posts. */
export async function seedDemoAdvocacy(db: Db, deps: { publicUrl: string }): Promise<number> {
  const [root] = await db.select({ id: units.id, code: units.code }).from(units).where(eq(units.code, "TQ"));
  const [editor] = await db
    .select({ id: people.id })
    .from(people)
    .where(eq(people.email, `trang.lethu@${EMAIL_DOMAIN}`));
  if (!root || !editor) {
    return 0;
  }
  const communes = await db
    .select({ id: units.id, path: units.path })
    .from(units)
    .where(
      and(
        eq(units.kind, "commune"),
        eq(units.status, "active"),
        sql`${units.path} <@ (select path from units where id = ${root.id})`,
      ),
    );
  const rootPosts = await db
    .select({ id: posts.id })
    .from(posts)
    .where(eq(posts.unitId, root.id))
    .orderBy(posts.createdAt);
  const dayMs = 86_400_000;
  const startsOn = vietnamToday(new Date(Date.now() - 10 * dayMs));
  const endsOn = vietnamToday(new Date(Date.now() + 20 * dayMs));
  const [campaign] = await db
    .insert(campaigns)
    .values({
      unitId: root.id,
      name: "Tháng cao điểm lan tỏa thông tin chính thống",
      description:
        "Mỗi đoàn viên, hội viên chia sẻ ít nhất một tin chính thống mỗi ngày từ Cổng thông tin tỉnh.",
      goalKind: "clicks",
      goalTarget: 3000,
      startsOn,
      endsOn,
      unitIds: communes.map((commune) => commune.id),
      createdBy: editor.id,
    })
    .returning();
  if (!campaign) {
    return 0;
  }
  const random = generator(20261201);
  let kits = 0;
  for (const [index, post] of rootPosts.entries()) {
    const address = await publishedAddressOfPost(db, {
      postId: post.id,
      publicUrl: deps.publicUrl,
    });
    if (!address) {
      continue;
    }
    const inCampaign = index < 2;
    const [kit] = await db
      .insert(shareKits)
      .values({
        unitId: root.id,
        postId: post.id,
        channelId: address.channelId,
        targetUrl: address.url,
        title: address.title,
        captions: captions[index % captions.length] ?? ["Mời mọi người cùng đọc."],
        targetUnitIds: [root.id],
        campaignId: inCampaign ? campaign.id : null,
        createdBy: editor.id,
        createdAt: new Date(Date.now() - (9 - index) * dayMs),
      })
      .returning();
    kits += 1;
    if (!kit || !inCampaign) {
      continue;
    }
    // Links of a few demo people in each commune, with clicks spread over the days since the kit.
    for (const commune of communes) {
      const sharers = await db
        .select({ id: people.id, unitId: people.unitId })
        .from(people)
        .innerJoin(units, eq(units.id, people.unitId))
        .where(
          and(
            sql`${units.path} <@ ${commune.path}::ltree`,
            sql`${people.email} <> ${`hoa.mathi@${EMAIL_DOMAIN}`}`,
          ),
        )
        .limit(2 + Math.floor(random() * 5));
      for (const sharer of sharers) {
        const [link] = await db
          .insert(shareLinks)
          .values({ code: newLinkCode(), kitId: kit.id, personId: sharer.id, unitId: sharer.unitId })
          .returning();
        if (!link) {
          continue;
        }
        await db.insert(kitShares).values({
          kitId: kit.id,
          personId: sharer.id,
          unitId: sharer.unitId,
          method: random() < 0.6 ? "zalo" : "facebook",
          sharedAt: new Date(kit.createdAt.getTime() + 3_600_000),
        });
        const clicks = Math.floor(random() * 25);
        const hits = Array.from({ length: clicks }, (_, n) => {
          const roll = random();
          return {
            linkId: link.id,
            kitId: kit.id,
            unitId: sharer.unitId,
            at: new Date(
              Math.min(
                Date.now() - 60_000,
                kit.createdAt.getTime() + random() * (Date.now() - kit.createdAt.getTime()),
              ),
            ),
            kind: roll < 0.85 ? ("click" as const) : roll < 0.97 ? ("preview" as const) : ("bot" as const),
            referrerDomain: roll < 0.5 ? "zalo.me" : roll < 0.8 ? "facebook.com" : null,
            device: roll < 0.88 ? ("mobile" as const) : ("desktop" as const),
            visitorHash: createHash("sha256")
              .update(`${link.id}:${n % 7}`)
              .digest("base64url")
              .slice(0, 22),
          };
        });
        if (hits.length > 0) {
          await db.insert(linkHits).values(hits);
        }
      }
    }
  }
  return kits;
}
