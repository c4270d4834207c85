import { randomBytes } from "node:crypto";
import { type FakeServer, type Received, sendJson, startFakeServer } from "./fake-http.ts";
import { createZaloOauth, type FakeZaloOauth } from "./zalo-oauth.ts";

/*
 * A local Zalo Official Account Open API (openapi.zalo.me) for one OA, following the article
 * endpoints of Zalo's OA API reference (developers.zalo.me/docs/official-account, "Quản lý bài viết")
 * and Zalo's own SDK samples (github.com/zaloplatform/zalo-java-sdk: CreateNormalArticle,
 * GetArticleId, GetListArticle):
 * - POST /v2.0/article/create, header access_token, JSON {type:"normal", title ≤150, author ≤50,
 *   cover:{cover_type:"photo", photo_url, status}, description ≤300, body:[{type:"text",content} |
 *   {type:"image",url,caption}], status:"show"|"hide", comment} → {"data":{"token"},"error":0,"message":"Success"}
 * - POST /v2.0/article/verify {token} → {"data":{"id"},"error":0} once processed; -214 while the
 *   media is still being processed
 * - GET /v2.0/article/getslice?offset&limit(≤10)&type=normal → {"data":{"medias":[…],"total"},"error":0}
 * - GET /v2.0/article/getdetail?id → {"data":{…,"link_view"},"error":0}
 * - GET /v2.0/oa/getoa → {"data":{"oa_id","name","description","is_verified","avatar","cover"},"error":0}:
 *   the OA the access token belongs to ("Lấy thông tin Official Account")
 * Zalo answers failures with HTTP 200 and a negative `error`: -216 access token invalid, -124 access
 * token expired, -201 invalid parameter, -214 still processing, -223 monthly article quota, -32 too
 * many requests (no Retry-After: Zalo sends none).
 * Verification is where Zalo fetches the pictures: a cover that is not JPEG/PNG or is 1 MB or more
 * fails it (fetched for real when its address is on this machine), as can `failVerification`.
 * The OAuth server (oauth.zaloapp.com: the consent page and /v4/oa/access_token, both grants) is
 * served by the same fake, from zalo-oauth.ts. Access tokens live 25 hours.
 */

export type ZaloMode =
  | "ok"
  | "expired_token"
  | "rate_limited"
  | "content_refused"
  | "quota_exceeded"
  | "server_error"
  | "hang";

export interface FakeArticle {
  id: string;
  token: string;
  title: string;
  author: string;
  description: string;
  coverUrl: string;
  body: { type: string; content?: string; url?: string; caption?: string }[];
  status: "show" | "hide";
  createDate: number;
  /** verify answers -214 this many more times before giving the id. */
  processingLeft: number;
  /** Verification failed: the article is not on the OA. */
  failed?: boolean;
}

export interface FakeZaloOa extends FakeServer {
  baseUrl: string;
  /** The current access token (changes with each renewal). */
  token: string;
  tokenExpiresAt: Date;
  appId: string;
  appSecret: string;
  /** The OA the token belongs to, as GET /v2.0/oa/getoa names it. */
  oaId: string;
  oaName: string;
  /** The refresh token that works now; each renewal spends it and issues another. */
  refreshToken: string;
  expireToken(): void;
  /** The OAuth server's consent page: what the OA admin does next. */
  oauth: FakeZaloOauth;
  /** Renewal calls received, successful or not. */
  renewCalls(): Received[];
  /** The next verifications answer this Zalo error instead of the id (null: verify normally). */
  failVerification(failure: { error: number; message: string } | null): void;
  articles: FakeArticle[];
  setMode(mode: ZaloMode): void;
  /** New articles stay "being processed" for this many verify calls. */
  setProcessingCalls(count: number): void;
  seedArticle(article: { title: string; createDate?: Date }): FakeArticle;
  createCalls(): Received[];
}

const ok = (data: unknown) => ({ data, error: 0, message: "Success" });
const fail = (error: number, message: string) => ({ error, message });

const COVER_MAX_BYTES = 1024 * 1024;

