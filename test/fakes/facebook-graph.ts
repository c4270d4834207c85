import { randomBytes } from "node:crypto";
import { failedAsMode, graphError, refusedAsTooLarge } from "./facebook-graph-errors.ts";
import { uploadPhoto } from "./facebook-graph-media.ts";
import { type FakePhoto, type PageContent, postToFeed } from "./facebook-graph-posting.ts";
import {
  answerDebugToken,
  type PageToken,
  pagePermissions,
  refusedPermission,
  refusedToken,
  tokenExpired,
  tokenOf,
} from "./facebook-graph-tokens.ts";
import { createFacebookLogin, type FakeFacebookLogin } from "./facebook-login.ts";
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
 * - GET /me?fields=id,name with a Page token → the Page's id and name, /docs/graph-api/overview#me
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
 * expires at `tokenExpiresAt`. Facebook Login (the dialog, /oauth/access_token, /me/accounts) is in
 * facebook-login.ts; `otherPages` are further Pages the signing-in admin manages. This file routes the requests and reads the posts; the token checks,
 * the posting, the photos and the errors are in the facebook-graph-*.ts files beside it.
 */

export { pagePermissions };

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
  /** The Page's name, as GET /me names it to its token. */
  pageName: string;
  token: string;
  /** What debug_token says the token may do; publishing and reading check these too. */
  scopes: Set<string>;
  tokenExpiresAt: Date;
  /** From now on the token is past its expiry. */
  expireToken(): void;
  posts: FakePost[];
  photos: Map<string, FakePhoto>;
  /** Every answer from now on fails this way ("ok" restores normal answers). */
  setMode(mode: GraphMode): void;
  /** A post already on the page, as if published earlier. */
  seedPost(post: { message: string; createdTime?: Date; link?: string | null }): FakePost;
  /** The publishing calls received (feed posts and published photos), to assert "exactly once". */
  publishCalls(): Received[];
  /** Facebook Login for this app: its id and secret, and what the person does in the dialog. */
  login: FakeFacebookLogin;
  /** The other Pages the signing-in admin manages, with their tokens. */
  otherPages: { id: string; name: string; token: string }[];
}

const graphTime = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, "+0000");

/** The post as Graph shows it, with only the fields asked for. */
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

export async function startFakeGraph(
  options: {
    pageId?: string;
    pageName?: string;
    token?: string;
    version?: string;
    scopes?: string[];
    otherPages?: { id: string; name: string }[];
  } = {},
): Promise<FakeGraph> {
  const pageId = options.pageId ?? "104729384756";
  const pageName = options.pageName ?? "Thông tin Tuyên Quang";
  const token = options.token ?? `EAAfake${randomBytes(6).toString("hex")}`;
  const version = options.version ?? "v26.0";
  const scopes = new Set(options.scopes ?? pagePermissions);
  const state = { tokenExpiresAt: new Date(Date.now() + 60 * 24 * 3600 * 1000), neverExpires: false };
  const posts: FakePost[] = [];
  const photos: FakeGraph["photos"] = new Map();
  let mode: GraphMode = "ok";
  let counter = 1000;
  const nextId = () => String(++counter);
  const pageToken: PageToken = {
    pageId,
    token,
    scopes,
    issuedAt: new Date(),
    expiresAt: () => state.tokenExpiresAt,
    neverExpires: () => state.neverExpires,
  };
  const otherPages = (options.otherPages ?? []).map((page) => ({
    ...page,
    token: `EAAfake${randomBytes(6).toString("hex")}`,
  }));
  const otherTokens: PageToken[] = otherPages.map((page) => ({
    pageId: page.id,
    token: page.token,
    scopes: new Set(pagePermissions),
    issuedAt: new Date(),
    expiresAt: () => new Date(0),
    neverExpires: () => true,
  }));
  const { handle: handleLogin, login } = createFacebookLogin({
    version,
    pages: () => [{ id: pageId, name: pageName, token }, ...otherPages],
    onLongLivedPageToken: (id) => {
      if (id === pageId) {
        state.neverExpires = true;
      }
    },
  });
  const content: PageContent = { pageId, posts, photos, nextId, mode: () => mode };

  const server = await startFakeServer((request, response) => {
    if (mode === "hang") {
      return; // never answers: the client's deadline must end the call
    }
    const prefix = `/${version}/`;
    if (!request.path.startsWith(prefix)) {
      graphError(response, 400, { message: "Unknown path components", code: 2500 });
      return;
    }
    if (handleLogin(request, response)) {
      return;
    }
    const other = otherTokens.find((page) => page.token === tokenOf(request));
    if (request.method === "GET" && request.path === `${prefix}debug_token`) {
      const input = request.query.get("input_token");
      answerDebugToken(otherTokens.find((page) => page.token === input) ?? pageToken, request, response);
      return;
    }
    if (other && request.method === "GET" && request.path === `${prefix}me`) {
      const name = otherPages.find((page) => page.id === other.pageId)?.name ?? "";
      sendJson(response, 200, { id: other.pageId, name });
      return;
    }
    if (refusedToken(pageToken, request, response)) {
      return;
    }
    if (failedAsMode(tokenExpired(pageToken) ? "expired_token" : mode, pageId, request, response)) {
      return;
    }

    const parts = request.path.slice(prefix.length).split("/").filter(Boolean);
    const params = request.method === "POST" ? (request.form ?? new URLSearchParams()) : request.query;
    const [node, edge] = parts;
    if (request.method === "GET" && parts.length === 1 && node === "me") {
      // A Page token's "me" is the Page itself (/docs/graph-api/overview#me).
      const fields = (params.get("fields") ?? "id,name").split(",");
      const me: Record<string, string> = { id: pageId, name: pageName };
      sendJson(response, 200, Object.fromEntries(Object.entries(me).filter(([key]) => fields.includes(key))));
      return;
    }
    if (parts.length === 2 && node !== pageId) {
      graphError(response, 400, {
        message: `(#100) Unsupported post request. Object with ID '${node}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        code: 100,
        error_subcode: 33,
      });
      return;
    }
    if (refusedPermission(pageToken, request, edge, response)) {
      return;
    }
    if (refusedAsTooLarge(mode, request, params, response)) {
      return;
    }

    if (request.method === "POST" && edge === "feed") {
      postToFeed(content, params, response);
      return;
    }
    if (request.method === "POST" && edge === "photos") {
      uploadPhoto(content, params, response);
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
    pageName,
    token,
    scopes,
    get tokenExpiresAt() {
      return state.tokenExpiresAt;
    },
    expireToken() {
      state.tokenExpiresAt = new Date(Date.now() - 1000);
      state.neverExpires = false;
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
    login,
    otherPages,
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
