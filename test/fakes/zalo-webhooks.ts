import { createHash, randomBytes } from "node:crypto";
import { webhookSender } from "./facebook-webhooks.ts";

/*
 * A fake Zalo that SENDS Official Account webhook events to our /webhooks/zalo, as Zalo documents them
 * (developers.zalo.me/docs/official-account/webhook: the event list and "Xác thực webhook"):
 * - POST, JSON, one event per request: `app_id`, `user_id_by_app`, `event_name`, `timestamp` (ms, a
 *   string), `sender.id`, `recipient.id`, `message` {msg_id, text, attachments[{type, payload{url,
 *   thumbnail, name, size}}]};
 * - header `X-ZEvent-Signature: mac=<sha256 hex of app_id + body + timestamp + OA secret key>` (a plain
 *   SHA-256 of the concatenation, not an HMAC), the body being the raw JSON sent;
 * - user_send_text / user_send_image / user_send_file from a user to the OA; oa_send_text when the OA
 *   wrote (our API call or Zalo's own OA tool).
 * Zalo documents no redelivery: by default one attempt; `maxAttempts` makes it retry like Meta.
 */

export function zaloSignature(appId: string, body: string, timestamp: string, oaSecretKey: string): string {
  return `mac=${createHash("sha256").update(`${appId}${body}${timestamp}${oaSecretKey}`).digest("hex")}`;
}

const nextId = () => randomBytes(10).toString("hex");

export interface ZaloEventInput {
  appId: string;
  oaId: string;
  userId: string;
  msgId?: string;
  /** ms */
  timestamp?: number;
}

function event(name: string, input: ZaloEventInput, message: Record<string, unknown>, fromOa = false) {
  return JSON.stringify({
    app_id: input.appId,
    user_id_by_app: `app_${input.userId}`,
    event_name: name,
    timestamp: String(input.timestamp ?? Date.now()),
    sender: { id: fromOa ? input.oaId : input.userId },
    recipient: { id: fromOa ? input.userId : input.oaId },
    message: { msg_id: input.msgId ?? nextId(), ...message },
  });
}

export const zaloUserText = (input: ZaloEventInput & { text: string }) =>
  event("user_send_text", input, { text: input.text });

export const zaloUserImage = (input: ZaloEventInput & { url: string; text?: string }) =>
  event("user_send_image", input, {
    ...(input.text ? { text: input.text } : {}),
    attachments: [{ type: "image", payload: { thumbnail: input.url, url: input.url } }],
  });

export const zaloUserFile = (input: ZaloEventInput & { url: string; name: string }) =>
  event("user_send_file", input, {
    attachments: [{ type: "file", payload: { url: input.url, name: input.name, size: "2048", type: "pdf" } }],
  });

export const zaloOaText = (input: ZaloEventInput & { text: string }) =>
  event("oa_send_text", input, { text: input.text }, true);

/** Any other event (follow, seen…): the inbox ignores it. */
export const zaloFollow = (input: ZaloEventInput) =>
  JSON.stringify({
    app_id: input.appId,
    event_name: "follow",
    timestamp: String(input.timestamp ?? Date.now()),
    oa_id: input.oaId,
    follower: { id: input.userId },
    source: "oa_profile",
  });

export function fakeZalo(options: {
  origin: string;
  oaSecretKey: string;
  maxAttempts?: number;
  retryDelaysMs?: number[];
}) {
  return webhookSender({
    url: `${options.origin}/webhooks/zalo`,
    sign: (body) => {
      const parsed = JSON.parse(body) as { app_id: string; timestamp: string };
      return {
        "x-zevent-signature": zaloSignature(parsed.app_id, body, parsed.timestamp, options.oaSecretKey),
      };
    },
    maxAttempts: options.maxAttempts ?? 1,
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
  });
}
