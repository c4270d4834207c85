/*
 * The inbox's own small way to call a platform: fetch with a deadline, the answer read as data, never
 * thrown. (Publishing's connector helper is internal to publishing.) Nothing here logs: requests carry
 * tokens.
 */

export type CallResult =
  | { kind: "answer"; status: number; json: unknown }
  | { kind: "unreachable"; reason: "timeout" | "network" };

export const REPLY_TIMEOUT_MS = 15_000;

export async function callPlatform(
  url: string,
  init: RequestInit,
  timeoutMs = REPLY_TIMEOUT_MS,
): Promise<CallResult> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    return { kind: "answer", status: response.status, json };
  } catch (error) {
    const name = (error as Error).name;
    return {
      kind: "unreachable",
      reason: name === "TimeoutError" || name === "AbortError" ? "timeout" : "network",
    };
  }
}

/** What came of sending one reply; `vi`/`en` are the words the officer reads on a failed reply. */
export type SendResult =
  | { ok: true; externalId: string; partial?: { vi: string; en: string } }
  | {
      ok: false;
      code: string;
      vi: string;
      en: string;
      /** The platform refused the token: the channel needs reconnecting. */
      reconnect?: boolean;
    };

export function unreachable(result: { reason: "timeout" | "network" }): SendResult {
  return result.reason === "timeout"
    ? {
        ok: false,
        code: "timeout",
        vi: "Nền tảng không trả lời kịp; tin có thể chưa đến người dân. Vui lòng kiểm tra rồi bấm Gửi lại.",
        en: "The platform did not answer in time; the message may not have reached the citizen. Please check, then press Retry.",
      }
    : {
        ok: false,
        code: "network",
        vi: "Không kết nối được tới nền tảng. Vui lòng thử gửi lại sau ít phút.",
        en: "The platform could not be reached. Please retry in a few minutes.",
      };
}
