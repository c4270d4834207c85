import { failureText, type PlatformAnswer, platformWords } from "./http.ts";
import type { PublishOutcome } from "./types.ts";

/** How long to stay away after error 368 ("temporarily blocked for policies violations"). */
const BLOCKED_WAIT_SECONDS = 60 * 60;

/** The `error` object of a Graph API answer. */
export interface GraphError {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

/** Every outcome of a platform call other than success. */
export type Failure = Exclude<PublishOutcome, { kind: "published" }>;

/*
 * developers.facebook.com/docs/graph-api/guides/error-handling and /overview/rate-limiting:
 * 190/102 token; 4 app, 17 user, 32 page, 613 custom, 80001–80014 business-use-case rate limits
 * (sent with X-App-Usage / X-Business-Use-Case-Usage, not as HTTP 429 + Retry-After); 1 and 2
 * transient, except code 1 "reduce the amount of data", which fails again unless the call changes;
 * 368 temporarily blocked: wait and retry; 10 and 200–299 permissions; 506 duplicate post.
 */
const tokenCodes = new Set([190, 102]);
const isThrottleCode = (code: number) =>
  code === 4 ||
  code === 17 ||
  code === 32 ||
  code === 341 ||
  code === 613 ||
  (code >= 80001 && code <= 80014);
const transientCodes = new Set([1, 2]);
const permissionCodes = new Set([3, 10]);

function usagePercents(value: string | null): number[] {
  if (!value) {
    return [];
  }
  try {
    const usage = JSON.parse(value) as Record<string, unknown>;
    return Object.values(usage)
      .flatMap((entry) => (typeof entry === "object" && entry !== null ? Object.values(entry) : [entry]))
      .map(Number)
      .filter(Number.isFinite);
  } catch {
    return [];
  }
}

/** Seconds until Graph lets us call again, from the usage headers it sends (no Retry-After from Graph). */
export function graphRetryAfter(headers: Headers): number | undefined {
  // {"<business-id>":[{"type":"pages","call_count":100,…,"estimated_time_to_regain_access":19}]}, in minutes.
  const business = headers.get("x-business-use-case-usage");
  if (business) {
    try {
      const usage = JSON.parse(business) as Record<string, { estimated_time_to_regain_access?: number }[]>;
      const minutes = Math.max(
        0,
        ...Object.values(usage)
          .flat()
          .map((entry) => Number(entry.estimated_time_to_regain_access ?? 0))
          .filter(Number.isFinite),
      );
      if (minutes > 0) {
        return minutes * 60;
      }
    } catch {
      // An unreadable header only loses the hint.
    }
  }
  // {"call_count":100,"total_cputime":12,"total_time":20}: percentages of a rolling hour.
  const percents = [
    ...usagePercents(headers.get("x-app-usage")),
    ...usagePercents(headers.get("x-page-usage")),
  ];
  if (percents.some((percent) => percent >= 100)) {
    return 10 * 60;
  }
  return undefined;
}

/** Our words for a failure, then Graph's documented code (and the text it meant for users, if any). */
export function graphMessage(code: string, error: GraphError | undefined, status: number): string {
  const reference =
    error?.code !== undefined
      ? `Graph #${error.code}${error.error_subcode ? `/${error.error_subcode}` : ""}`
      : `HTTP ${status}`;
  const userText = error?.error_user_msg ? platformWords(error.error_user_msg, 300) : null;
  const trace =
    error?.fbtrace_id && /^[\w-]{1,40}$/.test(error.fbtrace_id) ? `, fbtrace_id ${error.fbtrace_id}` : "";
  return failureText(code, `Facebook (${reference}${trace})`, userText);
}

/** Reads a Graph failure the way the error-handling guide says to recover from it. */
export function classifyGraphAnswer(answer: PlatformAnswer, _now?: Date): Failure {
  const error = (answer.json as { error?: GraphError } | null)?.error;
  const graphError = error && typeof error === "object" ? error : undefined;
  const code = typeof graphError?.code === "number" ? graphError.code : undefined;
  const fail = (kind: Failure["kind"], ours: string, extra: { retryAfterSeconds?: number } = {}): Failure =>
    kind === "retry"
      ? { kind, code: ours, message: graphMessage(ours, graphError, answer.status), ...extra }
      : { kind, code: ours, message: graphMessage(ours, graphError, answer.status) };
  if (code === undefined) {
    // Not Graph speaking (a proxy's page): its body is never shown, only the status.
    return answer.status >= 500 ? fail("retry", "server_error") : fail("needs_person", "platform_error");
  }
  if (tokenCodes.has(code)) {
    return fail("needs_person", "token_expired");
  }
  if (code === 368) {
    return fail("retry", "temporarily_blocked", { retryAfterSeconds: BLOCKED_WAIT_SECONDS });
  }
  if (isThrottleCode(code)) {
    const retryAfter = graphRetryAfter(answer.headers);
    return fail("retry", "rate_limited", retryAfter !== undefined ? { retryAfterSeconds: retryAfter } : {});
  }
  if (code === 1 && /reduce the amount of data/i.test(graphError?.message ?? "")) {
    return fail("needs_person", "reduce_data");
  }
  if (transientCodes.has(code)) {
    return fail("retry", "platform_unavailable");
  }
  const policyWords = /community standards|tiêu chuẩn cộng đồng|violat|vi phạm|spam|chính sách/i;
  if (policyWords.test(`${graphError?.error_user_title ?? ""} ${graphError?.error_user_msg ?? ""}`)) {
    return fail("needs_person", "content_refused");
  }
  if (answer.status >= 500) {
    return fail("retry", "server_error");
  }
  if (permissionCodes.has(code) || (code >= 200 && code <= 299)) {
    return fail("needs_person", "permission_missing");
  }
  if (code === 506) {
    return fail("needs_person", "duplicate_post");
  }
  if (code === 1609005) {
    return fail("needs_person", "link_refused");
  }
  return fail("needs_person", code === 100 ? "invalid_request" : "platform_error");
}
