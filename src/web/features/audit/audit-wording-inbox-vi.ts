import type { Words } from "./audit-wording.ts";

/** The inbox's and the duty roster's audit actions, worded for the audit page (vi). */
export const inboxViWording: Pick<Words, `inbox.${string}` & keyof Words> = {
  "inbox.conversation.read": {
    label: "Xem hội thoại",
    sentence: "{actor} đã mở một cuộc hội thoại trong hộp thư",
  },
  "inbox.conversation.status": {
    label: "Đổi trạng thái hội thoại",
    sentence: "{actor} đã đổi trạng thái một cuộc hội thoại",
  },
  "inbox.conversation.reopen": {
    label: "Mở lại hội thoại",
    sentence: "{actor} đã mở lại một cuộc hội thoại đã xử lý",
  },
  "inbox.conversation.labels": {
    label: "Đổi nhãn hội thoại",
    sentence: "{actor} đã đổi nhãn của một cuộc hội thoại",
  },
  "inbox.conversation.assign": {
    label: "Phân công hội thoại",
    sentence: "{actor} đã phân công một cuộc hội thoại",
  },
  "inbox.conversation.escalate": {
    label: "Chuyển hội thoại",
    sentence: "{actor} đã chuyển một cuộc hội thoại lên đơn vị cấp trên hoặc cơ quan khác",
  },
  "inbox.conversation.note": {
    label: "Ghi chú nội bộ",
    sentence: "{actor} đã ghi chú nội bộ vào một cuộc hội thoại",
  },
  "inbox.canned_reply.create": {
    label: "Thêm câu trả lời mẫu",
    sentence: "{actor} đã thêm câu trả lời mẫu {subject}",
  },
  "inbox.canned_reply.update": {
    label: "Sửa câu trả lời mẫu",
    sentence: "{actor} đã sửa câu trả lời mẫu {subject}",
  },
  "inbox.canned_reply.delete": {
    label: "Xóa câu trả lời mẫu",
    sentence: "{actor} đã xóa câu trả lời mẫu {subject}",
  },
  "inbox.office.create": {
    label: "Thêm cơ quan tiếp nhận",
    sentence: "{actor} đã thêm cơ quan tiếp nhận {subject}",
  },
  "inbox.office.delete": {
    label: "Xóa cơ quan tiếp nhận",
    sentence: "{actor} đã xóa cơ quan tiếp nhận {subject}",
  },
  "inbox.contact.erase": {
    label: "Xóa dữ liệu người dân theo yêu cầu",
    sentence: "{actor} đã xóa mọi cuộc hội thoại của một người dân theo yêu cầu của họ",
  },
  "inbox.retention.purge": {
    label: "Xóa hội thoại hết hạn lưu",
    sentence: "Hệ thống đã xóa các cuộc hội thoại quá thời hạn lưu của đơn vị",
  },
  "inbox.answer_published": {
    label: "Đăng hỏi đáp",
    sentence: "{actor} đã đăng một câu hỏi và câu trả lời lên trang tin",
  },
  "inbox.answer_republished": {
    label: "Sửa hỏi đáp đã đăng",
    sentence: "{actor} đã sửa một câu hỏi đáp đã đăng trên trang tin",
  },
  "inbox.answer_unpublished": {
    label: "Gỡ hỏi đáp",
    sentence: "{actor} đã gỡ một câu hỏi đáp khỏi trang tin",
  },
  "inbox.settings.update": {
    label: "Đổi cài đặt hộp thư",
    sentence: "{actor} đã đổi thời hạn phản hồi, trả lời tự động hoặc thời hạn lưu của hộp thư",
  },
  "inbox.roster.slot_created": {
    label: "Thêm ca trực",
    sentence: "{actor} đã thêm một ca trực trong ngày",
  },
  "inbox.roster.slot_changed": {
    label: "Sửa ca trực",
    sentence: "{actor} đã sửa giờ một ca trực",
  },
  "inbox.roster.slot_removed": {
    label: "Bỏ ca trực",
    sentence: "{actor} đã bỏ một ca trực khỏi lịch",
  },
  "inbox.roster.shift_set": {
    label: "Phân công trực",
    sentence: "{actor} đã phân công người trực một ca",
  },
  "inbox.roster.shift_cleared": {
    label: "Xóa phân công trực",
    sentence: "{actor} đã xóa phân công của một ca trực",
  },
  "inbox.roster.week_copied": {
    label: "Sao chép lịch trực",
    sentence: "{actor} đã sao chép lịch trực tuần trước",
  },
  "inbox.roster.swap_asked": {
    label: "Xin đổi ca",
    sentence: "{actor} đã xin đổi ca trực",
  },
  "inbox.roster.swap_accepted": {
    label: "Nhận đổi ca",
    sentence: "{actor} đã nhận ca trực của đồng nghiệp",
  },
  "inbox.roster.swap_declined": {
    label: "Từ chối đổi ca",
    sentence: "{actor} đã từ chối đổi ca trực",
  },
  "inbox.roster.swap_cancelled": {
    label: "Rút yêu cầu đổi ca",
    sentence: "{actor} đã rút yêu cầu đổi ca trực",
  },
  "inbox.roster.holiday_added": {
    label: "Thêm ngày nghỉ",
    sentence: "{actor} đã thêm một ngày nghỉ vào lịch trực",
  },
  "inbox.roster.holiday_removed": {
    label: "Bỏ ngày nghỉ",
    sentence: "{actor} đã bỏ một ngày nghỉ khỏi lịch trực",
  },
  "inbox.roster.away_on": {
    label: "Báo vắng mặt",
    sentence: "{actor} đã báo vắng mặt",
  },
  "inbox.roster.away_off": {
    label: "Hết vắng mặt",
    sentence: "{actor} đã báo có mặt trở lại",
  },
};
