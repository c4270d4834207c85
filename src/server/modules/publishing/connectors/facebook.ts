import {
  callPlatform,
  DEFAULT_TIMEOUT_MS,
  failureText,
  type PlatformAnswer,
  platformWords,
  unreachableOutcome,
} from "./http.ts";
import type { PrepareMedia } from "./renditions.ts";
import {
  type ConnectionForPublish,
  LookupFailedError,
  type LookupOutcome,
  type MediaForPublish,
  type PublishedItem,
  type PublishingConnector,
  type PublishOutcome,
  type PublishRequest,
} from "./types.ts";

/*
 * Facebook Page through the Graph API (developers.facebook.com/docs/pages-api/posts,
 * /docs/graph-api/reference/page/feed, /page/photos, /page/scheduled_posts,
 * /docs/graph-api/guides/error-handling, /docs/graph-api/overview/rate-limiting):
 * - text (and link): POST /{page-id}/feed message, link;
 * - one picture: POST /{page-id}/photos url, caption, alt_text_custom;
 * - several: each picture POST /{page-id}/photos published=false (temporary=true when scheduled),
 *   then POST /{page-id}/feed message, attached_media[i]={"media_fbid":…};
 * - more than 10 minutes ahead: published=false&scheduled_publish_time=<unix>, Facebook holds it;
 * - status: GET /{post-id}?fields=id,is_published,scheduled_publish_time,permalink_url.
 * Graph has no idempotency key, so findPublished lists the page's recent (and scheduled) posts and
 * matches the message and time. Videos and reels are not published from here.
 */

/**
 * The Graph API version every call names, in this one place. v21.0 is retired on 2027-01-21; v26.0
 * (29 July 2026) is the newest in developers.facebook.com/docs/graph-api/changelog/versions.
 */
export const GRAPH_API_VERSION = "v26.0";

/** Facebook refuses scheduled_publish_time less than 10 minutes ahead; nearer than that we publish now. */
const SCHEDULE_MIN_AHEAD_MS = 10 * 60 * 1000;
/** Slack for clocks and for the time between our call and Facebook's created_time. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** How long to stay away after error 368 ("temporarily blocked for policies violations"). */
const BLOCKED_WAIT_SECONDS = 60 * 60;
/** A page's recent posts, asked for 50 at a time, then fewer when Graph asks for less data. */
const LIST_LIMITS = [50, 10];

export interface FacebookConnectorOptions {
  timeoutMs?: number;
  /** Makes pictures Graph would refuse (WebP, over 4 MB) into copies it takes (renditions.ts). */
  prepareMedia?: PrepareMedia;
  now?: () => Date;
}

interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

type Failure = Exclude<PublishOutcome, { kind: "published" }>;

/*
 * developers.facebook.com/docs/graph-api/guides/error-handling and /overview/rate-limiting:
 * 190/102 token; 4 app, 17 user, 32 page, 613 custom, 80001–80014 business-use-case rate limits
 * (sent with X-App-Usage / X-Business-Use-Case-Usage, not as HTTP 429 + Retry-After); 1 and 2
 * transient, except code 1 "reduce the amount of data", which fails again unless the call changes;
 * 368 temporarily blocked: wait and retry; 10 and 200–299 permissions; 506 duplicate post.
 */
const tokenCodes = new Set([190, 102]);
const isThrottleCode = (code: number) =>
  code === 4 ||
  code === 17 ||
  code === 32 ||
  code === 341 ||
  code === 613 ||
  (code >= 80001 && code <= 80014);
const transientCodes = new Set([1, 2]);
const permissionCodes = new Set([3, 10]);

function usagePercents(value: string | null): number[] {
  if (!value) {
    return [];
  }
  try {
    const usage = JSON.parse(value) as Record<string, unknown>;
    return Object.values(usage)
      .flatMap((entry) => (typeof entry === "object" && entry !== null ? Object.values(entry) : [entry]))
      .map(Number)
      .filter(Number.isFinite);
  } catch {
    return [];
  }
}

/** Seconds until Graph lets us call again, from the usage headers it sends (no Retry-After from Graph). */
export function graphRetryAfter(headers: Headers): number | undefined {
  // {"<business-id>":[{"type":"pages","call_count":100,…,"estimated_time_to_regain_access":19}]}, in minutes.
  const business = headers.get("x-business-use-case-usage");
  if (business) {
    try {
      const usage = JSON.parse(business) as Record<string, { estimated_time_to_regain_access?: number }[]>;
      const minutes = Math.max(
        0,
        ...Object.values(usage)
          .flat()
          .map((entry) => Number(entry.estimated_time_to_regain_access ?? 0))
          .filter(Number.isFinite),
      );
      if (minutes > 0) {
        return minutes * 60;
      }
    } catch {
      // An unreadable header only loses the hint.
    }
  }
  // {"call_count":100,"total_cputime":12,"total_time":20}: percentages of a rolling hour.
  const percents = [
    ...usagePercents(headers.get("x-app-usage")),
    ...usagePercents(headers.get("x-page-usage")),
  ];
  if (percents.some((percent) => percent >= 100)) {
    return 10 * 60;
  }
  return undefined;
}

