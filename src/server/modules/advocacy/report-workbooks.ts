import ExcelJS from "exceljs";
import type { CampaignReport, KitReport } from "./schema.ts";

/* The kit and campaign reports as XLSX workbooks, in Vietnamese, for the unit's own files. */

const deviceNames: Record<string, string> = {
  mobile: "Điện thoại",
  tablet: "Máy tính bảng",
  desktop: "Máy tính",
  other: "Khác",
};

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

/** A kit's report as a workbook (overview, days, units, sources, devices). */
export async function kitReportXlsx(report: KitReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cầu Nối";
  sheet(
    workbook,
    "Tổng quan",
    ["Chỉ số", "Giá trị"],
    [
      ["Bộ tin", report.title],
      ["Từ ngày", report.from],
      ["Đến ngày", report.to],
      ["Lượt nhấp", report.totals.clicks],
      ["Lượt Zalo/Facebook tạo ảnh xem trước", report.totals.previews],
      ["Lượt truy cập tự động (không phải người)", report.totals.bots],
      ["Người xem khác nhau (theo ngày)", report.totals.uniqueVisitors],
      ["Lượt chia sẻ (thành viên tự ghi nhận)", report.totals.shares],
      ["Số liên kết cá nhân", report.totals.links],
    ],
  );
  sheet(
    workbook,
    "Theo ngày",
    ["Ngày", "Lượt nhấp", "Xem trước"],
    report.byDay.map((row) => [row.day, row.clicks, row.previews]),
  );
  sheet(
    workbook,
    "Theo đơn vị",
    ["Đơn vị", "Lượt nhấp", "Xem trước", "Chia sẻ"],
    report.byUnit.map((row) => [row.unitName, row.clicks, row.previews, row.shares]),
  );
  sheet(
    workbook,
    "Nguồn",
    ["Trang dẫn tới", "Lượt nhấp"],
    report.byReferrer.map((row) => [row.domain || "(trực tiếp)", row.clicks]),
  );
  sheet(
    workbook,
    "Thiết bị",
    ["Thiết bị", "Lượt nhấp"],
    report.byDevice.map((row) => [deviceNames[row.device] ?? row.device, row.clicks]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A campaign's report as a workbook. */
export async function campaignReportXlsx(report: CampaignReport): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "Cầu Nối";
  const { campaign } = report;
  sheet(
    workbook,
    "Tổng quan",
    ["Chỉ số", "Giá trị"],
    [
      ["Chiến dịch", campaign.name],
      ["Đơn vị", campaign.unitName],
      ["Từ ngày", campaign.startsOn],
      ["Đến ngày", campaign.endsOn],
      [
        "Mục tiêu",
        `${campaign.goalTarget} ${{ clicks: "lượt nhấp", shares: "lượt chia sẻ", followers: "người theo dõi" }[campaign.goalKind]}`,
      ],
      ["Đã đạt", campaign.progress],
      ["Lượt nhấp", report.totals.clicks],
      ["Lượt Zalo/Facebook tạo ảnh xem trước", report.totals.previews],
      ["Lượt chia sẻ", report.totals.shares],
    ],
  );
  sheet(
    workbook,
    "Theo ngày",
    ["Ngày", "Lượt nhấp", "Xem trước", "Chia sẻ"],
    report.byDay.map((row) => [row.day, row.clicks, row.previews, row.shares]),
  );
  sheet(
    workbook,
    "Xếp hạng đơn vị",
    [
      "Hạng (tổng)",
      "Hạng (bình quân)",
      "Đơn vị",
      "Thành viên",
      "Lượt nhấp",
      "Chia sẻ",
      "Bình quân mỗi thành viên",
    ],
    report.leaderboard.map((row) => [
      row.rankByTotal,
      row.rankByPerMember,
      row.unitName,
      row.members,
      row.clicks,
      row.shares,
      row.perMember,
    ]),
  );
  sheet(
    workbook,
    "Cá nhân (đã đồng ý)",
    ["Họ và tên", "Đơn vị", "Lượt nhấp", "Chia sẻ"],
    report.people.map((row) => [row.fullName, row.unitName, row.clicks, row.shares]),
  );
  if (campaign.goalKind === "followers") {
    sheet(
      workbook,
      "Người theo dõi",
      ["Ngày", "Số người theo dõi"],
      report.followers.map((row) => [row.onDate, row.followers]),
    );
  }
  sheet(
    workbook,
    "Bộ tin",
    ["Bộ tin", "Lượt nhấp", "Xem trước", "Chia sẻ"],
    report.kits.map((row) => [row.title, row.clicks, row.previews, row.shares]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
