import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { InboxSource } from "../../../../shared/api/inbox-values.ts";
import { isFacebookDelivery, newestFacebookTime } from "../ingest/facebook.ts";
import { nudgeDeliveryWorker } from "../ingest/nudge.ts";
import { isZaloDelivery, zaloTime } from "../ingest/zalo.ts";
import { countRefusal, createDeliveryStore, RecentBodies } from "./delivery-store.ts";
import { webhookErrors } from "./errors.ts";
import { checkFacebookSignature, checkZaloSignature, zaloSignedFields } from "./signatures.ts";

/*
 * The platforms' webhooks. Public (the platforms hold no session) and outside every rate limit (none
 * applies to these routes: a platform's burst after an outage must get through); each delivery is
 * authenticated by its signature instead.
 *
 * The rules, per delivery:
 * - no signature → 401 "unsigned"; a wrong one → 401 "bad_signature"; both counted per day.
 * - signed, but its newest event is older than the platform's retry window (Meta retries a failed
 *   delivery for up to 36 hours; we allow 37) → 401 "stale", counted: a captured delivery played back
 *   later is refused, while every legitimate redelivery is still inside the window.
 * - signed, identical to a body this process stored in that window → 401 "replayed", counted: a
 *   captured delivery played back at once is refused like an old one. Nothing is lost by it: the body
 *   was stored. Should our 200 have been lost on the way (rare), Meta retries and is refused until it
 *   gives up, and the messages were made already. A platform's redelivery of something we did NOT
 *   store (our answer never came: timeout, crash) is a new body to us and is stored; one we stored
 *   whose 200 was lost to a kill -9 right after the commit may be stored twice after a restart (this
 *   memory is per process), and its messages are still made once, deduplicated by the platform's
 *   message id.
 * - signed, but not JSON or not the platform's shape → logged, answered 200 (the platform would
 *   otherwise retry for a day), nothing stored.
 * - otherwise stored (answered only after the commit) and answered 200 "EVENT_RECEIVED"; the delivery
 *   worker makes the messages.
 */

/** A 10 MB message still gets through; anything larger is refused with 413 before it is read whole. */
export const webhookBodyLimit = 12 * 1024 * 1024;
const facebookRetryWindowMs = 37 * 60 * 60 * 1000;
/** Zalo signs the event's own timestamp; it documents no long redelivery, so a day is plenty. */
const zaloRetryWindowMs = 24 * 60 * 60 * 1000;
/** An event dated this far ahead is a forged or broken clock, not a real delivery. */
const futureSkewMs = 60 * 60 * 1000;

const received = "EVENT_RECEIVED";

const handshakeQuery = z.object({
  "hub.mode": z.string().max(50).optional(),
  "hub.verify_token": z.string().max(500).optional(),
  "hub.challenge": z.string().max(500).optional(),
});

