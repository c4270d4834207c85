/*
 * The demo inbox's citizens and what they wrote: invented people, written as people in the province
 * write to their officials' fanpage and Zalo OA (short lines, no diacritics now and then, thanks).
 */

export type DemoSource = "facebook" | "zalo" | "portal";

export interface DemoConversation {
  key: string;
  source: DemoSource;
  kind: "message" | "comment" | "question";
  /** The commune's fanpage instead of the province's (to be escalated to the province). */
  commune?: boolean;
  name: string;
  email?: string;
  post?: { id: string; excerpt: string };
  /** Minutes before the seed runs, oldest first; `reply` is the page's answer. */
  messages: { minutesAgo: number; text: string; reply?: boolean }[];
  status?: "pending" | "resolved";
  assign?: boolean;
  note?: string;
  labels?: string[];
  escalate?: boolean;
  publish?: { question: string; answer: string };
}

const day = 24 * 60;

export const demoInboxConversations: DemoConversation[] = [
  {
    key: "mat-nuoc",
    source: "facebook",
    kind: "message",
    name: "Nguyễn Văn Minh",
    messages: [
      {
        minutesAgo: 25,
        text: "Chào ad, tổ 7 phường Minh Xuân mất nước từ tối qua đến giờ chưa có lại. Xin hỏi bao giờ có nước ạ? Nhà có người già và trẻ nhỏ.",
      },
      { minutesAgo: 22, text: "Gọi tổng đài công ty nước không ai nghe máy." },
    ],
    labels: ["nước sạch"],
  },
  {
    key: "cam-on",
    source: "facebook",
    kind: "message",
    name: "Hoàng Thị Mai",
    messages: [
      {
        minutesAgo: 3 * 60,
        text: "Cảm ơn trang đã đăng thông tin lịch tiêm chủng, gia đình em đã đưa cháu đi tiêm đúng lịch rồi ạ.",
      },
      {
        minutesAgo: 2 * 60 + 40,
        text: "Cảm ơn chị đã phản hồi. Chúc gia đình mình luôn mạnh khỏe!",
        reply: true,
      },
    ],
    status: "resolved",
  },
  {
    key: "tin-don-cat-dien",
    source: "facebook",
    kind: "comment",
    name: "Lý Văn Sơn",
    post: {
      id: "demo-post-dien-1",
      excerpt: "Thông báo lịch bảo dưỡng lưới điện tuần này tại một số xã, phường…",
    },
    messages: [
      {
        minutesAgo: 5 * 60,
        text: "Trên nhóm Zalo đang truyền nhau là ngày mai cắt điện toàn tỉnh 3 ngày, có đúng không ad?",
      },
      {
        minutesAgo: 4 * 60 + 30,
        text: "Chào anh, đây là tin không chính xác. Lịch cắt điện chỉ ở một số khu vực như trong bài, mỗi nơi vài giờ. Anh vui lòng không chia sẻ tin chưa được kiểm chứng.",
        reply: true,
      },
    ],
    labels: ["tin đồn"],
    status: "pending",
  },
  {
    key: "le-hoi",
    source: "facebook",
    kind: "comment",
    name: "Trần Quang Huy",
    post: {
      id: "demo-post-le-hoi-1",
      excerpt: "Lễ hội Thành Tuyên năm nay có nhiều hoạt động mới…",
    },
    messages: [
      {
        minutesAgo: 50,
        text: "Cho hỏi đêm rước đèn năm nay diễn ra ngày nào vậy ạ? Có cấm xe vào trung tâm không?",
      },
    ],
  },
  {
    key: "khai-sinh",
    source: "zalo",
    kind: "message",
    name: "Phạm Thị Thu",
    messages: [
      {
        minutesAgo: 2 * day,
        text: "Cho em hỏi làm giấy khai sinh cho con online trên Cổng dịch vụ công thì cần chuẩn bị giấy tờ gì ạ? Em đăng ký kết hôn ở tỉnh khác.",
      },
    ],
  },
  {
    key: "ho-tro-lu",
    source: "zalo",
    kind: "message",
    name: "Ma Văn Thắng",
    messages: [
      {
        minutesAgo: 40,
        text: "Nhà tôi ở thôn Cao Đá bị sạt taluy sau mưa lũ. Xin hỏi thủ tục đề nghị hỗ trợ khắc phục làm ở đâu?",
      },
    ],
    assign: true,
    note: "Đã gọi điện cho UBND xã nắm tình hình, chờ xã báo lại danh sách hộ bị ảnh hưởng.",
  },
  {
    key: "cam-on-zalo",
    source: "zalo",
    kind: "message",
    name: "Đặng Thị Hương",
    messages: [
      { minutesAgo: 26 * 60, text: "cam on ban to chuc da huong dan em nop ho so nhanh qua" },
      { minutesAgo: 25 * 60, text: "Rất vui vì đã giúp được chị. Chúc chị một ngày tốt lành!", reply: true },
    ],
    status: "resolved",
  },
  {
    key: "cap-doi-gplx",
    source: "portal",
    kind: "question",
    name: "Vũ Đức Long",
    email: "long.vuduc@tuyenquang.caunoi.example",
    messages: [
      {
        minutesAgo: 3 * day,
        text: "Tôi là Long ở phường An Tường. Giấy phép lái xe hạng B2 của tôi sắp hết hạn, xin hỏi có thể cấp đổi trực tuyến không và mất bao lâu?",
      },
      {
        minutesAgo: 3 * day - 90,
        text: "Chào ông, ông có thể nộp hồ sơ cấp đổi trên Cổng dịch vụ công quốc gia, kèm giấy khám sức khỏe còn hạn. Thời hạn giải quyết không quá 5 ngày làm việc; giấy phép mới được gửi qua bưu điện.",
        reply: true,
      },
    ],
    status: "resolved",
    publish: {
      question: "Giấy phép lái xe hạng B2 sắp hết hạn có thể cấp đổi trực tuyến không và mất bao lâu?",
      answer:
        "Có. Người dân nộp hồ sơ cấp đổi trên Cổng dịch vụ công quốc gia, kèm giấy khám sức khỏe còn hạn. Thời hạn giải quyết không quá 5 ngày làm việc; giấy phép mới được gửi qua bưu điện.",
    },
  },
  {
    key: "hoc-phi",
    source: "portal",
    kind: "question",
    name: "Nông Thị Lan",
    email: "lan.nongthi@tuyenquang.caunoi.example",
    messages: [
      {
        minutesAgo: 15,
        text: "Xin hỏi năm học này học sinh THCS ở xã vùng khó khăn có được miễn học phí không ạ?",
      },
    ],
  },
  {
    key: "di-tich",
    source: "facebook",
    kind: "message",
    commune: true,
    name: "Triệu Văn Nam",
    messages: [
      {
        minutesAgo: 90,
        text: "Nghe nói khu di tích Tân Trào sắp thu phí vào cửa 200 nghìn, có đúng không? Đoàn chúng tôi định đi tháng sau.",
      },
    ],
    escalate: true,
    labels: ["tin đồn"],
  },
];

export const demoCannedReplies = [
  {
    shortcut: "chao",
    title: "Chào và xác nhận đã nhận",
    body: "Chào {ten}, {don_vi} đã nhận được tin nhắn của bạn. Chúng tôi sẽ trả lời sớm nhất trong giờ làm việc.",
  },
  {
    shortcut: "camon",
    title: "Cảm ơn",
    body: "Cảm ơn {ten} đã quan tâm và phản hồi tới {don_vi}. Chúc bạn và gia đình mạnh khỏe!",
  },
  {
    shortcut: "chuyen",
    title: "Chuyển cơ quan chuyên môn",
    body: "Chào {ten}, nội dung bạn hỏi thuộc thẩm quyền của cơ quan chuyên môn. {don_vi} đã chuyển tới cơ quan đó và sẽ báo lại bạn khi có trả lời.",
  },
];
