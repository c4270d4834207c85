import { defineErrors } from "../../platform/errors.ts";

/** The inbox's shared failures; each part adds its own catalogue beside this one. */
export const conversationAccessErrors = defineErrors({
  conversationNotFound: {
    status: 404,
    code: "inbox.conversation_not_found",
    vi: "Không tìm thấy cuộc hội thoại này.",
    en: "This conversation was not found.",
  },
  conversationForbidden: {
    status: 403,
    code: "inbox.conversation_forbidden",
    vi: "Cuộc hội thoại này thuộc đơn vị khác, bạn không có quyền xem hoặc trả lời.",
    en: "This conversation belongs to another unit; you may not see or answer it.",
  },
});
