import { api, apiGet, withQuery } from "../../backend/client.ts";
import type {
  Campaign,
  CampaignListPage,
  CampaignReport,
  FollowerCount,
  Kit,
  KitListPage,
  KitReport,
  RankingConsent,
  RankingConsentBody,
} from "../../backend/types.ts";
import { vietnamToday } from "../../i18n/format.ts";

/** Cache keys: every change to a kit or campaign refreshes everything under `all`. */
export const advocacyKeys = {
  all: ["advocacy"] as const,
  feed: ["advocacy", "feed"] as const,
  consent: ["advocacy", "consent"] as const,
  kits: ["advocacy", "kits"] as const,
  kit: (id: string) => ["advocacy", "kits", "detail", id] as const,
  kitReport: (id: string, from: string, to: string) => ["advocacy", "kits", "report", id, from, to] as const,
  campaigns: ["advocacy", "campaigns"] as const,
  campaign: (id: string) => ["advocacy", "campaigns", "detail", id] as const,
  campaignReport: (id: string) => ["advocacy", "campaigns", "report", id] as const,
  followers: (id: string) => ["advocacy", "campaigns", "followers", id] as const,
};

export function fetchConsent(): Promise<RankingConsent> {
  return apiGet<RankingConsent>("/api/me/ranking-consent");
}

export function saveConsent(body: RankingConsentBody): Promise<RankingConsent> {
  return api<RankingConsent>("PUT", "/api/me/ranking-consent", body);
}

export interface KitFilters {
  unitId?: string;
  campaignId?: string;
  status?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function fetchKits(filters: KitFilters): Promise<KitListPage> {
  return apiGet<KitListPage>("/api/share-kits", { ...filters });
}

export function fetchKit(id: string): Promise<Kit> {
  return apiGet<Kit>(`/api/share-kits/${id}`);
}

export function fetchKitReport(id: string, from: string, to: string): Promise<KitReport> {
  return apiGet<KitReport>(`/api/share-kits/${id}/report`, { from, to });
}

/** Where the kit's report spreadsheet downloads from, for the same period as on screen. */
export function kitReportXlsxUrl(id: string, from: string, to: string): string {
  return withQuery(`/api/share-kits/${id}/report.xlsx`, { from, to });
}

/** The card image in one of its two sizes (the server's address, with the size added). */
export function cardUrlOf(cardUrl: string, size: "1200x630" | "1080x1080"): string {
  return `${cardUrl}${cardUrl.includes("?") ? "&" : "?"}size=${size}`;
}

export interface CampaignFilters {
  unitId?: string;
  state?: string;
  page?: number;
  pageSize?: number;
}

export function fetchCampaigns(filters: CampaignFilters): Promise<CampaignListPage> {
  return apiGet<CampaignListPage>("/api/campaigns", { ...filters });
}

export function fetchCampaign(id: string): Promise<Campaign> {
  return apiGet<Campaign>(`/api/campaigns/${id}`);
}

export function fetchCampaignReport(id: string): Promise<CampaignReport> {
  return apiGet<CampaignReport>(`/api/campaigns/${id}/report`);
}

export function fetchFollowers(id: string): Promise<{ items: FollowerCount[] }> {
  return apiGet<{ items: FollowerCount[] }>(`/api/campaigns/${id}/followers`);
}

export type CampaignState = "upcoming" | "running" | "ended";

/** Where a campaign stands today in Vietnam (its dates are whole days there). */
export function campaignStateOf(campaign: Pick<Campaign, "startsOn" | "endsOn">): CampaignState {
  const today = vietnamToday();
  if (today < campaign.startsOn) {
    return "upcoming";
  }
  return today > campaign.endsOn ? "ended" : "running";
}

export const campaignStateColors: Record<CampaignState, string> = {
  upcoming: "gray",
  running: "green",
  ended: "dark",
};

/** A kit's state as the list filter names it: withdrawn, expired, or live in members' feeds. */
export function kitStateOf(kit: Pick<Kit, "status" | "live">): "live" | "expired" | "withdrawn" {
  if (kit.status === "withdrawn") {
    return "withdrawn";
  }
  return kit.live ? "live" : "expired";
}

export const kitStateColors = { live: "green", expired: "gray", withdrawn: "red" } as const;

/** A share of the goal reached, 0–100, for a progress bar. */
export function progressPercent(progress: number, target: number): number {
  if (target <= 0) {
    return 0;
  }
  return Math.min(100, Math.round((progress / target) * 1000) / 10);
}
