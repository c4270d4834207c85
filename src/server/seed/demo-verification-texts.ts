import type {
  CaseCategory,
  CaseUrgency,
  IndicatorKind,
  VerdictLabel,
} from "../../shared/api/verification-values.ts";

/*
 * The demo desk's rumours: invented, but written as they circulate in the province's Zalo groups, so
 * that matching, the queue and the correction article show what they do with real-looking Vietnamese.
 */

export interface DemoCase {
  /** The first tip opens the case; the others arrive after it (a copy is merged, a rewording suggested). */
  tips: { url?: string; text?: string }[];
  triage?: { category: CaseCategory; urgency: CaseUrgency; dueInHours: number };
  evidence?: { url: string; title: string; note: string; authoritative: boolean }[];
  indicators?: { kind: IndicatorKind; value: string; note?: string }[];
  verdict?: { label: VerdictLabel; claimReviewed: string; explanation: string };
  /** Where the case stops: waiting for an approver's sign-off, or published. */
  step?: "awaiting_signoff" | "published";
}

const electricityScam =
  "Điện lực Tuyên Quang thông báo: do sai sót khi tính hoá đơn tháng 11, khách hàng được hoàn lại tiền điện. " +
  "Quý khách vui lòng bấm vào đường link evn-hoantien-tuyenquang.com để nhập số tài khoản và mã OTP nhận tiền trước ngày 15/12.";

export const demoCases: readonly DemoCase[] = [
  {
    tips: [
      { text: electricityScam, url: "https://evn-hoantien-tuyenquang.com/nhan-tien" },
      // The same message forwarded again: merged into the case.
      { text: `Chuyển tiếp: ${electricityScam} Mọi người chia sẻ giúp nhé!` },
    ],
    triage: { category: "scam", urgency: "high", dueInHours: 4 },
    evidence: [
      {
        url: "https://www.evn.com.vn/",
        title: "Tổng công ty Điện lực miền Bắc: không hoàn tiền điện qua liên kết lạ",
        note: "Điện lực chỉ liên hệ qua số tổng đài chính thức 19006769, không yêu cầu mã OTP.",
        authoritative: true,
      },
      {
        url: "https://canhbao.khonggianmang.vn/",
        title: "Cảnh báo của Cục An toàn thông tin về tên miền giả mạo ngành điện",
        note: "Tên miền được đăng ký ba ngày trước khi tin nhắn lan truyền.",
        authoritative: true,
      },
    ],
    indicators: [
      { kind: "domain", value: "https://evn-hoantien-tuyenquang.com/nhan-tien" },
      { kind: "phone", value: "+84 812 345 678", note: "Số gọi điện hướng dẫn “nhận tiền”." },
      { kind: "bank_account", value: "1903 6688 8888 01", note: "Tài khoản nhận “phí xác minh”." },
    ],
    verdict: {
      label: "fake",
      claimReviewed: "Điện lực Tuyên Quang hoàn tiền điện qua liên kết",
      explanation:
        "Điện lực Tuyên Quang không có chương trình hoàn tiền điện nào qua liên kết hay tin nhắn. " +
        "Tên miền trong tin nhắn không thuộc ngành điện; trang này lấy số tài khoản và mã OTP để chiếm đoạt tiền.\n\n" +
        "Người dân tuyệt đối không bấm vào liên kết lạ, không cung cấp mã OTP. Mọi thắc mắc về hóa đơn, " +
        "vui lòng gọi tổng đài 19006769.",
    },
    step: "published",
  },
  {
    tips: [
      {
        text:
          "Mẹo dân gian: uống nước lá ổi đun sôi ba lần một ngày chữa khỏi hoàn toàn sốt xuất huyết chỉ trong 3 ngày, " +
          "không cần đến bệnh viện. Bác sĩ ở Hà Nội đã xác nhận, mọi người truyền tay nhau cho con cháu biết.",
      },
      // The same claim reworded: only suggested to the checker.
      {
        text:
          "Mẹo chữa bệnh: uống nước lá ổi đun sôi ba lần mỗi ngày là khỏi hoàn toàn sốt xuất huyết trong 3 ngày, " +
          "không phải đến bệnh viện. Một bác sĩ ở Hà Nội đã xác nhận, cả nhà truyền tay nhau cho con cháu biết nhé.",
      },
    ],
    triage: { category: "health", urgency: "normal", dueInHours: 24 },
    evidence: [
      {
        url: "https://moh.gov.vn/",
        title: "Bộ Y tế: sốt xuất huyết chưa có thuốc điều trị đặc hiệu",
        note: "Người bệnh cần được theo dõi tại cơ sở y tế; tự chữa bằng lá cây có thể làm chậm điều trị.",
        authoritative: true,
      },
    ],
    verdict: {
      label: "false",
      claimReviewed: "Nước lá ổi chữa khỏi sốt xuất huyết trong 3 ngày",
      explanation:
        "Sốt xuất huyết chưa có thuốc điều trị đặc hiệu. Không có nghiên cứu nào cho thấy nước lá ổi chữa khỏi bệnh. " +
        "Người có dấu hiệu sốt cao, xuất huyết cần đến ngay cơ sở y tế gần nhất.",
    },
    step: "awaiting_signoff",
  },
  {
    tips: [
      {
        text:
          "Khẩn cấp: thủy điện Tuyên Quang sắp xả lũ toàn bộ các cửa trong đêm nay, nước sông Gâm sẽ dâng cao 5 mét, " +
          "người dân vùng hạ du phải sơ tán ngay lập tức, chính quyền đang giấu thông tin.",
      },
    ],
    triage: { category: "disaster", urgency: "critical", dueInHours: 2 },
    evidence: [
      {
        url: "https://www.evn.com.vn/",
        title: "Lịch vận hành hồ chứa thủy điện Tuyên Quang",
        note: "Đang gọi Ban Chỉ huy phòng chống thiên tai tỉnh để đối chiếu thông báo xả lũ.",
        authoritative: false,
      },
    ],
  },
  {
    tips: [
      {
        url: "https://www.facebook.com/groups/vieclamtainha.tuyenquang/posts/123456789",
        text:
          "Tuyển cộng tác viên làm việc tại nhà, nhập liệu đơn hàng online, thu nhập 500.000 đồng mỗi ngày. " +
          "Đặt cọc 300.000 đồng phí tài liệu, hoàn lại sau đơn đầu tiên. Liên hệ Zalo 0912 888 999.",
      },
    ],
  },
];
