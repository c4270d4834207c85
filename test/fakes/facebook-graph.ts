import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { type FakeServer, type Received, sendJson, startFakeServer } from "./fake-http.ts";

/*
 * A local Graph API for one Facebook Page, following the documented requests and answers of:
 * - POST /{page-id}/feed (message, link, published, scheduled_publish_time, attached_media[n]) → {"id"}
 *   developers.facebook.com/docs/pages-api/posts, /docs/graph-api/reference/page/feed
 * - POST /{page-id}/photos (url, caption, published, temporary, scheduled_publish_time) → {"id","post_id"}
 *   /docs/graph-api/reference/page/photos
 * - GET /{page-id}/posts|feed, GET /{page-id}/scheduled_posts (fields, since, limit) → {"data":[…],"paging":{}}
 *   /docs/graph-api/reference/page/feed, /page/scheduled_posts
 * - GET /{post-id}?fields=… → the post's fields, /docs/graph-api/reference/pagepost
 * - GET /debug_token?input_token=… → {"data":{"app_id","type":"PAGE","expires_at","is_valid","issued_at",
 *   "profile_id","scopes":[…],"user_id"}}, /docs/graph-api/reference/debug_token
 * - errors {"error":{"message","type","code","error_subcode","error_user_title","error_user_msg","fbtrace_id"}}
 *   /docs/graph-api/guides/error-handling: 190 (subcode 463) for an expired token, (#200)/(#10) for a
 *   permission the token lacks (pages_manage_posts to post, pages_read_engagement to read posts),
 *   368 for a page temporarily blocked, code 1 "Please reduce the amount of data…" for a list asked
 *   too large, 2 for a transient server failure.
 * - throttling only as Graph does it (/docs/graph-api/overview/rate-limiting): error codes 4, 32,
 *   80001 with the X-App-Usage and X-Business-Use-Case-Usage headers (estimated_time_to_regain_access
 *   in minutes); never HTTP 429 with Retry-After.
 * The Page token may come as the access_token parameter or an Authorization: Bearer header; it
 * expires at `tokenExpiresAt`.
 */

export type GraphMode =
  | "ok"
  | "expired_token"
  /** Page-level (32) business-use-case throttling, with X-Business-Use-Case-Usage. */
  | "rate_limited"
  /** App-level throttling (4), with X-App-Usage at 100 %. */
  | "app_rate_limited"
  /** 368: the page may not post for a while. */
  | "temporarily_blocked"
  /** Lists longer than 25 answer code 1 "Please reduce the amount of data you're asking for". */
  | "reduce_data"
  | "content_refused"
  | "server_error"
  | "hang"
  /** Takes feed posts (they appear on the page) but never answers: the caller dies not knowing. */
  | "post_then_hang";

export interface FakePost {
  id: string;
  message: string;
  link: string | null;
  createdTime: Date;
  published: boolean;
  scheduledPublishTime: number | null;
  photoUrls: string[];
}

export interface FakeGraph extends FakeServer {
  /** The base URL the connector calls, with the API version (…/v26.0); `origin` is what CAUNOI_GRAPH_API_URL takes. */
  baseUrl: string;
  version: string;
  pageId: string;
  token: string;
  /** What debug_token says the token may do; publishing and reading check these too. */
  scopes: Set<string>;
  tokenExpiresAt: Date;
  /** From now on the token is past its expiry. */
  expireToken(): void;
  posts: FakePost[];
  photos: Map<string, { url: string; published: boolean; temporary: boolean; altText: string | null }>;
  /** Every answer from now on fails this way ("ok" restores normal answers). */
  setMode(mode: GraphMode): void;
  /** A post already on the page, as if published earlier. */
  seedPost(post: { message: string; createdTime?: Date; link?: string | null }): FakePost;
  /** The publishing calls received (feed posts and published photos), to assert "exactly once". */
  publishCalls(): Received[];
}

const graphTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+0000");
const trace = () => randomBytes(8).toString("base64url");

function graphError(
  response: ServerResponse,
  status: number,
  error: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  sendJson(response, status, { error: { type: "OAuthException", fbtrace_id: trace(), ...error } }, headers);
}

