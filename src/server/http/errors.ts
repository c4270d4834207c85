import { STATUS_CODES } from "node:http";
import type { Duplex } from "node:stream";
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

declare module "fastify" {
  interface FastifyContextConfig {
    /** The handler reads the raw request and answers malformed input itself; no NUL check before it. */
    readsRawInput?: boolean;
  }
}

import { AppError, type LocalizedMessage } from "../platform/errors.ts";

interface ProblemBody {
  type: string;
  title: string;
  status: number;
  code: string;
  detail: string;
  messages: LocalizedMessage;
  errors?: unknown;
}

function pickLanguage(acceptLanguage: string | undefined): "vi" | "en" {
  return acceptLanguage?.toLowerCase().startsWith("en") ? "en" : "vi";
}

const postgresErrors: Record<string, { status: number; code: string; messages: LocalizedMessage }> = {
  "23505": {
    status: 409,
    code: "conflict.duplicate",
    messages: { vi: "Dữ liệu này đã tồn tại.", en: "This already exists." },
  },
  "22P02": {
    status: 400,
    code: "validation.invalid",
    messages: { vi: "Dữ liệu không hợp lệ.", en: "Invalid data." },
  },
};
// Text or numbers the database refuses as data (bad encoding, NUL, too long, out of range, bad dates):
// the request was wrong, not the server.
for (const sqlState of [
  "22021",
  "22P05",
  "22001",
  "22003",
  "22007",
  "22008",
  "22023",
  "2201B",
  "22025",
  "54000",
]) {
  postgresErrors[sqlState] = postgresErrors["22P02"] as (typeof postgresErrors)[string];
}

const nulByteError = () =>
  new AppError(400, "validation.nul_byte", {
    vi: "Dữ liệu gửi lên chứa ký tự không hợp lệ (NUL). Vui lòng kiểm tra lại.",
    en: "The submitted data contains an invalid character (NUL). Please check it.",
  });
// A query string is what a search box or a filter wrote: the reader should know which text to change.
const nulInQueryError = () =>
  new AppError(400, "validation.nul_byte", {
    vi: "Nội dung tìm kiếm hoặc bộ lọc có một ký tự không dùng để tìm được (ký tự NUL, thường lẫn vào khi dán). Vui lòng xóa ký tự đó hoặc gõ lại nội dung cần tìm.",
    en: "The search or filter text contains a character that cannot be searched for (a NUL character, often pasted in by accident). Please remove it or type the search again.",
  });

/**
 * An address whose id is not an id (malformed, or holding a NUL) names nothing: it is not found,
 * like a deleted object's, rather than "invalid data", which invited a retry that cannot help.
 */
export const objectNotFound = () =>
  new AppError(404, "not_found", {
    vi: "Không tìm thấy nội dung này: có thể đã bị xóa, hoặc địa chỉ không đúng.",
    en: "Nothing was found here: it may have been deleted, or the address is wrong.",
  });

/** Whether a parsed query, body or params value carries a NUL character anywhere (keys included). */
function carriesNul(value: unknown, depth = 0): boolean {
  if (typeof value === "string") {
    return value.includes("\u0000");
  }
  if (depth > 32 || value === null || typeof value !== "object" || Buffer.isBuffer(value)) {
    return false;
  }
  if (Array.isArray(value)) {
    return value.some((item) => carriesNul(item, depth + 1));
  }
  if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null) {
    return false;
  }
  return Object.entries(value).some(([key, item]) => key.includes("\u0000") || carriesNul(item, depth + 1));
}

function problemOf(
  status: number,
  code: string,
  messages: LocalizedMessage,
  language: "vi" | "en",
): ProblemBody {
  return {
    type: `https://caunoi.vn/problems/${code}`,
    title: messages[language],
    status,
    code,
    detail: messages[language],
    messages,
  };
}

const frameworkProblems: Record<string, { status: number; code: string; messages: LocalizedMessage }> = {
  FST_ERR_MAX_PARAM_LENGTH: {
    status: 414,
    code: "request.uri_too_long",
    messages: { vi: "Địa chỉ yêu cầu quá dài.", en: "The request address is too long." },
  },
  FST_ERR_BAD_URL: {
    status: 400,
    code: "request.bad_url",
    messages: { vi: "Địa chỉ yêu cầu không hợp lệ.", en: "The request address is malformed." },
  },
};

/**
 * Fastify's own refusals before routing (an over-long path parameter, a malformed address), as
 * problem+json like every other error; passed to Fastify as `frameworkErrors`.
 */
export function answerFrameworkError(
  error: FastifyError,
  request: FastifyRequest,
  reply: FastifyReply,
): void {
  const known = frameworkProblems[error.code] ?? {
    status: 400,
    code: "request.invalid",
    messages: { vi: "Yêu cầu không hợp lệ.", en: "Bad request." },
  };
  const language = pickLanguage(request.headers["accept-language"]);
  reply
    .status(known.status)
    .type("application/problem+json")
    .send(problemOf(known.status, known.code, known.messages, language));
}

