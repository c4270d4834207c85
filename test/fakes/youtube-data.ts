import { randomBytes } from "node:crypto";
import { type FakeServer, sendJson, startFakeServer } from "./fake-http.ts";

/*
 * A local YouTube Data API v3, following developers.google.com/youtube/v3/docs/channels/list
 * (GET /youtube/v3/channels?part=statistics&id=…&key=… → {"kind":"youtube#channelListResponse",
 * "pageInfo":{…},"items":[{"kind":"youtube#channel","id","statistics":{"viewCount","subscriberCount",
 * "hiddenSubscriberCount","videoCount"}}]}; counts are strings) and the error shapes of
 * /youtube/v3/docs/errors and Google's API key errors: {"error":{"code","message","errors":[{"message",
 * "domain","reason"}],"status"}} with reasons keyInvalid/API_KEY_INVALID (400), quotaExceeded (403),
 * rateLimitExceeded (403, no Retry-After), backendError (500). API keys do not expire, but can be
 * deleted (revokeKey).
 */

export type YoutubeMode = "ok" | "quota_exceeded" | "rate_limited" | "server_error" | "hang";

export interface FakeChannel {
  id: string;
  subscribers: number;
  hidden: boolean;
  views: number;
  videos: number;
}

export interface FakeYoutube extends FakeServer {
  baseUrl: string;
  apiKey: string;
  channels: Map<string, FakeChannel>;
  setMode(mode: YoutubeMode): void;
  /** The key was deleted in the Google Cloud console: from now on it is "not valid". */
  revokeKey(): void;
}

function googleError(code: number, message: string, reason: string, domain: string, status: string) {
  return { error: { code, message, errors: [{ message, domain, reason }], status } };
}

export async function startFakeYoutube(options: { apiKey?: string } = {}): Promise<FakeYoutube> {
  const apiKey = options.apiKey ?? `AIza${randomBytes(16).toString("hex")}`;
  const channels = new Map<string, FakeChannel>();
  let revoked = false;
  let mode: YoutubeMode = "ok";
  const server = await startFakeServer((request, response) => {
    if (mode === "hang") {
      return;
    }
    if (request.method !== "GET" || request.path !== "/youtube/v3/channels") {
      sendJson(response, 404, googleError(404, "Not Found", "notFound", "global", "NOT_FOUND"));
      return;
    }
    if (request.query.get("key") !== apiKey || revoked) {
      sendJson(response, 400, {
        error: {
          code: 400,
          message: "API key not valid. Please pass a valid API key.",
          errors: [
            {
              message: "API key not valid. Please pass a valid API key.",
              domain: "global",
              reason: "badRequest",
            },
          ],
          status: "INVALID_ARGUMENT",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "API_KEY_INVALID",
              domain: "googleapis.com",
            },
          ],
        },
      });
      return;
    }
    if (mode === "quota_exceeded") {
      sendJson(
        response,
        403,
        googleError(
          403,
          'The request cannot be completed because you have exceeded your <a href="/youtube/v3/getting-started#quota">quota</a>.',
          "quotaExceeded",
          "youtube.quota",
          "PERMISSION_DENIED",
        ),
      );
      return;
    }
    if (mode === "rate_limited") {
      // As the Data API sends it: 403 with the usageLimits reason, and no Retry-After.
      sendJson(
        response,
        403,
        googleError(403, "Rate limit exceeded", "rateLimitExceeded", "usageLimits", "PERMISSION_DENIED"),
      );
      return;
    }
    if (mode === "server_error") {
      sendJson(response, 500, googleError(500, "Backend Error", "backendError", "global", "INTERNAL"));
      return;
    }
    const parts = (request.query.get("part") ?? "").split(",");
    if (!parts.includes("statistics")) {
      sendJson(
        response,
        400,
        googleError(
          400,
          "No filter selected. Expected one of: forHandle, id, managedByMe, mine, forUsername, categoryId",
          "missingRequiredParameter",
          "youtube.parameter",
          "INVALID_ARGUMENT",
        ),
      );
      return;
    }
    const ids = (request.query.get("id") ?? "").split(",").filter(Boolean);
    const items = ids
      .map((id) => channels.get(id))
      .filter((channel): channel is FakeChannel => Boolean(channel))
      .map((channel) => ({
        kind: "youtube#channel",
        etag: randomBytes(8).toString("base64url"),
        id: channel.id,
        statistics: {
          viewCount: String(channel.views),
          ...(channel.hidden ? {} : { subscriberCount: String(channel.subscribers) }),
          hiddenSubscriberCount: channel.hidden,
          videoCount: String(channel.videos),
        },
      }));
    sendJson(response, 200, {
      kind: "youtube#channelListResponse",
      etag: randomBytes(8).toString("base64url"),
      pageInfo: { totalResults: items.length, resultsPerPage: 5 },
      ...(items.length > 0 ? { items } : {}),
    });
  });
  return {
    ...server,
    baseUrl: `${server.origin}/youtube/v3`,
    apiKey,
    channels,
    revokeKey() {
      revoked = true;
    },
    setMode(next) {
      mode = next;
    },
  };
}
