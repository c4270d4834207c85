import ExcelJS from "exceljs";
import type { ConversationKind, InboxSource } from "../../../../shared/api/inbox-values.ts";
import { formatVietnamDate } from "../../../../shared/vietnam-time.ts";
import type { FigureRow, InboxFigures } from "./figures.ts";

/* The inbox's figures as an XLSX workbook, one sheet per grouping, in Vietnamese, for the unit's own files. */

const channelKindWords: Record<`${InboxSource}:${ConversationKind}`, string> = {
  "facebook:message": "Facebook – tin nhắn",
  "facebook:comment": "Facebook – bình luận",
  "facebook:question": "Facebook – câu hỏi",
  "zalo:message": "Zalo OA – tin nhắn",
  "zalo:comment": "Zalo OA – bình luận",
  "zalo:question": "Zalo OA – câu hỏi",
  "portal:message": "Trang tin – tin nhắn",
  "portal:comment": "Trang tin – bình luận",
  "portal:question": "Trang tin – Hỏi đáp",
};

const figureHeader = [
  "Tiếp nhận",
  "Đã trả lời",
  "Trả lời lần đầu – trung vị (phút)",
  "Trả lời lần đầu – 90% trong vòng (phút)",
  "Đã xử lý xong",
  "Xử lý xong – trung vị (phút)",
  "Xử lý xong – 90% trong vòng (phút)",
  "Số lần quá hạn",
];

function figureCells(row: FigureRow): (string | number)[] {
  return [
    row.received,
    row.firstResponse.count,
    row.firstResponse.median ?? "",
    row.firstResponse.p90 ?? "",
    row.resolution.count,
    row.resolution.median ?? "",
    row.resolution.p90 ?? "",
    row.breaches,
  ];
}

function sheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: (string | number)[][]) {
  const worksheet = workbook.addWorksheet(name);
  worksheet.addRow(header).font = { bold: true };
  for (const row of rows) {
    worksheet.addRow(row);
  }
  worksheet.columns.forEach((column, index) => {
    const widest = Math.max(
      header[index]?.length ?? 8,
      ...rows.map((row) => String(row[index] ?? "").length),
    );
    column.width = Math.min(60, Math.max(10, widest + 2));
  });
  worksheet.views = [{ state: "frozen", ySplit: 1 }];
}

export async function figuresWorkbook(figures: InboxFigures, unitName: string): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cầu Nối";
  sheet(
    workbook,
    "Tổng hợp",
    ["Đơn vị", "Từ ngày", "Đến ngày", ...figureHeader],
    [
      [
        unitName,
        formatVietnamDate(figures.from),
        formatVietnamDate(figures.to),
        ...figureCells(figures.total),
      ],
    ],
  );
  sheet(
    workbook,
    "Theo kênh",
    ["Kênh", "Loại", ...figureHeader],
    figures.byChannel.map((row) => [
      row.channelName,
      channelKindWords[`${row.source}:${row.kind}`],
      ...figureCells(row),
    ]),
  );
  sheet(
    workbook,
    "Theo ngày",
    ["Ngày", ...figureHeader],
    figures.byDay.map((row) => [formatVietnamDate(row.day), ...figureCells(row)]),
  );
  sheet(
    workbook,
    "Theo người",
    ["Người phụ trách", ...figureHeader],
    figures.byPerson.map((row) => [row.person.fullName, ...figureCells(row)]),
  );
  sheet(
    workbook,
    "Theo đơn vị",
    ["Đơn vị", ...figureHeader],
    figures.byUnit.map((row) => [row.unit.name, ...figureCells(row)]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
