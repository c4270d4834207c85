/*
 * The one way connectors talk to platforms: global fetch with a deadline, and answers read as
 * data. Nothing here logs: a request carries a token (header or query) and must not reach a log.
 */

export interface PlatformAnswer {
  kind: "answer";
  status: number;
  headers: Headers;
  /** The parsed JSON body, or null when the body was not JSON (an HTML error page from a proxy). */
  json: unknown;
  text: string;
}

export interface PlatformUnreachable {
  kind: "unreachable";
  /** `timeout` when the deadline passed, `network` for refused or reset connections and DNS. */
  reason: "timeout" | "network";
  message: string;
}

export const DEFAULT_TIMEOUT_MS = 20_000;

/** Calls a platform; never throws for HTTP or network failures, only for programming errors. */
export async function callPlatform(
  url: string,
  init: RequestInit & { timeoutMs?: number },
): Promise<PlatformAnswer | PlatformUnreachable> {
  const { timeoutMs = DEFAULT_TIMEOUT_MS, ...rest } = init;
  let response: Response;
  let text: string;
  try {
    response = await fetch(url, { ...rest, signal: AbortSignal.timeout(timeoutMs) });
    text = await response.text();
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError" || name === "AbortError") {
      return {
        kind: "unreachable",
        reason: "timeout",
        message: `no answer within ${Math.round(timeoutMs / 1000)} s`,
      };
    }
    // undici puts the useful part (ECONNREFUSED, ENOTFOUND…) in the cause; neither contains the URL.
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    return {
      kind: "unreachable",
      reason: "network",
      message: cause?.code ?? cause?.message ?? (error as Error).message,
    };
  }
  let json: unknown = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  return { kind: "answer", status: response.status, headers: response.headers, json, text };
}

/** A platform's own message, whitespace folded and cut at a sentence-friendly length. */
export function platformWords(message: unknown, max = 500): string {
  const text = typeof message === "string" ? message.replace(/\s+/g, " ").trim() : "";
  if (text.length <= max) {
    return text;
  }
  const cut = text.slice(0, max - 1);
  const lastSpace = cut.lastIndexOf(" ");
  return `${lastSpace > max * 0.6 ? cut.slice(0, lastSpace) : cut}…`;
}

/** `Retry-After` as seconds (delta-seconds or an HTTP date); undefined when absent or unreadable. */
export function retryAfterSeconds(headers: Headers, now: Date = new Date()): number | undefined {
  const value = headers.get("retry-after")?.trim();
  if (!value) {
    return undefined;
  }
  if (/^\d+$/.test(value)) {
    return Number(value);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now.getTime()) / 1000));
}

/** The outcome for a platform that could not be reached: always worth another try. */
export function unreachableOutcome(failure: PlatformUnreachable) {
  return {
    kind: "retry" as const,
    code: failure.reason === "timeout" ? "timeout" : "network",
    message: failure.message,
  };
}

/** Shortens text for a platform field with a hard length limit, on a word boundary where possible. */
export function clip(text: string, max: number): string {
  return platformWords(text, max);
}
