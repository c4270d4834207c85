import { classifyGraphAnswer, type Failure } from "./graph-errors.ts";
import { callPlatform, DEFAULT_TIMEOUT_MS, failureText, unreachableOutcome } from "./http.ts";
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

export { checkPageToken, type PageTokenCheck, REQUIRED_PAGE_PERMISSIONS } from "./facebook-token.ts";
export { classifyGraphAnswer, graphRetryAfter } from "./graph-errors.ts";

/** Facebook refuses scheduled_publish_time less than 10 minutes ahead; nearer than that we publish now. */
const SCHEDULE_MIN_AHEAD_MS = 10 * 60 * 1000;
/** Slack for clocks and for the time between our call and Facebook's created_time. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** A page's recent posts, asked for 50 at a time, then fewer when Graph asks for less data. */
const LIST_LIMITS = [50, 10];

export interface FacebookConnectorOptions {
  timeoutMs?: number;
  /** Makes pictures Graph would refuse (WebP, over 4 MB) into copies it takes (renditions.ts). */
  prepareMedia?: PrepareMedia;
  now?: () => Date;
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
          "Video chưa đăng tự động được lên Trang Facebook; vui lòng đăng thủ công. / Videos are not published to a Facebook Page automatically; post it by hand.",
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

export const facebookConnector = createFacebookConnector();
