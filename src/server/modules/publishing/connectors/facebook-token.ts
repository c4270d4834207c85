import { classifyGraphAnswer, type Failure, type GraphError, graphMessage } from "./graph-errors.ts";
import { callPlatform, DEFAULT_TIMEOUT_MS, unreachableOutcome } from "./http.ts";

/** What a publishing connection needs the Page token to hold (developers.facebook.com/docs/pages-api/posts). */
export const REQUIRED_PAGE_PERMISSIONS = ["pages_manage_posts", "pages_read_engagement"] as const;

export type PageTokenCheck =
  | { kind: "ok"; expiresAt: Date | null }
  | { kind: "missing_permissions"; missing: string[] }
  | { kind: "wrong_page"; tokenPageId: string }
  | Failure;

/**
 * Asks Graph what a Page token may do (GET /debug_token, developers.facebook.com/docs/graph-api/
 * reference/debug_token): valid, for which page, with which scopes, until when. Used when a page is
 * connected, so a missing permission is said at once rather than at the first publish.
 */
export async function checkPageToken(
  apiRoot: string,
  token: string,
  pageId: string,
  options: { timeoutMs?: number } = {},
): Promise<PageTokenCheck> {
  const query = new URLSearchParams({ input_token: token });
  const answer = await callPlatform(`${apiRoot.replace(/\/+$/, "")}/debug_token?${query}`, {
    method: "GET",
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: { authorization: `Bearer ${token}` },
  });
  if (answer.kind === "unreachable") {
    return unreachableOutcome(answer);
  }
  const data = (answer.json as { data?: Record<string, unknown> } | null)?.data;
  if (answer.status !== 200 || !data || typeof data !== "object") {
    return classifyGraphAnswer(answer);
  }
  if (data.is_valid !== true) {
    const inner = (data.error ?? {}) as GraphError;
    return {
      kind: "needs_person",
      code: "token_expired",
      message: graphMessage(
        "token_expired",
        { code: inner.code ?? 190, error_subcode: inner.error_subcode },
        200,
      ),
    };
  }
  const profile = typeof data.profile_id === "string" ? data.profile_id : null;
  if (profile && profile !== pageId) {
    return { kind: "wrong_page", tokenPageId: profile };
  }
  const scopes = new Set(Array.isArray(data.scopes) ? data.scopes.map(String) : []);
  const missing = REQUIRED_PAGE_PERMISSIONS.filter((scope) => !scopes.has(scope));
  if (missing.length > 0) {
    return { kind: "missing_permissions", missing };
  }
  const expires = Number(data.expires_at ?? 0);
  return { kind: "ok", expiresAt: expires > 0 ? new Date(expires * 1000) : null };
}
