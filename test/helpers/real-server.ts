import type { ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { eventually, StopWaiting } from "./eventually.ts";

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
  await eventually(
    async () => {
      if (child.exitCode !== null) {
        throw new StopWaiting(
          `the server exited with code ${child.exitCode} before it was ready:\n${outputOf()}`,
        );
      }
      // A refused connection (not listening yet) throws, and is asked again.
      return (await fetch(`${url}/readyz`)).ok;
    },
    { what: "the server to answer /readyz", timeoutMs, intervalMs: 500 },
  ).catch((error: unknown) => {
    if (error instanceof StopWaiting) {
      throw error;
    }
    throw new Error(`the server was not ready after ${timeoutMs / 1000} s:\n${outputOf()}`, { cause: error });
  });
}
