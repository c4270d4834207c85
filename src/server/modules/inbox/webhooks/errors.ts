import { defineErrors } from "../../../platform/errors.ts";

/** The webhooks' failures, as the platforms (and anyone probing the address) are answered. */
export const webhookErrors = defineErrors({
  notConfigured: {
    status: 404,
    code: "inbox.webhook_not_configured",
    vi: "Địa chỉ nhận tin này chưa được cấu hình trên máy chủ.",
    en: "This webhook is not configured on the server.",
  },
  verifyTokenRefused: {
    status: 403,
    code: "inbox.webhook_verify_refused",
    vi: "Mã xác minh không khớp với mã đã cấu hình, nên không đăng ký địa chỉ nhận tin.",
    en: "The verify token does not match the configured one; the subscription is refused.",
  },
  signatureRefused: {
    status: 401,
    code: "inbox.webhook_signature_refused",
    vi: "Chữ ký của gói tin không hợp lệ hoặc bị thiếu, nên gói tin bị từ chối.",
    en: "The delivery's signature is missing or wrong; it is refused.",
  },
  staleDelivery: {
    status: 401,
    code: "inbox.webhook_stale",
    vi: "Gói tin đã quá cũ so với thời gian nền tảng gửi lại, nên bị từ chối.",
    en: "The delivery is older than the platform's retry window; it is refused.",
  },
  replayedDelivery: {
    status: 401,
    code: "inbox.webhook_replayed",
    vi: "Gói tin này đã được nhận và lưu trước đó; gói gửi lại y hệt bị từ chối.",
    en: "This exact delivery was already received and stored; the replay is refused.",
  },
});
