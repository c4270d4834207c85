import { defineErrors } from "../../../platform/errors.ts";

/** The matching part's failures. */
export const matchingErrors = defineErrors({
  nothingToMatch: {
    status: 400,
    code: "verification.match_nothing",
    vi: "Vui lòng nhập liên kết hoặc nội dung tin cần đối chiếu.",
    en: "Enter a link or the text of the claim to compare.",
  },
  linkNotWeb: {
    status: 400,
    code: "verification.match_link_not_web",
    vi: "Liên kết phải là địa chỉ web bắt đầu bằng http:// hoặc https://. Vui lòng kiểm tra lại.",
    en: "The link must be a web address starting with http:// or https://.",
  },
});
