import {
  callPlatform,
  DEFAULT_TIMEOUT_MS,
  type PlatformAnswer,
  platformWords,
  retryAfterSeconds,
  unreachableOutcome,
} from "./http.ts";
import type { ConnectionForPublish, PublishingConnector, PublishOutcome } from "./types.ts";

/*
 * YouTube through the YouTube Data API v3 (developers.google.com/youtube/v3/docs/channels/list,
 * /youtube/v3/docs/errors): GET /channels?part=statistics&id={channel id}&key={API key} gives the
 * public subscriber, view and video counts. Statistics are public, so the connection's token is an
 * API key, not an OAuth token. Videos are uploaded by hand: publish always hands the variant to a
 * person, and nothing is ever posted to YouTube from here.
 */

type Failure = Exclude<PublishOutcome, { kind: "published" }>;

export interface ChannelStatistics {
  kind: "statistics";
  channelId: string;
  /** Null when the channel hides its subscriber count. */
  subscribers: number | null;
  views: number;
  videos: number;
  fetchedAt: Date;
}

interface GoogleError {
  code?: number;
  message?: string;
  errors?: { reason?: string; domain?: string; message?: string }[];
  details?: { reason?: string }[];
}

/** Seconds to the next midnight in California, when the Data API's daily quota is reset. */
function untilQuotaReset(now: Date): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: "America/Los_Angeles",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
  }).formatToParts(now);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  const elapsed = value("hour") * 3600 + value("minute") * 60 + value("second");
  return Math.max(60, 24 * 3600 - elapsed);
}

export function classifyYoutubeAnswer(answer: PlatformAnswer, now: Date): Failure {
  const error = (answer.json as { error?: GoogleError } | null)?.error;
  const reasons = [...(error?.errors ?? []), ...(error?.details ?? [])].map((item) => item.reason ?? "");
  // Google's messages carry HTML links ("your <a href=…>quota</a>"); keep the words only.
  const message = platformWords((error?.message ?? `HTTP ${answer.status}`).replace(/<[^>]*>/g, ""));
  if (reasons.includes("quotaExceeded") || reasons.includes("dailyLimitExceeded")) {
    return { kind: "retry", code: "quota_exceeded", message, retryAfterSeconds: untilQuotaReset(now) };
  }
  if (
    answer.status === 429 ||
    reasons.includes("rateLimitExceeded") ||
    reasons.includes("userRateLimitExceeded")
  ) {
    const retryAfter = retryAfterSeconds(answer.headers, now);
    return {
      kind: "retry",
      code: "rate_limited",
      message,
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  if (answer.status >= 500) {
    return { kind: "retry", code: "server_error", message };
  }
  if (
    answer.status === 401 ||
    reasons.some((reason) =>
      ["keyInvalid", "API_KEY_INVALID", "keyExpired", "API_KEY_EXPIRED"].includes(reason),
    ) ||
    /API key (not valid|expired)/i.test(message)
  ) {
    return { kind: "needs_person", code: "token_expired", message };
  }
  if (answer.status === 403) {
    return { kind: "needs_person", code: "permission_missing", message };
  }
  return { kind: "needs_person", code: error ? "invalid_request" : "platform_error", message };
}

/** Subscribers, views and videos of the connection's channel, or why they could not be read. */
export async function fetchChannelStatistics(
  connection: ConnectionForPublish,
  options: { timeoutMs?: number; now?: () => Date } = {},
): Promise<ChannelStatistics | Failure> {
  const now = options.now ?? (() => new Date());
  if (!connection.token || !connection.accountId) {
    return {
      kind: "needs_person",
      code: connection.token ? "account_missing" : "token_missing",
      message:
        "Cần khóa API YouTube và mã kênh (UC…). / The YouTube API key and the channel id (UC…) are needed.",
    };
  }
  const query = new URLSearchParams({ part: "statistics", id: connection.accountId, key: connection.token });
  const answer = await callPlatform(`${connection.baseUrl.replace(/\/+$/, "")}/channels?${query}`, {
    method: "GET",
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: { accept: "application/json" },
  });
  if (answer.kind === "unreachable") {
    return unreachableOutcome(answer);
  }
  if (answer.status !== 200) {
    return classifyYoutubeAnswer(answer, now());
  }
  const items = ((answer.json as { items?: unknown[] } | null)?.items ?? []) as {
    id?: string;
    statistics?: Record<string, unknown>;
  }[];
  const channel = items.find((item) => item.id === connection.accountId) ?? items[0];
  if (!channel?.statistics) {
    return {
      kind: "needs_person",
      code: "channel_not_found",
      message: `YouTube không có kênh ${connection.accountId}. / YouTube has no channel ${connection.accountId}.`,
    };
  }
  const stats = channel.statistics;
  // The API sends counts as strings (they can exceed 2^31).
  const count = (value: unknown) => Number(value ?? 0);
  return {
    kind: "statistics",
    channelId: channel.id ?? connection.accountId,
    subscribers: stats.hiddenSubscriberCount === true ? null : count(stats.subscriberCount),
    views: count(stats.viewCount),
    videos: count(stats.videoCount),
    fetchedAt: now(),
  };
}

export const youtubeConnector: PublishingConnector = {
  target: "youtube",
  async publish() {
    return {
      kind: "needs_person",
      code: "manual_upload",
      message:
        "Video YouTube được tải lên bằng tay trong YouTube Studio; vui lòng đăng rồi ghi nhận địa chỉ bài. / YouTube videos are uploaded by hand in YouTube Studio; upload it, then record its link.",
    };
  },
  // Nothing is ever sent to YouTube, so nothing can have arrived there.
  async findPublished() {
    return null;
  },
};
