import type { campaignStateValues, kitStateValues } from "../../../shared/api/advocacy.ts";
import { withQuery } from "../../backend/client.ts";
import { api } from "../../backend/typed-client.ts";
import type { Campaign, Kit, RankingConsentBody } from "../../backend/types.ts";
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

export function fetchConsent() {
  return api("GET", "/api/me/ranking-consent");
}

export function saveConsent(body: RankingConsentBody) {
  return api("PUT", "/api/me/ranking-consent", { body });
}

/**
 * The states the list filters name, written out rather than imported from the shared contract so
 * that zod stays out of the web bundle; the Record types keep the lists complete.
 */
const kitStates: Record<(typeof kitStateValues)[number], true> = {
  live: true,
  expired: true,
  withdrawn: true,
};
const campaignStates: Record<(typeof campaignStateValues)[number], true> = {
  upcoming: true,
  running: true,
  ended: true,
};

/** The value a filter names if it is one of `values`; none for an empty or edited address. */
function knownValue<Value extends string>(
  values: Record<Value, true>,
  value: string | undefined,
): Value | undefined {
  return value !== undefined && Object.hasOwn(values, value) ? (value as Value) : undefined;
}

export interface KitFilters {
  unitId?: string;
  campaignId?: string;
  status?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export function fetchKits(filters: KitFilters) {
  return api("GET", "/api/share-kits", {
    query: { ...filters, status: knownValue(kitStates, filters.status) },
  });
}

export function fetchKit(id: string) {
  return api("GET", "/api/share-kits/:id", { params: { id } });
}

export function fetchKitReport(id: string, from: string, to: string) {
  return api("GET", "/api/share-kits/:id/report", { params: { id }, query: { from, to } });
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

export function fetchCampaigns(filters: CampaignFilters) {
  return api("GET", "/api/campaigns", {
    query: { ...filters, state: knownValue(campaignStates, filters.state) },
  });
}

export function fetchCampaign(id: string) {
  return api("GET", "/api/campaigns/:id", { params: { id } });
}

export function fetchCampaignReport(id: string) {
  return api("GET", "/api/campaigns/:id/report", { params: { id } });
}

export function fetchFollowers(id: string) {
  return api("GET", "/api/campaigns/:id/followers", { params: { id } });
}

export type CampaignState = (typeof campaignStateValues)[number];

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
