import type ExcelJS from "exceljs";

/**
 * The import templates people download (people, channels): the header row the importers recognise, in
 * Vietnamese, as a CSV line and as an Excel workbook. The workbook's first sheet has only the header
 * (the importer reads that sheet, so no example row can slip into an import); each header cell carries
 * a note, and a second sheet "Hướng dẫn" explains every column with an example.
 */
export interface TemplateColumn {
  header: string;
  /** What to write, for the note and the guide. */
  explain: string;
  example: string;
  required?: boolean;
  /** Typed as text, so that a phone number keeps its leading 0. */
  text?: boolean;
  width: number;
}

export interface ImportTemplate {
  sheetName: string;
  guideTitle: string;
  columns: TemplateColumn[];
}

export const peopleTemplate: ImportTemplate = {
  sheetName: "Nhân sự",
  guideTitle: "Hướng dẫn điền danh sách nhân sự",
  columns: [
    {
      header: "Họ và tên",
      explain: "Họ và tên đầy đủ, có dấu.",
      example: "Nguyễn Văn An",
      required: true,
      width: 28,
    },
    {
      header: "E-mail",
      explain: "E-mail để đăng nhập và nhận thư mời; mỗi người một e-mail riêng.",
      example: "an.nguyenvan@tuyenquang.gov.vn",
      width: 32,
    },
    {
      header: "Số điện thoại",
      explain: "Số di động 10 chữ số, bắt đầu bằng 0.",
      example: "0912345678",
      text: true,
      width: 16,
    },
    { header: "Chức vụ", explain: "Chức vụ hiện tại.", example: "Chuyên viên", width: 22 },
    {
      header: "Mã đơn vị",
      explain:
        "Mã (hoặc đúng tên) của đơn vị nhận hay một đơn vị trực thuộc; để trống thì người đó thuộc đơn vị nhận.",
      example: "TQ-TD",
      width: 18,
    },
  ],
};

export const channelTemplate: ImportTemplate = {
  sheetName: "Kênh chính thức",
  guideTitle: "Hướng dẫn điền danh sách kênh chính thức",
  columns: [
    {
      header: "Tên kênh",
      explain: "Tên hiển thị của kênh, như người dân thấy.",
      example: "Công an tỉnh Tuyên Quang",
      required: true,
      width: 30,
    },
    {
      header: "Địa chỉ",
      explain: "Địa chỉ đầy đủ của kênh, bắt đầu bằng https://.",
      example: "https://www.facebook.com/congantinhtuyenquang",
      required: true,
      width: 44,
    },
    {
      header: "Nền tảng",
      explain:
        "Trang web, Trang Facebook, Nhóm Facebook, Zalo OA, Nhóm Zalo, Kênh YouTube hoặc TikTok; để trống thì hệ thống tự nhận ra từ địa chỉ.",
      example: "Trang Facebook",
      width: 18,
    },
    {
      header: "Mã đơn vị",
      explain: "Mã (hoặc đúng tên) của đơn vị quản lý kênh; để trống thì kênh thuộc đơn vị nhận.",
      example: "TQ-CA",
      width: 18,
    },
    {
      header: "Số người theo dõi",
      explain: "Số nguyên, không bắt buộc.",
      example: "12500",
      width: 18,
    },
  ],
};

/** The template's header as one CSV line. */
export function csvHeaderOf(template: ImportTemplate): string {
  return template.columns.map((column) => column.header).join(",");
}

/** The template as an .xlsx file; `excel` is the exceljs module (the web loads it only when asked). */
export async function xlsxTemplateOf(excel: typeof ExcelJS, template: ImportTemplate): Promise<ArrayBuffer> {
  const workbook = new excel.Workbook();
  workbook.creator = "Cầu Nối";
  const sheet = workbook.addWorksheet(template.sheetName, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = template.columns.map((column) => ({
    header: column.header,
    width: column.width,
    style: column.text ? { numFmt: "@" } : {},
  }));
  const header = sheet.getRow(1);
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  template.columns.forEach((column, index) => {
    const cell = header.getCell(index + 1);
    cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDCEBFA" } };
    cell.note = `${column.required ? "Bắt buộc. " : ""}${column.explain} Ví dụ: ${column.example}`;
  });

  const guide = workbook.addWorksheet("Hướng dẫn");
  guide.columns = [
    { header: "Cột", width: 22 },
    { header: "Cách điền", width: 70 },
    { header: "Bắt buộc", width: 10 },
    { header: "Ví dụ", width: 40 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const column of template.columns) {
    guide.addRow([column.header, column.explain, column.required ? "Có" : "Không", column.example]);
  }
  guide.addRow([]);
  guide.addRow([
    template.guideTitle,
    `Điền mỗi dòng một mục vào trang “${template.sheetName}”, giữ nguyên dòng tiêu đề. Hệ thống chỉ đọc trang đầu tiên; trang hướng dẫn này không được nhập.`,
  ]);
  guide.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  return workbook.xlsx.writeBuffer() as Promise<ArrayBuffer>;
}
