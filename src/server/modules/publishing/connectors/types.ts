import type { variantTargetValues } from "../../../db/schema/index.ts";

export type VariantTarget = (typeof variantTargetValues)[number];

/** A picture or video of the media library as a connector needs it. */
export interface MediaForPublish {
  id: string;
  kind: "image" | "video";
  mime: string;
  /** Public absolute URL the platform can fetch (Graph API `url=`, Zalo cover `photo_url`). */
  url: string;
  /** The file on this machine, for platforms that take an upload. */
  path: string;
  altText: string;
}

/** How to reach the platform account of a channel: the decrypted token is only ever held in memory. */
export interface ConnectionForPublish {
  /** The API root (e.g. https://graph.facebook.com/v21.0); tests point it at a local fake. */
  baseUrl: string;
  /** Page id, OA id, channel id. */
  accountId: string | null;
  token: string | null;
}

export interface PublishRequest {
  variantId: string;
  /** Stable for the variant's content version: the same key on every retry of the same publish. */
  idempotencyKey: string;
  connection: ConnectionForPublish;
  title: string | null;
  /** Plain text for social networks; sanitised HTML for articles (portal, Zalo). */
  body: string;
  linkUrl: string | null;
  media: MediaForPublish[];
  /** When the variant was due; platforms with their own scheduling may receive it. */
  scheduledAt: Date | null;
  /** Shown as the author where a platform asks for one (Zalo articles): the owner unit's name. */
  authorName?: string | null;
}

export interface PublishedItem {
  externalId: string;
  externalUrl: string | null;
}

/**
 * What came of one publish call. Platform errors are answers, not exceptions:
 * - retry: transient (network, 5xx, rate limit); the scheduler tries again with backoff
 *   (no sooner than `retryAfterSeconds` when the platform said so);
 * - needs_person: nothing will change until someone acts (expired token, content refused);
 *   the author and approver are notified with the platform's own message.
 */
export type PublishOutcome =
  | ({ kind: "published" } & PublishedItem)
  | { kind: "retry"; code: string; message: string; retryAfterSeconds?: number }
  | { kind: "needs_person"; code: string; message: string };

/** What a platform says of an item it published (or holds scheduled), looked up by its id. */
export type LookupOutcome =
  | {
      kind: "found";
      externalId: string;
      externalUrl: string | null;
      /** False while the platform holds it scheduled or unpublished. */
      published: boolean;
      scheduledAt: Date | null;
    }
  | { kind: "missing" }
  | { kind: "retry"; code: string; message: string; retryAfterSeconds?: number }
  | { kind: "needs_person"; code: string; message: string };

/**
 * findPublished could not ask the platform (network, rate limit, expired token): it does not know,
 * which is not the same as "not there"; the caller must not publish again on this answer.
 */
export class LookupFailedError extends Error {
  readonly outcome: Exclude<PublishOutcome, { kind: "published" }>;

  constructor(outcome: Exclude<PublishOutcome, { kind: "published" }>) {
    super(`${outcome.code}: ${outcome.message}`);
    this.name = "LookupFailedError";
    this.outcome = outcome;
  }
}

/** One file per platform implements this; adding TikTok later is one more file. */
export interface PublishingConnector {
  target: VariantTarget;
  publish(request: PublishRequest): Promise<PublishOutcome>;
  /**
   * After a crash between calling the platform and recording its answer: did the item reach the
   * platform? Looks it up there (by idempotency key where the platform supports one, else by content
   * and time); null when it is not there, so publishing again cannot make a duplicate.
   */
  findPublished(request: PublishRequest, since: Date): Promise<PublishedItem | null>;
  /** The platform's view of one published or scheduled item (post status); absent where there is none. */
  lookup?(connection: ConnectionForPublish, externalId: string): Promise<LookupOutcome>;
}
