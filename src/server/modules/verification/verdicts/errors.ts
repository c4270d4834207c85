import { defineErrors } from "../../../platform/errors.ts";

/** What can go wrong with a verdict: each refusal says what to do instead. */
export const verdictErrors = defineErrors({
  noVerdict: {
    status: 409,
    code: "verification.verdict_missing",
    vi: "Hồ sơ này chưa có kết luận. Vui lòng soạn kết luận trước.",
    en: "This case has no verdict yet. Please draft one first.",
  },
  publishedLocked: {
    status: 409,
    code: "verification.verdict_published",
    vi: "Kết luận đã được công bố nên không sửa trực tiếp được. Vui lòng tạm dừng công bố trước, sau đó sửa, trình duyệt và công bố lại kèm nội dung đính chính.",
    en: "A published verdict cannot be edited in place. Please pause it first, then change it, have it signed off and publish it again with a correction note.",
  },
  ownDraft: {
    status: 403,
    code: "verification.verdict_own_draft",
    vi: "Bạn không thể tự duyệt kết luận do mình soạn. Vui lòng đề nghị một người duyệt khác.",
    en: "You cannot sign off a verdict you drafted. Please ask another approver.",
  },
  notApprover: {
    status: 403,
    code: "verification.verdict_not_approver",
    vi: "Chỉ người có quyền duyệt kết luận xác minh của đơn vị mới thực hiện được thao tác này.",
    en: "Only an approver of the unit's verification desk can do this.",
  },
  notDraft: {
    status: 409,
    code: "verification.verdict_not_draft",
    vi: "Chỉ duyệt được kết luận đang ở trạng thái dự thảo.",
    en: "Only a draft verdict can be signed off.",
  },
  notSignedOff: {
    status: 409,
    code: "verification.verdict_not_signed_off",
    vi: "Kết luận chưa được duyệt nên chưa thể công bố. Vui lòng đề nghị người có quyền duyệt xem xét trước.",
    en: "The verdict has not been signed off, so it cannot be published. Please have an approver sign it off first.",
  },
  notPublic: {
    status: 409,
    code: "verification.verdict_not_public",
    vi: "Kết luận “Chưa đủ căn cứ” hoặc “Ngoài phạm vi” không được công bố; hồ sơ đã được khép lại khi duyệt.",
    en: "“Not enough evidence” and “Out of scope” are never published; the case was closed when signed off.",
  },
  notPublished: {
    status: 409,
    code: "verification.verdict_not_published",
    vi: "Chỉ tạm dừng được kết luận đang được công bố.",
    en: "Only a published verdict can be paused.",
  },
  noteRequired: {
    status: 400,
    code: "verification.verdict_note_required",
    vi: "Vui lòng nhập nội dung đính chính (điều gì đã thay đổi và vì sao); nội dung này được hiển thị công khai trong nhật ký đính chính.",
    en: "Please enter a correction note (what changed and why); it is shown publicly in the correction log.",
  },
  noPortal: {
    status: 409,
    code: "verification.verdict_no_portal",
    vi: "Đơn vị chưa có trang tin (trang web chính thức trong danh bạ kênh chính thức) để đăng bài đính chính. Vui lòng đăng ký trang web của đơn vị trước.",
    en: "The unit has no portal (an official website in the channel registry) to publish the correction on. Please register the unit's website first.",
  },
  caseMerged: {
    status: 409,
    code: "verification.verdict_case_merged",
    vi: "Hồ sơ này đã được gộp vào một hồ sơ khác. Vui lòng làm việc trên hồ sơ đó.",
    en: "This case was merged into another one. Please work on that case.",
  },
});
