import { Socket } from "node:net";
import { PassThrough } from "node:stream";
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import { conversationIdParams } from "../../../../shared/api/inbox-conversations.ts";
import { inboxStreamQuery, presenceBody, presenceResponse } from "../../../../shared/api/inbox-portal.ts";
import { signedInContextOf } from "../../../http/context.ts";
import { can, scopeFor } from "../../../platform/actor.ts";
import { errors } from "../../../platform/errors.ts";
import { unitPath } from "../../org/index.ts";
import { conversationFor } from "../conversations/access.ts";
import { LiveHub } from "./hub.ts";
import { PresenceStore } from "./presence.ts";

/** A comment line this often keeps proxies and phones' networks from closing a quiet stream. */
const heartbeatMs = 25_000;
/**
 * A stream ends after this long and the browser's EventSource opens it again (after `retry`): the
 * person's roles are then read anew, so a role taken away stops the feed within minutes.
 */
const streamLifetimeMs = 15 * 60_000;
const sweepMs = 5_000;

/** Each app's hub, by its HTTP server (one in production; several in tests, which look at it). */
export const liveHubs = new WeakMap<object, LiveHub>();
/** A reader this far behind (a stalled phone) is dropped rather than buffered for; it reconnects. */
const maxBufferedBytes = 1024 * 1024;

function sseFrame(name: string, data: unknown): string {
  return `event: ${name}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The inbox's live feed (server-sent events) and presence. The feed stays open only on a real
 * connection: a request that is not a socket (Fastify's inject in tests, which waits for the end of
 * the answer) or that asks `?once=1` gets the opening lines and the end, so nothing hangs on it.
 */
export async function liveRoutes(app: FastifyInstance): Promise<void> {
  const routes = app.withTypeProvider<ZodTypeProvider>();
  const db = app.deps.database.db;
  const hub = new LiveHub(db, (error) => app.log.warn({ err: error }, "inbox live event failed"));
  const presence = new PresenceStore();
  liveHubs.set(app.server, hub);
  const closers = new Set<() => void>();
  const tags = ["inbox"];

  const sweeper = setInterval(() => {
    for (const change of presence.sweep()) {
      hub.publishPresence(change.units, { conversationId: change.conversationId, viewers: change.viewers });
    }
  }, sweepMs);
  sweeper.unref();
  // Open streams would keep the server from closing: they end first.
  app.addHook("preClose", async () => {
    clearInterval(sweeper);
    for (const close of [...closers]) {
      close();
    }
  });

  routes.get(
    "/api/inbox/stream",
    {
      config: { access: { permission: "inbox.read" } },
      schema: {
        tags,
        summary:
          "The inbox's live feed (text/event-stream): `conversation` events for the conversations of the units I may read, `presence` events (who is looking at which), a comment every 25 s; ends after 15 minutes (EventSource reconnects)",
        querystring: inboxStreamQuery,
        response: { 200: z.string().describe("text/event-stream") },
      },
    },
    async (request, reply) => {
      const { actor } = signedInContextOf(request);
      const scope = scopeFor(actor, "inbox.read");
      let within: string | null = null;
      if (request.query.unitId) {
        within = await unitPath(db, request.query.unitId);
        if (within === null) {
          throw errors.notFound({ vi: "đơn vị", en: "Unit" });
        }
        if (!can(actor, "inbox.read", within)) {
          throw errors.forbidden();
        }
      }
      const stream = new PassThrough();
      stream.write(`retry: 5000\n\n${sseFrame("ready", {})}`);
      reply
        .type("text/event-stream; charset=utf-8")
        .header("cache-control", "no-cache, no-transform")
        .header("x-accel-buffering", "no")
        .header("connection", "keep-alive");
      if (request.query.once === "1" || !(request.raw.socket instanceof Socket)) {
        stream.end();
        return (reply as FastifyReply).send(stream);
      }

      let closed = false;
      const unsubscribe = hub.subscribe({
        scope,
        within,
        send(name, data) {
          if (closed) {
            return;
          }
          if (stream.writableLength > maxBufferedBytes) {
            close();
            return;
          }
          stream.write(sseFrame(name, data));
        },
      });
      const heartbeat = setInterval(() => stream.write(": ping\n\n"), heartbeatMs);
      const lifetime = setTimeout(() => close(), streamLifetimeMs);
      function close() {
        if (closed) {
          return;
        }
        closed = true;
        clearInterval(heartbeat);
        clearTimeout(lifetime);
        unsubscribe();
        closers.delete(close);
        stream.end();
      }
      closers.add(close);
      // The browser went away (tab closed, network lost): stop listening for it.
      request.raw.once("close", close);
      reply.raw.once("close", close);
      stream.once("error", close);
      return (reply as FastifyReply).send(stream);
    },
  );

  routes.post(
    "/api/inbox/conversations/:id/presence",
    {
      config: { access: { permission: "inbox.read" } },
      schema: {
        tags,
        summary:
          "Say that I am looking at a conversation (every ~20 s while it is open) or no longer; answers who is looking at it now (a viewer not heard from for 45 s has left)",
        params: conversationIdParams,
        body: presenceBody,
        response: { 200: presenceResponse },
      },
    },
    async (request) => {
      const { actor } = signedInContextOf(request);
      const scoped = await conversationFor(db, actor, request.params.id, "read");
      const units = { unitPath: scoped.unitPath, escalatedToUnitPath: scoped.escalatedToUnitPath };
      const viewers = presence.mark(
        request.params.id,
        units,
        { id: actor.personId, fullName: actor.fullName },
        request.body.viewing,
      );
      hub.publishPresence(units, { conversationId: request.params.id, viewers });
      return { viewers };
    },
  );
}
