import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ApiError } from "../../backend/client.ts";
import { api } from "../../backend/typed-client.ts";
import type {
  Channel,
  ChannelPlatform,
  PostDetail,
  Variant,
  VariantHistoryEntry,
  VariantProblem,
  VariantStatus,
  VariantTarget,
} from "../../backend/types.ts";
import { variantStatuses } from "../../backend/types.ts";

/** The status a list or calendar filter names; one typed into the address by hand that names none is left out. */
export function knownStatus(value: string): VariantStatus | undefined {
  return variantStatuses.find((known) => known === value);
}

/** The registry platforms the desk publishes to, and the kind of variant each gets (as the server maps them). */
export const targetOfPlatform: Partial<Record<ChannelPlatform, VariantTarget>> = {
  website: "portal",
  facebook_page: "facebook_page",
  zalo_oa: "zalo_oa",
  youtube: "youtube",
  tiktok: "tiktok",
};

/** Portal and Zalo articles keep HTML; social networks take plain text (same rule as the server's limits). */
export function isArticleTarget(target: VariantTarget): boolean {
  return target === "portal" || target === "zalo_oa";
}

/**
 * What the forms need to know about each platform before the server checks it: the text limit for
 * the live counter, which fields exist, and what the media picker may offer.
 */
export const targetRules: Record<
  VariantTarget,
  {
    title: boolean;
    titleMax: number | null;
    bodyMax: number;
    link: boolean;
    media: { kind?: "image" | "video"; max: number };
    byHand: boolean;
  }
> = {
  portal: { title: true, titleMax: 200, bodyMax: 200_000, link: false, media: { max: 50 }, byHand: false },
  facebook_page: {
    title: false,
    titleMax: null,
    bodyMax: 63_206,
    link: true,
    media: { max: 10 },
    byHand: false,
  },
  zalo_oa: {
    title: true,
    titleMax: 150,
    bodyMax: 100_000,
    link: true,
    media: { kind: "image", max: 20 },
    byHand: false,
  },
  youtube: {
    title: true,
    titleMax: 100,
    bodyMax: 5_000,
    link: false,
    media: { kind: "video", max: 1 },
    byHand: true,
  },
  tiktok: {
    title: false,
    titleMax: null,
    bodyMax: 2_200,
    link: false,
    media: { kind: "video", max: 1 },
    byHand: true,
  },
};

/** Characters as the platforms count them (code points, so a Vietnamese letter or an emoji is one). */
export function charCount(text: string): number {
  return [...text.trim()].length;
}

export const postKeys = {
  all: ["posts"] as const,
  detail: (id: string) => ["posts", "detail", id] as const,
  history: (variantId: string) => ["posts", "history", variantId] as const,
  versions: (id: string) => ["posts", "versions", id] as const,
  calendar: ["posts", "calendar"] as const,
};

export function fetchPost(id: string): Promise<PostDetail> {
  return api("GET", "/api/posts/:id", { params: { id } });
}

export function fetchHistory(variantId: string): Promise<{ items: VariantHistoryEntry[] }> {
  return api("GET", "/api/variants/:id/history", { params: { id: variantId } });
}

/** The active channels of exactly this unit that the desk can publish to. */
export async function fetchPublishableChannels(unitId: string): Promise<Channel[]> {
  const page = await api("GET", "/api/channels", { query: { unitId, status: "active", pageSize: 200 } });
  return page.items.filter((channel) => channel.unitId === unitId && targetOfPlatform[channel.platform]);
}

export type VariantAction =
  | { kind: "submit" }
  | { kind: "approve"; comment?: string }
  | { kind: "reject"; reason: string }
  | { kind: "schedule"; at: string }
  | { kind: "unschedule" }
  | { kind: "publish-now" }
  | { kind: "published-by-hand"; externalUrl: string };

export function runVariantAction(variantId: string, action: VariantAction): Promise<Variant> {
  const params = { id: variantId };
  switch (action.kind) {
    case "reject":
      return api("POST", "/api/variants/:id/reject", { params, body: { reason: action.reason } });
    case "schedule":
      return api("POST", "/api/variants/:id/schedule", { params, body: { at: action.at } });
    case "published-by-hand":
      return api("POST", "/api/variants/:id/published-by-hand", {
        params,
        body: { externalUrl: action.externalUrl },
      });
    case "submit":
      return api("POST", "/api/variants/:id/submit", { params });
    case "approve":
      return api("POST", "/api/variants/:id/approve", { params, body: { comment: action.comment } });
    case "unschedule":
      return api("POST", "/api/variants/:id/unschedule", { params });
    case "publish-now":
      return api("POST", "/api/variants/:id/publish-now", { params });
  }
}

/** A variant action; afterwards every cached post, list and calendar may show the old status. */
export function useVariantAction(variantId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (action: VariantAction) => runVariantAction(variantId, action),
    onSettled: () => client.invalidateQueries({ queryKey: postKeys.all }),
  });
}

/** The platform problems a refused submit carries (422 publishing.limits), if that is what it was. */
export function problemsOf(error: unknown): VariantProblem[] {
  if (error instanceof ApiError && error.code === "publishing.limits" && Array.isArray(error.errors)) {
    return error.errors as VariantProblem[];
  }
  return [];
}

/** The zod validation failure of one field, when the server names it. */
export function fieldErrorOf(error: unknown, field: string): boolean {
  return (
    error instanceof ApiError &&
    error.code === "validation.invalid" &&
    Array.isArray(error.errors) &&
    (error.errors as { field?: string }[]).some((issue) => issue.field === field)
  );
}
