import { escapeHtml } from "../../../http/html.ts";
import { plainText } from "../content.ts";
import {
  callPlatform,
  clip,
  DEFAULT_TIMEOUT_MS,
  failureText,
  type PlatformAnswer,
  retryAfterSeconds,
  unreachableOutcome,
} from "./http.ts";
import type { PrepareMedia } from "./renditions.ts";
import {
  type ConnectionForPublish,
  LookupFailedError,
  type LookupOutcome,
  type PublishedItem,
  type PublishingConnector,
  type PublishOutcome,
  type PublishRequest,
} from "./types.ts";

/*
 * Zalo Official Account articles through the OA Open API (developers.zalo.me/docs/official-account,
 * "Quản lý bài viết"): POST /v2.0/article/create with the OA token in the `access_token` header
 * answers a processing token; POST /v2.0/article/verify {token} answers the article id once Zalo
 * has fetched the pictures (-214 until then). GET /v2.0/article/getslice lists the OA's articles,
 * which is how findPublished looks for an article created before a crash (Zalo has no idempotency
 * key). Only "normal" articles with a picture cover are made; video articles and broadcasting an
 * article to followers are not.
 */

export interface ZaloConnectorOptions {
  timeoutMs?: number;
  /** Makes pictures Zalo would refuse (WebP, 1 MB or more) into copies it takes (renditions.ts). */
  prepareMedia?: PrepareMedia;
  /** Verify calls made while Zalo still processes the pictures, and the pause between them. */
  verifyAttempts?: number;
  verifyDelayMs?: number;
  now?: () => Date;
}

type Failure = Exclude<PublishOutcome, { kind: "published" }>;

interface ZaloBody {
  error?: number;
  message?: string;
  data?: Record<string, unknown>;
}

const TITLE_MAX = 150;
const AUTHOR_MAX = 50;
const DESCRIPTION_MAX = 300;
const CLOCK_SKEW_MS = 5 * 60 * 1000;
/** An article still being processed is known to Zalo only by its creation token. */
const TOKEN_PREFIX = "token:";

const tokenErrors = new Set([-216, -124]);
const quotaErrors = new Set([-223, -211]);
/** Zalo's "request rate exceeded" answers; Zalo sends no Retry-After, so the scheduler's backoff applies. */
const rateErrors = new Set([-32]);
const policyWords = /vi phạm|chính sách|policy|violat|nhạy cảm|sensitive|prohibited|cấm/i;

/** Our words, Zalo's documented error number and its `message` field; never the rest of the body. */
function zaloMessage(code: string, body: ZaloBody | null, status: number): string {
  const number = typeof body?.error === "number" ? body.error : null;
  const said = number !== null && typeof body?.message === "string" ? body.message : null;
  return failureText(code, number !== null ? `Zalo (#${number})` : `Zalo (HTTP ${status})`, said);
}

/** Reads a Zalo answer that is not a success. */
export function classifyZaloAnswer(answer: PlatformAnswer, now: Date): Failure {
  const body = answer.json && typeof answer.json === "object" ? (answer.json as ZaloBody) : null;
  const code = typeof body?.error === "number" ? body.error : undefined;
  const fail = (kind: Failure["kind"], ours: string, extra: { retryAfterSeconds?: number } = {}): Failure =>
    kind === "retry"
      ? { kind, code: ours, message: zaloMessage(ours, body, answer.status), ...extra }
      : { kind, code: ours, message: zaloMessage(ours, body, answer.status) };
  if (answer.status === 429 || (code !== undefined && rateErrors.has(code))) {
    const retryAfter = retryAfterSeconds(answer.headers, now);
    return fail("retry", "rate_limited", retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {});
  }
  if (answer.status >= 500) {
    return fail("retry", "server_error");
  }
  if (code === undefined) {
    return fail("needs_person", "platform_error");
  }
  if (tokenErrors.has(code)) {
    return fail("needs_person", "token_expired");
  }
  if (policyWords.test(body?.message ?? "")) {
    return fail("needs_person", "content_refused");
  }
  if (quotaErrors.has(code)) {
    return fail("needs_person", "quota_exceeded");
  }
  if (code === -214) {
    return fail("retry", "processing");
  }
  if (code === -201) {
    return fail("needs_person", "invalid_request");
  }
  return fail("needs_person", "platform_error");
}

