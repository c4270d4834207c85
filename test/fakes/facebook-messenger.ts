import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import { type FakeServer, type Received, sendJson, startFakeServer } from "./fake-http.ts";

/*
 * A local Graph API for answering people on one Facebook Page, following the documented requests and
 * answers of:
 * - the Send API: POST /{page-id}/messages?access_token=…, JSON {recipient:{id:PSID}|{comment_id},
 *   messaging_type:"RESPONSE"|"UPDATE"|"MESSAGE_TAG", tag?, message:{text}|{attachment:{type,payload:{url}}}}
 *   → {"recipient_id","message_id"} (developers.facebook.com/docs/messenger-platform/reference/send-api).
 *   The standard window is 24 hours from the person's last message; with messaging_type MESSAGE_TAG and
 *   tag HUMAN_AGENT, 7 days, only for a page that has the Human Agent feature
 *   (/docs/messenger-platform/send-messages/message-tags). Private replies: recipient {comment_id},
 *   once per comment, within 7 days of the comment (/docs/messenger-platform/discovery/private-replies).
 * - POST /{comment-id}/comments (message, attachment_url) → {"id"} (/docs/graph-api/reference/object/comments)
 * - POST /{comment-id} (is_hidden=true|false) → {"success":true} (/docs/graph-api/reference/comment)
 * - errors {"error":{"message","type","code","error_subcode","fbtrace_id"}} (/docs/messenger-platform/error-codes):
 *   (#10) subcode 2018278 "This message is sent outside of allowed window", (#10) for the human-agent tag
 *   on a page without the feature, (#551) "This person isn't available right now", 190/463 expired
 *   token, (#613) "Calls to this api have exceeded the rate limit", (#100) unknown recipient/comment.
 * The test tells the fake when each person last wrote (`userWrote`) and which comments exist
 * (`addComment`); the fake enforces the windows from those times, like Facebook does from its own.
 */

const HOUR = 60 * 60 * 1000;

export interface FakeComment {
  id: string;
  fromPsid: string;
  createdAt: Date;
  hidden: boolean;
  privatelyAnswered: boolean;
  replies: { id: string; message: string; attachmentUrl: string | null }[];
}

export interface SentMessage {
  recipient: { id?: string; comment_id?: string };
  messagingType: string;
  tag: string | null;
  text: string | null;
  attachmentUrl: string | null;
  messageId: string;
}

export type MessengerMode = "ok" | "rate_limited" | "server_error" | "hang";

export interface FakeMessenger extends FakeServer {
  /** The Graph root the inbox calls with the version (…/v26.0). */
  baseUrl: string;
  version: string;
  pageId: string;
  token: string;
  /** The page has Facebook's Human Agent feature (the HUMAN_AGENT tag is accepted). */
  humanAgent: boolean;
  /** The person wrote to the page at this time: the windows run from it. */
  userWrote(psid: string, at: Date): void;
  /** People who blocked the page or deactivated their account (#551). */
  unavailable: Set<string>;
  addComment(comment: { id?: string; fromPsid: string; createdAt?: Date }): FakeComment;
  comments: Map<string, FakeComment>;
  /** Messages accepted by the Send API, in order. */
  sent: SentMessage[];
  expireToken(): void;
  /** The token works again (as after the page's admin reconnected). */
  renewToken(): void;
  setMode(mode: MessengerMode): void;
  /** Send API calls received (accepted or refused), to assert "exactly one". */
  sendCalls(): Received[];
}

const trace = () => randomBytes(8).toString("base64url");

function graphError(response: ServerResponse, status: number, error: Record<string, unknown>) {
  sendJson(response, status, { error: { type: "OAuthException", fbtrace_id: trace(), ...error } });
}