/** Our words for a failure, then Graph's documented code (and the text it meant for users, if any). */
function graphMessage(code: string, error: GraphError | undefined, status: number): string {
  const reference =
    error?.code !== undefined
      ? `Graph #${error.code}${error.error_subcode ? `/${error.error_subcode}` : ""}`
      : `HTTP ${status}`;
  const userText = error?.error_user_msg ? platformWords(error.error_user_msg, 300) : null;
  const trace =
    error?.fbtrace_id && /^[\w-]{1,40}$/.test(error.fbtrace_id) ? `, fbtrace_id ${error.fbtrace_id}` : "";
  return failureText(code, `Facebook (${reference}${trace})`, userText);
}

/** Reads a Graph failure the way the error-handling guide says to recover from it. */
export function classifyGraphAnswer(answer: PlatformAnswer, _now?: Date): Failure {
  const error = (answer.json as { error?: GraphError } | null)?.error;
  const graphError = error && typeof error === "object" ? error : undefined;
  const code = typeof graphError?.code === "number" ? graphError.code : undefined;
  const fail = (kind: Failure["kind"], ours: string, extra: { retryAfterSeconds?: number } = {}): Failure =>
    kind === "retry"
      ? { kind, code: ours, message: graphMessage(ours, graphError, answer.status), ...extra }
      : { kind, code: ours, message: graphMessage(ours, graphError, answer.status) };
  if (code === undefined) {
    // Not Graph speaking (a proxy's page): its body is never shown, only the status.
    return answer.status >= 500 ? fail("retry", "server_error") : fail("needs_person", "platform_error");
  }
  if (tokenCodes.has(code)) {
    return fail("needs_person", "token_expired");
  }
  if (code === 368) {
    return fail("retry", "temporarily_blocked", { retryAfterSeconds: BLOCKED_WAIT_SECONDS });
  }
  if (isThrottleCode(code)) {
    const retryAfter = graphRetryAfter(answer.headers);
    return fail("retry", "rate_limited", retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {});
  }
  if (code === 1 && /reduce the amount of data/i.test(graphError?.message ?? "")) {
    return fail("needs_person", "reduce_data");
  }
  if (transientCodes.has(code)) {
    return fail("retry", "platform_unavailable");
  }
  const policyWords = /community standards|tiêu chuẩn cộng đồng|violat|vi phạm|spam|chính sách/i;
  if (policyWords.test(`${graphError?.error_user_title ?? ""} ${graphError?.error_user_msg ?? ""}`)) {
    return fail("needs_person", "content_refused");
  }
  if (answer.status >= 500) {
    return fail("retry", "server_error");
  }
  if (permissionCodes.has(code) || (code >= 200 && code <= 299)) {
    return fail("needs_person", "permission_missing");
  }
  if (code === 506) {
    return fail("needs_person", "duplicate_post");
  }
  if (code === 1609005) {
    return fail("needs_person", "link_refused");
  }
  return fail("needs_person", code === 100 ? "invalid_request" : "platform_error");
}

function normalise(text: string | undefined | null): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}

/** The post text as Facebook will store it; a link goes in `link` only for text posts. */
export function facebookMessage(request: PublishRequest): string {
  const body = request.body.trim();
  const pictures = request.media.some((item) => item.kind === "image");
  if (pictures && request.linkUrl && !body.includes(request.linkUrl)) {
    return body ? `${body}\n\n${request.linkUrl}` : request.linkUrl;
  }
  return body;
}

/** Graph's created_time ("2026-05-01T10:00:00+0000") as a Date. */
function graphTime(value: unknown): Date | null {
  if (typeof value === "number") {
    return new Date(value * 1000);
  }
  if (typeof value !== "string") {
    return null;
  }
  const at = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(at) ? null : new Date(at);
}

const postUrl = (postId: string) => `https://www.facebook.com/${postId}`;