export const pagePermissions = ["pages_show_list", "pages_manage_posts", "pages_read_engagement"];

export async function startFakeGraph(
  options: { pageId?: string; token?: string; version?: string; scopes?: string[] } = {},
): Promise<FakeGraph> {
  const pageId = options.pageId ?? "104729384756";
  const token = options.token ?? `EAAfake${randomBytes(6).toString("hex")}`;
  const version = options.version ?? "v26.0";
  const scopes = new Set(options.scopes ?? pagePermissions);
  const issuedAt = new Date();
  const state = { tokenExpiresAt: new Date(Date.now() + 60 * 24 * 3600 * 1000) };
  const posts: FakePost[] = [];
  const photos: FakeGraph["photos"] = new Map();
  let mode: GraphMode = "ok";
  let counter = 1000;
  const nextId = () => String(++counter);

  function tokenOf(request: Received): string | null {
    const auth = request.headers.authorization;
    if (auth?.startsWith("Bearer ")) {
      return auth.slice("Bearer ".length);
    }
    return request.query.get("access_token") ?? request.form?.get("access_token") ?? null;
  }

  function invalidParameter(response: ServerResponse, message: string, subcode?: number) {
    graphError(response, 400, {
      message: `(#100) ${message}`,
      code: 100,
      ...(subcode ? { error_subcode: subcode } : {}),
    });
  }

  function scheduleOf(params: URLSearchParams, response: ServerResponse): number | null | "refused" {
    const published = params.get("published");
    const at = params.get("scheduled_publish_time");
    if (!at) {
      return null;
    }
    if (published !== "false") {
      invalidParameter(response, "Scheduled posts must be created with published=false");
      return "refused";
    }
    const seconds = Number(at);
    const ahead = seconds * 1000 - Date.now();
    if (!Number.isInteger(seconds) || ahead < 10 * 60 * 1000 || ahead > 75 * 24 * 3600 * 1000) {
      invalidParameter(
        response,
        "The specified scheduled publish time is invalid. It must be between 10 minutes and 75 days from the time of the API request.",
      );
      return "refused";
    }
    return seconds;
  }

  function pick(post: FakePost, fields: string[]): Record<string, unknown> {
    const all: Record<string, unknown> = {
      id: post.id,
      message: post.message || undefined,
      created_time: graphTime(post.createdTime),
      permalink_url: `https://www.facebook.com/${post.id.replace("_", "/posts/")}`,
      is_published: post.published,
      scheduled_publish_time: post.scheduledPublishTime ?? undefined,
    };
    return Object.fromEntries(
      Object.entries(all).filter(([key, value]) => fields.includes(key) && value !== undefined),
    );
  }

  const server = await startFakeServer((request, response) => {
    if (mode === "hang") {
      return; // never answers: the client's deadline must end the call
    }
    const prefix = `/${version}/`;
    if (!request.path.startsWith(prefix)) {
      graphError(response, 400, { message: "Unknown path components", code: 2500 });
      return;
    }
    const given = tokenOf(request);
    if (request.method === "GET" && request.path === `${prefix}debug_token`) {
      const input = request.query.get("input_token");
      if (!given || !input) {
        graphError(response, 400, { message: "(#100) The parameter input_token is required", code: 100 });
        return;
      }
      const expired = state.tokenExpiresAt.getTime() <= Date.now();
      if (input !== token || expired) {
        sendJson(response, 200, {
          data: {
            is_valid: false,
            scopes: [],
            error: expired
              ? { code: 190, subcode: 463, message: "Session has expired" }
              : { code: 190, message: "Invalid OAuth access token - Cannot parse access token" },
          },
        });
        return;
      }
      sendJson(response, 200, {
        data: {
          app_id: "138483919580948",
          type: "PAGE",
          application: "Cầu Nối",
          data_access_expires_at: Math.floor(state.tokenExpiresAt.getTime() / 1000),
          expires_at: Math.floor(state.tokenExpiresAt.getTime() / 1000),
          is_valid: true,
          issued_at: Math.floor(issuedAt.getTime() / 1000),
          profile_id: pageId,
          scopes: [...scopes],
          granular_scopes: [...scopes].map((scope) => ({ scope, target_ids: [pageId] })),
          user_id: "10223344556677",
        },
      });
      return;
    }
    if (!given) {
      graphError(response, 400, {
        message: "An active access token must be used to query information about the current user.",
        code: 2500,
      });
      return;
    }
    if (given !== token) {
      graphError(response, 400, {
        message: "Invalid OAuth access token - Cannot parse access token",
        code: 190,
      });
      return;
    }
    switch (state.tokenExpiresAt.getTime() <= Date.now() ? "expired_token" : mode) {
      case "expired_token":
        graphError(response, 400, {
          message: "Error validating access token: Session has expired on Thursday, 01-Jan-26 00:00:00 PST.",
          code: 190,
          error_subcode: 463,
        });
        return;
      case "rate_limited":
        graphError(
          response,
          400,
          { message: "(#32) Page request limit reached", code: 32 },
          {
            "x-business-use-case-usage": JSON.stringify({
              [pageId]: [
                {
                  type: "pages",
                  call_count: 100,
                  total_cputime: 40,
                  total_time: 45,
                  estimated_time_to_regain_access: 7,
                },
              ],
            }),
            "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 40, total_time: 45 }),
          },
        );
        return;
      case "app_rate_limited":
        graphError(
          response,
          403,
          { message: "(#4) Application request limit reached", code: 4, is_transient: true },
          { "x-app-usage": JSON.stringify({ call_count: 100, total_cputime: 20, total_time: 25 }) },
        );
        return;
      case "temporarily_blocked":
        graphError(response, 400, {
          message:
            "(#368) The action attempted has been deemed abusive or is otherwise disallowed. You're temporarily blocked from posting.",
          code: 368,
          error_subcode: 1390008,
        });
        return;
      case "content_refused":
        if (request.method !== "POST") {
          break;
        }
        graphError(response, 400, {
          message: "(#100) The post was refused",
          code: 100,
          error_subcode: 1404102,
          error_user_title: "Bạn không thể đăng nội dung này",
          error_user_msg: "Bài viết của bạn đi ngược lại Tiêu chuẩn cộng đồng của chúng tôi.",
        });
        return;
      case "server_error":
        graphError(response, 500, {
          message: "An unexpected error has occurred. Please retry your request later.",
          code: 2,
          is_transient: true,
        });
        return;
      default:
        break;
    }

    const parts = request.path.slice(prefix.length).split("/").filter(Boolean);
    const params = request.method === "POST" ? (request.form ?? new URLSearchParams()) : request.query;
    const [node, edge] = parts;
    if (parts.length === 2 && node !== pageId) {
      graphError(response, 400, {
        message: `(#100) Unsupported post request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        code: 100,
        error_subcode: 33,
      });
      return;
    }

    const needs = (scope: string, code: number) => {
      if (scopes.has(scope)) {
        return false;
      }
      graphError(response, 403, {
        message: `(#${code}) This endpoint requires the '${scope}' permission.`,
        type: "OAuthException",
        code,
      });
      return true;
    };
    if (request.method === "POST" && needs("pages_manage_posts", 200)) {
      return;
    }
    if (request.method === "GET" && edge && needs("pages_read_engagement", 10)) {
      return;
    }
    if (mode === "reduce_data" && request.method === "GET" && Number(params.get("limit") ?? 25) > 25) {
      graphError(response, 500, {
        message: "Please reduce the amount of data you're asking for, then retry your request",
        code: 1,
      });
      return;
    }

    if (request.method === "POST" && edge === "feed") {
      const message = params.get("message") ?? "";
      const link = params.get("link");
      const attached = [...params.keys()]
        .filter((key) => /^attached_media\[\d+\]$/.test(key))
        .map((key) => (JSON.parse(params.get(key) ?? "{}") as { media_fbid?: string }).media_fbid ?? "");
      if (!message && !link && attached.length === 0) {
        invalidParameter(response, "The user hasn't authorized the application to perform this action");
        return;
      }
      if (link && !/^https?:\/\//.test(link)) {
        invalidParameter(response, "Param link must be a valid URL");
        return;
      }
      for (const id of attached) {
        const photo = photos.get(id);
        if (!photo || photo.published) {
          invalidParameter(
            response,
            `Invalid media_fbid ${id}: it must be an unpublished photo of this Page`,
          );
          return;
        }
      }
      const schedule = scheduleOf(params, response);
      if (schedule === "refused") {
        return;
      }
      if (schedule && attached.some((id) => !photos.get(id)?.temporary)) {
        invalidParameter(
          response,
          "Photos attached to a scheduled post must be uploaded with temporary=true",
        );
        return;
      }
      const post: FakePost = {
        id: `${pageId}_${nextId()}`,
        message,
        link,
        createdTime: new Date(),
        published: schedule === null && params.get("published") !== "false",
        scheduledPublishTime: schedule,
        photoUrls: attached.map((id) => photos.get(id)?.url ?? ""),
      };
      posts.push(post);
      if (mode === "post_then_hang") {
        return;
      }
      sendJson(response, 200, { id: post.id });
      return;
    }

    if (request.method === "POST" && edge === "photos") {
      const url = params.get("url");
      if (!url || !/^https?:\/\//.test(url)) {
        invalidParameter(response, "Param url must be a valid URL");
        return;
      }
      const schedule = scheduleOf(params, response);
      if (schedule === "refused") {
        return;
      }
      const unpublished = params.get("published") === "false";
      const photoId = nextId();
      photos.set(photoId, {
        url,
        published: !unpublished,
        temporary: params.get("temporary") === "true",
        altText: params.get("alt_text_custom"),
      });
      if (unpublished && schedule === null) {
        sendJson(response, 200, { id: photoId });
        return;
      }
      const post: FakePost = {
        id: `${pageId}_${nextId()}`,
        message: params.get("caption") ?? params.get("message") ?? "",
        link: null,
        createdTime: new Date(),
        published: schedule === null,
        scheduledPublishTime: schedule,
        photoUrls: [url],
      };
      posts.push(post);
      sendJson(response, 200, { id: photoId, post_id: post.id });
      return;
    }

    if (request.method === "GET" && (edge === "posts" || edge === "feed" || edge === "scheduled_posts")) {
      const fields = (params.get("fields") ?? "id,message,created_time").split(",");
      const since = Number(params.get("since") ?? 0);
      const limit = Number(params.get("limit") ?? 25);
      const data = posts
        .filter((post) => (edge === "scheduled_posts" ? post.scheduledPublishTime !== null : post.published))
        .filter((post) => post.createdTime.getTime() / 1000 >= since)
        .sort((a, b) => b.createdTime.getTime() - a.createdTime.getTime())
        .slice(0, limit)
        .map((post) => pick(post, fields));
      sendJson(response, 200, { data, paging: {} });
      return;
    }

    if (request.method === "GET" && parts.length === 1) {
      const post = posts.find((candidate) => candidate.id === node);
      if (!post) {
        graphError(response, 400, {
          message: `Unsupported get request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
          type: "GraphMethodException",
          code: 100,
          error_subcode: 33,
        });
        return;
      }
      sendJson(response, 200, pick(post, (params.get("fields") ?? "id").split(",")));
      return;
    }

    graphError(response, 400, { message: "Unknown path components", code: 2500 });
  });

  return {
    ...server,
    baseUrl: `${server.origin}/${version}`,
    version,
    pageId,
    token,
    scopes,
    get tokenExpiresAt() {
      return state.tokenExpiresAt;
    },
    expireToken() {
      state.tokenExpiresAt = new Date(Date.now() - 1000);
    },
    posts,
    photos,
    setMode(next) {
      mode = next;
    },
    seedPost(seed) {
      const post: FakePost = {
        id: `${pageId}_${nextId()}`,
        message: seed.message,
        link: seed.link ?? null,
        createdTime: seed.createdTime ?? new Date(),
        published: true,
        scheduledPublishTime: null,
        photoUrls: [],
      };
      posts.push(post);
      return post;
    },
    publishCalls() {
      return server.received.filter(
        (r) =>
          r.method === "POST" &&
          (r.path.endsWith("/feed") ||
            (r.path.endsWith("/photos") &&
              (r.form?.get("published") !== "false" || r.form?.has("scheduled_publish_time")))),
      );
    },
  };
}
