import {
  bigserial,
  date,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import {
  campaignGoalValues,
  deviceClassValues,
  kitStatusValues,
  shareMethodValues,
} from "../../../shared/api/advocacy.ts";

/*
 * Member advocacy: share kits for members to share by hand, each member's tracked short link per kit,
 * the hits on those links (nothing about the visitor but what the request itself says, and never an
 * address or a full user agent), members' own "I shared it" marks, and campaigns.
 */

export { campaignGoalValues, deviceClassValues, kitStatusValues, shareMethodValues };
/** A hit on a tracked link: a person's click, a messenger's link-preview fetch, or another robot. */
export const hitKindValues = ["click", "preview", "bot"] as const;

/** Something official for members to share: a published post or an address on a registry channel. */
export const shareKits = pgTable(
  "share_kits",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The unit whose editors made it. */
    unitId: uuid("unit_id").notNull(),
    postId: uuid("post_id"),
    /** The registry channel the address belongs to (the portal's website for a post's article). */
    channelId: uuid("channel_id"),
    /** Where every tracked link of the kit leads: stored by an editor, never taken from a request. */
    targetUrl: text("target_url").notNull(),
    title: text("title").notNull(),
    /** Several suggested captions, so members' posts are not all the same. */
    captions: text("captions").array().notNull(),
    /** Members of these units' subtrees see the kit in their feed. */
    targetUnitIds: uuid("target_unit_ids").array().notNull(),
    campaignId: uuid("campaign_id"),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    status: text("status", { enum: kitStatusValues }).notNull().default("active"),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("share_kits_unit_idx").on(t.unitId, t.createdAt),
    index("share_kits_campaign_idx").on(t.campaignId),
    index("share_kits_targets_idx").using("gin", t.targetUnitIds),
  ],
);

/** One member's short link for one kit: `/s/<code>`. */
export const shareLinks = pgTable(
  "share_links",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    code: text("code").notNull(),
    kitId: uuid("kit_id").notNull(),
    personId: uuid("person_id").notNull(),
    /** The member's unit when the link was made: their clicks count there. */
    unitId: uuid("unit_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("share_links_code_idx").on(t.code),
    uniqueIndex("share_links_kit_person_idx").on(t.kitId, t.personId),
    index("share_links_person_idx").on(t.personId),
  ],
);

/**
 * Hits on a tracked link, written in batches off the request path: identical hits of the same second
 * (same link, visitor, kind, device and referrer) are one row with their number in `hits`. The
 * visitor is only a hash of address and agent salted per day (the salt is discarded once its day is
 * over), for unique counts.
 */
export const linkHits = pgTable(
  "link_hits",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    linkId: uuid("link_id").notNull(),
    kitId: uuid("kit_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull(),
    kind: text("kind", { enum: hitKindValues }).notNull(),
    referrerDomain: text("referrer_domain"),
    device: text("device", { enum: deviceClassValues }).notNull(),
    visitorHash: text("visitor_hash"),
    hits: integer("hits").notNull().default(1),
  },
  (t) => [index("link_hits_kit_idx").on(t.kitId, t.at), index("link_hits_link_idx").on(t.linkId)],
);

/** Today's salt for visitor hashes, shared by every app instance; yesterday's is deleted. */
export const visitorSalts = pgTable("visitor_salts", {
  day: date("day").primaryKey(),
  salt: text("salt").notNull(),
});

/** A member's own mark that they shared a kit (they may take it back). */
export const kitShares = pgTable(
  "kit_shares",
  {
    kitId: uuid("kit_id").notNull(),
    personId: uuid("person_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    method: text("method", { enum: shareMethodValues }).notNull().default("other"),
    sharedAt: timestamp("shared_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.kitId, t.personId] }), index("kit_shares_person_idx").on(t.personId)],
);

/** A drive with a goal over a period, across participating units. */
export const campaigns = pgTable(
  "campaigns",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    unitId: uuid("unit_id").notNull(),
    name: text("name").notNull(),
    description: text("description").notNull().default(""),
    goalKind: text("goal_kind", { enum: campaignGoalValues }).notNull(),
    goalTarget: integer("goal_target").notNull(),
    /** For a followers goal: the registry channel whose followers are entered by date. */
    channelId: uuid("channel_id"),
    startsOn: date("starts_on").notNull(),
    endsOn: date("ends_on").notNull(),
    /** The units on the leaderboard; each counts its whole subtree. */
    unitIds: uuid("unit_ids").array().notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("campaigns_unit_idx").on(t.unitId, t.startsOn)],
);

/** A follower count of a campaign's channel on a date, as an editor read it off the platform. */
export const campaignFollowerCounts = pgTable(
  "campaign_follower_counts",
  {
    campaignId: uuid("campaign_id").notNull(),
    unitId: uuid("unit_id").notNull(),
    onDate: date("on_date").notNull(),
    followers: integer("followers").notNull(),
    enteredBy: uuid("entered_by"),
    enteredAt: timestamp("entered_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.campaignId, t.onDate] })],
);

/** A member's opt-in to be named in individual rankings, with the purpose they agreed to. */
export const rankingConsents = pgTable("ranking_consents", {
  personId: uuid("person_id").primaryKey(),
  purposeVersion: text("purpose_version").notNull(),
  purposeText: text("purpose_text").notNull(),
  consentedAt: timestamp("consented_at", { withTimezone: true }).notNull().defaultNow(),
});