export async function webhookRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const deps = app.deps;
  const secrets = deps.config.webhooks;
  const store = createDeliveryStore(deps.database, nudgeDeliveryWorker);
  const recent = new RecentBodies(facebookRetryWindowMs);
  const tags = ["inbox"];

  // This plugin's routes keep the raw bytes: the signatures are over them, and any content type is
  // read the same way (Zalo and Meta both send JSON, but a wrong header must not skip the check).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    "*",
    { parseAs: "buffer", bodyLimit: webhookBodyLimit },
    (_request, body, done) => {
      done(null, body);
    },
  );

  const refuse = async (source: InboxSource, reason: "unsigned" | "bad_signature" | "stale") => {
    await countRefusal(deps.database, source, reason);
    throw reason === "stale" ? webhookErrors.staleDelivery() : webhookErrors.signatureRefused({ reason });
  };

  const answerReceived = (reply: FastifyReply) =>
    reply.status(200).type("text/plain; charset=utf-8").send(received);

  /** Refuses (401, counted) a signed body this process stored lately. */
  const refuseReplay = async (source: InboxSource, hash: string) => {
    if (!recent.has(hash)) {
      return;
    }
    await countRefusal(deps.database, source, "replayed");
    throw webhookErrors.replayedDelivery();
  };

  const stale = (newest: number | null, windowMs: number) => {
    const now = Date.now();
    return newest !== null && (newest < now - windowMs || newest > now + futureSkewMs);
  };

  const parse = (request: FastifyRequest, raw: Buffer): unknown => {
    try {
      return JSON.parse(raw.toString("utf8"));
    } catch {
      request.log.warn(
        { bytes: raw.length },
        "webhook: a signed delivery that is not JSON; answered 200, not stored",
      );
      return undefined;
    }
  };

  const rawOf = (request: FastifyRequest) => (Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0));

  routes.get(
    "/webhooks/facebook",
    {
      config: { access: { public: true } },
      schema: {
        tags,
        summary:
          "Meta's subscription handshake: answers hub.challenge when hub.verify_token is FACEBOOK_VERIFY_TOKEN",
        security: [],
        querystring: handshakeQuery,
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const token = secrets.facebookVerifyToken;
      if (!token || !secrets.facebookAppSecret) {
        throw webhookErrors.notConfigured();
      }
      const query = request.query;
      const sent = query["hub.verify_token"] ?? "";
      const sameToken =
        sent.length === token.length &&
        Buffer.from(sent).equals(Buffer.from(token)) &&
        query["hub.mode"] === "subscribe";
      if (!sameToken || query["hub.challenge"] === undefined) {
        throw webhookErrors.verifyTokenRefused();
      }
      return reply.status(200).type("text/plain; charset=utf-8").send(query["hub.challenge"]);
    },
  );

  routes.post(
    "/webhooks/facebook",
    {
      config: { access: { public: true } },
      bodyLimit: webhookBodyLimit,
      schema: {
        tags,
        summary:
          "Meta's Page deliveries (Messenger messages, comments on the page's posts), signed with X-Hub-Signature-256",
        security: [],
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const secret = secrets.facebookAppSecret;
      if (!secret) {
        throw webhookErrors.notConfigured();
      }
      const raw = rawOf(request);
      const check = checkFacebookSignature(raw, request.headers["x-hub-signature-256"], secret);
      if (check !== "ok") {
        return refuse("facebook", check);
      }
      const hash = RecentBodies.hashOf(raw);
      await refuseReplay("facebook", hash);
      const parsed = parse(request, raw);
      if (parsed === undefined) {
        return answerReceived(reply);
      }
      if (!isFacebookDelivery(parsed)) {
        request.log.warn(
          "webhook: a signed Facebook delivery that is not a Page's; answered 200, not stored",
        );
        return answerReceived(reply);
      }
      if (stale(newestFacebookTime(parsed), facebookRetryWindowMs)) {
        return refuse("facebook", "stale");
      }
      await store.store("facebook", raw.toString("utf8"));
      recent.add(hash);
      return answerReceived(reply);
    },
  );

  routes.post(
    "/webhooks/zalo",
    {
      config: { access: { public: true } },
      bodyLimit: webhookBodyLimit,
      schema: {
        tags,
        summary: "Zalo OA events (the users' messages), signed with X-ZEvent-Signature",
        security: [],
        response: { 200: z.string() },
      },
    },
    async (request, reply) => {
      const secret = secrets.zaloOaSecretKey;
      if (!secret) {
        throw webhookErrors.notConfigured();
      }
      const raw = rawOf(request);
      const header = request.headers["x-zevent-signature"];
      if (typeof header !== "string" || header.trim() === "") {
        return refuse("zalo", "unsigned");
      }
      // Zalo's signature covers fields of the body itself, so the body is read first.
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw.toString("utf8"));
      } catch {
        return refuse("zalo", "bad_signature");
      }
      const check = checkZaloSignature(raw, zaloSignedFields(parsed), header, secret);
      if (check !== "ok") {
        return refuse("zalo", check);
      }
      const hash = RecentBodies.hashOf(raw);
      await refuseReplay("zalo", hash);
      if (!isZaloDelivery(parsed)) {
        request.log.warn("webhook: a signed Zalo delivery without an event name; answered 200, not stored");
        return answerReceived(reply);
      }
      if (stale(zaloTime(parsed), zaloRetryWindowMs)) {
        return refuse("zalo", "stale");
      }
      await store.store("zalo", raw.toString("utf8"));
      recent.add(hash);
      return answerReceived(reply);
    },
  );
}
