import { defineErrors } from "../../../platform/errors.ts";

/** The impersonation watch's failures, in Vietnamese and English. */
export const candidateErrors = defineErrors({
  candidateNotFound: {
    status: 404,
    code: "impersonation.not_found",
    vi: "Không tìm thấy trang nghi giả mạo này.",
    en: "This suspected impersonating page was not found.",
  },
  officialChannel: {
    status: 409,
    code: "impersonation.official_channel",
    vi: "Địa chỉ này là kênh chính thức đã đăng ký trong danh bạ, không phải trang giả mạo.",
    en: "This address is a registered official channel, not an impersonation.",
  },
  realChannelRequired: {
    status: 400,
    code: "impersonation.real_channel_required",
    vi: "Vui lòng chọn kênh chính thức mà trang này giả mạo.",
    en: "Please choose the official channel this page imitates.",
  },
  notCandidate: {
    status: 409,
    code: "impersonation.already_decided",
    vi: "Trang này đã được kết luận. Vui lòng mở lại trước khi kết luận khác.",
    en: "This page was already decided. Please reopen it before deciding otherwise.",
  },
  notDecided: {
    status: 409,
    code: "impersonation.not_decided",
    vi: "Trang này chưa được kết luận nên không cần mở lại.",
    en: "This page has not been decided, so there is nothing to reopen.",
  },
  notConfirmed: {
    status: 409,
    code: "impersonation.not_confirmed",
    vi: "Chỉ lập được hồ sơ báo cáo cho trang đã xác nhận là giả mạo.",
    en: "A report pack is only made for a page confirmed as impersonation.",
  },
  imageInvalid: {
    status: 400,
    code: "impersonation.image_invalid",
    vi: "Tệp gửi lên không phải ảnh đọc được (JPEG, PNG, WebP). Vui lòng chọn ảnh chụp màn hình khác.",
    en: "The file is not a readable image (JPEG, PNG, WebP). Please choose another screenshot.",
  },
  importUnreadable: {
    status: 400,
    code: "impersonation.import_unreadable",
    vi: "Không đọc được tệp CSV. Vui lòng lưu lại dưới dạng CSV UTF-8 với các cột: địa chỉ, tên hiển thị, tên tài khoản (@…).",
    en: "The CSV file could not be read. Please save it as UTF-8 CSV with the columns: address, display name, handle.",
  },
  noUnit: {
    status: 409,
    code: "impersonation.no_unit",
    vi: "Chưa có đơn vị nào để tiếp nhận báo cáo.",
    en: "There is no unit yet to receive the report.",
  },
});
