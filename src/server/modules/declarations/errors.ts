import { defineErrors } from "../../platform/errors.ts";

/** The dates a member gives that may not lie ahead, named as the form names them. */
const datedFields = {
  happenedAt: { vi: "Thời điểm xảy ra", en: "When it happened" },
  since: { vi: "Ngày thay đổi", en: "The date of the change" },
} as const;

type DatedField = keyof typeof datedFields;

/** The declarations module's failures, each defined once and thrown by name. */
export const declarationErrors = defineErrors({
  alreadyDeclared: {
    status: 409,
    code: "declarations.already_declared",
    vi: ({ displayName }: { displayName: string }) => `Bạn đã kê khai tài khoản này (“${displayName}”).`,
    en: ({ displayName }: { displayName: string }) =>
      `You have already declared this account (“${displayName}”).`,
  },
  purposeChanged: {
    status: 409,
    code: "declarations.purpose_changed",
    vi: "Nội dung mục đích kê khai vừa được cập nhật. Vui lòng tải lại trang, đọc lại và xác nhận.",
    en: "The stated purpose has just been updated. Reload the page, read it again and confirm.",
  },
  dateInFuture: {
    status: 400,
    code: "declarations.date_in_future",
    vi: ({ field }: { field: DatedField }) => `${datedFields[field].vi} không được sau thời điểm hiện tại.`,
    en: ({ field }: { field: DatedField }) => `${datedFields[field].en} cannot be in the future.`,
  },
  dueInPast: {
    status: 400,
    code: "declarations.due_in_past",
    vi: "Hạn rà soát phải từ hôm nay trở đi.",
    en: "The due date must be today or later.",
  },
});
