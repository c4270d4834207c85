import type { ServerResponse } from "node:http";
import { graphError } from "./facebook-graph-errors.ts";
import { type Received, sendJson } from "./fake-http.ts";

/*
 * The fake Graph API's token and permission checks: GET /debug_token?input_token=… →
 * {"data":{"app_id","type":"PAGE","expires_at","is_valid","issued_at","profile_id","scopes":[…],"user_id"}}
 * (/docs/graph-api/reference/debug_token); a missing or unknown token; (#200)/(#10) for a permission
 * the token lacks (pages_manage_posts to post, pages_read_engagement to read posts).
 */

export const pagePermissions = ["pages_show_list", "pages_manage_posts", "pages_read_engagement"];

export interface PageToken {
  pageId: string;
  token: string;
  scopes: Set<string>;
  issuedAt: Date;
  expiresAt(): Date;
  /** A Page token handed out with a long-lived user token does not expire (debug_token: expires_at 0). */
  neverExpires?: () => boolean;
}

export const tokenExpired = (page: PageToken) =>
  !page.neverExpires?.() && page.expiresAt().getTime() <= Date.now();

/** The token given as the access_token parameter or an Authorization: Bearer header. */
export function tokenOf(request: Received): string | null {
  const auth = request.headers.authorization;
  if (auth?.startsWith("Bearer ")) {
    return auth.slice("Bearer ".length);
  }
  return request.query.get("access_token") ?? request.form?.get("access_token") ?? null;
}

export function answerDebugToken(page: PageToken, request: Received, response: ServerResponse): void {
  const input = request.query.get("input_token");
  if (!tokenOf(request) || !input) {
    graphError(response, 400, { message: "(#100) The parameter input_token is required", code: 100 });
    return;
  }
  const expired = tokenExpired(page);
  if (input !== page.token || expired) {
    sendJson(response, 200, {
      data: {
        is_valid: false,
        scopes: [],
        error: expired
          ? { code: 190, subcode: 463, message: "Session has expired" }
          : { code: 190, message: "Invalid OAuth access token - Cannot parse access token" },
      },
    });
    return;
  }
  const expiresAt = page.neverExpires?.() ? 0 : Math.floor(page.expiresAt().getTime() / 1000);
  sendJson(response, 200, {
    data: {
      app_id: "138483919580948",
      type: "PAGE",
      application: "Cầu Nối",
      data_access_expires_at: expiresAt,
      expires_at: expiresAt,
      is_valid: true,
      issued_at: Math.floor(page.issuedAt.getTime() / 1000),
      profile_id: page.pageId,
      scopes: [...page.scopes],
      granular_scopes: [...page.scopes].map((scope) => ({ scope, target_ids: [page.pageId] })),
      user_id: "10223344556677",
    },
  });
}

/** Refuses a request without the page's token (expiry is the caller's, as a failure mode); true when refused. */
export function refusedToken(page: PageToken, request: Received, response: ServerResponse): boolean {
  const given = tokenOf(request);
  if (!given) {
    graphError(response, 400, {
      message: "An active access token must be used to query information about the current user.",
      code: 2500,
    });
    return true;
  }
  if (given !== page.token) {
    graphError(response, 400, {
      message: "Invalid OAuth access token - Cannot parse access token",
      code: 190,
    });
    return true;
  }
  return false;
}

/** Refuses a post without pages_manage_posts, or a read of an edge without pages_read_engagement. */
export function refusedPermission(
  page: PageToken,
  request: Received,
  edge: string | undefined,
  response: ServerResponse,
): boolean {
  const needs = (scope: string, code: number) => {
    if (page.scopes.has(scope)) {
      return false;
    }
    graphError(response, 403, {
      message: `(#${code}) This endpoint requires the '${scope}' permission.`,
      type: "OAuthException",
      code,
    });
    return true;
  };
  if (request.method === "POST") {
    return needs("pages_manage_posts", 200);
  }
  return request.method === "GET" && edge !== undefined && needs("pages_read_engagement", 10);
}
