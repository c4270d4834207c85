import { defineErrors } from "../../platform/errors.ts";

/** The verification desk's shared failures; each part adds its own catalogue beside this one. */
export const caseAccessErrors = defineErrors({
  caseNotFound: {
    status: 404,
    code: "verification.case_not_found",
    vi: "Không tìm thấy hồ sơ xác minh này.",
    en: "This verification case was not found.",
  },
  caseForbidden: {
    status: 403,
    code: "verification.case_forbidden",
    vi: "Hồ sơ này thuộc đơn vị khác, bạn không có quyền xem hoặc xử lý.",
    en: "This case belongs to another unit; you may not see or handle it.",
  },
});
