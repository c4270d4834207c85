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

type Message<Params> = string | ((params: Params) => string);

/** One failure of a module: its stable code, HTTP status and the words for the user in both languages. */
export interface ErrorSpec<Params = never> {
  status: number;
  code: string;
  vi: Message<Params>;
  en: Message<Params>;
}

type Thrower<Spec> = Spec extends { vi: (params: infer Params) => string }
  ? (params: Params, details?: unknown) => AppError
  : (details?: unknown) => AppError;

const catalogue = new Map<string, ErrorSpec<never>>();

/**
 * A module's error catalogue: each failure defined once and thrown by name
 * (`throw orgErrors.unitNotActive()`), so a code always has the same status and wording. A code may be
 * defined by one module only.
 */
export function defineErrors<const Specs extends Record<string, ErrorSpec<never>>>(
  specs: Specs,
): { [Name in keyof Specs]: Thrower<Specs[Name]> } {
  const throwers: Record<string, unknown> = {};
  for (const [name, spec] of Object.entries(specs)) {
    const known = catalogue.get(spec.code);
    if (known && known !== spec) {
      throw new Error(`error code ${spec.code} is defined twice`);
    }
    catalogue.set(spec.code, spec);
    const parameterised = typeof spec.vi === "function" || typeof spec.en === "function";
    throwers[name] = parameterised
      ? (params: never, details?: unknown) =>
          new AppError(
            spec.status,
            spec.code,
            { vi: wordsOf(spec.vi, params), en: wordsOf(spec.en, params) },
            details,
          )
      : (details?: unknown) =>
          new AppError(spec.status, spec.code, { vi: spec.vi as string, en: spec.en as string }, details);
  }
  return throwers as { [Name in keyof Specs]: Thrower<Specs[Name]> };
}

function wordsOf<Params>(message: Message<Params>, params: Params): string {
  return typeof message === "function" ? message(params) : message;
}

/** Every code defined so far with its spec, for the catalogue's own checks and the documentation. */
export function definedErrors(): ReadonlyMap<string, ErrorSpec<never>> {
  return catalogue;
}
