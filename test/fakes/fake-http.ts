import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** One request as a fake platform received it, for tests to assert on. */
export interface Received {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: IncomingMessage["headers"];
  body: string;
  /** The body as a form (application/x-www-form-urlencoded), else null. */
  form: URLSearchParams | null;
  /** The body as JSON, else null. */
  json: unknown;
}

export interface FakeServer {
  origin: string;
  received: Received[];
  close(): Promise<void>;
}

export type FakeHandler = (request: Received, response: ServerResponse) => void | Promise<void>;

/** A real HTTP server on a random local port; a handler that never answers simulates a hung platform. */
export async function startFakeServer(handler: FakeHandler): Promise<FakeServer> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = Buffer.concat(chunks).toString("utf8");
    const url = new URL(req.url ?? "/", "http://fake.local");
    const type = req.headers["content-type"] ?? "";
    let json: unknown = null;
    if (type.includes("json") && body) {
      try {
        json = JSON.parse(body);
      } catch {
        json = null;
      }
    }
    const request: Received = {
      method: req.method ?? "GET",
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body,
      form: type.includes("x-www-form-urlencoded") ? new URLSearchParams(body) : null,
      json,
    };
    received.push(request);
    try {
      await handler(request, res);
    } catch (error) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  response.writeHead(status, { "content-type": "application/json; charset=UTF-8", ...headers });
  response.end(JSON.stringify(body));
}
