import type { Executor } from "../../db/client.ts";
import { campaigns, kitShares, linkHits, shareKits, shareLinks } from "../../db/schema/index.ts";
import type { CampaignRow } from "./campaigns.ts";
import { newLinkCode } from "./link-codes.ts";
import type { KitRow } from "./service.ts";

/*
 * Past advocacy written as it stands, for a demo that must show a campaign already under way: a
 * campaign, kits made days ago, members' links with their shares and the hits on them. Unlike the
 * services there is no actor, no permission check and no audit record: nobody did these things.
 */

/** A campaign, stored as given. */
export async function importCampaign(
  db: Executor,
  values: Omit<typeof campaigns.$inferInsert, "id">,
): Promise<CampaignRow> {
  const [row] = await db.insert(campaigns).values(values).returning();
  if (!row) {
    throw new Error("campaign not inserted");
  }
  return row;
}

/** A share kit, stored as given (its creation time included). */
export async function importKit(
  db: Executor,
  values: Omit<typeof shareKits.$inferInsert, "id">,
): Promise<KitRow> {
  const [row] = await db.insert(shareKits).values(values).returning();
  if (!row) {
    throw new Error("kit not inserted");
  }
  return row;
}

/** A member's tracked link for a kit, with a fresh code; answers its id. */
export async function importShareLink(
  db: Executor,
  link: { kitId: string; personId: string; unitId: string },
): Promise<string> {
  const [row] = await db
    .insert(shareLinks)
    .values({ code: newLinkCode(), ...link })
    .returning({ id: shareLinks.id });
  if (!row) {
    throw new Error("share link not inserted");
  }
  return row.id;
}

/** A member's mark that they shared a kit, and how. */
export async function importKitShare(
  db: Executor,
  share: Omit<typeof kitShares.$inferInsert, "id">,
): Promise<void> {
  await db.insert(kitShares).values(share);
}

/** Hits on tracked links, as the hit recorder would have written them. */
export async function importLinkHits(
  db: Executor,
  hits: readonly Omit<typeof linkHits.$inferInsert, "id">[],
): Promise<void> {
  for (let i = 0; i < hits.length; i += 500) {
    await db.insert(linkHits).values(hits.slice(i, i + 500));
  }
}
