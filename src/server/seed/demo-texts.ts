/* The words of the demo's posts, member's story and campaign. */

/** Articles on the province portal, written, approved and published in this order. */
export const portalArticles = [
  {
    title: "Tuyên Quang đón hơn 2 triệu lượt khách du lịch trong 10 tháng",
    summary: "Lượng khách tăng mạnh nhờ các lễ hội và điểm đến cộng đồng ở vùng cao.",
    tags: ["du lịch"],
    body: `<p>Trong 10 tháng năm 2026, toàn tỉnh đón hơn 2 triệu lượt khách, tăng 18% so với cùng kỳ. Các điểm du lịch cộng đồng ở Tân Trào, Na Hang và Lâm Bình thu hút đông khách nhất.</p>
<p>Ngành du lịch tiếp tục đẩy mạnh quảng bá trên các kênh chính thức và hướng dẫn người dân kiểm tra thông tin đặt phòng, đặt tour qua kênh của cơ quan nhà nước.</p>`,
  },
  {
    title: "Cảnh báo thủ đoạn giả danh công an gọi điện yêu cầu cài ứng dụng",
    summary: "Công an không gọi điện yêu cầu người dân cài ứng dụng hay chuyển tiền.",
    tags: ["an ninh", "cảnh báo lừa đảo"],
    body: `<p>Thời gian gần đây xuất hiện nhiều cuộc gọi giả danh cán bộ công an, yêu cầu người dân cài ứng dụng “dịch vụ công” giả để cập nhật định danh điện tử, sau đó chiếm đoạt tiền trong tài khoản.</p>
<p>Người dân lưu ý: <strong>cơ quan công an không làm việc qua điện thoại</strong> và không yêu cầu chuyển tiền. Khi nghi ngờ, hãy kiểm tra trang mạng xã hội có phải kênh chính thức tại mục “Kiểm tra kênh chính thức”.</p>`,
  },
  {
    title: "Khai mạc Lễ hội Thành Tuyên năm 2026",
    summary: "Lễ hội rước đèn Trung thu lớn nhất cả nước diễn ra trong 3 ngày.",
    tags: ["văn hóa", "lễ hội"],
    body: `<p>Tối 24/9, Lễ hội Thành Tuyên năm 2026 chính thức khai mạc với màn rước đèn của 24 mô hình đèn Trung thu khổng lồ do các phường, xã thực hiện.</p>
<p>Ban Tổ chức khuyến cáo người dân theo dõi lịch trình rước đèn trên Cổng thông tin điện tử tỉnh và Trang Facebook chính thức của tỉnh.</p>`,
  },
  {
    title: "Hướng dẫn nhận biết trang mạng xã hội chính thức của cơ quan nhà nước",
    summary: "Ba bước đơn giản để không bị lừa bởi trang giả mạo.",
    tags: ["chuyển đổi số", "cảnh báo lừa đảo"],
    body: `<p>Trước khi làm theo hướng dẫn trên mạng xã hội, hãy kiểm tra trang đó có phải kênh chính thức:</p>
<ol><li>Dán địa chỉ trang vào ô “Kiểm tra kênh chính thức”.</li><li>Tra danh bạ kênh chính thức theo đơn vị.</li><li>Khi nghi ngờ, gọi đường dây nóng của cơ quan.</li></ol>`,
  },
];

/** An announcement left waiting for the approver, on the portal and the fanpage. */
export const waitingPost = {
  title: "Thông báo lịch tiếp công dân tháng 12/2026",
  bodyHtml:
    "<p>Lãnh đạo tỉnh tiếp công dân định kỳ vào ngày 15 hằng tháng tại Trụ sở Tiếp công dân tỉnh.</p>",
  tags: ["thông báo"],
};

/** The story the demo member sends in to the board. */
export const memberStory = {
  title: "Chi đoàn Tân Trào ra quân làm sạch đường làng",
  text: "Sáng Chủ nhật, 30 đoàn viên chi đoàn thôn Tân Lập ra quân dọn vệ sinh tuyến đường liên thôn dài 2 km.\n\nBà con trong thôn cùng tham gia và góp cây xanh trồng hai bên đường.",
};

/** The campaign of the communes, running from ten days ago to twenty days ahead. */
export const demoCampaign = {
  name: "Tháng cao điểm lan tỏa thông tin chính thống",
  description: "Mỗi đoàn viên, hội viên chia sẻ ít nhất một tin chính thống mỗi ngày từ Cổng thông tin tỉnh.",
  goalKind: "clicks" as const,
  goalTarget: 3000,
};

/** The captions offered with each kit, by the kit's place among the published articles. */
export const kitCaptions = [
  [
    "Thông tin chính thức từ Cổng thông tin tỉnh, mời bà con cùng đọc và chia sẻ.",
    "Đọc kỹ để không bị lừa nhé cả nhà!",
    "Chia sẻ để người thân cùng biết.",
  ],
  [
    "Tin mới từ tỉnh nhà — mời mọi người cùng xem.",
    "Cùng lan tỏa thông tin tích cực về quê hương Tuyên Quang.",
  ],
];
