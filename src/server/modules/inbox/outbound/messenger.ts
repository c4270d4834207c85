import { callPlatform, type SendResult, unreachable } from "./platform-call.ts";

/*
 * Facebook Page replies through the Graph API, as documented:
 * - Send API: POST /{page-id}/messages?access_token=… JSON {recipient:{id}|{comment_id}, messaging_type,
 *   tag?, message:{text}|{attachment:{type:"image",payload:{url,is_reusable}}}} → {recipient_id, message_id}
 *   (developers.facebook.com/docs/messenger-platform/reference/send-api). messaging_type "RESPONSE" within
 *   24 h of the person's last message; "MESSAGE_TAG" with tag "HUMAN_AGENT" up to 7 days, for a person
 *   answering, on a page approved for the Human Agent feature. A private reply to a comment is the same
 *   call with recipient {comment_id}, once per comment, within 7 days (/docs/messenger-platform/discovery/private-replies).
 * - Comment reply: POST /{comment-id}/comments (message, attachment_url) → {id}
 *   (/docs/graph-api/reference/object/comments).
 * - Hide/unhide: POST /{comment-id} (is_hidden) → {success:true} (/docs/graph-api/reference/comment).
 * Errors ({"error":{code,error_subcode,message}}, /docs/messenger-platform/error-codes): 10 with subcode
 * 2018278 outside the allowed window, 10/200 without a permission (the Human Agent feature), 551 the
 * person is unavailable, 190 the token expired or was revoked, 4/32/613 throttling, 2 and 5xx transient.
 */

export interface PageConnection {
  /** The Graph root with its version (…/v26.0). */
  baseUrl: string;
  pageId: string;
  token: string;
}

export type MessengerRecipient = { id: string } | { comment_id: string };

interface GraphError {
  code?: number;
  error_subcode?: number;
  message?: string;
}

function graphErrorOf(json: unknown): GraphError | null {
  const error = (json as { error?: GraphError } | null)?.error;
  return error && typeof error === "object" ? error : null;
}

/** Our words for a Graph refusal; `tagged`: the call used the human-agent tag; `privateReply`: recipient was a comment. */
export function graphFailure(
  status: number,
  json: unknown,
  context: { tagged?: boolean; privateReply?: boolean } = {},
): Extract<SendResult, { ok: false }> {
  const error = graphErrorOf(json);
  const code = error?.code ?? 0;
  const subcode = error?.error_subcode ?? 0;
  const reference = `Graph ${code}${subcode ? `/${subcode}` : ""}`;
  const fail = (key: string, vi: string, en: string, reconnect = false) => ({
    ok: false as const,
    code: key,
    vi: `${vi} (${reference})`,
    en: `${en} (${reference})`,
    ...(reconnect ? { reconnect } : {}),
  });
  if (code === 190 || code === 102) {
    return fail(
      "token_expired",
      "Mã truy cập của Trang đã hết hạn hoặc bị thu hồi; vui lòng nhờ quản trị viên kết nối lại kênh, rồi bấm Gửi lại.",
      "The Page's access token expired or was revoked; please ask an administrator to reconnect the channel, then press Retry.",
      true,
    );
  }
  if (code === 10 && subcode === 2018278) {
    return context.privateReply
      ? fail(
          "window_closed",
          "Facebook không cho trả lời riêng bình luận này nữa (đã quá 7 ngày hoặc đã trả lời riêng một lần). Bạn vẫn có thể trả lời công khai.",
          "Facebook no longer allows a private reply to this comment (over 7 days, or already answered privately). You can still reply publicly.",
        )
      : fail(
          "window_closed",
          "Facebook từ chối vì đã quá thời hạn trả lời của Messenger (24 giờ, hoặc 7 ngày với thẻ hỗ trợ của nhân viên). Bạn vẫn có thể ghi chú nội bộ hoặc chờ người dân nhắn lại.",
          "Facebook refused: Messenger's reply window has passed (24 hours, or 7 days with the human agent tag). You can still add an internal note or wait for the citizen to write again.",
        );
  }
  if ((code === 10 || (code >= 200 && code < 300)) && context.tagged) {
    return fail(
      "human_agent_missing",
      "Trang chưa được Facebook cấp tính năng Nhân viên hỗ trợ (Human Agent), nên không trả lời được sau 24 giờ. Vui lòng chờ người dân nhắn lại hoặc nhờ quản trị viên xin cấp tính năng này.",
      "The Page does not have Facebook's Human Agent feature, so it cannot answer after 24 hours. Please wait for the citizen to write again, or ask an administrator to request the feature.",
    );
  }
  if (code === 10 || (code >= 200 && code < 300)) {
    return fail(
      "permission_missing",
      "Mã truy cập của Trang thiếu quyền nhắn tin hoặc quản lý bình luận; vui lòng nhờ quản trị viên kết nối lại kênh với đủ quyền.",
      "The Page's token lacks the messaging or comment permission; please ask an administrator to reconnect the channel with all permissions.",
    );
  }
  if (code === 551) {
    return fail(
      "user_unavailable",
      "Người này hiện không nhận được tin nhắn từ Trang (có thể đã chặn Trang hoặc khóa tài khoản).",
      "This person cannot receive messages from the Page right now (they may have blocked it or deactivated their account).",
    );
  }
  if (code === 4 || code === 32 || code === 613 || code === 80006) {
    return fail(
      "rate_limited",
      "Facebook đang giới hạn số lần gửi của Trang; vui lòng chờ vài phút rồi bấm Gửi lại.",
      "Facebook is limiting how often the Page may send; please wait a few minutes, then press Retry.",
    );
  }
  if (code === 100) {
    return fail(
      "invalid_request",
      "Facebook không nhận yêu cầu (người nhận, bình luận hoặc ảnh không hợp lệ hoặc không còn tồn tại).",
      "Facebook did not accept the request (the recipient, comment or picture is invalid or no longer exists).",
    );
  }
  if (code === 2 || status >= 500) {
    return fail(
      "platform_unavailable",
      "Facebook tạm thời gặp lỗi; vui lòng bấm Gửi lại sau ít phút.",
      "Facebook had a temporary failure; please press Retry in a few minutes.",
    );
  }
  return fail(
    "platform_error",
    "Facebook trả lời một lỗi không xác định; vui lòng bấm Gửi lại; nếu vẫn không được, vui lòng trả lời trực tiếp trên Trang.",
    "Facebook answered with an unexpected error; please press Retry, and if it persists answer on the Page itself.",
  );
}

