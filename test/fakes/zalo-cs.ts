import { randomBytes } from "node:crypto";
import { type FakeServer, type Received, sendJson, startFakeServer } from "./fake-http.ts";

/*
 * A local Zalo OA Open API for customer-service messages ("tin tư vấn"), following Zalo's OA API
 * reference (developers.zalo.me/docs/official-account, "Gửi tin Tư vấn"):
 * - POST /v3.0/oa/message/cs, header access_token, JSON {recipient:{user_id}, message:{text}}
 *   → HTTP 200 {"data":{"message_id","user_id"},"error":0,"message":"Success"}
 * - failures are HTTP 200 with a negative `error`: -216 access token invalid, -124 access token
 *   expired, -230 the user has not interacted with the OA within the customer-service window (48 hours
 *   here, as the inbox's window.ts), -213 the user does not follow the OA (or blocked it), -201 invalid
 *   parameter, -32 too many requests.
 * The test tells the fake when each user last interacted (`userWrote`); the fake enforces the window.
 */

const HOUR = 60 * 60 * 1000;

export interface ZaloSent {
  userId: string;
  text: string;
  messageId: string;
}

export interface FakeZaloCs extends FakeServer {
  baseUrl: string;
  token: string;
  userWrote(userId: string, at: Date): void;
  /** Users who unfollowed or blocked the OA. */
  blocked: Set<string>;
  sent: ZaloSent[];
  expireToken(): void;
  /** The token works again (as after the OA was reconnected). */
  renewToken(): void;
  setRateLimited(limited: boolean): void;
  sendCalls(): Received[];
}

export async function startFakeZaloCs(
  options: { token?: string; windowHours?: number } = {},
): Promise<FakeZaloCs> {
  const state = {
    token: options.token ?? `zalo-${randomBytes(6).toString("hex")}`,
    expired: false,
    limited: false,
  };
  const windowMs = (options.windowHours ?? 48) * HOUR;
  const lastWrote = new Map<string, Date>();
  const blocked = new Set<string>();
  const sent: ZaloSent[] = [];
  const fail = (error: number, message: string) => ({ error, message });

  const server = await startFakeServer((request, response) => {
    if (request.method !== "POST" || request.path !== "/v3.0/oa/message/cs") {
      sendJson(response, 404, { error: 404, message: "Not found" });
      return;
    }
    const token = request.headers.access_token;
    if (token !== state.token) {
      sendJson(response, 200, fail(-216, "Access token is invalid"));
      return;
    }
    if (state.expired) {
      sendJson(response, 200, fail(-124, "Access token has expired"));
      return;
    }
    if (state.limited) {
      sendJson(response, 200, fail(-32, "Exceed rate limit"));
      return;
    }
    const body = request.json as { recipient?: { user_id?: string }; message?: { text?: string } } | null;
    const userId = body?.recipient?.user_id ?? "";
    const text = body?.message?.text ?? "";
    if (!userId || !text || text.length > 2000) {
      sendJson(response, 200, fail(-201, "Parameters are invalid"));
      return;
    }
    if (blocked.has(userId)) {
      sendJson(response, 200, fail(-213, "User has not followed OA"));
      return;
    }
    const wrote = lastWrote.get(userId);
    if (!wrote || Date.now() - wrote.getTime() > windowMs) {
      sendJson(response, 200, fail(-230, "User has not interacted with the OA in the allowed period"));
      return;
    }
    const messageId = randomBytes(16).toString("hex");
    sent.push({ userId, text, messageId });
    sendJson(response, 200, {
      data: { message_id: messageId, user_id: userId },
      error: 0,
      message: "Success",
    });
  });

  return {
    ...server,
    baseUrl: server.origin,
    get token() {
      return state.token;
    },
    userWrote(userId, at) {
      lastWrote.set(userId, at);
    },
    blocked,
    sent,
    expireToken() {
      state.expired = true;
    },
    renewToken() {
      state.expired = false;
    },
    setRateLimited(limited) {
      state.limited = limited;
    },
    sendCalls: () => server.received.filter((r) => r.path === "/v3.0/oa/message/cs"),
  };
}
