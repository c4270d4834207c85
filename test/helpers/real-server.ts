import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";

/*
 * For the scripts that start the real server in a child process (the e2e suite, the feed and
 * Lighthouse benchmarks): a port to give it, and the wait until it answers.
 */

/** A port nobody listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port")),
      );
    });
  });
}

/** Polls /readyz until the server answers, failing early (with what it printed) if it exits. */
export async function waitUntilReady(
  url: string,
  child: ChildProcess,
  timeoutMs: number,
  outputOf: () => string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`the server exited with code ${child.exitCode} before it was ready:\n${outputOf()}`);
    }
    try {
      const response = await fetch(`${url}/readyz`);
      if (response.ok) {
        return;
      }
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(`the server was not ready after ${timeoutMs / 1000} s:\n${outputOf()}`);
}
