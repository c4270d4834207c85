import { GRAPH_API_VERSION } from "./facebook.ts";
import { callPlatform, DEFAULT_TIMEOUT_MS } from "./http.ts";

/*
 * Connecting a Facebook Page by its admin signing in (developers.facebook.com/docs/facebook-login/
 * guides/advanced/manual-flow, /docs/pages-api/getting-started):
 * 1. the admin is sent to https://www.facebook.com/v26.0/dialog/oauth?client_id&redirect_uri&state&
 *    scope&response_type=code, and comes back to redirect_uri with code and state (or error=access_denied,
 *    error_reason=user_denied, error_description);
 * 2. GET /v26.0/oauth/access_token?client_id&redirect_uri&client_secret&code → a short-lived user token
 *    (the code is single-use and lives 10 minutes; redirect_uri must be the dialog's, exactly);
 * 3. GET /v26.0/oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token
 *    → a long-lived user token (60 days);
 * 4. GET /v26.0/me/accounts?fields=id,name,access_token,tasks → the Pages the admin granted, each with
 *    a Page token, which does not expire when asked with a long-lived user token.
 * The secrets go to Graph as its documented query parameters; nothing here logs, and no token is
 * returned in anything but these values.
 */

/** What the Page connection asks the admin for: listing Pages, posting, reading them, webhooks, messages. */
export const FACEBOOK_LOGIN_SCOPES = [
  "pages_show_list",
  "pages_manage_posts",
  "pages_read_engagement",
  "pages_manage_metadata",
  "pages_messaging",
] as const;

export interface FacebookApp {
  appId: string;
  appSecret: string;
  redirectUri: string;
}

export interface GrantedPage {
  id: string;
  name: string;
  token: string;
  tasks: string[];
}

/** Why a step failed: Graph refused it (with its documented code), or could not be reached. */
export type LoginFailure = { kind: "refused"; code: number | null } | { kind: "unreachable" };

export function facebookDialogUrl(dialogRoot: string, app: FacebookApp, state: string): string {
  const query = new URLSearchParams({
    client_id: app.appId,
    redirect_uri: app.redirectUri,
    state,
    scope: FACEBOOK_LOGIN_SCOPES.join(","),
    response_type: "code",
  });
  return `${dialogRoot.replace(/\/+$/, "")}/${GRAPH_API_VERSION}/dialog/oauth?${query}`;
}

const graphRoot = (graph: string) => `${graph.replace(/\/+$/, "")}/${GRAPH_API_VERSION}`;

async function askGraph(
  url: string,
  timeoutMs: number,
  token?: string,
): Promise<{ kind: "ok"; body: Record<string, unknown> } | LoginFailure> {
  const answer = await callPlatform(url, {
    method: "GET",
    timeoutMs,
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  if (answer.kind === "unreachable" || answer.status >= 500) {
    return { kind: "unreachable" };
  }
  const body = (answer.json && typeof answer.json === "object" ? answer.json : {}) as Record<string, unknown>;
  if (answer.status !== 200 || body.error) {
    const code = (body.error as { code?: unknown } | undefined)?.code;
    return { kind: "refused", code: typeof code === "number" ? code : null };
  }
  return { kind: "ok", body };
}

/** Steps 2 and 3: the code for a long-lived user token. */
export async function userTokenOfCode(
  graph: string,
  app: FacebookApp,
  code: string,
  options: { timeoutMs?: number } = {},
): Promise<{ kind: "ok"; userToken: string } | LoginFailure> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const exchanged = await askGraph(
    `${graphRoot(graph)}/oauth/access_token?${new URLSearchParams({
      client_id: app.appId,
      redirect_uri: app.redirectUri,
      client_secret: app.appSecret,
      code,
    })}`,
    timeoutMs,
  );
  if (exchanged.kind !== "ok") {
    return exchanged;
  }
  const shortLived = exchanged.body.access_token;
  if (typeof shortLived !== "string" || !shortLived) {
    return { kind: "refused", code: null };
  }
  const extended = await askGraph(
    `${graphRoot(graph)}/oauth/access_token?${new URLSearchParams({
      grant_type: "fb_exchange_token",
      client_id: app.appId,
      client_secret: app.appSecret,
      fb_exchange_token: shortLived,
    })}`,
    timeoutMs,
  );
  if (extended.kind !== "ok") {
    return extended;
  }
  const longLived = extended.body.access_token;
  return typeof longLived === "string" && longLived
    ? { kind: "ok", userToken: longLived }
    : { kind: "refused", code: null };
}

/** Step 4: the Pages the admin granted the app, with their Page tokens. */
export async function grantedPages(
  graph: string,
  userToken: string,
  options: { timeoutMs?: number } = {},
): Promise<{ kind: "ok"; pages: GrantedPage[] } | LoginFailure> {
  const query = new URLSearchParams({ fields: "id,name,access_token,tasks", limit: "100" });
  const answer = await askGraph(
    `${graphRoot(graph)}/me/accounts?${query}`,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    userToken,
  );
  if (answer.kind !== "ok") {
    return answer;
  }
  const data = Array.isArray(answer.body.data) ? (answer.body.data as Record<string, unknown>[]) : [];
  const pages = data.flatMap((page) =>
    typeof page.id === "string" && typeof page.access_token === "string"
      ? [
          {
            id: page.id,
            name: typeof page.name === "string" ? page.name : page.id,
            token: page.access_token,
            tasks: Array.isArray(page.tasks) ? page.tasks.map(String) : [],
          },
        ]
      : [],
  );
  return { kind: "ok", pages };
}
