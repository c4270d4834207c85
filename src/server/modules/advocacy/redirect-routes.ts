import type { IncomingMessage, ServerResponse } from "node:http";
import { eq } from "drizzle-orm";
import type { FastifyInstance } from "fastify";
import { normaliseWebAddress } from "../../../shared/web-address.ts";
import type { Database, Executor } from "../../db/client.ts";
import { shareKits, shareLinks } from "../../db/schema/index.ts";
import { type AddressRepair, repairAddressColumns } from "../../db/stored-addresses.ts";
import { createHitRecorder, type HitRecorder } from "./hit-recorder.ts";
import { type LinkTarget, linkTargetCacheFor } from "./link-cache.ts";
import { isWellFormedLinkCode } from "./link-codes.ts";
import { unknownLinkPage, withdrawnLinkPage } from "./link-pages.ts";

/** The one database read of the redirect, for a code not in memory. */
async function loadLinkTarget(db: Executor, code: string): Promise<LinkTarget | null> {
  const [row] = await db
    .select({
      linkId: shareLinks.id,
      kitId: shareLinks.kitId,
      unitId: shareLinks.unitId,
      targetUrl: shareKits.targetUrl,
      status: shareKits.status,
    })
    .from(shareLinks)
    .innerJoin(shareKits, eq(shareKits.id, shareLinks.kitId))
    .where(eq(shareLinks.code, code));
  return row
    ? {
        linkId: row.linkId,
        kitId: row.kitId,
        unitId: row.unitId,
        location: normaliseWebAddress(row.targetUrl),
        withdrawn: row.status === "withdrawn",
      }
    : null;
}

/** Makes every kit's stored target header-safe (start-up): none may make a redirect throw. */
export function repairStoredKitTargets(db: Executor): Promise<AddressRepair> {
  return repairAddressColumns(db, { table: shareKits, id: shareKits.id, addresses: [shareKits.targetUrl] });
}

