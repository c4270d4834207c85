import { sql } from "drizzle-orm";
import {
  bigint,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";
import { variantStatusValues, variantTargetValues } from "../../../shared/api/publishing.ts";

/*
 * Publishing desk: posts written once, a variant per target channel, approvals, the scheduler's
 * publish attempts, and the channels' connections (tokens encrypted at rest).
 */

/* The variant target and status lists are the API contract's (src/shared/api/publishing.ts). */
export { variantStatusValues, variantTargetValues };

export const posts = pgTable(
  "posts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    /** The owner unit: its approval policy applies. */
    unitId: uuid("unit_id").notNull(),
    title: text("title").notNull(),
    /** Sanitised HTML (the server's allow-list), never trusted from the client as is. */
    bodyHtml: text("body_html").notNull().default(""),
    summary: text("summary"),
    /** Topic tags, folded to lower case; some may be marked sensitive in the unit's policy. */
    tags: text("tags").array().notNull().default(sql`'{}'::text[]`),
    /** Media library ids, in order; the first image is the cover. */
    mediaIds: uuid("media_ids").array().notNull().default(sql`'{}'::uuid[]`),
    /** For the portal's article address. */
    slug: text("slug").notNull(),
    authorId: uuid("author_id"),
    /** A member who sent the story in (collaborator), credited on the post. */
    creditedPersonId: uuid("credited_person_id"),
    origin: text("origin", { enum: ["desk", "collaborator"] })
      .notNull()
      .default("desk"),
    /** Bumped on every saved change of the post or a variant; versions keep the earlier ones. */
    version: integer("version").notNull().default(1),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [
    index("posts_unit_idx").on(t.unitId, t.updatedAt),
    uniqueIndex("posts_unit_slug_idx").on(t.unitId, t.slug),
  ],
);

/** The post as it was at each version (post fields and every variant), for side-by-side comparison. */
export const postVersions = pgTable(
  "post_versions",
  {
    postId: uuid("post_id").notNull(),
    version: integer("version").notNull(),
    snapshot: jsonb("snapshot").$type<Record<string, unknown>>().notNull(),
    editorId: uuid("editor_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.postId, t.version] })],
);

export const postVariants = pgTable(
  "post_variants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    postId: uuid("post_id").notNull(),
    target: text("target", { enum: variantTargetValues }).notNull(),
    /** The registry channel it goes to (the unit's website for the portal). */
    channelId: uuid("channel_id").notNull(),
    title: text("title"),
    /** Plain text for social networks; sanitised HTML for portal and Zalo articles. */
    body: text("body").notNull().default(""),
    linkUrl: text("link_url"),
    mediaIds: uuid("media_ids").array().notNull().default(sql`'{}'::uuid[]`),
    status: text("status", { enum: variantStatusValues }).notNull().default("draft"),
    /** Approvals count only for the content they saw: a change resets them (and the status to draft). */
    contentVersion: integer("content_version").notNull().default(1),
    scheduledAt: timestamp("scheduled_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    externalId: text("external_id"),
    externalUrl: text("external_url"),
    /** The platform's own words when publishing failed, and whether a person must act. */
    failure: jsonb("failure").$type<{ code: string; message: string; needsPerson: boolean; at: string }>(),
    lastRejection: jsonb("last_rejection").$type<{ reason: string; by: string; at: string }>(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("post_variants_post_idx").on(t.postId),
    uniqueIndex("post_variants_post_channel_idx").on(t.postId, t.channelId),
    index("post_variants_schedule_idx").on(t.status, t.scheduledAt),
  ],
);

export const variantApprovals = pgTable(
  "variant_approvals",
  {
    variantId: uuid("variant_id").notNull(),
    contentVersion: integer("content_version").notNull(),
    /** 1: the unit's approval; 2: the second one that sensitive tags require. */
    level: integer("level").notNull(),
    approverId: uuid("approver_id").notNull(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.variantId, t.contentVersion, t.level] })],
);

/** Every status change of a variant: who, when, why. */
export const variantTransitions = pgTable(
  "variant_transitions",
  {
    id: bigint("id", { mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    variantId: uuid("variant_id").notNull(),
    fromStatus: text("from_status"),
    toStatus: text("to_status").notNull(),
    actorId: uuid("actor_id"),
    reason: text("reason"),
    details: jsonb("details").$type<Record<string, unknown>>(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("variant_transitions_variant_idx").on(t.variantId, t.id)],
);

/** A unit's approval rules; units without a row inherit the nearest ancestor's, else the defaults. */
export const approvalPolicies = pgTable("approval_policies", {
  unitId: uuid("unit_id").primaryKey(),
  approverRoles: text("approver_roles").array().notNull(),
  sensitiveTags: text("sensitive_tags").array().notNull().default(sql`'{}'::text[]`),
  secondApproverRoles: text("second_approver_roles").array().notNull().default(sql`'{}'::text[]`),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * One try at publishing a variant. Written (and committed) before the platform is called, with an
 * idempotency key; a retry that finds an unfinished attempt asks the platform before posting again.
 */
export const publishAttempts = pgTable(
  "publish_attempts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    variantId: uuid("variant_id").notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    outcome: text("outcome", { enum: ["published", "retry", "failed", "recovered"] }),
    externalId: text("external_id"),
    error: jsonb("error").$type<Record<string, unknown>>(),
  },
  (t) => [index("publish_attempts_variant_idx").on(t.variantId, t.startedAt)],
);

/** A registry channel connected for publishing: the platform account id and its token, encrypted. */
export const channelConnections = pgTable("channel_connections", {
  channelId: uuid("channel_id").primaryKey(),
  connector: text("connector", { enum: variantTargetValues }).notNull(),
  /** Page id, OA id, YouTube channel id… */
  accountId: text("account_id"),
  /** AES-256-GCM: iv | tag | ciphertext, base64; the key comes from the environment. */
  tokenSealed: text("token_sealed"),
  tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
  /** Zalo OA: the single-use refresh token (sealed), the app id and the app's secret key (sealed). */
  refreshTokenSealed: text("refresh_token_sealed"),
  appId: text("app_id"),
  appSecretSealed: text("app_secret_sealed"),
  /** Why the connection needs a reconnect (the platform's code), shown with the status. */
  statusReason: text("status_reason"),
  status: text("status", { enum: ["connected", "needs_reconnect"] })
    .notNull()
    .default("connected"),
  updatedBy: uuid("updated_by"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * A connection being made by signing in to the platform ("Kết nối bằng Facebook / Zalo"): the
 * `state` sent through the platform's dialog, kept as its SHA-256 like other one-time tokens, bound
 * to the person who started it, the channel and a 10-minute expiry, spent by the first callback.
 * Zalo's PKCE verifier is kept sealed; when several Facebook Pages were granted, the long-lived user
 * token waits here sealed (with the Pages' ids and names, never their tokens) while the person chooses.
 */
export const channelConnectFlows = pgTable(
  "channel_connect_flows",
  {
    stateHash: text("state_hash").primaryKey(),
    channelId: uuid("channel_id").notNull(),
    /** The channel's unit, so the row goes where the unit's rows go. */
    unitId: uuid("unit_id").notNull(),
    personId: uuid("person_id").notNull(),
    platform: text("platform", { enum: ["facebook_page", "zalo_oa"] }).notNull(),
    verifierSealed: text("verifier_sealed"),
    /** The chooser step: its own one-time token (hashed), the sealed user token, the Pages to choose from. */
    choiceHash: text("choice_hash").unique(),
    userTokenSealed: text("user_token_sealed"),
    pages: jsonb("pages").$type<{ id: string; name: string }[]>(),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("channel_connect_flows_created_idx").on(t.createdAt)],
);