/** The title Zalo will store, which is what findPublished matches on. */
export function zaloTitle(request: PublishRequest): string {
  const title = request.title?.trim() || plainText(request.body).split("\n")[0] || "";
  return clip(title, TITLE_MAX);
}

function millisOf(value: unknown): number | null {
  const number = Number(value);
  if (!Number.isFinite(number) || number <= 0) {
    return null;
  }
  // Zalo's list gives milliseconds; older answers seen in the wild gave seconds.
  return number < 1e12 ? number * 1000 : number;
}

/** A verify answer that settles the matter: Zalo refused the article (not a token, limit or outage). */
function isVerificationRefusal(failure: Failure): boolean {
  return (
    failure.kind === "needs_person" && failure.code !== "token_expired" && failure.code !== "token_missing"
  );
}

function verificationFailed(failure: Failure): Failure {
  const reason = failure.message.split(" — ").slice(1).join(" — ") || failure.code;
  return {
    kind: "needs_person",
    code: "verification_failed",
    message: failureText("verification_failed", reason),
  };
}

/** A Zalo article still known only by its creation token (the verification job resolves these). */
export const isPendingZaloArticle = (externalId: string | null) =>
  externalId?.startsWith(TOKEN_PREFIX) ?? false;

export function createZaloConnector(options: ZaloConnectorOptions = {}): PublishingConnector {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const verifyAttempts = options.verifyAttempts ?? 4;
  const verifyDelayMs = options.verifyDelayMs ?? 2000;
  const now = options.now ?? (() => new Date());

  async function zalo(
    connection: ConnectionForPublish,
    method: "GET" | "POST",
    path: string,
    payload: Record<string, unknown>,
  ): Promise<{ ok: true; data: Record<string, unknown> } | { ok: false; outcome: Failure }> {
    const base = connection.baseUrl.replace(/\/+$/, "");
    const query = new URLSearchParams(Object.entries(payload).map(([key, value]) => [key, String(value)]));
    const answer = await callPlatform(method === "GET" ? `${base}${path}?${query}` : `${base}${path}`, {
      method,
      timeoutMs,
      headers: {
        access_token: connection.token ?? "",
        ...(method === "POST" ? { "content-type": "application/json" } : {}),
      },
      ...(method === "POST" ? { body: JSON.stringify(payload) } : {}),
    });
    if (answer.kind === "unreachable") {
      return { ok: false, outcome: unreachableOutcome(answer) };
    }
    const body = answer.json as ZaloBody | null;
    if (answer.status >= 200 && answer.status < 300 && body?.error === 0) {
      return { ok: true, data: body.data ?? {} };
    }
    return { ok: false, outcome: classifyZaloAnswer(answer, now()) };
  }

  function noToken(connection: ConnectionForPublish): Failure | null {
    return connection.token
      ? null
      : {
          kind: "needs_person",
          code: "token_missing",
          message: "Chưa có mã truy cập của Zalo OA. / The Zalo OA has no access token.",
        };
  }

  /** Asks Zalo for the article id of a creation token, waiting while it processes the pictures. */
  async function verify(
    connection: ConnectionForPublish,
    token: string,
    attempts: number,
  ): Promise<{ id: string } | { processing: true } | { failure: Failure }> {
    for (let attempt = 1; attempt <= attempts; attempt++) {
      const result = await zalo(connection, "POST", "/v2.0/article/verify", { token });
      if (result.ok) {
        return { id: String(result.data.id ?? result.data.article_id) };
      }
      if (result.outcome.code !== "processing") {
        return { failure: result.outcome };
      }
      if (attempt < attempts) {
        await new Promise((resolve) => setTimeout(resolve, verifyDelayMs));
      }
    }
    return { processing: true };
  }

  async function linkOf(connection: ConnectionForPublish, id: string): Promise<string | null> {
    const detail = await zalo(connection, "GET", "/v2.0/article/getdetail", { id });
    return detail.ok && typeof detail.data.link_view === "string" ? detail.data.link_view : null;
  }

  async function publish(request: PublishRequest): Promise<PublishOutcome> {
    const connection = request.connection;
    const missing = noToken(connection);
    if (missing) {
      return missing;
    }
    let images = request.media.filter((item) => item.kind === "image");
    if (options.prepareMedia && images.length > 0) {
      try {
        images = await options.prepareMedia(images, "zalo");
      } catch {
        return {
          kind: "needs_person",
          code: "media_refused",
          message: failureText("media_refused", "Zalo (JPEG/PNG < 1 MB)"),
        };
      }
    }
    const cover = images[0];
    if (!cover) {
      return {
        kind: "needs_person",
        code: "cover_required",
        message:
          "Bài viết Zalo OA cần ít nhất một ảnh làm ảnh bìa. / A Zalo OA article needs a picture as its cover.",
      };
    }
    const title = zaloTitle(request);
    const link = request.linkUrl
      ? `<p><a href="${escapeHtml(request.linkUrl)}">${escapeHtml(request.linkUrl)}</a></p>`
      : "";
    const article = {
      type: "normal",
      title,
      author: clip(request.authorName?.trim() || "Ban Biên tập", AUTHOR_MAX),
      cover: { cover_type: "photo", photo_url: cover.url, status: "show" },
      description: clip(plainText(request.body) || title, DESCRIPTION_MAX),
      body: [
        { type: "text", content: `${request.body}${link}` },
        ...images.slice(1).map((image) => ({ type: "image", url: image.url, caption: image.altText })),
      ],
      status: "show",
      comment: "show",
    };
    const created = await zalo(connection, "POST", "/v2.0/article/create", article);
    if (!created.ok) {
      return created.outcome;
    }
    const token = String(created.data.token ?? "");
    const verified = await verify(connection, token, verifyAttempts);
    if ("failure" in verified && isVerificationRefusal(verified.failure)) {
      // Zalo looked at the article and said no: it is not published, and the person is told why.
      return verificationFailed(verified.failure);
    }
    if (!("id" in verified)) {
      // Still processing, or Zalo could not be asked (network, rate limit, token): the article exists,
      // so a retry must not create a second one. It is held under its creation token, which the
      // verification job (zalo-verification.ts) turns into the id, or into a failure, by lookup.
      return { kind: "published", externalId: `${TOKEN_PREFIX}${token}`, externalUrl: null };
    }
    return { kind: "published", externalId: verified.id, externalUrl: await linkOf(connection, verified.id) };
  }

  async function findPublished(request: PublishRequest, since: Date): Promise<PublishedItem | null> {
    const connection = request.connection;
    const missing = noToken(connection);
    if (missing) {
      throw new LookupFailedError(missing);
    }
    const wanted = zaloTitle(request);
    const from = since.getTime() - CLOCK_SKEW_MS;
    // Newest first, ten per page (Zalo's maximum); three pages reach well past one publish's window.
    for (let offset = 0; offset < 30; offset += 10) {
      const page = await zalo(connection, "GET", "/v2.0/article/getslice", {
        offset,
        limit: 10,
        type: "normal",
      });
      if (!page.ok) {
        throw new LookupFailedError(page.outcome);
      }
      const medias = (page.data.medias ?? []) as Record<string, unknown>[];
      for (const media of medias) {
        const created = millisOf(media.create_date ?? media.created_date);
        if (media.title === wanted && (created === null || created >= from)) {
          return {
            externalId: String(media.id),
            externalUrl: typeof media.link_view === "string" ? media.link_view : null,
          };
        }
      }
      const oldest = millisOf(medias.at(-1)?.create_date);
      if (medias.length < 10 || (oldest !== null && oldest < from)) {
        break;
      }
    }
    return null;
  }

  async function lookup(connection: ConnectionForPublish, externalId: string): Promise<LookupOutcome> {
    const missing = noToken(connection);
    if (missing) {
      return missing;
    }
    let id = externalId;
    if (externalId.startsWith(TOKEN_PREFIX)) {
      const verified = await verify(connection, externalId.slice(TOKEN_PREFIX.length), 1);
      if ("failure" in verified) {
        return isVerificationRefusal(verified.failure)
          ? verificationFailed(verified.failure)
          : verified.failure;
      }
      if ("processing" in verified) {
        return { kind: "found", externalId, externalUrl: null, published: false, scheduledAt: null };
      }
      id = verified.id;
    }
    const detail = await zalo(connection, "GET", "/v2.0/article/getdetail", { id });
    if (!detail.ok) {
      return detail.outcome.code === "invalid_request" ? { kind: "missing" } : detail.outcome;
    }
    return {
      kind: "found",
      externalId: id,
      externalUrl: typeof detail.data.link_view === "string" ? detail.data.link_view : null,
      published: detail.data.status === "show",
      scheduledAt: null,
    };
  }

  return { target: "zalo_oa", publish, findPublished, lookup };
}

export const zaloConnector = createZaloConnector();
