import type { Actor } from "../../platform/actor.ts";
import type { ActionContext } from "../../platform/context.ts";
import { AppError } from "../../platform/errors.ts";
import {
  awaitChoice,
  expectedAccountOf,
  type FlowOptions,
  openChoice,
  redirectUriOf,
  spendState,
} from "./connect-flows.ts";
import { type ConnectionView, saveConnection } from "./connections.ts";
import {
  type FacebookApp,
  grantedPages,
  type LoginFailure,
  userTokenOfCode,
} from "./connectors/facebook-login.ts";
import { exchangeZaloCode } from "./connectors/zalo-oauth.ts";
import { publishingErrors } from "./errors.ts";

/*
 * The callbacks' second half: with the state spent, exchange what the platform sent back, find the
 * channel's account, and store its token through saveConnection, the very path a pasted token takes
 * (sealed the same way, the Page token checked with debug_token, audited as channel.connection.*
 * with `via`). What the callback answers is only where to send the browser: the channel's page with
 * `?ket-noi=<reason>`; a token never goes into that address, a log, an audit record or a message.
 */

type SignedIn = ActionContext & { actor: Actor };

/** Where the browser goes after a callback, in words the web turns into a sentence. */
export interface FlowEnd {
  /** Null when the state named no flow (the browser then goes to the channel list). */
  channelId: string | null;
  /** ok, choose, denied, or the failure's reason (state_expired, page_not_granted, permissions_missing…). */
  reason: string;
  /** The chooser's one-time token, when several Pages were granted. */
  choice?: string;
  /** Facebook's names of the permissions the Page token lacks. */
  missing?: string[];
}

const reasonsOfCodes: Record<string, string> = {
  "connection.permissions_missing": "permissions_missing",
  "connection.token_wrong_page": "page_not_granted",
  "connection.token_refused": "refused",
  "connection.check_unavailable": "unreachable",
};

/** A failure as the reason the web words; anything unforeseen is rethrown (logged by the route). */
export function flowEndOf(error: unknown, channelId: string | null): FlowEnd {
  if (!(error instanceof AppError)) {
    throw error;
  }
  const known = (error as AppError & { channelId?: string }).channelId ?? channelId;
  const reason = error.code.startsWith("connection.flow_")
    ? error.code.slice("connection.flow_".length)
    : (reasonsOfCodes[error.code] ?? "failed");
  const missing = (error.details as { missing?: unknown } | undefined)?.missing;
  return {
    channelId: known,
    reason,
    ...(Array.isArray(missing) ? { missing: missing.map(String) } : {}),
  };
}

function failedStep(failure: LoginFailure): AppError {
  return failure.kind === "unreachable"
    ? publishingErrors.connectFlowUnreachable()
    : publishingErrors.connectFlowRefused();
}

function facebookApp(options: FlowOptions): FacebookApp {
  return {
    appId: options.apps.facebookAppId ?? "",
    appSecret: options.facebookAppSecret ?? "",
    redirectUri: redirectUriOf(options.publicUrl, "facebook_page"),
  };
}

export interface FacebookCallback {
  code?: string | undefined;
  state?: string | undefined;
  error?: string | undefined;
  error_reason?: string | undefined;
}

