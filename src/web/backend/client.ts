import type { LocalizedMessage } from "./types.ts";

/** A failed API call, carrying the server's RFC 9457 problem (code and message in both languages). */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: LocalizedMessage | null;
  readonly errors: unknown;

  constructor(status: number, code: string, messages: LocalizedMessage | null, errors?: unknown) {
    super(messages?.en ?? code);
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.errors = errors;
  }
}

/** The request could not reach the server (offline, server stopped). */
export class NetworkError extends Error {}

let csrfToken: string | null = null;
const failureListeners = new Set<(error: ApiError) => void>();

/** Remembers the session's CSRF token; every changing request sends it. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** The session's CSRF token, for requests made without `api` (an upload that reports its progress). */
export function currentCsrfToken(): string | null {
  return csrfToken;
}

/** Lets the app react to session-wide failures (signed out elsewhere, 2FA now required). */
export function onApiFailure(listener: (error: ApiError) => void): () => void {
  failureListeners.add(listener);
  return () => failureListeners.delete(listener);
}

type Query = Record<string, string | number | boolean | null | undefined>;

/** The text without NUL characters, which cannot be searched for and which the server refuses. */
export function withoutNul(text: string): string {
  return text.replaceAll("\u0000", "");
}

/**
 * Builds `path?query`, leaving out empty values. A NUL character is dropped, so a search box or an
 * address holding one (/people?q=%00) searches for the rest instead of failing.
 */
export function withQuery(path: string, query: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    const written = value === undefined || value === null ? "" : withoutNul(String(value));
    if (written !== "") {
      params.set(key, written);
    }
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

function isProblem(body: unknown): body is { code: string; messages?: LocalizedMessage; errors?: unknown } {
  return typeof body === "object" && body !== null && typeof (body as { code?: unknown }).code === "string";
}

/** Calls the API with the session cookie and, for anything but GET, the CSRF header. */
export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) {
    headers["content-type"] = "application/json";
  }
  if (method !== "GET" && csrfToken) {
    headers["x-csrf-token"] = csrfToken;
  }
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new NetworkError("network");
  }
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    const error = isProblem(parsed)
      ? new ApiError(response.status, parsed.code, parsed.messages ?? null, parsed.errors)
      : new ApiError(response.status, `http.${response.status}`, null);
    for (const listener of failureListeners) {
      listener(error);
    }
    throw error;
  }
  return parsed as T;
}
