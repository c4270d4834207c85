import { defineErrors } from "../../platform/errors.ts";

/** The notifications module's failures, each defined once and thrown by name. */
export const notificationErrors = defineErrors({
  notFound: {
    status: 404,
    code: "notifications.not_found",
    vi: "Không tìm thấy thông báo này. Có thể thông báo không gửi cho bạn.",
    en: "This notification was not found. It may not have been sent to you.",
  },
});
