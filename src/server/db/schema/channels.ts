import { sql } from "drizzle-orm";
import {
  date,
  index,
  integer,
  jsonb,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { channelPlatformValues, channelStatusValues } from "../../../shared/api/channels.ts";

export { channelPlatformValues, channelStatusValues };

/** A unit's official channel (website, fanpage, Zalo OA, …), identified by its canonical key. */
export const channels = pgTable(
  "channels",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The owner unit. */
    unitId: uuid("unit_id").notNull(),
    platform: text("platform", { enum: channelPlatformValues }).notNull(),
    /** What canonicalChannelKey makes of the URL: every address form of one page gives the same key. */
    key: text("key").notNull(),
    url: text("url").notNull(),
    displayName: text("display_name").notNull(),
    /** Folded display name and handle, for search that ignores diacritics. */
    searchKey: text("search_key").notNull(),
    handle: text("handle"),
    platformId: text("platform_id"),
    avatarUrl: text("avatar_url"),
    responsiblePersonId: uuid("responsible_person_id"),
    status: text("status", { enum: channelStatusValues }).notNull().default("active"),
    statusSince: timestamp("status_since", { withTimezone: true }).notNull().defaultNow(),
    verifiedBy: uuid("verified_by"),
    verifiedAt: timestamp("verified_at", { withTimezone: true }),
    followerCount: integer("follower_count"),
    followersCountedOn: date("followers_counted_on", { mode: "string" }),
    /** Set when an entry made by mistake is taken out of the registry; its key becomes free again. */
    removedAt: timestamp("removed_at", { withTimezone: true }),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("channels_key_idx").on(t.key).where(sql`${t.removedAt} is null`),
    index("channels_unit_idx").on(t.unitId),
    index("channels_search_trgm_idx").using("gin", sql`${t.searchKey} gin_trgm_ops`),
  ],
);

/** Every change to a channel, with who made it and when; append-only by convention of the service. */
export const channelHistory = pgTable(
  "channel_history",
  {
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    channelId: uuid("channel_id").notNull(),
    /** The owner unit after the change. */
    unitId: uuid("unit_id").notNull(),
    change: text("change", {
      enum: ["created", "edited", "status_changed", "handed_over", "verified", "imported", "removed"],
    }).notNull(),
    status: text("status", { enum: channelStatusValues }).notNull(),
    fromUnitId: uuid("from_unit_id"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    actorId: uuid("actor_id"),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channel_history_channel_idx").on(t.channelId, t.id)],
);

/**
 * Pages a checker confirmed impersonate a registered channel: the public lookup answers
 * "impersonation" for their canonical key and names the real channel. Confirmed by the verification
 * desk through the channels module's index; lifted the same way.
 */
export const channelImpersonations = pgTable(
  "channel_impersonations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    key: text("key").notNull(),
    platform: text("platform", { enum: channelPlatformValues }),
    url: text("url").notNull(),
    displayName: text("display_name").notNull(),
    /** The real channel it imitates. */
    channelId: uuid("channel_id").notNull(),
    /** The desk's record it came from (an impersonation candidate's id). */
    sourceId: uuid("source_id"),
    confirmedBy: uuid("confirmed_by"),
    confirmedAt: timestamp("confirmed_at", { withTimezone: true }).notNull().defaultNow(),
    liftedAt: timestamp("lifted_at", { withTimezone: true }),
  },
  (t) => [uniqueIndex("channel_impersonations_key_idx").on(t.key).where(sql`lifted_at is null`)],
);
