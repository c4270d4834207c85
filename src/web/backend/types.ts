/**
 * The shapes the web app reads from the API, as they arrive in JSON (dates are ISO strings).
 * They mirror the zod response schemas in the server modules' schema.ts files.
 */

import type { z } from "zod";
import type {
  campaignReportSchema,
  campaignSchema,
  createCampaignBody,
  createKitBody,
  followerCountBody,
  kitSchema,
  rankingConsentBody,
  updateCampaignBody,
  updateKitBody,
} from "../../shared/api/advocacy.ts";
import type {
  apiTokenSchema,
  auditEventSchema,
  rolePolicySchema,
  sessionResponse,
} from "../../shared/api/auth.ts";
import type {
  channelHistoryEntry,
  channelPlatformSchema,
  channelSchema,
  channelStatusSchema,
  registerChannelBody,
  updateChannelBody,
} from "../../shared/api/channels.ts";
import type {
  declarationStatusValues,
  declareBody,
  ownDeclarationSchema,
  ownDeclarationsResponse,
  reportBody,
} from "../../shared/api/declarations.ts";
import type { mediaItemSchema, mediaKindValues, uploadedMediaSchema } from "../../shared/api/media.ts";
import type { importRowError, personSchema, unitSummary, unitWithHistory } from "../../shared/api/org.ts";
import type {
  calendarResponse,
  createPostBody,
  historyResponse,
  policyBody,
  policyResponse,
  postDetail,
  postListResponse,
  problemSchema,
  storiesResponse,
  updatePostBody,
  updateVariantBody,
  variantSchema,
  variantStatus,
  variantTarget,
  versionsResponse,
} from "../../shared/api/publishing.ts";

export {
  type Permission,
  permissions,
  type Role,
  roles,
  type UnitKind,
  unitKinds,
} from "../../shared/organisation.ts";

export interface LocalizedMessage {
  vi: string;
  en: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
}

// Sign-in, API tokens, role policies and the audit log: derived from the shared API contract
// (src/shared/api/auth.ts), which the server's routes use too.
export type Session = AsJson<z.infer<typeof sessionResponse>>;
export type SignedInSession = Extract<Session, { authenticated: true }>;
export type AuditEvent = AsJson<z.infer<typeof auditEventSchema>>;
export type ApiToken = AsJson<z.infer<typeof apiTokenSchema>>;
export type RolePolicy = z.infer<typeof rolePolicySchema>;

// Units, people and their roles: derived from the shared API contract (src/shared/api/org.ts), which
// the server's routes use too. A call's answer is typed by its route (typed-client.ts); these name the
// shapes that components pass around.
export type UnitSummary = AsJson<z.infer<typeof unitSummary>>;
export type UnitDetail = AsJson<z.infer<typeof unitWithHistory>>;
export type Person = AsJson<z.infer<typeof personSchema>>;
export type ImportRowError = z.infer<typeof importRowError>;

// Channels: derived from the shared API contract (src/shared/api/channels.ts), which the server's
// routes use too; type-only imports, with dates turned into the ISO strings that JSON actually carries.

/** A response type as it arrives over JSON: every Date becomes an ISO string. */
export type AsJson<T> = T extends Date
  ? string
  : T extends readonly (infer Item)[]
    ? AsJson<Item>[]
    : T extends object
      ? { [Key in keyof T]: AsJson<T[Key]> }
      : T;

export type ChannelPlatform = z.infer<typeof channelPlatformSchema>;
export type ChannelStatus = z.infer<typeof channelStatusSchema>;
export type Channel = AsJson<z.infer<typeof channelSchema>>;
export type ChannelHistoryEntry = AsJson<z.infer<typeof channelHistoryEntry>>;
export type RegisterChannelBody = z.input<typeof registerChannelBody>;
export type UpdateChannelBody = z.input<typeof updateChannelBody>;

/** Every platform, in the order the forms offer them (the type check keeps it complete). */
export const channelPlatforms = [
  "website",
  "facebook_page",
  "facebook_group",
  "zalo_oa",
  "zalo_group",
  "youtube",
  "tiktok",
  "other",
] as const satisfies readonly ChannelPlatform[];
export const channelStatuses = [
  "active",
  "closed",
  "lost_control",
] as const satisfies readonly ChannelStatus[];
/** True when `Listed` names every member of `All`. */
type Covers<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : false;
type MustBeTrue<T extends true> = T;
/** A platform or status added on the server but missing from the lists above fails the type check here. */
export type ChannelListsComplete = MustBeTrue<
  Covers<ChannelPlatform, (typeof channelPlatforms)[number]> &
    Covers<ChannelStatus, (typeof channelStatuses)[number]>
