import { defineErrors } from "../../../platform/errors.ts";

/** The conversations desk's failures: status, assignment, mentions, escalation, canned replies, offices. */
export const conversationErrors = defineErrors({
  pendingReasonMissing: {
    status: 400,
    code: "inbox.pending_reason_required",
    vi: "Vui lòng chọn lý do chờ: chờ người dân trả lời hay chờ cơ quan khác.",
    en: "Please say what the conversation waits for: the citizen or another office.",
  },
  assigneeCannotRead: {
    status: 400,
    code: "inbox.assignee_not_allowed",
    vi: "Người được giao không có quyền xem hộp thư của đơn vị này. Vui lòng chọn người trong danh sách trực.",
    en: "This person may not read this unit's inbox. Please choose someone from the list.",
  },
  mentionCannotRead: {
    status: 400,
    code: "inbox.mention_not_allowed",
    vi: "Có người được nhắc tên không có quyền xem hội thoại này. Vui lòng chỉ nhắc người trong danh sách.",
    en: "Someone mentioned may not read this conversation. Please mention only people from the list.",
  },
  noParentUnit: {
    status: 409,
    code: "inbox.escalation_no_parent",
    vi: "Đơn vị này là cấp cao nhất, không có đơn vị cấp trên để chuyển lên.",
    en: "This unit is at the top of the tree; there is no parent unit to escalate to.",
  },
  alreadyEscalated: {
    status: 409,
    code: "inbox.already_escalated",
    vi: "Hội thoại này đã được chuyển lên đơn vị cấp trên.",
    en: "This conversation was already escalated to the parent unit.",
  },
  officeNotFound: {
    status: 404,
    code: "inbox.office_not_found",
    vi: "Không tìm thấy cơ quan này trong danh sách của đơn vị (có thể đã bị xóa).",
    en: "This office is not in the unit's list (it may have been removed).",
  },
  officeEmailInvalid: {
    status: 400,
    code: "inbox.office_email_invalid",
    vi: "Địa chỉ e-mail của cơ quan không hợp lệ. Vui lòng kiểm tra lại.",
    en: "The office's e-mail address is not valid. Please check it.",
  },
  cannedReplyNotFound: {
    status: 404,
    code: "inbox.canned_reply_not_found",
    vi: "Không tìm thấy câu trả lời mẫu này (có thể đã bị xóa).",
    en: "This canned reply was not found (it may have been deleted).",
  },
  shortcutTaken: {
    status: 409,
    code: "inbox.canned_reply_shortcut_taken",
    vi: (p: { shortcut: string }) =>
      `Đơn vị đã có câu trả lời mẫu với phím tắt /${p.shortcut}. Vui lòng chọn phím tắt khác.`,
    en: (p: { shortcut: string }) =>
      `The unit already has a canned reply with the shortcut /${p.shortcut}. Please choose another.`,
  },
  unitOutOfScope: {
    status: 403,
    code: "inbox.unit_forbidden",
    vi: "Bạn không có quyền quản lý hộp thư của đơn vị này.",
    en: "You may not manage this unit's inbox.",
  },
});
