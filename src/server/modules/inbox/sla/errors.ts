import { defineErrors } from "../../../platform/errors.ts";

/** The response targets', breach list's and figures' failures. */
export const targetErrors = defineErrors({
  warnNotBeforeTarget: {
    status: 400,
    code: "inbox.warn_not_before_target",
    vi: (p: { firstResponseMinutes: number }) =>
      `Vui lòng đặt thời gian báo sắp quá hạn ngắn hơn hạn trả lời đầu tiên (${p.firstResponseMinutes} phút), nếu không cuộc hội thoại nào cũng bị báo ngay khi đến.`,
    en: (p: { firstResponseMinutes: number }) =>
      `The warning must come before the first-response target (${p.firstResponseMinutes} minutes); otherwise every conversation is flagged as it arrives.`,
  },
  autoReplyUnknownVariable: {
    status: 400,
    code: "inbox.auto_reply_unknown_variable",
    vi: (p: { variable: string }) =>
      `Lời tự động trả lời có biến “${p.variable}” không được hỗ trợ. Vui lòng chỉ dùng {gio_mo_cua} (thời điểm bắt đầu ca trực tiếp theo).`,
    en: (p: { variable: string }) =>
      `The auto-reply uses “${p.variable}”, which is not supported. Only {gio_mo_cua} (when the next shift starts) may be used.`,
  },
  dayInvalid: {
    status: 400,
    code: "inbox.day_invalid",
    vi: (p: { day: string }) => `Ngày “${p.day}” không có trên lịch. Vui lòng chọn lại ngày.`,
    en: (p: { day: string }) => `“${p.day}” is not a calendar date.`,
  },
  periodReversed: {
    status: 400,
    code: "inbox.figures_period_reversed",
    vi: "Vui lòng chọn ngày bắt đầu không sau ngày kết thúc.",
    en: "The start date must not be after the end date.",
  },
  periodTooLong: {
    status: 400,
    code: "inbox.figures_period_too_long",
    vi: (p: { maxDays: number }) => `Vui lòng chọn khoảng thời gian không quá ${p.maxDays} ngày.`,
    en: (p: { maxDays: number }) => `The period may be at most ${p.maxDays} days long.`,
  },
  periodOutOfRange: {
    status: 400,
    code: "inbox.figures_period_out_of_range",
    vi: "Vui lòng chọn ngày trong khoảng từ năm 2000 đến năm 2100.",
    en: "Dates must fall between the years 2000 and 2100.",
  },
});

/** Refuses a YYYY-MM-DD that is no calendar day (2031-02-30, 2031-13-01): it would become another day or none. */
export function assertCalendarDay(day: string): void {
  const time = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) {
    throw targetErrors.dayInvalid({ day });
  }
}
