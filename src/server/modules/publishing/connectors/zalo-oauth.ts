import { callPlatform, DEFAULT_TIMEOUT_MS, failureText, unreachableOutcome } from "./http.ts";
import type { PublishOutcome } from "./types.ts";

/*
 * Renewing a Zalo OA access token (developers.zalo.me/docs/official-account, "Lấy access token từ
 * refresh token"): POST https://oauth.zaloapp.com/v4/oa/access_token, header `secret_key: <app
 * secret>`, form body refresh_token, app_id, grant_type=refresh_token → {"access_token",
 * "refresh_token", "expires_in": "90000"} (seconds, as a string: about 25 hours). The refresh token
 * is single-use (valid three months); every renewal answers a new one, which must be stored before
 * anything else uses the old one. A refused renewal answers {"error": <negative>, "error_name",
 * "error_reason", "error_description"}.
 */

export interface ZaloRenewed {
  kind: "renewed";
  accessToken: string;
  refreshToken: string;
  expiresAt: Date;
}

type Failure = Exclude<PublishOutcome, { kind: "published" }>;

export async function renewZaloAccessToken(
  oauthRoot: string,
  credentials: { appId: string; appSecret: string; refreshToken: string },
  options: { timeoutMs?: number; now?: Date } = {},
): Promise<ZaloRenewed | Failure> {
  return askForTokens(
    oauthRoot,
    credentials.appSecret,
    { refresh_token: credentials.refreshToken, app_id: credentials.appId, grant_type: "refresh_token" },
    options,
  );
}

/*
 * Connecting an OA by its admin's consent (OAuth v4 with PKCE, developers.zalo.me/docs/official-account/
 * bat-dau/xac-thuc-va-uy-quyen-cho-ung-dung-new): the admin is sent to
 * https://oauth.zaloapp.com/v4/oa/permission?app_id&redirect_uri&code_challenge&state, where
 * code_challenge = base64url(sha256(code_verifier)) without padding; Zalo comes back to redirect_uri
 * with code, oa_id, state (and the code_challenge); the code is exchanged at the same
 * /v4/oa/access_token with grant_type=authorization_code and the code_verifier, and answers the same
 * access token (about 25 hours) and refresh token (three months) as a renewal does.
 */

/** The address of Zalo's page where an OA admin grants the app access to the OA. */
export function zaloPermissionUrl(
  oauthRoot: string,
  request: { appId: string; redirectUri: string; codeChallenge: string; state: string },
): string {
  const query = new URLSearchParams({
    app_id: request.appId,
    redirect_uri: request.redirectUri,
    code_challenge: request.codeChallenge,
    state: request.state,
  });
  return `${oauthRoot.replace(/\/+$/, "")}/v4/oa/permission?${query}`;
}

/** Exchanges the code Zalo sent back (with the verifier only this server knows) for the OA's tokens. */
export async function exchangeZaloCode(
  oauthRoot: string,
  request: { appId: string; appSecret: string; code: string; codeVerifier: string },
  options: { timeoutMs?: number; now?: Date } = {},
): Promise<ZaloRenewed | Failure> {
  return askForTokens(
    oauthRoot,
    request.appSecret,
    {
      code: request.code,
      app_id: request.appId,
      grant_type: "authorization_code",
      code_verifier: request.codeVerifier,
    },
    options,
  );
}

async function askForTokens(
  oauthRoot: string,
  appSecret: string,
  form: Record<string, string>,
  options: { timeoutMs?: number; now?: Date },
): Promise<ZaloRenewed | Failure> {
  const now = options.now ?? new Date();
  const answer = await callPlatform(`${oauthRoot.replace(/\/+$/, "")}/v4/oa/access_token`, {
    method: "POST",
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    headers: {
      secret_key: appSecret,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: new URLSearchParams(form).toString(),
  });
  if (answer.kind === "unreachable") {
    return unreachableOutcome(answer);
  }
  const body = (answer.json && typeof answer.json === "object" ? answer.json : {}) as Record<string, unknown>;
  if (answer.status >= 500) {
    return {
      kind: "retry",
      code: "server_error",
      message: failureText("server_error", `Zalo OAuth (HTTP ${answer.status})`),
    };
  }
  const accessToken = typeof body.access_token === "string" ? body.access_token : "";
  const refreshToken = typeof body.refresh_token === "string" ? body.refresh_token : "";
  const seconds = Number(body.expires_in);
  if (answer.status === 200 && accessToken && refreshToken && Number.isFinite(seconds) && seconds > 0) {
    return {
      kind: "renewed",
      accessToken,
      refreshToken,
      expiresAt: new Date(now.getTime() + seconds * 1000),
    };
  }
  const number = typeof body.error === "number" ? body.error : null;
  const said = typeof body.error_name === "string" ? body.error_name : null;
  return {
    kind: "needs_person",
    code: "token_expired",
    message: failureText(
      "token_expired",
      number !== null ? `Zalo OAuth (#${number})` : `Zalo OAuth (HTTP ${answer.status})`,
      said,
    ),
  };
}
