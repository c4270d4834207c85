import {
  callPlatform,
  DEFAULT_TIMEOUT_MS,
  type PlatformAnswer,
  platformWords,
  retryAfterSeconds,
  unreachableOutcome,
} from "./http.ts";
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

/** Facebook refuses scheduled_publish_time less than 10 minutes ahead; nearer than that we publish now. */
const SCHEDULE_MIN_AHEAD_MS = 10 * 60 * 1000;
/** Slack for clocks and for the time between our call and Facebook's created_time. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;

export interface FacebookConnectorOptions {
  timeoutMs?: number;
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

const tokenCodes = new Set([190, 102]);
const throttleCodes = new Set([4, 17, 32, 613, 341, 80001]);
const transientCodes = new Set([1, 2]);
const permissionCodes = new Set([3, 10]);

/** Seconds until Graph lets us call again, from the headers it sends with a throttled answer. */
function graphRetryAfter(headers: Headers, now: Date): number | undefined {
  const explicit = retryAfterSeconds(headers, now);
  if (explicit !== undefined) {
    return explicit;
  }
  // {"<business-id>":[{"type":"pages","call_count":100,…,"estimated_time_to_regain_access":19}]}, in minutes.
  const business = headers.get("x-business-use-case-usage");
  if (business) {
    try {
      const usage = JSON.parse(business) as Record<string, { estimated_time_to_regain_access?: number }[]>;
      const minutes = Math.max(
        0,
        ...Object.values(usage)
          .flat()
          .map((entry) => Number(entry.estimated_time_to_regain_access ?? 0)),
      );
      if (minutes > 0) {
        return minutes * 60;
      }
    } catch {
      // An unreadable header only loses the hint.
    }
  }
  // {"call_count":100,"total_cputime":12,"total_time":20}, percentages of a rolling hour.
  const app = headers.get("x-app-usage") ?? headers.get("x-page-usage");
  if (app) {
    try {
      const usage = JSON.parse(app) as Record<string, number>;
      if (Object.values(usage).some((percent) => Number(percent) >= 100)) {
        return 10 * 60;
      }
    } catch {
      // As above.
    }
  }
  return undefined;
}

function graphMessage(error: GraphError | undefined, fallback: string): string {
  const words = platformWords(error?.error_user_msg || error?.message || fallback);
  return error?.fbtrace_id ? `${words} (fbtrace_id ${error.fbtrace_id})` : words;
}

/** Reads a Graph failure the way the error-handling guide says to recover from it. */
export function classifyGraphAnswer(answer: PlatformAnswer, now: Date): Failure {
  const error = (answer.json as { error?: GraphError } | null)?.error;
  const code = error?.code;
  const message = graphMessage(error, `HTTP ${answer.status}`);
  if (code !== undefined && tokenCodes.has(code)) {
    return { kind: "needs_person", code: "token_expired", message };
  }
  const policyWords = /community standards|tiêu chuẩn cộng đồng|violat|vi phạm|spam|policy|chính sách/i;
  if (code === 368 || policyWords.test(`${error?.error_user_title ?? ""} ${error?.error_user_msg ?? ""}`)) {
    return { kind: "needs_person", code: "content_refused", message };
  }
  if ((code !== undefined && throttleCodes.has(code)) || answer.status === 429) {
    const retryAfter = graphRetryAfter(answer.headers, now);
    return {
      kind: "retry",
      code: "rate_limited",
      message,
      ...(retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {}),
    };
  }
  if (code !== undefined && transientCodes.has(code)) {
    return { kind: "retry", code: "platform_unavailable", message };
  }
  if (answer.status >= 500) {
    return { kind: "retry", code: "server_error", message };
  }
  if (!error) {
    // Not Graph speaking (a proxy's page, a wrong API address): a person must look at the connection.
    return {
      kind: "needs_person",
      code: "platform_error",
      message: platformWords(`HTTP ${answer.status}: ${answer.text}`, 300),
    };
  }
  if (code !== undefined && (permissionCodes.has(code) || (code >= 200 && code <= 299))) {
    return { kind: "needs_person", code: "permission_missing", message };
  }
  if (code === 506) {
    return { kind: "needs_person", code: "duplicate_post", message };
  }
  if (code === 1609005) {
    return { kind: "needs_person", code: "link_refused", message };
  }
  return { kind: "needs_person", code: code === 100 ? "invalid_request" : "platform_error", message };
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
    return { ok: false, outcome: classifyGraphAnswer(answer, now()) };
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
    const images: MediaForPublish[] = request.media.filter((item) => item.kind === "image");

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
      const result = await graph(connection, "GET", `/${page}/${edge}`, {
        fields: "id,message,created_time,permalink_url",
        since: String(Math.floor(from / 1000)),
        limit: "50",
      });
      if (!result.ok) {
        throw new LookupFailedError(result.outcome);
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

export const facebookConnector = createFacebookConnector();
