/**
 * The advocacy API contract (share kits, members' feed, ranking consent, campaigns), shared by the
 * server's routes and the web's typed client: the enums, the request and response schemas, and
 * `advocacyEndpoints`, which names each route's schemas. Shared code imports no server code: the
 * database schema takes its enum lists from here.
 */
import { z } from "zod";

export const kitStatusValues = ["active", "withdrawn"] as const;
export const deviceClassValues = ["mobile", "tablet", "desktop", "other"] as const;
export const campaignGoalValues = ["clicks", "shares", "followers"] as const;
/** How a member said they shared a kit; only what they tapped, never what they posted. */
export const shareMethodValues = ["native", "zalo", "facebook", "copy", "other"] as const;
/** The share card's sizes (the share-cards module draws them; the kit routes check the lists agree). */
/** A kit as the list filter names it: live in members' feeds, past its expiry, or withdrawn. */
export const kitStateValues = ["live", "expired", "withdrawn"] as const;
/** A campaign as the list filter names it, by its dates. */
export const campaignStateValues = ["upcoming", "running", "ended"] as const;
export const kitCardSizeValues = ["1200x630", "1080x1080"] as const;

const pageQuery = {
  page: z.coerce.number().int().min(1).optional(),
  pageSize: z.coerce.number().int().min(1).max(200).optional(),
};
const dateOnly = z.iso.date();

export const idParams = z.object({ id: z.uuid() });

const caption = z.string().trim().min(1).max(2000);

export const createKitBody = z
  .object({
    /** The unit making the kit; the editor needs `advocacy.manage` on it. */
    unitId: z.uuid(),
    /** A published post of the unit's subtree: the kit leads to its portal article (or its first published page). */
    postId: z.uuid().optional(),
    /** Or an address on an official channel of the registry (a fanpage post, a video…). */
    url: z.string().trim().min(1).max(2000).optional(),
    /** Defaults to the post's title. */
    title: z.string().trim().min(1).max(300).optional(),
    captions: z.array(caption).min(1).max(10),
    /** Units whose members see the kit; the making unit when absent. Each must be within the editor's scope. */
    targetUnitIds: z.array(z.uuid()).min(1).max(200).optional(),
    campaignId: z.uuid().optional(),
    expiresAt: z.coerce.date().optional(),
  })
  .refine((body) => Boolean(body.postId) !== Boolean(body.url), {
    path: ["url"],
    message: "give either postId or url",
  });

export const updateKitBody = z.object({
  title: z.string().trim().min(1).max(300).optional(),
  captions: z.array(caption).min(1).max(10).optional(),
  targetUnitIds: z.array(z.uuid()).min(1).max(200).optional(),
  campaignId: z.uuid().nullable().optional(),
  expiresAt: z.coerce.date().nullable().optional(),
});

const unitRef = z.object({ id: z.string(), name: z.string() });

export const kitSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitPath: z.string(),
  postId: z.string().nullable(),
  targetUrl: z.string(),
  title: z.string(),
  captions: z.array(z.string()),
  targetUnits: z.array(unitRef),
  campaign: unitRef.nullable(),
  expiresAt: z.date().nullable(),
  status: z.enum(kitStatusValues),
  /** active and not expired: shown in members' feeds */
  live: z.boolean(),
  /** Whether the server accepts withdrawing the kit now (it is not withdrawn). */
  canWithdraw: z.boolean(),
  /** Whether the server accepts reinstating the kit now (it is withdrawn). */
  canReinstate: z.boolean(),
  /** Address of the card image (PNG) for the signed-in reader; `?size=1080x1080` for the square one. */
  cardUrl: z.string(),
  createdAt: z.date(),
  createdByName: z.string().nullable(),
  totals: z.object({ links: z.number(), clicks: z.number(), previews: z.number(), shares: z.number() }),
});
export type KitView = z.infer<typeof kitSchema>;

export const listKitsQuery = z.object({
  unitId: z.uuid().optional(),
  campaignId: z.uuid().optional(),
  status: z.enum(kitStateValues).optional(),
  q: z.string().trim().max(200).optional(),
  ...pageQuery,
});

