import PDFDocument from "pdfkit";
import { type FontStyle, fontName, loadReportFonts, runsOf } from "./pdf-fonts.ts";

/*
 * The report pack's summary: one A4 document in the layout of an administrative report (national
 * motto, issuing unit, place and date, title, numbered sections, signature block). Every value is
 * drawn as plain text: a page name holding HTML shows its tags literally.
 */

export interface ReportPdfData {
  unit: { name: string; parentName: string | null; place: string };
  date: Date;
  fake: {
    url: string;
    displayName: string;
    handle: string | null;
    platform: string;
    firstSeen: Date;
    source: string;
  };
  real: { displayName: string; url: string; platform: string; unitName: string; since: Date | null } | null;
  reasons: string[];
  confirmedBy: string;
  confirmedAt: Date | null;
  note: string | null;
  attachments: string[];
}

const dayFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});
const timeFormat = new Intl.DateTimeFormat("vi-VN", {
  timeZone: "Asia/Ho_Chi_Minh",
  hour: "2-digit",
  minute: "2-digit",
  day: "2-digit",
  month: "2-digit",
  year: "numeric",
});

function datePart(date: Date, part: "day" | "month" | "year"): string {
  return dayFormat.formatToParts(date).find((p) => p.type === part)?.value ?? "";
}

/** "Tuyên Quang, ngày 06 tháng 12 năm 2026", as dated in official documents. */
export function placeAndDate(place: string, date: Date): string {
  return `${place}, ngày ${datePart(date, "day")} tháng ${datePart(date, "month")} năm ${datePart(date, "year")}`;
}

export function vietnamDateTime(date: Date): string {
  return timeFormat.format(date);
}

/** The lines of the report, in order, as they are drawn (the tests read the text from here too). */
export function reportSections(data: ReportPdfData): { heading: string; lines: string[] }[] {
  const fake = data.fake;
  const real = data.real;
  return [
    {
      heading: "I. Trang giả mạo",
      lines: [
        `Địa chỉ: ${fake.url}`,
        `Tên hiển thị: ${fake.displayName}`,
        `Tên tài khoản (@…): ${fake.handle ?? "(không có)"}`,
        `Nền tảng: ${fake.platform}`,
        `Ghi nhận lần đầu: ${vietnamDateTime(fake.firstSeen)} (${fake.source})`,
      ],
    },
    {
      heading: "II. Kênh chính thức bị giả mạo",
      lines: real
        ? [
            `Tên kênh: ${real.displayName}`,
            `Địa chỉ: ${real.url}`,
            `Nền tảng: ${real.platform}`,
            `Đơn vị quản lý: ${real.unitName}`,
            `Có trong danh bạ kênh chính thức từ: ${real.since ? dayFormat.format(real.since) : "(không rõ)"}`,
          ]
        : ["(Kênh chính thức không còn trong danh bạ.)"],
    },
    {
      heading: "III. Dấu hiệu giả mạo",
      lines: data.reasons.length
        ? data.reasons.map((reason) => `- ${reason}`)
        : ["- Người xác minh đã đối chiếu trực tiếp với kênh chính thức."],
    },
    {
      heading: "IV. Kết luận",
      lines: [
        `Trang nêu trên giả mạo kênh chính thức của ${real?.unitName ?? data.unit.name}.`,
        `Người xác nhận: ${data.confirmedBy}${data.confirmedAt ? `, lúc ${vietnamDateTime(data.confirmedAt)}` : ""}.`,
        ...(data.note ? [`Ghi chú: ${data.note}`] : []),
        "Đề nghị nền tảng gỡ bỏ trang giả mạo và thông báo cho người theo dõi trang.",
      ],
    },
    {
      heading: "V. Tài liệu kèm theo",
      lines: data.attachments.map((name, index) => `${index + 1}. ${name}`),
    },
  ];
}

type Doc = PDFKit.PDFDocument;

interface WriteOptions {
  x: number;
  y?: number;
  width: number;
  align?: "left" | "center";
  underline?: boolean;
  /** Extra space below each line, in points. */
  gap?: number;
}

/** The width of a line drawn in runs of the subset files. */
function measure(doc: Doc, text: string, style: FontStyle, size: number): number {
  let width = 0;
  for (const run of runsOf(text)) {
    width += doc.font(fontName(style, run.subset)).fontSize(size).widthOfString(run.text);
  }
  return width;
}