export function createFacebookConnector(options: FacebookConnectorOptions = {}): PublishingConnector {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = options.now ?? (() => new Date());

  async function graph(
    connection: ConnectionForPublish,
    method: "GET" | "POST",
    path: string,
    params: Record<string, string>,
  ): Promise<{ ok: true; json: Record<string, unknown> } | { ok: false; outcome: Failure }> {
    const base = connection.baseUrl.replace(/\/+$/, "");
    const form = new URLSearchParams(params);
    const url = method === "GET" ? `${base}${path}?${form}` : `${base}${path}`;
    const answer = await callPlatform(url, {
      method,
      timeoutMs,
      // The token travels in a header, so that no URL (which proxies log) carries it.
      headers: {
        authorization: `Bearer ${connection.token ?? ""}`,
        ...(method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      ...(method === "POST" ? { body: form.toString() } : {}),
    });
    if (answer.kind === "unreachable") {
      return { ok: false, outcome: unreachableOutcome(answer) };
    }
    const json = answer.json as Record<string, unknown> | null;
    if (answer.status >= 200 && answer.status < 300 && json && !("error" in json)) {
      return { ok: true, json };
    }
    return { ok: false, outcome: classifyGraphAnswer(answer) };
  }

  function missingConnection(connection: ConnectionForPublish): Failure | null {
    if (!connection.token) {
      return {
        kind: "needs_person",
        code: "token_missing",
        message: "Chưa có mã truy cập của Trang. / The Page has no access token.",
      };
    }
    if (!connection.accountId) {
      return {
        kind: "needs_person",
        code: "account_missing",
        message: "Chưa có mã Trang (page id). / The Page id is missing.",
      };
    }
    return null;
  }

  function scheduleParams(request: PublishRequest): Record<string, string> {
    const at = request.scheduledAt;
    if (!at || at.getTime() - now().getTime() <= SCHEDULE_MIN_AHEAD_MS) {
      return {};
    }
    return { published: "false", scheduled_publish_time: String(Math.floor(at.getTime() / 1000)) };
  }

  async function publish(request: PublishRequest): Promise<PublishOutcome> {
    const connection = request.connection;
    const missing = missingConnection(connection);
    if (missing) {
      return missing;
    }
    if (request.media.some((item) => item.kind === "video")) {
      return {
        kind: "needs_person",
        code: "unsupported_media",
        message:
          "Video chưa đăng tự động được lên Trang Facebook; hãy đăng tay. / Videos are not published to a Facebook Page automatically; post it by hand.",
      };
    }
    const page = encodeURIComponent(connection.accountId ?? "");
    const message = facebookMessage(request);
    const schedule = scheduleParams(request);
    let images: MediaForPublish[] = request.media.filter((item) => item.kind === "image");
    if (options.prepareMedia && images.length > 0) {
      try {
        images = await options.prepareMedia(images, "facebook");
      } catch {
        return {
          kind: "needs_person",
          code: "media_refused",
          message: failureText("media_refused", "Facebook (JPEG/PNG/GIF ≤ 4 MB)"),
        };
      }
    }

    if (images.length === 0) {
      const result = await graph(connection, "POST", `/${page}/feed`, {
        message,
        ...(request.linkUrl ? { link: request.linkUrl } : {}),
        ...schedule,
      });
      if (!result.ok) {
        return result.outcome;
      }
      const id = String(result.json.id);
      return { kind: "published", externalId: id, externalUrl: postUrl(id) };
    }

    if (images.length === 1) {
      const image = images[0] as MediaForPublish;
      const result = await graph(connection, "POST", `/${page}/photos`, {
        url: image.url,
        caption: message,
        ...(image.altText ? { alt_text_custom: image.altText } : {}),
        ...schedule,
      });
      if (!result.ok) {
        return result.outcome;
      }
      // The photo's post is what people see and what findPublished lists.
      const id = String(result.json.post_id ?? result.json.id);
      return { kind: "published", externalId: id, externalUrl: postUrl(id) };
    }

    const attached: Record<string, string> = {};
    for (const [index, image] of images.entries()) {
      const upload = await graph(connection, "POST", `/${page}/photos`, {
        url: image.url,
        published: "false",
        ...(schedule.scheduled_publish_time ? { temporary: "true" } : {}),
        ...(image.altText ? { alt_text_custom: image.altText } : {}),
      });
      if (!upload.ok) {
        // Unpublished photos already uploaded stay invisible on the page; a retry uploads them again.
        return upload.outcome;
      }
      attached[`attached_media[${index}]`] = JSON.stringify({ media_fbid: String(upload.json.id) });
    }
    const result = await graph(connection, "POST", `/${page}/feed`, { message, ...attached, ...schedule });
    if (!result.ok) {
      return result.outcome;
    }
    const id = String(result.json.id);
    return { kind: "published", externalId: id, externalUrl: postUrl(id) };
  }

  async function findPublished(request: PublishRequest, since: Date): Promise<PublishedItem | null> {
    const connection = request.connection;
    const missing = missingConnection(connection);
    if (missing) {
      throw new LookupFailedError(missing);
    }
    const page = encodeURIComponent(connection.accountId ?? "");
    const wanted = normalise(facebookMessage(request));
    const from = since.getTime() - CLOCK_SKEW_MS;
    const edges = ["posts"];
    if (request.scheduledAt) {
      // A post handed to Facebook's scheduler is listed under scheduled_posts until its time.
      edges.push("scheduled_posts");
    }
    for (const edge of edges) {
      let result: Awaited<ReturnType<typeof graph>> | null = null;
      for (const limit of LIST_LIMITS) {
        result = await graph(connection, "GET", `/${page}/${edge}`, {
          fields: "id,message,created_time,permalink_url",
          since: String(Math.floor(from / 1000)),
          limit: String(limit),
        });
        // "Please reduce the amount of data": the same call would fail again; a smaller page may not.
        if (result.ok || result.outcome.code !== "reduce_data") {
          break;
        }
      }
      if (!result?.ok) {
        throw new LookupFailedError(
          result?.outcome ?? { kind: "retry", code: "lookup_failed", message: "no answer" },
        );
      }
      const posts = (result.json.data ?? []) as {
        id: string;
        message?: string;
        created_time?: string;
        permalink_url?: string;
      }[];
      const match = posts.find((post) => {
        const created = graphTime(post.created_time);
        return normalise(post.message) === wanted && (!created || created.getTime() >= from);
      });
      if (match) {
        return { externalId: match.id, externalUrl: match.permalink_url ?? postUrl(match.id) };
      }
    }
    return null;
  }

  async function lookup(connection: ConnectionForPublish, externalId: string): Promise<LookupOutcome> {
    if (!connection.token) {
      return missingConnection(connection) as Failure;
    }
    const result = await graph(connection, "GET", `/${encodeURIComponent(externalId)}`, {
      fields: "id,is_published,scheduled_publish_time,permalink_url,created_time",
    });
    if (!result.ok) {
      // Graph answers a deleted or unknown post with code 100 (subcode 33).
      const outcome = result.outcome;
      return outcome.kind === "needs_person" && outcome.code === "invalid_request"
        ? { kind: "missing" }
        : outcome;
    }
    const json = result.json;
    return {
      kind: "found",
      externalId: String(json.id),
      externalUrl: typeof json.permalink_url === "string" ? json.permalink_url : postUrl(String(json.id)),
      published: json.is_published !== false,
      scheduledAt: graphTime(json.scheduled_publish_time),
    };
  }

  return { target: "facebook_page", publish, findPublished, lookup };
}

/** What a publishing connection needs the Page token to hold (developers.facebook.com/docs/pages-api/posts). */
export const REQUIRED_PAGE_PERMISSIONS = ["pages_manage_posts", "pages_read_engagement"] as const;

export type PageTokenCheck =
  | { kind: "ok"; expiresAt: Date | null }
  | { kind: "missing_permissions"; missing: string[] }
  | { kind: "wrong_page"; tokenPageId: string }
  | Failure;

/**
 * Asks Graph what a Page token may do (GET /debug_token, developers.facebook.com/docs/graph-api/
 * reference/debug_token): valid, for which page, with which scopes, until when. Used when a page is
 * connected, so a missing permission is said at once rather than at the first publish.
 */
export async function checkPageToken(
  apiRoot: string,
  token: string,
  pageId: string,
  options: { timeoutMs?: number } = {},
): Promise<PageTokenCheck> {
  const query = new URLSearchParams({ input_token: token });
  const answer = await callPlatform(`${apiRoot.replace(/\/+$/, "")}/debug_token?${query}`, {
    method: "GET",
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: { authorization: `Bearer ${token}` },
  });
  if (answer.kind === "unreachable") {
    return unreachableOutcome(answer);
  }
  const data = (answer.json as { data?: Record<string, unknown> } | null)?.data;
  if (answer.status !== 200 || !data || typeof data !== "object") {
    return classifyGraphAnswer(answer);
  }
  if (data.is_valid !== true) {
    const inner = (data.error ?? {}) as GraphError;
    return {
      kind: "needs_person",
      code: "token_expired",
      message: graphMessage(
        "token_expired",
        { code: inner.code ?? 190, error_subcode: inner.error_subcode },
        200,
      ),
    };
  }
  const profile = typeof data.profile_id === "string" ? data.profile_id : null;
  if (profile && profile !== pageId) {
    return { kind: "wrong_page", tokenPageId: profile };
  }
  const scopes = new Set(Array.isArray(data.scopes) ? data.scopes.map(String) : []);
  const missing = REQUIRED_PAGE_PERMISSIONS.filter((scope) => !scopes.has(scope));
  if (missing.length > 0) {
    return { kind: "missing_permissions", missing };
  }
  const expires = Number(data.expires_at ?? 0);
  return { kind: "ok", expiresAt: expires > 0 ? new Date(expires * 1000) : null };
}

export const facebookConnector = createFacebookConnector();
