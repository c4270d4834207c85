/*
 * The one way tests wait for something that happens in the background (a queued job, a mail, a
 * child process): ask again until it is there. A fixed sleep either wastes time or, on a busy
 * 2-core CI machine, is too short; this waits exactly as long as needed, up to a generous limit.
 */

/** Thrown by a check to end the wait at once, with this error, instead of retrying. */
export class StopWaiting extends Error {}

export interface EventuallyOptions {
  /** What is waited for, as the failure should name it ("the mail to an@example.vn"). */
  what: string;
  /** Generous by default: CI shares two cores between the database, the server and the tests. */
  timeoutMs?: number;
  intervalMs?: number;
}

/**
 * Runs `check` until it returns something other than `undefined` or `false`, and returns that.
 * A check that throws (a failed `expect`, a refused connection) counts as "not yet"; when the time
 * runs out, the failure names what was waited for and carries the last error. A check made of
 * assertions ends with `return true`. A check that knows it can never pass (the awaited process
 * has exited) throws `StopWaiting`, which ends the wait at once.
 */
export async function eventually<T>(
  check: () => T | Promise<T>,
  options: EventuallyOptions,
): Promise<Exclude<T, undefined | false>> {
  const { what, timeoutMs = 30_000, intervalMs = 100 } = options;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    let lastError: unknown;
    try {
      const value = await check();
      if (value !== undefined && value !== false) {
        return value as Exclude<T, undefined | false>;
      }
    } catch (error) {
      if (error instanceof StopWaiting) {
        throw error;
      }
      lastError = error;
    }
    if (Date.now() >= deadline) {
      const reason =
        lastError === undefined
          ? "the check still found nothing"
          : `last error: ${lastError instanceof Error ? lastError.message : String(lastError)}`;
      throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}; ${reason}`, {
        cause: lastError,
      });
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}
