import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { graphError } from "./facebook-graph-errors.ts";
import { tokenOf } from "./facebook-graph-tokens.ts";
import { type Received, sendJson } from "./fake-http.ts";

/*
 * Facebook Login for the fake Graph API, as Meta documents it (developers.facebook.com/docs/
 * facebook-login/guides/advanced/manual-flow, /docs/pages-api/getting-started):
 * - GET /{version}/dialog/oauth?client_id&redirect_uri&state&scope&response_type=code (www.facebook.com;
 *   the test points CAUNOI_FACEBOOK_DIALOG_URL here). The "user" approves, ticking the Pages in
 *   `granted`, or denies, as the test set with `decide`; the dialog then redirects to redirect_uri
 *   with ?code&state, or ?error_reason=user_denied&error=access_denied&error_description=Permissions+error.
 *   An app id it does not know or a redirect_uri that is not absolute answers an error page (191).
 * - GET /{version}/oauth/access_token?client_id&redirect_uri&client_secret&code → {"access_token",
 *   "token_type":"bearer","expires_in"}: a code is single-use and lives 10 minutes; the redirect_uri
 *   must be the dialog's exactly; errors as OAuthException, code 100 (subcodes 36007 expired, 36008
 *   redirect_uri, 36009 used), code 1 for a wrong client secret, 101 for an unknown app.
 * - GET /{version}/oauth/access_token?grant_type=fb_exchange_token&client_id&client_secret&fb_exchange_token
 *   → a long-lived user token (expires_in ≈ 60 days).
 * - GET /{version}/me/accounts?fields=id,name,access_token,tasks with a user token → {"data":[{id,
 *   name, access_token, tasks, category}],"paging":{"cursors":{…}}}: the Pages granted; asked with a
 *   long-lived user token, their Page tokens do not expire.
 */

export interface LoginPage {
  id: string;
  name: string;
  token: string;
}

interface IssuedCode {
  redirectUri: string;
  issuedAt: number;
  used: boolean;
  pageIds: string[];
}

interface UserToken {
  longLived: boolean;
  pageIds: string[];
}

