import type { FastifyError, FastifyInstance } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";

export interface LocalizedMessage {
  vi: string;
  en: string;
}

/** A failure the user can act on; rendered as RFC 9457 problem+json with a stable code. */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: LocalizedMessage;
  readonly details?: unknown;

  constructor(status: number, code: string, messages: LocalizedMessage, details?: unknown) {
    super(messages.en);
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.details = details;
  }
}

/** One factory per kind of failure, so codes and wording stay the same everywhere. */
export const errors = {
  badRequest: (code: string, vi: string, en: string, details?: unknown) =>
    new AppError(400, code, { vi, en }, details),
  unauthenticated: () =>
    new AppError(401, "auth.required", {
      vi: "Bạn cần đăng nhập để tiếp tục.",
      en: "You need to sign in to continue.",
    }),
  forbidden: () =>
    new AppError(403, "auth.forbidden", {
      vi: "Bạn không có quyền thực hiện thao tác này.",
      en: "You do not have permission to do this.",
    }),
  notFound: (what: LocalizedMessage) =>
    new AppError(404, "not_found", {
      vi: `Không tìm thấy ${what.vi}.`,
      en: `${what.en} not found.`,
    }),
  conflict: (code: string, vi: string, en: string, details?: unknown) =>
    new AppError(409, code, { vi, en }, details),
  tooMany: (code: string, vi: string, en: string) => new AppError(429, code, { vi, en }),
};

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

/** Turns every error into problem+json; nothing internal reaches the client on a 5xx. */
export function registerErrorHandling(app: FastifyInstance, options: { spaIndexHtml: string | null }): void {
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
              vi: "Bạn thao tác quá nhanh. Vui lòng đợi một lát rồi thử lại.",
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
    const body: ProblemBody = {
      type: `https://caunoi.vn/problems/${code}`,
      title: messages[language],
      status,
      code,
      detail: messages[language],
      messages,
    };
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
    reply.status(404).type("application/problem+json").send({
      type: "https://caunoi.vn/problems/route.not_found",
      title: messages[language],
      status: 404,
      code: "route.not_found",
      detail: messages[language],
      messages,
    });
  });
}
