/*
 * Real-looking Vietnamese rumour pairs for the de-duplication thresholds: the same rumour retyped,
 * reworded or padded must be found; a different rumour on the same topic must not.
 */
export interface RumourPair {
  name: string;
  a: string;
  b: string;
  /** "merge": certain; "found": merge or suggest; "none": no match at all. */
  expect: "merge" | "found" | "none";
}

const electricityScam =
  "Điện lực thông báo: hộ gia đình nào chưa thanh toán tiền điện tháng này sẽ bị cắt điện trong vòng 2 giờ tới. Vui lòng chuyển khoản ngay vào số tài khoản 0123456789 để tránh bị ngừng cấp điện.";
const vaccineRumour =
  "Tin khẩn: Bộ Y tế vừa xác nhận vắc xin phòng cúm mùa năm nay gây vô sinh ở phụ nữ trẻ, các gia đình tuyệt đối không cho con em đi tiêm, hãy chia sẻ để mọi người cùng biết.";
const floodRumour =
  "Thủy điện Hòa Bình sắp xả lũ khẩn cấp toàn bộ 12 cửa đáy trong đêm nay, nước sẽ dâng cao 3 mét ở các xã ven sông, bà con cần sơ tán ngay lập tức.";
const policeCall =
  "Cảnh báo: đối tượng giả danh công an phường gọi điện yêu cầu người dân cài ứng dụng dịch vụ công giả mạo để cập nhật định danh điện tử, sau đó chiếm đoạt toàn bộ tiền trong tài khoản ngân hàng.";
const schoolRumour =
  "Sở Giáo dục thông báo học sinh toàn tỉnh được nghỉ học hết tuần sau để phòng dịch cúm A, các trường sẽ chuyển sang học trực tuyến từ thứ hai.";

export const rumourPairs: RumourPair[] = [
  { name: "the same text", a: electricityScam, b: electricityScam, expect: "merge" },
  {
    name: "the same text without tone marks",
    a: vaccineRumour,
    b: "Tin khan: Bo Y te vua xac nhan vac xin phong cum mua nam nay gay vo sinh o phu nu tre, cac gia dinh tuyet doi khong cho con em di tiem, hay chia se de moi nguoi cung biet.",
    expect: "merge",
  },
  {
    name: "the same text with other punctuation and spacing",
    a: floodRumour,
    b: "THỦY ĐIỆN HÒA BÌNH sắp xả lũ khẩn cấp toàn bộ 12 cửa đáy trong đêm nay!!! Nước sẽ dâng cao 3 mét ở các xã ven sông... bà con cần sơ tán ngay lập tức",
    expect: "merge",
  },
  {
    name: "a forward with a prefix and a call to share",
    a: policeCall,
    b: `Chuyển tiếp: ${policeCall} Mọi người chia sẻ giúp nhé.`,
    expect: "merge",
  },
  {
    name: "words replaced (thanh toán → đóng, cắt điện → ngắt điện)",
    a: electricityScam,
    b: "Điện lực thông báo: hộ gia đình nào chưa đóng tiền điện tháng này sẽ bị ngắt điện trong vòng 2 giờ tới. Vui lòng chuyển khoản ngay vào số tài khoản 0123456789 để tránh bị cắt điện.",
    expect: "found",
  },
  {
    name: "sentences in another order",
    a: electricityScam,
    b: "Vui lòng chuyển khoản ngay vào số tài khoản 0123456789 để tránh bị ngừng cấp điện. Điện lực thông báo: hộ gia đình nào chưa thanh toán tiền điện tháng này sẽ bị cắt điện trong vòng 2 giờ tới.",
    expect: "found",
  },
  {
    name: "a sentence added and a few words changed",
    a: vaccineRumour,
    b: "Khẩn cấp! Bộ Y tế vừa xác nhận vắc xin phòng cúm mùa năm nay gây vô sinh ở phụ nữ trẻ. Nhiều bệnh viện đã ghi nhận hàng trăm ca. Các gia đình tuyệt đối không cho con đi tiêm, hãy chia sẻ cho mọi người cùng biết.",
    expect: "found",
  },
  {
    name: "reworded with the key facts kept",
    a: floodRumour,
    b: "Nóng: đêm nay thủy điện Hòa Bình sẽ xả lũ khẩn cấp cả 12 cửa đáy, nước sông dâng cao 3 mét ở các xã ven sông, bà con ven sông cần sơ tán ngay lập tức.",
    expect: "found",
  },
  {
    name: "shortened retelling",
    a: policeCall,
    b: "Đối tượng giả danh công an phường gọi điện yêu cầu người dân cài ứng dụng dịch vụ công giả mạo để cập nhật định danh điện tử rồi lấy hết tiền trong tài khoản.",
    expect: "found",
  },
  {
    name: "the same announcement reworded by a parent group",
    a: schoolRumour,
    b: "Nghe nói Sở Giáo dục vừa thông báo học sinh toàn tỉnh được nghỉ học hết tuần sau để phòng dịch cúm A, các trường chuyển sang học trực tuyến từ thứ hai nhé các phụ huynh.",
    expect: "found",
  },
  {
    name: "a different electricity scam (fake refund, not a cut-off)",
    a: electricityScam,
    b: "Tin vui: EVN hoàn lại tiền điện do tính sai giá bậc thang trong ba tháng qua, mỗi hộ được nhận 500.000 đồng, bấm vào đường link để điền thông tin nhận tiền hoàn.",
    expect: "none",
  },
  {
    name: "a different electricity rumour (price rise)",
    a: electricityScam,
    b: "Từ ngày 1 tháng sau giá điện sinh hoạt tăng gấp đôi, các hộ dùng trên 100 số điện mỗi tháng sẽ phải trả thêm phí môi trường, thông tin đã được Bộ Công Thương phê duyệt.",
    expect: "none",
  },
  {
    name: "a different vaccine rumour",
    a: vaccineRumour,
    b: "Trẻ em tiêm vắc xin sởi tại trạm y tế xã bị sốt cao và co giật, phụ huynh đang kéo đến trạm y tế đòi giải thích, ngành y tế đã tạm dừng tiêm chủng.",
    expect: "none",
  },
  {
    name: "a different flood rumour",
    a: floodRumour,
    b: "Đê sông Hồng đoạn qua quận Long Biên bị vỡ lúc 3 giờ sáng, nhiều khu dân cư ngập sâu, lực lượng cứu hộ chưa kịp tiếp cận người dân mắc kẹt.",
    expect: "none",
  },
  {
    name: "a different police-impersonation scam",
    a: policeCall,
    b: "Cảnh báo: kẻ gian giả danh nhân viên ngân hàng nhắn tin báo tài khoản bị khóa, yêu cầu bấm vào đường link lạ và nhập mã OTP để mở khóa, nhiều người đã mất tiền.",
    expect: "none",
  },
  {
    name: "a different school announcement",
    a: schoolRumour,
    b: "Sở Giáo dục thông báo bỏ kỳ thi tuyển sinh lớn 10 năm nay, học sinh được xét tuyển bằng học bạ, phụ huynh không cần cho con đi học thêm.",
    expect: "none",
  },
];
