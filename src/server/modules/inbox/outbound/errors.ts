import { defineErrors } from "../../../platform/errors.ts";

/** Why a reply is refused before anything reaches the platform. */
export const replyErrors = defineErrors({
  windowClosed: {
    status: 409,
    code: "inbox.reply_window_closed",
    vi: (p: { window: "messenger_24h" | "messenger_7d" | "zalo_48h" }) =>
      ({
        messenger_24h:
          "Đã quá 24 giờ kể từ tin nhắn cuối của người dân; Messenger chỉ cho phép trả lời trong 24 giờ (hoặc 7 ngày với thẻ hỗ trợ của nhân viên). Bạn vẫn có thể ghi chú nội bộ hoặc chờ người dân nhắn lại.",
        messenger_7d:
          "Đã quá 7 ngày kể từ tin nhắn cuối của người dân; Messenger chỉ cho phép trả lời trong 24 giờ, hoặc 7 ngày với thẻ hỗ trợ của nhân viên. Bạn vẫn có thể ghi chú nội bộ hoặc chờ người dân nhắn lại.",
        zalo_48h:
          "Đã quá 48 giờ kể từ lần cuối người dân tương tác với Zalo OA; Zalo chỉ cho phép gửi tin tư vấn trong 48 giờ. Bạn vẫn có thể ghi chú nội bộ hoặc chờ người dân nhắn lại.",
      })[p.window],
    en: (p: { window: "messenger_24h" | "messenger_7d" | "zalo_48h" }) =>
      ({
        messenger_24h:
          "More than 24 hours have passed since the citizen's last message; Messenger allows replies within 24 hours (or 7 days with the human agent tag). You can still add an internal note or wait for the citizen to write again.",
        messenger_7d:
          "More than 7 days have passed since the citizen's last message; Messenger allows replies within 24 hours, or 7 days with the human agent tag. You can still add an internal note or wait for the citizen to write again.",
        zalo_48h:
          "More than 48 hours have passed since the citizen last interacted with the Zalo OA; Zalo allows customer-service messages within 48 hours. You can still add an internal note or wait for the citizen to write again.",
      })[p.window],
  },
  privateReplyWindowClosed: {
    status: 409,
    code: "inbox.private_reply_window_closed",
    vi: "Facebook chỉ cho phép trả lời riêng một bình luận trong 7 ngày. Bạn vẫn có thể trả lời công khai dưới bình luận.",
    en: "Facebook allows a private reply to a comment only within 7 days. You can still reply publicly under the comment.",
  },
  replyEmpty: {
    status: 400,
    code: "inbox.reply_empty",
    vi: "Vui lòng nhập nội dung hoặc chọn ảnh để trả lời.",
    en: "Please write a reply or choose a picture.",
  },
  mediaOutsideUnit: {
    status: 403,
    code: "inbox.reply_media_outside_unit",
    vi: "Ảnh đính kèm phải thuộc thư viện của đơn vị sở hữu cuộc hội thoại.",
    en: "Attached pictures must come from the media library of the conversation's unit.",
  },
  mediaNotImage: {
    status: 400,
    code: "inbox.reply_media_not_image",
    vi: "Chỉ gửi được ảnh trong câu trả lời, không gửi được video.",
    en: "Only pictures can be sent in a reply, not videos.",
  },
  mediaNotSupported: {
    status: 400,
    code: "inbox.reply_media_not_supported",
    vi: "Kênh này hiện chỉ gửi được chữ (Zalo OA, thư trả lời câu hỏi, trả lời riêng bình luận). Vui lòng bỏ ảnh đính kèm.",
    en: "This channel only takes text for now (Zalo OA, e-mailed answers, private replies to comments). Please remove the pictures.",
  },
  channelNotConnected: {
    status: 409,
    code: "inbox.channel_not_connected",
    vi: "Kênh của cuộc hội thoại chưa được kết nối hoặc cần kết nối lại; vui lòng nhờ quản trị viên kết nối lại kênh trong mục Kênh.",
    en: "The conversation's channel is not connected or needs reconnecting; please ask an administrator to reconnect it under Channels.",
  },
  noCommentToAnswer: {
    status: 409,
    code: "inbox.no_comment_to_answer",
    vi: "Không tìm thấy bình luận của người dân để trả lời trong cuộc hội thoại này.",
    en: "There is no citizen's comment to answer in this conversation.",
  },
  askerWithoutEmail: {
    status: 409,
    code: "inbox.asker_without_email",
    vi: "Người hỏi không để lại địa chỉ e-mail (hoặc đã yêu cầu xóa), nên không gửi được câu trả lời.",
    en: "The asker left no e-mail address (or asked to be erased), so the answer cannot be sent.",
  },
  messageNotFound: {
    status: 404,
    code: "inbox.message_not_found",
    vi: "Không tìm thấy tin nhắn này trong cuộc hội thoại.",
    en: "This message was not found in the conversation.",
  },
  notRetryable: {
    status: 409,
    code: "inbox.reply_not_failed",
    vi: "Chỉ gửi lại được câu trả lời chưa gửi được (hoặc đang gửi đã quá 2 phút).",
    en: "Only a reply that failed (or has been sending for over 2 minutes) can be sent again.",
  },
  notAComment: {
    status: 409,
    code: "inbox.not_a_comment",
    vi: "Chỉ ẩn hoặc hiện được bình luận của người dân trên Trang Facebook.",
    en: "Only a citizen's comment on the Facebook Page can be hidden or shown.",
  },
  hideRefused: {
    status: 502,
    code: "inbox.hide_refused",
    vi: (p: { vi: string; en: string }) => `Facebook không ẩn hoặc hiện được bình luận. ${p.vi}`,
    en: (p: { vi: string; en: string }) => `Facebook did not hide or show the comment. ${p.en}`,
  },
});