async function post(url: string, init: RequestInit, context: Parameters<typeof graphFailure>[2] = {}) {
  const answer = await callPlatform(url, init);
  if (answer.kind === "unreachable") {
    return { failure: unreachable(answer) as Extract<SendResult, { ok: false }>, json: null };
  }
  if (answer.status >= 400 || graphErrorOf(answer.json)) {
    return { failure: graphFailure(answer.status, answer.json, context), json: null };
  }
  return { failure: null, json: answer.json as Record<string, unknown> };
}

/**
 * Sends text, then each image as its own message (Messenger takes one attachment per message). The
 * first message's id is the reply's id; an image refused after the text went out is reported as partial.
 */
export async function sendMessenger(
  page: PageConnection,
  recipient: MessengerRecipient,
  content: { text: string; imageUrls: string[] },
  options: { humanAgent: boolean },
): Promise<SendResult> {
  const url = `${page.baseUrl}/${encodeURIComponent(page.pageId)}/messages?access_token=${encodeURIComponent(page.token)}`;
  const parts: Record<string, unknown>[] = [
    ...(content.text ? [{ text: content.text }] : []),
    ...content.imageUrls.map((imageUrl) => ({
      attachment: { type: "image", payload: { url: imageUrl, is_reusable: true } },
    })),
  ];
  const privateReply = "comment_id" in recipient;
  let firstId: string | null = null;
  for (const [index, message] of parts.entries()) {
    const body = {
      recipient,
      ...(options.humanAgent
        ? { messaging_type: "MESSAGE_TAG", tag: "HUMAN_AGENT" }
        : { messaging_type: "RESPONSE" }),
      message,
    };
    const { failure, json } = await post(
      url,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
      { tagged: options.humanAgent, privateReply },
    );
    if (failure) {
      if (firstId === null) {
        return failure;
      }
      return {
        ok: true,
        externalId: firstId,
        partial: {
          vi: `Đã gửi ${index}/${parts.length} phần; phần còn lại không gửi được: ${failure.vi}`,
          en: `Sent ${index} of ${parts.length} parts; the rest failed: ${failure.en}`,
        },
      };
    }
    firstId ??= String(json?.message_id ?? "");
  }
  return { ok: true, externalId: firstId ?? "" };
}

/** A public reply under a comment (one picture at most, as attachment_url). */
export async function replyToComment(
  page: PageConnection,
  commentId: string,
  content: { text: string; imageUrl: string | null },
): Promise<SendResult> {
  const form = new URLSearchParams({ access_token: page.token });
  if (content.text) {
    form.set("message", content.text);
  }
  if (content.imageUrl) {
    form.set("attachment_url", content.imageUrl);
  }
  const { failure, json } = await post(`${page.baseUrl}/${encodeURIComponent(commentId)}/comments`, {
    method: "POST",
    body: form,
  });
  return failure ?? { ok: true, externalId: String(json?.id ?? "") };
}

/** Hides or shows a comment on the Page. */
export async function setCommentHidden(
  page: PageConnection,
  commentId: string,
  hidden: boolean,
): Promise<SendResult> {
  const form = new URLSearchParams({ access_token: page.token, is_hidden: String(hidden) });
  const { failure } = await post(`${page.baseUrl}/${encodeURIComponent(commentId)}`, {
    method: "POST",
    body: form,
  });
  return failure ?? { ok: true, externalId: commentId };
}