export async function startFakeMessenger(
  options: { pageId?: string; token?: string; version?: string; humanAgent?: boolean } = {},
): Promise<FakeMessenger> {
  const pageId = options.pageId ?? "104729384756";
  const version = options.version ?? "v26.0";
  const state = {
    token: options.token ?? `EAAfake${randomBytes(6).toString("hex")}`,
    expired: false,
    mode: "ok" as MessengerMode,
  };
  const lastWrote = new Map<string, Date>();
  const comments = new Map<string, FakeComment>();
  const sent: SentMessage[] = [];
  const unavailable = new Set<string>();
  let counter = 5000;

  const server = await startFakeServer((request, response) => {
    if (state.mode === "hang") {
      return;
    }
    const prefix = `/${version}/`;
    if (!request.path.startsWith(prefix)) {
      graphError(response, 400, { message: "Unknown path components", code: 2500 });
      return;
    }
    const params = request.form ?? request.query;
    const token = request.query.get("access_token") ?? request.form?.get("access_token") ?? null;
    if (token !== state.token) {
      graphError(response, 400, {
        message: "Invalid OAuth access token - Cannot parse access token",
        code: 190,
      });
      return;
    }
    if (state.expired) {
      graphError(response, 400, {
        message: "Error validating access token: Session has expired on Thursday, 01-Jan-26 00:00:00 PST.",
        code: 190,
        error_subcode: 463,
      });
      return;
    }
    if (state.mode === "rate_limited") {
      graphError(response, 400, {
        message: "(#613) Calls to this api have exceeded the rate limit.",
        code: 613,
      });
      return;
    }
    if (state.mode === "server_error") {
      graphError(response, 500, {
        message: "An unexpected error has occurred. Please retry your request later.",
        code: 2,
        is_transient: true,
      });
      return;
    }
    const parts = request.path.slice(prefix.length).split("/").filter(Boolean);
    // Any page the token answers for: a test may connect a second channel to the same fake.
    if (request.method === "POST" && parts.length === 2 && parts[1] === "messages") {
      sendApi(request, response);
      return;
    }
    const comment = comments.get(parts[0] ?? "");
    if (!comment || request.method !== "POST") {
      graphError(response, 400, {
        message: `(#100) Unsupported post request. Object with ID '${parts[0]}' does not exist, cannot be loaded due to missing permissions, or does not support this operation.`,
        code: 100,
        error_subcode: 33,
      });
      return;
    }
    if (parts.length === 2 && parts[1] === "comments") {
      const message = params.get("message") ?? "";
      const attachmentUrl = params.get("attachment_url");
      if (!message && !attachmentUrl) {
        graphError(response, 400, { message: "(#100) Missing message or attachment", code: 100 });
        return;
      }
      const id = `${comment.id.split("_")[0]}_${++counter}`;
      comment.replies.push({ id, message, attachmentUrl });
      sendJson(response, 200, { id });
      return;
    }
    if (parts.length === 1 && params.has("is_hidden")) {
      comment.hidden = params.get("is_hidden") === "true";
      sendJson(response, 200, { success: true });
      return;
    }
    graphError(response, 400, { message: "(#100) Invalid parameter", code: 100 });
  });

  function sendApi(request: Received, response: ServerResponse) {
    const body = request.json as {
      recipient?: { id?: string; comment_id?: string };
      messaging_type?: string;
      tag?: string;
      message?: { text?: string; attachment?: { type?: string; payload?: { url?: string } } };
    } | null;
    const recipient = body?.recipient ?? {};
    const now = Date.now();
    if (!body?.message || (!body.message.text && !body.message.attachment?.payload?.url)) {
      graphError(response, 400, { message: "(#100) The parameter message is required", code: 100 });
      return;
    }
    const tagged = body.messaging_type === "MESSAGE_TAG";
    if (tagged && (body.tag !== "HUMAN_AGENT" || !api.humanAgent)) {
      graphError(response, 400, {
        message: "(#10) This Page does not have the permission to send messages with the HUMAN_AGENT tag.",
        code: 10,
      });
      return;
    }
    if (recipient.comment_id) {
      const comment = comments.get(recipient.comment_id);
      if (!comment) {
        graphError(response, 400, { message: "(#100) No matching comment", code: 100 });
        return;
      }
      if (comment.privatelyAnswered || now - comment.createdAt.getTime() > 7 * 24 * HOUR) {
        graphError(response, 400, {
          message: "(#10) This message is sent outside of allowed window.",
          code: 10,
          error_subcode: 2018278,
        });
        return;
      }
      comment.privatelyAnswered = true;
    } else {
      const psid = recipient.id ?? "";
      const wrote = lastWrote.get(psid);
      if (!wrote) {
        graphError(response, 400, {
          message: "(#100) No matching user found",
          code: 100,
          error_subcode: 2018001,
        });
        return;
      }
      if (unavailable.has(psid)) {
        graphError(response, 400, {
          message: "(#551) This person isn't available right now.",
          code: 551,
          error_subcode: 1545041,
        });
        return;
      }
      const limit = tagged ? 7 * 24 * HOUR : 24 * HOUR;
      if (now - wrote.getTime() > limit) {
        graphError(response, 400, {
          message: "(#10) This message is sent outside of allowed window.",
          code: 10,
          error_subcode: 2018278,
        });
        return;
      }
    }
    const messageId = `m_${randomBytes(12).toString("base64url")}`;
    sent.push({
      recipient,
      messagingType: body.messaging_type ?? "",
      tag: body.tag ?? null,
      text: body.message.text ?? null,
      attachmentUrl: body.message.attachment?.payload?.url ?? null,
      messageId,
    });
    sendJson(response, 200, {
      recipient_id: recipient.id ?? comments.get(recipient.comment_id ?? "")?.fromPsid ?? "",
      message_id: messageId,
    });
  }

  const api: FakeMessenger = {
    ...server,
    baseUrl: `${server.origin}/${version}`,
    version,
    pageId,
    get token() {
      return state.token;
    },
    humanAgent: options.humanAgent ?? false,
    userWrote(psid, at) {
      lastWrote.set(psid, at);
    },
    unavailable,
    addComment(comment) {
      const made: FakeComment = {
        id: comment.id ?? `${pageId}_${++counter}_${++counter}`,
        fromPsid: comment.fromPsid,
        createdAt: comment.createdAt ?? new Date(),
        hidden: false,
        privatelyAnswered: false,
        replies: [],
      };
      comments.set(made.id, made);
      return made;
    },
    comments,
    sent,
    expireToken() {
      state.expired = true;
    },
    renewToken() {
      state.expired = false;
    },
    setMode(mode) {
      state.mode = mode;
    },
    sendCalls: () => server.received.filter((r) => r.method === "POST" && r.path.endsWith("/messages")),
  };
  return api;
}
