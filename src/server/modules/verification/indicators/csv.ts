import type { IndicatorKind, VerdictLabel } from "../../../../shared/api/verification-values.ts";
import type { PublicIndicator } from "./public.ts";

/*
 * The public list as a CSV people open in Excel: UTF-8 with a byte-order mark (without it Excel reads
 * Vietnamese as mojibake), and no cell that a spreadsheet would run as a formula.
 */

export const csvBom = "\uFEFF";

const kindNames: Record<IndicatorKind, string> = {
  phone: "Số điện thoại",
  bank_account: "Số tài khoản ngân hàng",
  domain: "Tên miền",
  account_url: "Địa chỉ trang, tài khoản",
};

const labelNames: Record<VerdictLabel, string> = {
  fake: "Tin giả",
  false: "Tin sai sự thật",
  true: "Tin xác thực",
  insufficient_evidence: "Chưa đủ căn cứ",
  out_of_scope: "Ngoài phạm vi",
};

/**
 * One cell. A value starting with = + - @ (or a tab or carriage return, which Excel skips before
 * them) is what a scammer would plant to run on the reader's computer: it is prefixed with ' so the
 * spreadsheet shows it as text.
 */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",;\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const dayTime = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  hour12: false,
});

/** The desk's own export: every indicator within the reader's units, with its case and whether it is public. */
export const staffCsvHeader = `${[
  "Loại",
  "Giá trị",
  "Như đã ghi nhận",
  "Ghi chú",
  "Hồ sơ",
  "Kết luận",
  "Công khai",
  "Đơn vị",
  "Ghi nhận lúc (giờ Việt Nam)",
].join(",")}\r\n`;

export function staffCsvLine(item: {
  kind: IndicatorKind;
  value: string;
  display: string;
  note: string | null;
  caseTitle: string;
  caseLabel: VerdictLabel | null;
  public: boolean;
  unitName: string;
  createdAt: Date;
}): string {
  return `${[
    kindNames[item.kind],
    item.value,
    item.display,
    item.note ?? "",
    item.caseTitle,
    item.caseLabel ? labelNames[item.caseLabel] : "",
    item.public ? "Có" : "Chưa",
    item.unitName,
    dayTime.format(item.createdAt),
  ]
    .map(csvCell)
    .join(",")}\r\n`;
}

export const csvHeader = `${["Loại", "Giá trị", "Như đã ghi nhận", "Kết luận", "Ghi nhận lần đầu (giờ Việt Nam)"].join(",")}\r\n`;

export function csvLine(item: PublicIndicator): string {
  return `${[
    kindNames[item.kind],
    item.value,
    item.display,
    labelNames[item.caseLabel],
    dayTime.format(item.firstSeen),
  ]
    .map(csvCell)
    .join(",")}\r\n`;
}
