import { createHmac, randomBytes } from "node:crypto";

/*
 * A fake Meta that SENDS Page webhooks to our /webhooks/facebook, as Meta documents them
 * (developers.facebook.com/docs/graph-api/webhooks/getting-started, /docs/messenger-platform/webhooks,
 * "Validating Webhook Events"; the Page "feed" field reference):
 * - subscription: GET <callback>?hub.mode=subscribe&hub.challenge=<random>&hub.verify_token=<token>,
 *   the endpoint must answer the challenge itself with 200;
 * - deliveries: POST, JSON, `X-Hub-Signature-256: sha256=<hex HMAC-SHA256 of the payload with the app
 *   secret>`; batched: one body may carry several entries (pages), each with several `messaging` events
 *   or `changes`; timestamps in ms (Messenger) and Unix seconds (feed `created_time`);
 * - a delivery not answered 200 (error, timeout — Meta waits 20 s —, refused connection) is retried,
 *   immediately a few times then with decreasing frequency for up to 36 hours; the same body again.
 *   Here the backoff is compressed to milliseconds (`retryDelaysMs`) so a test sees it.
 */

export interface SendOutcome {
  status: number;
  body: string;
}

export interface DeliveryOutcome {
  /** Attempts made, the acknowledged one included. */
  attempts: number;
  acknowledged: boolean;
  status: number | null;
}

export interface WebhookSenderOptions {
  /** The full URL of our webhook (a function when the server moves, as after a restart on a new port). */
  url: string | (() => string);
  /** Signs a body: returns the headers to add. */
  sign: (body: string) => Record<string, string>;
  /** Waits between attempts, then the last one repeats up to maxAttempts. */
  retryDelaysMs?: number[];
  maxAttempts?: number;
  timeoutMs?: number;
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The sending half common to both platforms' fakes: one POST, or a delivery retried until acknowledged. */
export function webhookSender(options: WebhookSenderOptions) {
  const delays = options.retryDelaysMs ?? [0, 20, 50, 100, 200, 400, 800, 1600];
  const maxAttempts = options.maxAttempts ?? 200;
  const timeoutMs = options.timeoutMs ?? 20_000;
  let unacknowledged = 0;

  async function send(body: string, headers?: Record<string, string>): Promise<SendOutcome> {
    const url = typeof options.url === "function" ? options.url() : options.url;
    const response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...(headers ?? options.sign(body)) },
      body,
      signal: AbortSignal.timeout(timeoutMs),
    });
    return { status: response.status, body: await response.text() };
  }

  async function deliver(body: string): Promise<DeliveryOutcome> {
    unacknowledged += 1;
    let status: number | null = null;
    try {
      for (let attempt = 1; attempt <= maxAttempts; attempt += 1) {
        try {
          status = (await send(body)).status;
          if (status === 200) {
            return { attempts: attempt, acknowledged: true, status };
          }
        } catch {
          status = null;
        }
        await wait(delays[Math.min(attempt - 1, delays.length - 1)] ?? 0);
      }
      return { attempts: maxAttempts, acknowledged: false, status };
    } finally {
      unacknowledged -= 1;
    }
  }

  return {
    send,
    deliver,
    /** Deliveries still waiting for a 200. */
    unacknowledged: () => unacknowledged,
  };
}

export function facebookSignature(body: string, appSecret: string): string {
  return `sha256=${createHmac("sha256", appSecret).update(body).digest("hex")}`;
}

let sequence = 0;
const nextId = () =>
  `${Date.now().toString(36)}${(sequence++).toString(36)}${randomBytes(3).toString("hex")}`;

export interface MessengerMessageInput {
  pageId: string;
  psid: string;
  text?: string;
  mid?: string;
  /** ms */
  timestamp?: number;
  attachments?: { type: "image" | "file" | "video" | "audio"; url: string }[];
}