const unknownPage = Buffer.from(unknownLinkPage);
const withdrawnPage = Buffer.from(withdrawnLinkPage);
const trackedPath = /^\/s\/([^/?#]*)(?:[?#].*)?$/;

function sendPage(response: ServerResponse, status: number, page: Buffer) {
  response.writeHead(status, {
    "content-type": "text/html; charset=utf-8",
    "content-length": page.length,
    "cache-control": "no-store",
    "x-robots-tag": "noindex",
    "x-content-type-options": "nosniff",
  });
  response.end(page);
}

const socketAddress = Symbol("caunoi.remoteAddress");
type AddressedSocket = IncomingMessage["socket"] & { [socketAddress]?: string };

/**
 * The visitor's address: the connection's, or the first forwarded one behind a trusted proxy. The
 * connection's is read once per connection: each read asks the operating system again.
 */
function clientAddress(request: IncomingMessage, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers["x-forwarded-for"];
    const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(",")[0]?.trim();
    if (first) {
      return first;
    }
  }
  const socket = request.socket as AddressedSocket;
  let address = socket[socketAddress];
  if (address === undefined) {
    address = socket.remoteAddress ?? "";
    socket[socketAddress] = address;
  }
  return address;
}

/** Whether a request is for a tracked link, so the server can answer it before the framework's pipeline. */
export function isTrackedLinkRequest(request: IncomingMessage): boolean {
  return (request.method === "GET" || request.method === "HEAD") && (request.url?.startsWith("/s/") ?? false);
}

/**
 * Answers `/s/<code>`, a member's tracked link: a 302 to the kit's stored address at once (from memory
 * when the code is hot) and the hit handed to the recorder. A malformed code is refused before any
 * database work, and the target is only ever the address an editor stored: nothing in the request
 * can change it. The same answerer serves the HTTP server's fast path and the framework's route.
 */
function createTrackedLinkAnswerer(options: {
  db: Executor;
  hits: HitRecorder;
  trustProxy: boolean;
  onError: (error: unknown) => void;
}) {
  const { db, hits, trustProxy, onError } = options;
  const cache = linkTargetCacheFor(db);

  const answer = (
    request: IncomingMessage,
    response: ServerResponse,
    target: LinkTarget | null,
    now: number,
  ) => {
    if (!target) {
      return sendPage(response, 404, unknownPage);
    }
    if (target.withdrawn) {
      return sendPage(response, 410, withdrawnPage);
    }
    if (target.location === null) {
      // Stored before addresses were normalised and beyond repair: refused, never thrown.
      return sendPage(response, 404, unknownPage);
    }
    // Classifying and hashing wait for the batch: the request only hands over what it carried.
    hits.record({
      linkId: target.linkId,
      kitId: target.kitId,
      unitId: target.unitId,
      at: now,
      ip: clientAddress(request, trustProxy),
      userAgent: request.headers["user-agent"] ?? "",
      referrer: request.headers.referer,
    });
    // Not cached anywhere, so every click reaches us and is counted.
    response.writeHead(302, {
      location: target.location,
      "cache-control": "private, no-store",
      "content-length": 0,
    });
    response.end();
  };

  const answerSafely = (
    request: IncomingMessage,
    response: ServerResponse,
    target: LinkTarget | null,
    now: number,
  ) => {
    try {
      answer(request, response, target, now);
    } catch (error) {
      failResponse(response, error, onError);
    }
  };

  return (request: IncomingMessage, response: ServerResponse): void => {
    const code = trackedPath.exec(request.url ?? "")?.[1] ?? "";
    if (!isWellFormedLinkCode(code)) {
      sendPage(response, 404, unknownPage);
      return;
    }
    const now = Date.now();
    const cached = cache.get(code, now);
    if (cached !== undefined) {
      answerSafely(request, response, cached, now);
      return;
    }
    loadLinkTarget(db, code)
      .then(
        (target) => {
          cache.set(code, target, now);
          answerSafely(request, response, target, now);
        },
        () => {
          if (!response.headersSent) {
            response.writeHead(503, { "content-type": "text/plain; charset=utf-8", "retry-after": "5" });
          }
          response.end(
            "Máy chủ tạm thời bận, vui lòng thử lại sau ít giây. / Temporarily unavailable, try again shortly.",
          );
        },
      )
      // Whatever answering throws ends this one response, never the process.
      .catch((error: unknown) => failResponse(response, error, onError));
  };
}

/** A 500 for one response that failed after its request was read; logged, and the server goes on. */
function failResponse(response: ServerResponse, error: unknown, onError: (error: unknown) => void): void {
  onError(error);
  if (!response.headersSent) {
    sendPage(response, 500, unknownPage);
  } else {
    response.destroy();
  }
}

/** The tracked links of one app: the answerer its HTTP server calls, and the recorder of their hits. */
export interface TrackedLinks {
  answer: (request: IncomingMessage, response: ServerResponse) => void;
  /** Writes the hits still in memory; the app calls it when it closes. */
  close: () => Promise<void>;
  /** Writes the hits in memory now, as the recorder does each second; resolves with how many it wrote. */
  flush: () => Promise<number>;
}

/** Sets up the tracked links on a database: their cache, their hit recorder and the answerer. */
export function createTrackedLinks(options: {
  database: Database;
  trustProxy: boolean;
  onError: (error: unknown) => void;
}): TrackedLinks {
  const hits = createHitRecorder(options.database.db, {
    // PGlite writes on this thread: smaller batches keep each pause of the redirect short.
    batchSize: options.database.engine === "pglite" ? 500 : 2000,
    onError: options.onError,
  });
  return {
    answer: createTrackedLinkAnswerer({
      db: options.database.db,
      hits,
      trustProxy: options.trustProxy,
      onError: options.onError,
    }),
    close: () => hits.close(),
    flush: () => hits.flush(),
  };
}

/**
 * The tracked-link route as the framework sees it: declared (public) like every route, and what
 * `inject` reaches; on a listening server, the HTTP server answers these requests itself first.
 * Closing the app writes the hits still in memory.
 */
export async function redirectRoutes(
  app: FastifyInstance,
  options: { trackedLinks: TrackedLinks },
): Promise<void> {
  app.addHook("onClose", async () => {
    await options.trackedLinks.close();
  });
  app.get(
    "/s/*",
    { config: { access: { public: true }, readsRawInput: true }, helmet: false, schema: { hide: true } },
    (request, reply) => {
      reply.hijack();
      options.trackedLinks.answer(request.raw, reply.raw);
    },
  );
}