export interface FakeFacebookLogin {
  appId: string;
  appSecret: string;
  /** What the person does in the next dialogs (approve unless told otherwise). */
  decide(decision: "approve" | "deny"): void;
  /** The Pages the person ticks in the dialog (all the fake's Pages unless told otherwise). */
  grant(pageIds: string[]): void;
  /** Makes every code issued so far older than its 10 minutes. */
  ageCodes(ms: number): void;
  /** Every Page token handed out by /me/accounts with a long-lived user token. */
  longLivedPageTokensIssued(): number;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;

const oauthError = (response: ServerResponse, code: number, message: string, subcode?: number) =>
  graphError(response, 400, {
    message,
    type: "OAuthException",
    code,
    ...(subcode ? { error_subcode: subcode } : {}),
  });

export function createFacebookLogin(options: {
  version: string;
  pages: () => LoginPage[];
  /** Told when a Page token is handed out with a long-lived user token (it then never expires). */
  onLongLivedPageToken: (pageId: string) => void;
}) {
  const appId = "138483919580948";
  const appSecret = `fbsecret-${randomBytes(8).toString("hex")}`;
  const codes = new Map<string, IssuedCode>();
  const userTokens = new Map<string, UserToken>();
  let decision: "approve" | "deny" = "approve";
  let granted: string[] | null = null;
  let longLivedIssued = 0;
  const prefix = `/${options.version}/`;

  function dialog(request: Received, response: ServerResponse): void {
    const redirectUri = request.query.get("redirect_uri") ?? "";
    let target: URL;
    try {
      target = new URL(redirectUri);
    } catch {
      response
        .writeHead(400, { "content-type": "text/html; charset=utf-8" })
        .end("<h1>Can't Load URL</h1><p>(#191) The redirect_uri URL must be absolute.</p>");
      return;
    }
    if (request.query.get("client_id") !== appId || request.query.get("response_type") !== "code") {
      response
        .writeHead(400, { "content-type": "text/html; charset=utf-8" })
        .end("<h1>Invalid App ID</h1><p>The provided app ID does not look like a valid app ID.</p>");
      return;
    }
    const state = request.query.get("state");
    if (decision === "deny") {
      target.searchParams.set("error_reason", "user_denied");
      target.searchParams.set("error", "access_denied");
      target.searchParams.set("error_description", "Permissions error.");
    } else {
      const code = `AQ${randomBytes(24).toString("base64url")}`;
      codes.set(code, {
        redirectUri,
        issuedAt: Date.now(),
        used: false,
        pageIds: granted ?? options.pages().map((page) => page.id),
      });
      target.searchParams.set("code", code);
    }
    if (state !== null) {
      target.searchParams.set("state", state);
    }
    response.writeHead(302, { location: `${target}#_=_` }).end();
  }

  function accessToken(request: Received, response: ServerResponse): void {
    const query = request.query;
    if (query.get("client_id") !== appId) {
      oauthError(response, 101, "Error validating application. Invalid application ID.");
      return;
    }
    if (query.get("client_secret") !== appSecret) {
      oauthError(response, 1, "Error validating client secret.");
      return;
    }
    if (query.get("grant_type") === "fb_exchange_token") {
      const short = userTokens.get(query.get("fb_exchange_token") ?? "");
      if (!short) {
        oauthError(response, 190, "Invalid OAuth access token - Cannot parse access token");
        return;
      }
      const token = `EAAlong${randomBytes(12).toString("hex")}`;
      userTokens.set(token, { longLived: true, pageIds: short.pageIds });
      sendJson(response, 200, { access_token: token, token_type: "bearer", expires_in: 5_183_944 });
      return;
    }
    const issued = codes.get(query.get("code") ?? "");
    if (!issued) {
      oauthError(response, 100, "Invalid verification code format.");
      return;
    }
    if (issued.redirectUri !== query.get("redirect_uri")) {
      oauthError(
        response,
        100,
        "Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request",
        36008,
      );
      return;
    }
    if (issued.used) {
      oauthError(response, 100, "This authorization code has been used.", 36009);
      return;
    }
    if (Date.now() - issued.issuedAt > CODE_LIFETIME_MS) {
      oauthError(response, 100, "This authorization code has expired.", 36007);
      return;
    }
    issued.used = true;
    const token = `EAAshort${randomBytes(12).toString("hex")}`;
    userTokens.set(token, { longLived: false, pageIds: issued.pageIds });
    sendJson(response, 200, { access_token: token, token_type: "bearer", expires_in: 5_399 });
  }

  function accounts(request: Received, response: ServerResponse): void {
    const user = userTokens.get(tokenOf(request) ?? "");
    if (!user) {
      oauthError(response, 190, "Invalid OAuth access token - Cannot parse access token");
      return;
    }
    const fields = (request.query.get("fields") ?? "id,name,access_token,category,tasks").split(",");
    const data = options
      .pages()
      .filter((page) => user.pageIds.includes(page.id))
      .map((page) => {
        if (user.longLived) {
          longLivedIssued += 1;
          options.onLongLivedPageToken(page.id);
        }
        const all: Record<string, unknown> = {
          access_token: page.token,
          category: "Government Organization",
          name: page.name,
          id: page.id,
          tasks: ["ANALYZE", "ADVERTISE", "MESSAGING", "MODERATE", "CREATE_CONTENT", "MANAGE"],
        };
        return Object.fromEntries(Object.entries(all).filter(([key]) => fields.includes(key)));
      });
    sendJson(response, 200, { data, paging: { cursors: { before: "QVFIUmZA", after: "QVFIUmZB" } } });
  }

  return {
    /** Answers the request when it is the login's; false to let the Graph fake go on. */
    handle(request: Received, response: ServerResponse): boolean {
      if (request.method !== "GET" || !request.path.startsWith(prefix)) {
        return false;
      }
      const path = request.path.slice(prefix.length);
      if (path === "dialog/oauth") {
        dialog(request, response);
        return true;
      }
      if (path === "oauth/access_token") {
        accessToken(request, response);
        return true;
      }
      if (path === "me/accounts" && userTokens.has(tokenOf(request) ?? "")) {
        accounts(request, response);
        return true;
      }
      return false;
    },
    login: {
      appId,
      appSecret,
      decide(next) {
        decision = next;
      },
      grant(pageIds) {
        granted = pageIds;
      },
      ageCodes(ms) {
        for (const code of codes.values()) {
          code.issuedAt -= ms;
        }
      },
      longLivedPageTokensIssued: () => longLivedIssued,
    } satisfies FakeFacebookLogin,
  };
}
