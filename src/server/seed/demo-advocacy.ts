import { createHash } from "node:crypto";
import { vietnamToday } from "../../shared/vietnam-time.ts";
import type { Db } from "../db/client.ts";
import {
  importCampaign,
  importKit,
  importKitShare,
  importLinkHits,
  importShareLink,
} from "../modules/advocacy/index.ts";
import { findUnitByCodeOrId, listUnits, personAccountByEmail, subtreePeople } from "../modules/org/index.ts";
import { publishedAddressOfPost, publishedArticles } from "../modules/publishing/index.ts";
import { COMMUNE_AREA_CODES, EMAIL_DOMAIN } from "./demo-accounts.ts";
import { demoCampaign, kitCaptions } from "./demo-texts.ts";

/*
 * A campaign with share kits made from the demo province's published articles, and some ten days of
 * made-up clicks on links of demo people in the communes, so the feed, the reports and the
 * leaderboard have something to show on first start. The demo member's own feed is left untouched.
 */

/** A small deterministic generator, so every demo start makes the same figures. */
function generator(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** The demo's communes and wards, in the order they were created. */
async function demoCommunes(db: Db, root: { id: string; path: string }) {
  const { items } = await listUnits(db, { scope: [root.path], parentId: root.id, limit: 1000, offset: 0 });
  const order = (code: string | null) => COMMUNE_AREA_CODES.indexOf(code ?? "");
  return items
    .filter((unit) => unit.kind === "commune")
    .sort((a, b) => order(a.adminAreaCode) - order(b.adminAreaCode));
}

/** Adds the demo campaign, kits and figures; called once, after the demo posts. */
export async function seedDemoAdvocacy(db: Db, deps: { publicUrl: string }): Promise<number> {
  const root = await findUnitByCodeOrId(db, "TQ");
  const editor = await personAccountByEmail(db, `trang.lethu@${EMAIL_DOMAIN}`);
  if (!root || !editor) {
    return 0;
  }
  const communes = await demoCommunes(db, root);
  // The province's portal articles, oldest first (they were published in the order they were written).
  const rootPosts = (await publishedArticles(db, { unitId: root.id, limit: 100, offset: 0 })).items
    .map((article) => ({ id: article.postId }))
    .reverse();
  const dayMs = 86_400_000;
  const campaign = await importCampaign(db, {
    unitId: root.id,
    ...demoCampaign,
    startsOn: vietnamToday(new Date(Date.now() - 10 * dayMs)),
    endsOn: vietnamToday(new Date(Date.now() + 20 * dayMs)),
    unitIds: communes.map((commune) => commune.id),
    createdBy: editor.id,
  });
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
    const kit = await importKit(db, {
      unitId: root.id,
      postId: post.id,
      channelId: address.channelId,
      targetUrl: address.url,
      title: address.title,
      captions: kitCaptions[index % kitCaptions.length] ?? ["Mời mọi người cùng đọc."],
      targetUnitIds: [root.id],
      campaignId: inCampaign ? campaign.id : null,
      createdBy: editor.id,
      createdAt: new Date(Date.now() - (9 - index) * dayMs),
    });
    kits += 1;
    if (!inCampaign) {
      continue;
    }
    // Links of a few demo people in each commune, with clicks spread over the days since the kit.
    for (const commune of communes) {
      const sharers = (await subtreePeople(db, commune.path))
        .filter((person) => person.email !== `hoa.mathi@${EMAIL_DOMAIN}`)
        .slice(0, 2 + Math.floor(random() * 5));
      for (const sharer of sharers) {
        const linkId = await importShareLink(db, {
          kitId: kit.id,
          personId: sharer.id,
          unitId: sharer.unitId,
        });
        await importKitShare(db, {
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
            linkId,
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
              .update(`${linkId}:${n % 7}`)
              .digest("base64url")
              .slice(0, 22),
          };
        });
        await importLinkHits(db, hits);
      }
    }
  }
  return kits;
}
