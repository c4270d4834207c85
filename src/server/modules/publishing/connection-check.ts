import { eq } from "drizzle-orm";
import type { connectionTestResultValues } from "../../../shared/api/connections.ts";
import { type ConnectionState, connectionStateOf } from "../../../shared/connection-state.ts";
import type { Executor } from "../../db/client.ts";
import { channelConnections } from "../../db/schema/index.ts";
import type { ActionContext } from "../../platform/context.ts";
import { getChannel } from "../channels/index.ts";
import { markNeedsReconnect } from "./connection-renewal.ts";
import { type ConnectionOptions, connectionForPublish, getConnection } from "./connections.ts";
import { callPlatform, DEFAULT_TIMEOUT_MS, type PlatformAnswer } from "./connectors/http.ts";
import { fetchChannelStatistics } from "./connectors/youtube.ts";

/*
 * "Test the connection": asks the platform who the stored token belongs to, with the platform's own
 * documented call, and says what it answered in a word the web turns into a sentence
 * (connectionTestResultValues in the shared contract). A token the platform calls expired or
 * invalid marks the channel for reconnecting, as a failed publish would (audited there); a token
 * that works again clears that mark. The test changes nothing else, so it is not audited itself.
 *   Facebook Page: GET /me?fields=id,name with the Page token (developers.facebook.com/docs/graph-api/overview#me)
 *   Zalo OA: GET /v2.0/oa/getoa with the access_token header ("Lấy thông tin Official Account")
 *   YouTube: GET /channels?part=statistics&id=…&key=… (the connection holds an API key: it has no "me")
 */

export type ConnectionTestResult = (typeof connectionTestResultValues)[number];

interface Outcome {
  result: ConnectionTestResult;
  /** The name the platform gives the account, when it said. */
  accountName: string | null;
}

const reachedNobody: Outcome = { result: "unreachable", accountName: null };

function jsonObject(answer: PlatformAnswer): Record<string, unknown> {
  return answer.json && typeof answer.json === "object" ? (answer.json as Record<string, unknown>) : {};
}

async function askFacebook(baseUrl: string, token: string, pageId: string | null, timeoutMs: number) {
  const answer = await callPlatform(`${baseUrl.replace(/\/+$/, "")}/me?fields=id,name`, {
    method: "GET",
    timeoutMs,
    headers: { authorization: `Bearer ${token}` },
  });
  if (answer.kind === "unreachable") {
    return reachedNobody;
  }
  const body = jsonObject(answer);
  if (answer.status === 200 && typeof body.id === "string") {
    const name = typeof body.name === "string" ? body.name : null;
    return { result: pageId && body.id !== pageId ? "wrong_account" : "ok", accountName: name } as Outcome;
  }
  const error = (body.error ?? {}) as { code?: number; error_subcode?: number };
  // developers.facebook.com/docs/graph-api/guides/error-handling: 190 is the token; subcode 463 its expiry.
  if (error.code === 190 || error.code === 102) {
    return { result: error.error_subcode === 463 ? "expired" : "refused", accountName: null } as Outcome;
  }
  if (error.code === 10 || (typeof error.code === "number" && error.code >= 200 && error.code <= 299)) {
    return { result: "permission_missing", accountName: null } as Outcome;
  }
  return { result: answer.status >= 500 ? "unreachable" : "platform_error", accountName: null } as Outcome;
}

async function askZalo(baseUrl: string, token: string, timeoutMs: number): Promise<Outcome> {
  const answer = await callPlatform(`${baseUrl.replace(/\/+$/, "")}/v2.0/oa/getoa`, {
    method: "GET",
    timeoutMs,
    headers: { access_token: token },
  });
  if (answer.kind === "unreachable" || answer.status >= 500) {
    return reachedNobody;
  }
  const body = jsonObject(answer);
  const data = (body.data ?? {}) as Record<string, unknown>;
  if (body.error === 0 && typeof data.oa_id === "string") {
    return { result: "ok", accountName: typeof data.name === "string" ? data.name : null };
  }
  // Zalo answers failures with HTTP 200 and a negative number: -124 expired, -216 invalid.
  if (body.error === -124) {
    return { result: "expired", accountName: null };
  }
  if (body.error === -216) {
    return { result: "refused", accountName: null };
  }
  return { result: "platform_error", accountName: null };
}

async function askYoutube(baseUrl: string, key: string, channelId: string | null, timeoutMs: number) {
  const answer = await fetchChannelStatistics({ baseUrl, accountId: channelId, token: key }, { timeoutMs });
  if (answer.kind === "statistics") {
    return { result: "ok", accountName: null } as Outcome;
  }
  const byCode: Record<string, ConnectionTestResult> = {
    token_expired: "refused",
    channel_not_found: "wrong_account",
    account_missing: "wrong_account",
    permission_missing: "permission_missing",
  };
  return {
    result: answer.kind === "retry" ? "unreachable" : (byCode[answer.code] ?? "platform_error"),
    accountName: null,
  } as Outcome;
}

export interface ConnectionTestAnswer {
  result: ConnectionTestResult;
  accountName: string | null;
  state: ConnectionState;
  testedAt: Date;
}

/** Tests a channel's connection against its platform; 404 when the channel is not connected. */
export async function testConnection(
  ctx: ActionContext,
  options: ConnectionOptions,
  channelId: string,
): Promise<ConnectionTestAnswer> {
  const channel = await getChannel(ctx.db, channelId);
  const before = await getConnection(ctx.db, channel.id);
  const connection = await connectionForPublish(ctx.db, channel.id, options);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let outcome: Outcome;
  if (!connection?.token) {
    // The stored token no longer opens with this server's key: only a new one helps.
    outcome = { result: "refused", accountName: null };
  } else if (connection.connector === "facebook_page") {
    outcome = await askFacebook(connection.baseUrl, connection.token, connection.accountId, timeoutMs);
  } else if (connection.connector === "zalo_oa") {
    outcome = await askZalo(connection.baseUrl, connection.token, timeoutMs);
  } else {
    outcome = await askYoutube(connection.baseUrl, connection.token, connection.accountId, timeoutMs);
  }
  if (outcome.result === "expired" || outcome.result === "refused") {
    await markNeedsReconnect(
      ctx.db,
      channel.id,
      {
        code: outcome.result === "expired" ? "token_expired" : "token_refused",
        message: `The connection test found the token ${outcome.result}.`,
      },
      ctx.actor,
    );
  } else if (outcome.result === "ok" && before.status === "needs_reconnect") {
    await restoreConnected(ctx.db, channel.id);
  }
  const after = await getConnection(ctx.db, channel.id);
  return { ...outcome, state: connectionStateOf(after), testedAt: new Date() };
}

/** The platform accepts the token again (say a page admin restored the app's access). */
async function restoreConnected(db: Executor, channelId: string): Promise<void> {
  await db
    .update(channelConnections)
    .set({ status: "connected", statusReason: null, updatedAt: new Date() })
    .where(eq(channelConnections.channelId, channelId));
}