/** A Messenger "messages" event: a person wrote to the page. */
export function messengerMessage(input: MessengerMessageInput) {
  const timestamp = input.timestamp ?? Date.now();
  return {
    sender: { id: input.psid },
    recipient: { id: input.pageId },
    timestamp,
    message: {
      mid: input.mid ?? `m_${nextId()}`,
      ...(input.text !== undefined ? { text: input.text } : {}),
      ...(input.attachments
        ? { attachments: input.attachments.map((a) => ({ type: a.type, payload: { url: a.url } })) }
        : {}),
    },
  };
}

/** A "message_echoes" event: the page wrote to a person (through our Send API call or Facebook's own tool). */
export function messengerEcho(input: {
  pageId: string;
  psid: string;
  text: string;
  mid?: string;
  timestamp?: number;
}) {
  return {
    sender: { id: input.pageId },
    recipient: { id: input.psid },
    timestamp: input.timestamp ?? Date.now(),
    message: {
      is_echo: true,
      app_id: 1_517_776_481_860_111,
      mid: input.mid ?? `m_${nextId()}`,
      text: input.text,
    },
  };
}

export interface CommentInput {
  pageId: string;
  postId?: string;
  commentId?: string;
  from: { id: string; name: string };
  message: string;
  /** The comment answered; the post itself for a top-level comment. */
  parentId?: string;
  /** Unix seconds. */
  createdTime?: number;
}

/** A Page "feed" change: a comment added under one of the page's posts. */
export function feedComment(input: CommentInput) {
  const postId = input.postId ?? `${input.pageId}_${nextId()}`;
  return {
    field: "feed",
    value: {
      from: input.from,
      post: { status_type: "added_photos", is_published: true, id: postId },
      message: input.message,
      post_id: postId,
      comment_id: input.commentId ?? `${postId.split("_")[1] ?? "0"}_${nextId()}`,
      created_time: input.createdTime ?? Math.floor(Date.now() / 1000),
      item: "comment",
      parent_id: input.parentId ?? postId,
      verb: "add",
    },
  };
}

export interface PageEntry {
  pageId: string;
  messaging?: unknown[];
  changes?: unknown[];
}

/** One delivery body: Meta batches several pages' entries, each with several events. */
export function pageDelivery(...entries: PageEntry[]): string {
  return JSON.stringify({
    object: "page",
    entry: entries.map((entry) => ({
      id: entry.pageId,
      time: Date.now(),
      ...(entry.messaging ? { messaging: entry.messaging } : {}),
      ...(entry.changes ? { changes: entry.changes } : {}),
    })),
  });
}

export interface FakeFacebookOptions {
  /** Our server's origin, e.g. http://127.0.0.1:3000 (a function when it moves). */
  origin: string | (() => string);
  appSecret: string;
  verifyToken: string;
  retryDelaysMs?: number[];
  maxAttempts?: number;
}

/** Meta's side of a Page subscription: the handshake, then signed deliveries with retries. */
export function fakeFacebook(options: FakeFacebookOptions) {
  const origin = options.origin;
  const url = () => `${typeof origin === "function" ? origin() : origin}/webhooks/facebook`;
  const sender = webhookSender({
    url,
    sign: (body) => ({ "x-hub-signature-256": facebookSignature(body, options.appSecret) }),
    ...(options.retryDelaysMs ? { retryDelaysMs: options.retryDelaysMs } : {}),
    ...(options.maxAttempts ? { maxAttempts: options.maxAttempts } : {}),
  });
  return {
    ...sender,
    /** The verification request of the dashboard's "Verify and save"; true when the challenge came back. */
    async subscribe(verifyToken = options.verifyToken): Promise<{ verified: boolean; status: number }> {
      const challenge = String(randomBytes(4).readUInt32BE());
      const query = new URLSearchParams({
        "hub.mode": "subscribe",
        "hub.challenge": challenge,
        "hub.verify_token": verifyToken,
      });
      const response = await fetch(`${url()}?${query}`);
      const text = await response.text();
      return { verified: response.status === 200 && text === challenge, status: response.status };
    },
  };
}