/** What Zalo makes of a cover picture: JPEG or PNG under 1 MB; addresses elsewhere are taken on trust. */
async function coverProblem(url: string): Promise<string | null> {
  let address: URL;
  try {
    address = new URL(url);
  } catch {
    return "cover photo_url is invalid";
  }
  if (address.hostname !== "127.0.0.1" && address.hostname !== "localhost") {
    return null;
  }
  const response = await fetch(address).catch(() => null);
  if (!response?.ok) {
    return "Không tải được ảnh bìa (cover) của bài viết";
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  const jpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
  const png = bytes.subarray(0, 4).toString("latin1") === "\x89PNG";
  if (!jpeg && !png) {
    return "Ảnh bìa chỉ hỗ trợ định dạng jpg, png";
  }
  if (bytes.length >= COVER_MAX_BYTES) {
    return "Dung lượng ảnh bìa phải nhỏ hơn 1MB";
  }
  return null;
}

export async function startFakeZaloOa(
  options: { token?: string; oaId?: string; oaName?: string } = {},
): Promise<FakeZaloOa> {
  const credentials = {
    token: options.token ?? `zoa-${randomBytes(12).toString("hex")}`,
    tokenExpiresAt: new Date(Date.now() + 25 * 3600 * 1000),
    refreshToken: `zrt-${randomBytes(12).toString("hex")}`,
  };
  const appId = "2718281828459045";
  const oaId = options.oaId ?? "579745863508352884";
  const oaName = options.oaName ?? "Tỉnh đoàn Tuyên Quang";
  const appSecret = `secret-${randomBytes(8).toString("hex")}`;
  let verificationFailure: { error: number; message: string } | null = null;
  const articles: FakeArticle[] = [];
  let mode: ZaloMode = "ok";
  let processingCalls = 0;

  const view = (article: FakeArticle) => ({
    id: article.id,
    type: "normal",
    title: article.title,
    status: article.status,
    total_view: 0,
    total_share: 0,
    create_date: article.createDate,
    update_date: article.createDate,
    thumb: article.coverUrl,
    link_view: `https://zalo.me/oa/article/${article.id}`,
  });

  const { handle, oauth } = createZaloOauth({ appId, appSecret, oaId, tokens: credentials });
  const oauthServer = { handle };

  const server = await startFakeServer(async (request, response) => {
    if (mode === "hang") {
      return;
    }
    if (mode === "server_error") {
      response
        .writeHead(502, { "content-type": "text/html" })
        .end("<html><body>502 Bad Gateway</body></html>");
      return;
    }
    if (oauthServer.handle(request, response)) {
      return;
    }
    if (mode === "rate_limited") {
      sendJson(response, 200, fail(-32, "Request exceeds the rate limit, please try again later"));
      return;
    }
    const given = request.headers.access_token;
    if (given !== credentials.token) {
      sendJson(response, 200, fail(-216, "Access token is invalid"));
      return;
    }
    if (mode === "expired_token" || credentials.tokenExpiresAt.getTime() <= Date.now()) {
      sendJson(response, 200, fail(-124, "Access token has expired"));
      return;
    }

    if (request.method === "POST" && request.path === "/v2.0/article/create") {
      const body = request.json as Record<string, unknown> | null;
      const cover = body?.cover as Record<string, unknown> | undefined;
      const paragraphs = body?.body as FakeArticle["body"] | undefined;
      const problems = [
        body?.type !== "normal" && "type accept only 2 value normal and video.",
        (typeof body?.title !== "string" || !body.title || body.title.length > 150) && "title is invalid",
        (typeof body?.author !== "string" || !body.author || body.author.length > 50) && "author is invalid",
        (typeof body?.description !== "string" || !body.description || body.description.length > 300) &&
          "description is invalid",
        (cover?.cover_type !== "photo" || typeof cover.photo_url !== "string" || !cover.status) &&
          "cover is invalid",
        (!Array.isArray(paragraphs) ||
          paragraphs.length === 0 ||
          paragraphs.some((p) => !["text", "image", "video", "product"].includes(p.type))) &&
          "body is invalid",
        !["show", "hide"].includes(String(body?.status)) && "status is invalid",
      ].filter(Boolean);
      if (problems.length > 0) {
        sendJson(response, 200, fail(-201, String(problems[0])));
        return;
      }
      if (mode === "content_refused") {
        sendJson(response, 200, fail(-201, "Nội dung bài viết vi phạm chính sách nội dung của Zalo"));
        return;
      }
      if (mode === "quota_exceeded") {
        sendJson(response, 200, fail(-223, "OA has exceeded the article quota of this month"));
        return;
      }
      const article: FakeArticle = {
        id: randomBytes(16).toString("hex"),
        token: randomBytes(32).toString("base64"),
        title: String(body?.title),
        author: String(body?.author),
        description: String(body?.description),
        coverUrl: String(cover?.photo_url),
        body: paragraphs ?? [],
        status: body?.status === "hide" ? "hide" : "show",
        createDate: Date.now(),
        processingLeft: processingCalls,
      };
      articles.push(article);
      sendJson(response, 200, ok({ token: article.token }));
      return;
    }

    if (request.method === "POST" && request.path === "/v2.0/article/verify") {
      const given = (request.json as { token?: string } | null)?.token;
      const article = articles.find((candidate) => candidate.token === given);
      if (!article) {
        sendJson(response, 200, fail(-201, "token is invalid"));
        return;
      }
      if (article.processingLeft > 0) {
        article.processingLeft -= 1;
        sendJson(response, 200, fail(-214, "Media is being processed"));
        return;
      }
      const problem = verificationFailure
        ? verificationFailure
        : await coverProblem(article.coverUrl).then((message) => (message ? { error: -201, message } : null));
      if (problem) {
        article.status = "hide";
        article.failed = true;
        sendJson(response, 200, fail(problem.error, problem.message));
        return;
      }
      sendJson(response, 200, ok({ id: article.id }));
      return;
    }

    if (request.method === "GET" && request.path === "/v2.0/article/getslice") {
      const offset = Number(request.query.get("offset") ?? 0);
      const limit = Number(request.query.get("limit") ?? 5);
      if (request.query.get("type") !== "normal" && request.query.get("type") !== "video") {
        sendJson(response, 200, fail(-201, "type accept only 2 value normal and video."));
        return;
      }
      if (!Number.isInteger(limit) || limit < 1 || limit > 10) {
        sendJson(response, 200, fail(-201, "limit is invalid"));
        return;
      }
      const newest = articles
        .filter((article) => article.processingLeft === 0 && !article.failed)
        .sort((a, b) => b.createDate - a.createDate);
      sendJson(
        response,
        200,
        ok({ medias: newest.slice(offset, offset + limit).map(view), total: newest.length }),
      );
      return;
    }

    if (request.method === "GET" && request.path === "/v2.0/oa/getoa") {
      sendJson(
        response,
        200,
        ok({ oa_id: oaId, name: oaName, description: "", is_verified: true, avatar: "", cover: "" }),
      );
      return;
    }

    if (request.method === "GET" && request.path === "/v2.0/article/getdetail") {
      const article = articles.find((candidate) => candidate.id === request.query.get("id"));
      if (!article) {
        sendJson(response, 200, fail(-201, "id is invalid"));
        return;
      }
      sendJson(
        response,
        200,
        ok({ ...view(article), author: article.author, description: article.description }),
      );
      return;
    }

    sendJson(response, 404, fail(-201, "API not found"));
  });

  return {
    ...server,
    baseUrl: server.origin,
    get token() {
      return credentials.token;
    },
    get tokenExpiresAt() {
      return credentials.tokenExpiresAt;
    },
    get refreshToken() {
      return credentials.refreshToken;
    },
    appId,
    appSecret,
    oaId,
    oaName,
    oauth,
    expireToken() {
      credentials.tokenExpiresAt = new Date(Date.now() - 1000);
    },
    renewCalls() {
      return server.received.filter(
        (r) => r.path === "/v4/oa/access_token" && r.form?.get("grant_type") !== "authorization_code",
      );
    },
    failVerification(failure) {
      verificationFailure = failure;
    },
    articles,
    setMode(next) {
      mode = next;
    },
    setProcessingCalls(count) {
      processingCalls = count;
    },
    seedArticle(seed) {
      const article: FakeArticle = {
        id: randomBytes(16).toString("hex"),
        token: randomBytes(32).toString("base64"),
        title: seed.title,
        author: "Ban Biên tập",
        description: seed.title,
        coverUrl: "https://caunoi.example/cover.jpg",
        body: [{ type: "text", content: seed.title }],
        status: "show",
        createDate: (seed.createDate ?? new Date()).getTime(),
        processingLeft: 0,
      };
      articles.push(article);
      return article;
    },
    createCalls() {
      return server.received.filter((r) => r.method === "POST" && r.path === "/v2.0/article/create");
    },
  };
}
