import type { IndicatorKind } from "../../../../shared/api/verification-values.ts";
import { defineErrors } from "../../../platform/errors.ts";
import type { Refusal } from "./normalise.ts";

export const indicatorKindWords: Record<IndicatorKind, { vi: string; en: string }> = {
  phone: { vi: "số điện thoại", en: "phone number" },
  bank_account: { vi: "số tài khoản ngân hàng", en: "bank account" },
  domain: { vi: "tên miền", en: "domain" },
  account_url: { vi: "địa chỉ trang, tài khoản", en: "page or account address" },
};

/** The scam indicators' and the desk metrics' failures. */
export const indicatorErrors = defineErrors({
  valueRefused: {
    status: 400,
    code: "verification.indicator_value_invalid",
    vi: (p: { refusal: Refusal }) => p.refusal.vi,
    en: (p: { refusal: Refusal }) => p.refusal.en,
  },
  alreadyListed: {
    status: 409,
    code: "verification.indicator_duplicate",
    vi: (p: { kind: IndicatorKind; value: string }) =>
      `Hồ sơ này đã có ${indicatorKindWords[p.kind].vi} ${p.value}.`,
    en: (p: { kind: IndicatorKind; value: string }) =>
      `This case already lists the ${indicatorKindWords[p.kind].en} ${p.value}.`,
  },
  indicatorNotFound: {
    status: 404,
    code: "verification.indicator_not_found",
    vi: "Không tìm thấy dấu hiệu lừa đảo này trong hồ sơ (có thể đã được gỡ).",
    en: "This scam indicator was not found on the case (it may have been removed).",
  },
  periodReversed: {
    status: 400,
    code: "verification.metrics_period_reversed",
    vi: "Ngày bắt đầu không được sau ngày kết thúc.",
    en: "The first day may not be after the last day.",
  },
  periodOutOfRange: {
    status: 400,
    code: "verification.metrics_period_out_of_range",
    vi: "Vui lòng chọn ngày trong khoảng từ năm 2000 đến năm 2100.",
    en: "Please choose days between the years 2000 and 2100.",
  },
  periodTooLong: {
    status: 400,
    code: "verification.metrics_period_too_long",
    vi: (p: { maxDays: number }) => `Vui lòng chọn khoảng thời gian không quá ${p.maxDays} ngày.`,
    en: (p: { maxDays: number }) => `Please choose a period of at most ${p.maxDays} days.`,
  },
});
