import { defineErrors } from "../../../platform/errors.ts";

/** The checkers' desk failures: triage, evidence, merges and checklists. */
export const deskErrors = defineErrors({
  notAChecker: {
    status: 400,
    code: "verification.assignee_not_checker",
    vi: "Người được giao phải là người kiểm chứng của đơn vị phụ trách hồ sơ này.",
    en: "The assignee must be a checker of the unit handling this case.",
  },
  caseClosedForChanges: {
    status: 409,
    code: "verification.case_merged",
    vi: "Hồ sơ này đã được gộp vào hồ sơ khác; vui lòng xử lý trên hồ sơ đó.",
    en: "This case was merged into another one; work on that case instead.",
  },
  checklistItemUnknown: {
    status: 404,
    code: "verification.checklist_item_unknown",
    vi: "Mục này không có trong danh sách kiểm tra của hồ sơ.",
    en: "This item is not on the case's checklist.",
  },
  mergeIntoItself: {
    status: 400,
    code: "verification.merge_into_itself",
    vi: "Không thể gộp một hồ sơ vào chính nó.",
    en: "A case cannot be merged into itself.",
  },
  mergeIntoMerged: {
    status: 409,
    code: "verification.merge_into_merged",
    vi: "Hồ sơ đích đã được gộp vào hồ sơ khác; vui lòng gộp vào hồ sơ còn lại.",
    en: "The target case was itself merged into another one; merge into the remaining case instead.",
  },
  mergePublished: {
    status: 409,
    code: "verification.merge_published",
    vi: "Hồ sơ đã công bố kết luận không thể gộp vào hồ sơ khác. Vui lòng gộp hồ sơ kia vào hồ sơ này.",
    en: "A case with a published verdict cannot be merged into another. Merge the other case into this one instead.",
  },
  suggestionNotFound: {
    status: 404,
    code: "verification.suggestion_not_found",
    vi: "Không tìm thấy gợi ý trùng lặp này, hoặc gợi ý đã được xử lý.",
    en: "This duplicate suggestion was not found, or it has already been decided.",
  },
  evidenceNotFound: {
    status: 404,
    code: "verification.evidence_not_found",
    vi: "Không tìm thấy nguồn đối chiếu này.",
    en: "This source was not found.",
  },
  evidenceFileRequired: {
    status: 400,
    code: "verification.evidence_file_required",
    vi: "Vui lòng gửi tệp (ảnh chụp màn hình hoặc bản lưu PDF) với kiểu application/octet-stream.",
    en: "Send the file (a screenshot or a PDF archive copy) as application/octet-stream.",
  },
  evidenceFileTooLarge: {
    status: 413,
    code: "verification.evidence_file_too_large",
    vi: ({ maxMb }: { maxMb: number }) => `Tệp quá lớn: tối đa ${maxMb} MB.`,
    en: ({ maxMb }: { maxMb: number }) => `The file is too large: at most ${maxMb} MB.`,
  },
  evidenceFileType: {
    status: 415,
    code: "verification.evidence_file_type",
    vi: "Chỉ nhận ảnh (JPEG, PNG, WebP, GIF) hoặc tệp PDF làm bản lưu nguồn.",
    en: "Only images (JPEG, PNG, WebP, GIF) or PDF files are accepted as archive copies.",
  },
  evidenceImageUnreadable: {
    status: 400,
    code: "verification.evidence_image_unreadable",
    vi: "Không đọc được ảnh này, hoặc ảnh quá lớn (tối đa 40 triệu điểm ảnh). Vui lòng chụp lại màn hình.",
    en: "This image cannot be read, or it is too large (at most 40 megapixels). Take the screenshot again.",
  },
  evidenceNeedsSource: {
    status: 400,
    code: "verification.evidence_needs_source",
    vi: "Vui lòng nhập địa chỉ, tiêu đề hoặc ghi chú cho nguồn đối chiếu.",
    en: "Enter an address, a title or a note for the source.",
  },
  fileNotFound: {
    status: 404,
    code: "verification.file_not_found",
    vi: "Không tìm thấy tệp này trong hồ sơ.",
    en: "This file was not found in the case.",
  },
});
