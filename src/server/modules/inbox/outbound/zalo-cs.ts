import { callPlatform, type SendResult, unreachable } from "./platform-call.ts";

/*
 * Zalo OA customer-service message ("tin tư vấn"), as Zalo's OA API documents it:
 * POST {openapi}/v3.0/oa/message/cs, header access_token, JSON {recipient:{user_id}, message:{text}}
 * → HTTP 200 {"error":0,"message":"Success","data":{"message_id","user_id"}}, or HTTP 200 with a
 * negative error: -216 / -124 invalid or expired token, -230 the user has not interacted with the OA
 * within the window, -213 the user does not follow the OA (or blocked it), -201 invalid parameter,
 * -32 too many requests. Text only for now: images would need the OA upload API and the media
 * template; the route refuses pictures for Zalo with its own words.
 */

export interface OaConnection {
  baseUrl: string;
  token: string;
}

export function zaloFailure(json: unknown): Extract<SendResult, { ok: false }> {
  const code = Number((json as { error?: unknown } | null)?.error ?? Number.NaN);
  const reference = `Zalo ${Number.isNaN(code) ? "?" : code}`;
  const fail = (key: string, vi: string, en: string, reconnect = false) => ({
    ok: false as const,
    code: key,
    vi: `${vi} (${reference})`,
    en: `${en} (${reference})`,
    ...(reconnect ? { reconnect } : {}),
  });
  switch (code) {
    case -216:
    case -124:
    case -204:
      return fail(
        "token_expired",
        "Mã truy cập của Zalo OA không còn hiệu lực; vui lòng nhờ quản trị viên kết nối lại kênh, rồi bấm Gửi lại.",
        "The Zalo OA access token is no longer valid; please ask an administrator to reconnect the channel, then press Retry.",
        true,
      );
    case -230:
    case -232:
      return fail(
        "window_closed",
        "Zalo từ chối vì người dân chưa tương tác với OA trong thời hạn cho phép gửi tin tư vấn. Bạn vẫn có thể ghi chú nội bộ hoặc chờ người dân nhắn lại.",
        "Zalo refused: the citizen has not interacted with the OA within the customer-service window. You can still add an internal note or wait for the citizen to write again.",
      );
    case -213:
      return fail(
        "user_unavailable",
        "Người dân không còn quan tâm Zalo OA hoặc đã chặn OA, nên không nhận được tin.",
        "The citizen no longer follows the Zalo OA or blocked it, so the message cannot reach them.",
      );
    case -32:
      return fail(
        "rate_limited",
        "Zalo đang giới hạn số lần gửi của OA; vui lòng chờ vài phút rồi bấm Gửi lại.",
        "Zalo is limiting how often the OA may send; please wait a few minutes, then press Retry.",
      );
    case -201:
      return fail(
        "invalid_request",
        "Zalo không nhận yêu cầu (người nhận hoặc nội dung không hợp lệ).",
        "Zalo did not accept the request (invalid recipient or content).",
      );
    default:
      return fail(
        "platform_error",
        "Zalo trả lời một lỗi không xác định; vui lòng bấm Gửi lại; nếu vẫn không được, vui lòng trả lời trực tiếp trên Zalo OA.",
        "Zalo answered with an unexpected error; please press Retry, and if it persists answer in the Zalo OA itself.",
      );
  }
}

export async function sendZaloText(oa: OaConnection, userId: string, text: string): Promise<SendResult> {
  const answer = await callPlatform(`${oa.baseUrl}/v3.0/oa/message/cs`, {
    method: "POST",
    headers: { "content-type": "application/json", access_token: oa.token },
    body: JSON.stringify({ recipient: { user_id: userId }, message: { text } }),
  });
  if (answer.kind === "unreachable") {
    return unreachable(answer);
  }
  const json = answer.json as { error?: number; data?: { message_id?: string } } | null;
  if (answer.status >= 400 || json?.error !== 0) {
    if (answer.status >= 500 || json === null) {
      return {
        ok: false,
        code: "platform_unavailable",
        vi: `Zalo tạm thời gặp lỗi; vui lòng bấm Gửi lại sau ít phút. (HTTP ${answer.status})`,
        en: `Zalo had a temporary failure; please press Retry in a few minutes. (HTTP ${answer.status})`,
      };
    }
    return zaloFailure(json);
  }
  return { ok: true, externalId: String(json.data?.message_id ?? "") };
}