export const kitListResponse = z.object({
  items: z.array(kitSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const feedItemSchema = z.object({
  id: z.string(),
  title: z.string(),
  captions: z.array(z.string()),
  unitName: z.string(),
  campaign: unitRef.nullable(),
  expiresAt: z.date().nullable(),
  createdAt: z.date(),
  cardUrl: z.string(),
  /** The member's own tracked link: share this, not the target. */
  link: z.object({ code: z.string(), url: z.string() }),
  /** Where the link leads, to show the member before they share. */
  targetUrl: z.string(),
  sharedAt: z.date().nullable(),
  sharedMethod: z.enum(shareMethodValues).nullable(),
});
export type FeedItem = z.infer<typeof feedItemSchema>;

export const feedResponse = z.object({
  items: z.array(feedItemSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});
export const feedQuery = z.object(pageQuery);

export const markSharedBody = z.object({ method: z.enum(shareMethodValues).default("other") });
export const sharedResponse = z.object({
  kitId: z.string(),
  sharedAt: z.date().nullable(),
  method: z.enum(shareMethodValues).nullable(),
});

export const reportQuery = z.object({
  from: dateOnly.optional(),
  to: dateOnly.optional(),
});

const counts = {
  clicks: z.number(),
  previews: z.number(),
  bots: z.number(),
  uniqueVisitors: z.number(),
};

export const kitReportSchema = z.object({
  kitId: z.string(),
  title: z.string(),
  from: z.string(),
  to: z.string(),
  totals: z.object({ ...counts, shares: z.number(), links: z.number() }),
  /** Per day in Vietnam time, every day of the period (zeros included). */
  byDay: z.array(z.object({ day: z.string(), clicks: z.number(), previews: z.number() })),
  /** By the unit the sharing members belong to. */
  byUnit: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      clicks: z.number(),
      previews: z.number(),
      shares: z.number(),
    }),
  ),
  byReferrer: z.array(z.object({ domain: z.string(), clicks: z.number() })),
  byDevice: z.array(z.object({ device: z.enum(deviceClassValues), clicks: z.number() })),
});
export type KitReport = z.infer<typeof kitReportSchema>;

export const createCampaignBody = z
  .object({
    unitId: z.uuid(),
    name: z.string().trim().min(1).max(300),
    description: z.string().trim().max(5000).optional(),
    goalKind: z.enum(campaignGoalValues),
    goalTarget: z.number().int().min(1).max(1_000_000_000),
    /** Required for a followers goal: a registry channel of the unit's subtree. */
    channelId: z.uuid().optional(),
    startsOn: dateOnly,
    endsOn: dateOnly,
    /** The units on the leaderboard (each counts its subtree); the campaign's unit when absent. */
    unitIds: z.array(z.uuid()).min(1).max(500).optional(),
  })
  .refine((body) => body.startsOn <= body.endsOn, { path: ["endsOn"], message: "ends before it starts" })
  .refine((body) => body.goalKind !== "followers" || body.channelId, {
    path: ["channelId"],
    message: "a followers goal needs its channel",
  });

export const updateCampaignBody = z.object({
  name: z.string().trim().min(1).max(300).optional(),
  description: z.string().trim().max(5000).optional(),
  goalTarget: z.number().int().min(1).max(1_000_000_000).optional(),
  startsOn: dateOnly.optional(),
  endsOn: dateOnly.optional(),
  unitIds: z.array(z.uuid()).min(1).max(500).optional(),
});

export const campaignSchema = z.object({
  id: z.string(),
  unitId: z.string(),
  unitName: z.string(),
  unitPath: z.string(),
  name: z.string(),
  description: z.string(),
  goalKind: z.enum(campaignGoalValues),
  goalTarget: z.number(),
  channel: z.object({ id: z.string(), displayName: z.string(), url: z.string() }).nullable(),
  startsOn: z.string(),
  endsOn: z.string(),
  units: z.array(unitRef),
  /** Reached so far towards the goal (clicks, shares, or the latest follower count). */
  progress: z.number(),
  kitCount: z.number(),
  createdAt: z.date(),
});
export type CampaignView = z.infer<typeof campaignSchema>;

export const listCampaignsQuery = z.object({
  unitId: z.uuid().optional(),
  state: z.enum(campaignStateValues).optional(),
  ...pageQuery,
});

export const campaignListResponse = z.object({
  items: z.array(campaignSchema),
  total: z.number(),
  page: z.number(),
  pageSize: z.number(),
});

export const followerCountBody = z.object({
  onDate: dateOnly,
  followers: z.number().int().min(0).max(2_000_000_000),
});
export const followerCountSchema = z.object({
  onDate: z.string(),
  followers: z.number(),
  enteredByName: z.string().nullable(),
});

export const campaignReportSchema = z.object({
  campaign: campaignSchema,
  totals: z.object({ ...counts, shares: z.number() }),
  byDay: z.array(z.object({ day: z.string(), clicks: z.number(), previews: z.number(), shares: z.number() })),
  /** The participating units, ranked by total; `perMember` divides by the subtree's active members. */
  leaderboard: z.array(
    z.object({
      unitId: z.string(),
      unitName: z.string(),
      members: z.number(),
      clicks: z.number(),
      shares: z.number(),
      /** The goal's measure (clicks or shares) for this unit. */
      total: z.number(),
      perMember: z.number(),
      rankByTotal: z.number(),
      rankByPerMember: z.number(),
    }),
  ),
  /** Only members who opted in to be named; others are counted in their unit, never listed. */
  people: z.array(
    z.object({
      personId: z.string(),
      fullName: z.string(),
      unitName: z.string(),
      clicks: z.number(),
      shares: z.number(),
    }),
  ),
  followers: z.array(followerCountSchema),
  kits: z.array(
    z.object({
      id: z.string(),
      title: z.string(),
      clicks: z.number(),
      previews: z.number(),
      shares: z.number(),
    }),
  ),
});
export type CampaignReport = z.infer<typeof campaignReportSchema>;

export const rankingPurposeSchema = z.object({ version: z.string(), vi: z.string(), en: z.string() });
export const rankingConsentResponse = z.object({
  purpose: rankingPurposeSchema,
  optedIn: z.boolean(),
  consentedAt: z.date().nullable(),
});
export const rankingConsentBody = z.object({
  /** true to be named in rankings (the purpose version shown must be current), false to withdraw */
  optIn: z.boolean(),
  purposeVersion: z.string().min(1).max(50).optional(),
  locale: z.enum(["vi", "en"]).default("vi"),
});

export const deletedResponse = z.object({ deleted: z.number() });

export const followerCountsResponse = z.object({ items: z.array(followerCountSchema) });

export const kitCardQuery = z.object({
  size: z
    .enum(kitCardSizeValues)
    .default("1200x630")
    .describe("1200x630 (Zalo, Facebook) or 1080x1080 (square)"),
  download: z.enum(["0", "1"]).optional().describe("1: sent as an attachment to save"),
});
export const kitCardResponse = z.string().describe("The card, image/png");

export const xlsxResponse = z.string().describe("The report as an XLSX workbook");

/**
 * Every advocacy route by method and path, with the schemas its handler is declared with;
 * `response` is the success answer. The web's typed client derives each call's types from this map.
 */
export const advocacyEndpoints = {
  "POST /api/share-kits": { body: createKitBody, response: kitSchema },
  "GET /api/share-kits": { query: listKitsQuery, response: kitListResponse },
  "GET /api/share-kits/:id": { params: idParams, response: kitSchema },
  "PATCH /api/share-kits/:id": { params: idParams, body: updateKitBody, response: kitSchema },
  "POST /api/share-kits/:id/withdraw": { params: idParams, response: kitSchema },
  "POST /api/share-kits/:id/reinstate": { params: idParams, response: kitSchema },
  "GET /api/share-kits/:id/report": { params: idParams, query: reportQuery, response: kitReportSchema },
  "GET /api/share-kits/:id/report.xlsx": { params: idParams, query: reportQuery, response: xlsxResponse },
  "GET /api/share-kits/:id/card.png": { params: idParams, query: kitCardQuery, response: kitCardResponse },
  "GET /api/me/share-feed": { query: feedQuery, response: feedResponse },
  "POST /api/me/share-feed/:id/shared": { params: idParams, body: markSharedBody, response: sharedResponse },
  "DELETE /api/me/share-feed/:id/shared": { params: idParams, response: sharedResponse },
  "GET /api/me/ranking-consent": { response: rankingConsentResponse },
  "PUT /api/me/ranking-consent": { body: rankingConsentBody, response: rankingConsentResponse },
  "POST /api/campaigns": { body: createCampaignBody, response: campaignSchema },
  "GET /api/campaigns": { query: listCampaignsQuery, response: campaignListResponse },
  "GET /api/campaigns/:id": { params: idParams, response: campaignSchema },
  "PATCH /api/campaigns/:id": { params: idParams, body: updateCampaignBody, response: campaignSchema },
  "GET /api/campaigns/:id/followers": { params: idParams, response: followerCountsResponse },
  "POST /api/campaigns/:id/followers": {
    params: idParams,
    body: followerCountBody,
    response: followerCountSchema,
  },
  "GET /api/campaigns/:id/report": { params: idParams, response: campaignReportSchema },
  "GET /api/campaigns/:id/report.xlsx": { params: idParams, response: xlsxResponse },
} as const;
