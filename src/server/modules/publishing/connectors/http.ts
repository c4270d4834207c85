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

/*
 * Our own words for each kind of platform failure, in Vietnamese then English. What a person reads
 * about a failed publish is one of these, the platform's documented error code, and at most the
 * text the platform documents as meant for users (Graph's error_user_msg, Zalo's message): never a
 * response body, which could be anything (a proxy's page, an internal service's answer).
 */
const failureWords: Record<string, [vi: string, en: string]> = {
  token_expired: [
    "Mã truy cập đã hết hạn hoặc bị thu hồi; vui lòng kết nối lại kênh.",
    "The access token expired or was revoked; reconnect the channel.",
  ],
  temporarily_blocked: [
    "Nền tảng đang tạm chặn việc đăng bài của trang; Cầu Nối sẽ thử lại sau.",
    "The platform is temporarily blocking posts from this page; Cầu Nối will try again later.",
  ],
  rate_limited: [
    "Đã chạm giới hạn số lần gọi của nền tảng; Cầu Nối sẽ thử lại sau.",
    "The platform's call limit was reached; Cầu Nối will try again later.",
  ],
  platform_unavailable: [
    "Nền tảng tạm thời gặp lỗi; Cầu Nối sẽ thử lại.",
    "The platform had a temporary failure; Cầu Nối will try again.",
  ],
  server_error: [
    "Máy chủ của nền tảng đang lỗi; Cầu Nối sẽ thử lại.",
    "The platform's server failed; Cầu Nối will try again.",
  ],
  reduce_data: [
    "Nền tảng yêu cầu gửi ít dữ liệu hơn trong một lần gọi.",
    "The platform asked for less data in one call.",
  ],
  content_refused: ["Nền tảng từ chối nội dung này.", "The platform refused this content."],
  permission_missing: [
    "Mã truy cập thiếu quyền cần để đăng bài; vui lòng kết nối lại với đủ quyền.",
    "The access token lacks a permission publishing needs; reconnect with all of them.",
  ],
  duplicate_post: [
    "Nền tảng coi bài này là bài trùng với một bài đã đăng.",
    "The platform sees this as a duplicate of a post already made.",
  ],
  link_refused: ["Nền tảng từ chối liên kết trong bài.", "The platform refused the link in the post."],
  invalid_request: [
    "Nền tảng không nhận yêu cầu (tham số không hợp lệ).",
    "The platform did not accept the request (invalid parameter).",
  ],
  quota_exceeded: [
    "Tài khoản đã dùng hết hạn mức của nền tảng cho kỳ này.",
    "The account used up the platform's quota for this period.",
  ],
  verification_failed: [
    "Nền tảng không xác nhận được bài viết, nên bài chưa được đăng.",
    "The platform could not verify the article, so it was not published.",
  ],
  media_refused: [
    "Nền tảng không nhận ảnh/video của bài.",
    "The platform did not accept the post's picture or video.",
  ],
  platform_error: [
    "Nền tảng trả lời một lỗi không xác định.",
    "The platform answered with an unexpected error.",
  ],
};

/** "<vi> / <en> — <platform reference>[: “<the platform's words for users>”]". */
export function failureText(code: string, reference: string, platformText?: string | null): string {
  const [vi, en] = failureWords[code] ?? (failureWords.platform_error as [string, string]);
  const said = platformText ? `: “${platformWords(platformText, 300)}”` : "";
  return `${vi} / ${en} — ${reference}${said}`;
}