/** GET /connect/facebook/callback: code and state, or error=access_denied&error_reason=user_denied. */
export async function finishFacebookFlow(
  ctx: SignedIn,
  options: FlowOptions,
  query: FacebookCallback,
): Promise<FlowEnd> {
  let channelId: string | null = null;
  try {
    const { row } = await spendState(ctx, options, "facebook_page", query.state);
    channelId = row.channelId;
    if (query.error || !query.code) {
      return { channelId, reason: "denied" };
    }
    const app = facebookApp(options);
    const user = await userTokenOfCode(options.apis.graph, app, query.code, options);
    if (user.kind !== "ok") {
      throw failedStep(user);
    }
    const granted = await grantedPages(options.apis.graph, user.userToken, options);
    if (granted.kind !== "ok") {
      throw failedStep(granted);
    }
    const expected = await expectedAccountOf(ctx.db, row.channelId);
    let page = expected ? granted.pages.find((candidate) => candidate.id === expected) : undefined;
    if (expected && !page) {
      throw publishingErrors.connectFlowPageNotGranted();
    }
    if (!page) {
      if (granted.pages.length === 0) {
        throw publishingErrors.connectFlowNoPages();
      }
      if (granted.pages.length > 1) {
        const pages = granted.pages.map(({ id, name }) => ({ id, name }));
        const choice = await awaitChoice(ctx.db, options, row, user.userToken, pages);
        return { channelId, reason: "choose", choice };
      }
      page = granted.pages[0];
    }
    if (!page) {
      throw publishingErrors.connectFlowNoPages();
    }
    await saveConnection(ctx, options, {
      channelId: row.channelId,
      token: page.token,
      accountId: page.id,
      via: "facebook_login",
    });
    return { channelId, reason: "ok" };
  } catch (error) {
    return flowEndOf(error, channelId);
  }
}

/** The Pages offered by the chooser (ids and names only). */
export async function pagesToChoose(
  ctx: SignedIn,
  options: FlowOptions,
  channelId: string,
  choice: string,
): Promise<{ id: string; name: string }[]> {
  return (await openChoice(ctx, options, channelId, choice, false)).pages;
}

/** The chosen Page: its token asked of Facebook again with the waiting user token, then stored. */
export async function chooseFacebookPage(
  ctx: SignedIn,
  options: FlowOptions,
  channelId: string,
  choice: string,
  pageId: string,
): Promise<ConnectionView> {
  const opened = await openChoice(ctx, options, channelId, choice, true);
  if (!opened.pages.some((page) => page.id === pageId)) {
    throw publishingErrors.connectFlowPageNotGranted();
  }
  const granted = await grantedPages(options.apis.graph, opened.userToken, options);
  if (granted.kind !== "ok") {
    throw failedStep(granted);
  }
  const page = granted.pages.find((candidate) => candidate.id === pageId);
  if (!page) {
    throw publishingErrors.connectFlowPageNotGranted();
  }
  return saveConnection(ctx, options, {
    channelId,
    token: page.token,
    accountId: page.id,
    via: "facebook_login",
  });
}

export interface ZaloCallback {
  code?: string | undefined;
  state?: string | undefined;
  oa_id?: string | undefined;
  error?: string | undefined;
}

/** GET /connect/zalo/callback: code, oa_id, state (and code_challenge); no code when the admin refused. */
export async function finishZaloFlow(
  ctx: SignedIn,
  options: FlowOptions,
  query: ZaloCallback,
): Promise<FlowEnd> {
  let channelId: string | null = null;
  try {
    const { row, verifier } = await spendState(ctx, options, "zalo_oa", query.state);
    channelId = row.channelId;
    if (query.error || !query.code || !verifier) {
      return { channelId, reason: "denied" };
    }
    const expected = await expectedAccountOf(ctx.db, row.channelId);
    if (expected && query.oa_id && query.oa_id !== expected) {
      throw publishingErrors.connectFlowWrongOa();
    }
    const appId = options.apps.zaloAppId ?? "";
    const appSecret = options.apps.zaloAppSecretKey ?? "";
    const tokens = await exchangeZaloCode(
      options.apis.zaloOauth,
      { appId, appSecret, code: query.code, codeVerifier: verifier },
      { timeoutMs: options.timeoutMs },
    );
    if (tokens.kind !== "renewed") {
      throw tokens.kind === "retry"
        ? publishingErrors.connectFlowUnreachable()
        : publishingErrors.connectFlowRefused();
    }
    // Stored as the paste path stores a token with its renewal credentials, so renewal keeps working.
    await saveConnection(ctx, options, {
      channelId: row.channelId,
      token: tokens.accessToken,
      tokenExpiresAt: tokens.expiresAt,
      accountId: query.oa_id?.trim() || expected,
      refreshToken: tokens.refreshToken,
      appId,
      appSecret,
      via: "zalo_oauth",
    });
    return { channelId, reason: "ok" };
  } catch (error) {
    return flowEndOf(error, channelId);
  }
}