/**
 * Refusals of Node's HTTP parser (headers too large, a request too slow, bytes that are not HTTP),
 * written on the socket as problem+json; passed to Fastify as `clientErrorHandler`.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === "ECONNRESET" || socket.destroyed) {
    return;
  }
  const [status, code, messages]: [number, string, LocalizedMessage] =
    error.code === "HPE_HEADER_OVERFLOW"
      ? [
          431,
          "request.headers_too_large",
          { vi: "Phần đầu của yêu cầu quá lớn.", en: "The request headers are too large." },
        ]
      : error.code === "ERR_HTTP_REQUEST_TIMEOUT"
        ? [
            408,
            "request.timeout",
            { vi: "Yêu cầu gửi quá chậm.", en: "The request took too long to arrive." },
          ]
        : error.code === "HPE_URI_TOO_LONG" || error.code === "HPE_HEADER_OVERFLOW_URI"
          ? [
              414,
              "request.uri_too_long",
              { vi: "Địa chỉ yêu cầu quá dài.", en: "The request address is too long." },
            ]
          : [400, "request.invalid", { vi: "Yêu cầu không hợp lệ.", en: "Bad request." }];
  if (socket.writable) {
    const body = JSON.stringify(problemOf(status, code, messages, "vi"));
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nConnection: close\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

/** Turns every error into problem+json; nothing internal reaches the client on a 5xx. */
export function registerErrorHandling(app: FastifyInstance, options: { spaIndexHtml: string | null }): void {
  // PostgreSQL cannot store NUL in text: refused here, for every route, before validation or a query.
  app.addHook("preValidation", async (request) => {
    // A route that reads its raw address itself (tracked links) answers bad input with its own page.
    if (request.routeOptions.config.readsRawInput) {
      return;
    }
    // The not-found handler reads nothing from the request: it sends the web app's shell (whose page
    // then shows its own words) or a 404, so an address like /people?q=%00 is not refused as JSON.
    if (request.is404) {
      return;
    }
    const queryStart = request.url.indexOf("?");
    const path = queryStart === -1 ? request.url : request.url.slice(0, queryStart);
    if (path.includes("%00") || carriesNul(request.params)) {
      throw objectNotFound();
    }
    if (request.url.includes("%00") || carriesNul(request.query)) {
      throw nulInQueryError();
    }
    if (carriesNul(request.body)) {
      throw nulByteError();
    }
  });

  app.setErrorHandler((error: FastifyError | AppError, request, reply) => {
    const language = pickLanguage(request.headers["accept-language"]);
    let status = 500;
    let code = "internal";
    let messages: LocalizedMessage = {
      vi: "Đã có lỗi ở máy chủ. Vui lòng thử lại sau.",
      en: "Something went wrong on the server. Please try again later.",
    };
    let details: unknown;

    if (error instanceof AppError) {
      status = error.status;
      code = error.code;
      messages = error.messages;
      details = error.details;
    } else if (hasZodFastifySchemaValidationErrors(error) && error.validationContext === "params") {
      ({ status, code, messages } = objectNotFound());
    } else if (hasZodFastifySchemaValidationErrors(error)) {
      status = 400;
      code = "validation.invalid";
      messages = { vi: "Dữ liệu gửi lên không hợp lệ.", en: "The submitted data is invalid." };
      details = error.validation.map((issue) => ({
        field: issue.instancePath.replace(/^\//, "").replaceAll("/", "."),
        message: issue.message,
      }));
    } else if (typeof (error as { code?: unknown }).code === "string" && postgresErrors[String(error.code)]) {
      const known = postgresErrors[String(error.code)];
      if (known) {
        ({ status, code, messages } = known);
      }
    } else if (error.statusCode && error.statusCode >= 400 && error.statusCode < 500) {
      status = error.statusCode;
      code = status === 429 ? "rate_limited" : (error.code?.toLowerCase() ?? "bad_request");
      messages =
        status === 429
          ? {
              vi: "Hệ thống tạm thời giới hạn truy cập. Thiết bị của bạn đã gửi nhiều yêu cầu trong thời gian ngắn. Vui lòng đợi một lát rồi thử lại.",
              en: "Too many requests. Please wait a moment and try again.",
            }
          : status === 415
            ? { vi: "Định dạng dữ liệu không được hỗ trợ.", en: "Unsupported content type." }
            : status === 413
              ? { vi: "Dữ liệu gửi lên quá lớn.", en: "The request is too large." }
              : { vi: "Yêu cầu không hợp lệ.", en: "Bad request." };
    }

    if (status >= 500) {
      request.log.error({ err: error }, "request failed");
    }
    const body = problemOf(status, code, messages, language);
    if (details !== undefined) {
      body.errors = details;
    }
    reply.status(status).type("application/problem+json").send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    // The web app routes on the client: any page address that is not the API gets its shell.
    if (
      options.spaIndexHtml &&
      request.method === "GET" &&
      !request.url.startsWith("/api/") &&
      request.headers.accept?.includes("text/html")
    ) {
      return reply
        .status(200)
        .type("text/html; charset=utf-8")
        .header("cache-control", "no-cache")
        .send(options.spaIndexHtml);
    }
    const language = pickLanguage(request.headers["accept-language"]);
    const messages = { vi: "Không tìm thấy địa chỉ này.", en: "This address does not exist." };
    reply
      .status(404)
      .type("application/problem+json")
      .send(problemOf(404, "route.not_found", messages, language));
  });
}
