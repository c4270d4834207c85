/**
 * The failures a service can report to its caller, with a stable code and the words for the user in
 * both languages. Services throw them; the HTTP layer (http/errors.ts) only renders them as problem+json.
 */
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