/** Cuts text into lines that fit `width`, between words (a word longer than a line, as a URL, by characters). */
function wrap(doc: Doc, text: string, style: FontStyle, size: number, width: number): string[] {
  const lines: string[] = [];
  let current = "";
  const words = text.normalize("NFC").split(/\s+/).filter(Boolean);
  for (const word of words) {
    const candidate = current ? `${current} ${word}` : word;
    if (measure(doc, candidate, style, size) <= width) {
      current = candidate;
      continue;
    }
    if (current) {
      lines.push(current);
      current = "";
    }
    let rest = word;
    while (measure(doc, rest, style, size) > width) {
      let cut = rest.length - 1;
      while (cut > 1 && measure(doc, rest.slice(0, cut), style, size) > width) {
        cut--;
      }
      lines.push(rest.slice(0, cut));
      rest = rest.slice(cut);
    }
    current = rest;
  }
  lines.push(current);
  return lines;
}

/**
 * Draws text wrapped to `width`, each line placed by its measured width and drawn run by run in the
 * subset file that has its characters (pdfkit's own alignment does not survive a change of font
 * within a line).
 */
function write(doc: Doc, text: string, style: FontStyle, size: number, options: WriteOptions): void {
  let y = options.y ?? doc.y;
  const bottom = doc.page.height - doc.page.margins.bottom;
  for (const line of wrap(doc, text, style, size, options.width)) {
    const lineHeight = size * 1.35;
    if (y + lineHeight > bottom) {
      doc.addPage();
      y = doc.page.margins.top;
    }
    const lineWidth = measure(doc, line, style, size);
    const startX = options.align === "center" ? options.x + (options.width - lineWidth) / 2 : options.x;
    let x = startX;
    for (const run of runsOf(line)) {
      doc.font(fontName(style, run.subset)).fontSize(size);
      doc.text(run.text, x, y, { lineBreak: false });
      x += doc.widthOfString(run.text);
    }
    if (options.underline) {
      doc
        .moveTo(startX, y + size + 1)
        .lineTo(startX + lineWidth, y + size + 1)
        .lineWidth(0.6)
        .stroke();
    }
    y += lineHeight + (options.gap ?? 0);
  }
  doc.x = doc.page.margins.left;
  doc.y = y;
}

/** The summary as PDF bytes. */
export async function renderReportPdf(data: ReportPdfData): Promise<Buffer> {
  const fonts = await loadReportFonts();
  const doc = new PDFDocument({
    size: "A4",
    margins: { top: 56, bottom: 56, left: 85, right: 56 },
    info: { Title: "Báo cáo trang giả mạo", Author: data.unit.name, Creator: "Cầu Nối" },
  });
  for (const [name, bytes] of fonts) {
    doc.registerFont(name, bytes);
  }
  const chunks: Buffer[] = [];
  doc.on("data", (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
  });

  const left = doc.page.margins.left;
  const width = doc.page.width - left - doc.page.margins.right;
  const column = width * 0.42;
  const top = doc.y;
  // Issuing unit on the left, the national motto on the right, as on every administrative document.
  write(doc, (data.unit.parentName ?? "").toLocaleUpperCase("vi"), "regular", 10, {
    x: left,
    y: top,
    width: column,
    align: "center",
  });
  write(doc, data.unit.name.toLocaleUpperCase("vi"), "bold", 10, { x: left, width: column, align: "center" });
  const leftBottom = doc.y;
  write(doc, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "bold", 10.5, {
    x: left + column,
    y: top,
    width: width - column,
    align: "center",
  });
  write(doc, "Độc lập - Tự do - Hạnh phúc", "bold", 11, {
    x: left + column,
    width: width - column,
    align: "center",
    underline: true,
  });
  doc.y = Math.max(doc.y, leftBottom) + 10;
  write(doc, placeAndDate(data.unit.place, data.date), "italic", 11, {
    x: left + column,
    width: width - column,
    align: "center",
  });
  doc.moveDown(1.5);
  write(doc, "BÁO CÁO TRANG GIẢ MẠO", "bold", 15, { x: left, width, align: "center" });
  write(
    doc,
    `Về việc trang mạng giả mạo kênh chính thức của ${data.real?.unitName ?? data.unit.name}`,
    "italic",
    11,
    {
      x: left,
      width,
      align: "center",
    },
  );
  doc.moveDown(1);
  for (const section of reportSections(data)) {
    write(doc, section.heading, "bold", 12, { x: left, width });
    doc.moveDown(0.2);
    for (const line of section.lines) {
      write(doc, line, "regular", 11.5, { x: left + 12, width: width - 12, gap: 2 });
    }
    doc.moveDown(0.6);
  }
  doc.moveDown(1);
  const signX = left + column;
  write(doc, "NGƯỜI LẬP BÁO CÁO", "bold", 11, { x: signX, width: width - column, align: "center" });
  write(doc, "(Ký, ghi rõ họ tên)", "italic", 10, { x: signX, width: width - column, align: "center" });
  doc.moveDown(3);
  write(doc, data.confirmedBy, "bold", 11, { x: signX, width: width - column, align: "center" });
  doc.end();
  return done;
}
