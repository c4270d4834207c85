import { createHash, randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { type Received, sendJson } from "./fake-http.ts";

/*
 * Zalo's OAuth v4 server for an OA (oauth.zaloapp.com), as developers.zalo.me documents it
 * ("Xác thực và ủy quyền cho ứng dụng", official-account/bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new):
 * - GET /v4/oa/permission?app_id&redirect_uri&code_challenge&state: the OA admin's consent page. The
 *   "admin" approves (unless the test said `decide("deny")`) and is sent to redirect_uri with
 *   ?code&oa_id&state&code_challenge; refusing sends them back without a code (?error=access_denied&state).
 * - POST /v4/oa/access_token, header secret_key, form app_id, grant_type and either code +
 *   code_verifier (authorization_code: the code is single-use, lives 10 minutes, and base64url(sha256(
 *   verifier)) must equal its code_challenge) or refresh_token (single-use) → {"access_token",
 *   "refresh_token","expires_in":"90000"}. Refusals are HTTP 200 with {"error": <negative>,
 *   "error_name","error_reason","error_description"}.
 */

export interface ZaloTokens {
  token: string;
  tokenExpiresAt: Date;
  refreshToken: string;
}

interface IssuedCode {
  challenge: string;
  redirectUri: string;
  issuedAt: number;
  used: boolean;
}

const CODE_LIFETIME_MS = 10 * 60 * 1000;

const refusal = (response: ServerResponse, error: number, name: string, description = "") =>
  sendJson(response, 200, { error, error_name: name, error_reason: "", error_description: description });

export interface FakeZaloOauth {
  /** What the OA admin does on the next consent pages (approve unless told otherwise). */
  decide(decision: "approve" | "deny"): void;
  /**
   * The OA the admin picks on the next consent pages (Zalo lists every OA the signed-in person
   * administers); the fake's own OA unless told otherwise.
   */
  grantOa(oaId: string | null): void;
  /** Makes every code issued so far older by `ms`. */
  ageCodes(ms: number): void;
}

export function createZaloOauth(options: {
  appId: string;
  appSecret: string;
  oaId: string;
  tokens: ZaloTokens;
}) {
  const codes = new Map<string, IssuedCode>();
  let decision: "approve" | "deny" = "approve";
  let grantedOa: string | null = null;

  const issueTokens = (response: ServerResponse) => {
    options.tokens.token = `zoa-${randomBytes(12).toString("hex")}`;
    options.tokens.refreshToken = `zrt-${randomBytes(12).toString("hex")}`;
    options.tokens.tokenExpiresAt = new Date(Date.now() + 90_000 * 1000);
    sendJson(response, 200, {
      access_token: options.tokens.token,
      refresh_token: options.tokens.refreshToken,
      expires_in: "90000",
    });
  };

  function permission(request: Received, response: ServerResponse): void {
    const query = request.query;
    let target: URL;
    try {
      target = new URL(query.get("redirect_uri") ?? "");
    } catch {
      refusal(response, -14003, "Invalid redirect uri");
      return;
    }
    const challenge = query.get("code_challenge") ?? "";
    if (query.get("app_id") !== options.appId || !challenge) {
      refusal(response, -14002, "Invalid app id or code challenge");
      return;
    }
    const state = query.get("state");
    if (decision === "deny") {
      target.searchParams.set("error", "access_denied");
    } else {
      const code = randomBytes(32).toString("base64url");
      codes.set(code, { challenge, redirectUri: target.toString(), issuedAt: Date.now(), used: false });
      target.searchParams.set("code", code);
      target.searchParams.set("oa_id", grantedOa ?? options.oaId);
      target.searchParams.set("code_challenge", challenge);
    }
    if (state !== null) {
      target.searchParams.set("state", state);
    }
    response.writeHead(302, { location: target.toString() }).end();
  }

  function accessToken(request: Received, response: ServerResponse): void {
    const form = request.form;
    if (request.headers.secret_key !== options.appSecret || form?.get("app_id") !== options.appId) {
      refusal(response, -14002, "Invalid app id or secret key");
      return;
    }
    if (form.get("grant_type") === "refresh_token") {
      if (form.get("refresh_token") !== options.tokens.refreshToken) {
        refusal(response, -14014, "Invalid refresh token", "Refresh token is invalid or has been used");
        return;
      }
      issueTokens(response);
      return;
    }
    if (form.get("grant_type") !== "authorization_code") {
      refusal(response, -14001, "Invalid parameter", "grant_type is invalid");
      return;
    }
    const issued = codes.get(form.get("code") ?? "");
    if (!issued || issued.used || Date.now() - issued.issuedAt > CODE_LIFETIME_MS) {
      refusal(response, -14005, "Invalid authorization code", "Code is invalid, expired or has been used");
      return;
    }
    const verifier = form.get("code_verifier") ?? "";
    if (createHash("sha256").update(verifier).digest("base64url") !== issued.challenge) {
      refusal(response, -14019, "Invalid code verifier", "code_verifier does not match code_challenge");
      return;
    }
    issued.used = true;
    issueTokens(response);
  }

  return {
    /** Answers the request when it is the OAuth server's; false to let the OA fake go on. */
    handle(request: Received, response: ServerResponse): boolean {
      if (request.method === "GET" && request.path === "/v4/oa/permission") {
        permission(request, response);
        return true;
      }
      if (request.method === "POST" && request.path === "/v4/oa/access_token") {
        accessToken(request, response);
        return true;
      }
      return false;
    },
    oauth: {
      decide(next) {
        decision = next;
      },
      grantOa(oaId) {
        grantedOa = oaId;
      },
      ageCodes(ms) {
        for (const code of codes.values()) {
          code.issuedAt -= ms;
        }
      },
    } satisfies FakeZaloOauth,
  };
}
