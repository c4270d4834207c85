import { defineErrors } from "../../../platform/errors.ts";

/** Why a page cannot be compared with the registry. */
export const scoreErrors = defineErrors({
  linkInvalid: {
    status: 400,
    code: "verification.score_link_invalid",
    vi: "Địa chỉ trang không hợp lệ: chỉ nhận liên kết web (http hoặc https). Vui lòng dán địa chỉ của trang cần so sánh.",
    en: "The page address is not valid: only web links (http or https) are accepted. Paste the address of the page to compare.",
  },
});