>;

// Members' account declarations: derived from the shared API contract (src/shared/api/declarations.ts),
// which the server's routes use too. A call's answer is typed by its route (typed-client.ts); these
// name the shapes that components pass around.
export type DeclarationStatus = (typeof declarationStatusValues)[number];
export type OwnDeclaration = AsJson<z.infer<typeof ownDeclarationSchema>>;
export type OwnDeclarations = AsJson<z.infer<typeof ownDeclarationsResponse>>;
export type DeclareBody = z.input<typeof declareBody>;
export type ReportBody = z.input<typeof reportBody>;

// The media library of each unit (images and videos that posts use).

export type MediaKind = (typeof mediaKindValues)[number];
export type MediaItem = AsJson<z.infer<typeof mediaItemSchema>>;
export type UploadedMedia = AsJson<z.infer<typeof uploadedMediaSchema>>;

// The publishing desk: posts, their variant per channel, the calendar and the approval rules.

export type VariantStatus = z.infer<typeof variantStatus>;
export type VariantTarget = z.infer<typeof variantTarget>;
export type PostDetail = AsJson<z.infer<typeof postDetail>>;
export type VariantDetail = PostDetail["variants"][number];
export type VariantProblem = z.infer<typeof problemSchema>;
export type Variant = AsJson<z.infer<typeof variantSchema>>;
export type PostListPage = AsJson<z.infer<typeof postListResponse>>;
export type PostListItem = PostListPage["items"][number];
export type PostVersion = AsJson<z.infer<typeof versionsResponse>>["items"][number];
export type VariantHistoryEntry = AsJson<z.infer<typeof historyResponse>>["items"][number];
export type CalendarItem = AsJson<z.infer<typeof calendarResponse>>["items"][number];
export type ApprovalPolicy = AsJson<z.infer<typeof policyResponse>>;
export type ApprovalPolicyBody = z.input<typeof policyBody>;
export type CreatePostBody = z.input<typeof createPostBody>;
export type UpdatePostBody = z.input<typeof updatePostBody>;
export type UpdateVariantBody = z.input<typeof updateVariantBody>;

/** Every variant status in its life's order, and every target (the type check keeps both complete). */
export const variantStatuses = [
  "draft",
  "in_review",
  "approved",
  "scheduled",
  "publishing",
  "published",
  "failed",
] as const satisfies readonly VariantStatus[];
export const variantTargets = [
  "portal",
  "facebook_page",
  "zalo_oa",
  "youtube",
  "tiktok",
] as const satisfies readonly VariantTarget[];
export type PublishingListsComplete = MustBeTrue<
  Covers<VariantStatus, (typeof variantStatuses)[number]> &
    Covers<VariantTarget, (typeof variantTargets)[number]>
>;

// Stories members send to their unit's editorial board.
export type MyStory = AsJson<z.infer<typeof storiesResponse>>["items"][number];

// Member advocacy: share kits, members' feed and tracked links, campaigns and their reports.

export type Kit = AsJson<z.infer<typeof kitSchema>>;
export type CreateKitBody = z.input<typeof createKitBody>;
export type UpdateKitBody = z.input<typeof updateKitBody>;
export type Campaign = AsJson<z.infer<typeof campaignSchema>>;
export type CampaignGoal = Campaign["goalKind"];
export type CampaignReport = AsJson<z.infer<typeof campaignReportSchema>>;
export type CreateCampaignBody = z.input<typeof createCampaignBody>;
export type UpdateCampaignBody = z.input<typeof updateCampaignBody>;
export type FollowerCountBody = z.input<typeof followerCountBody>;
export type RankingConsentBody = z.input<typeof rankingConsentBody>;

/** Every goal kind in the order the forms offer them (the type check keeps the list complete). */
export const campaignGoals = ["clicks", "shares", "followers"] as const satisfies readonly CampaignGoal[];
export type AdvocacyListsComplete = MustBeTrue<Covers<CampaignGoal, (typeof campaignGoals)[number]>>;
