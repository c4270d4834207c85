/**
 * What members are told their declarations are for, shown before they declare. A declaration stores
 * the version and the exact text the member consented to; changing the text means a new version,
 * and a form still showing the old one is refused so that nobody consents to words they did not see.
 */
export const declarationPurpose = {
  version: "2026-12-07",
  vi:
    "Theo Quy định số 85-QĐ/TW của Ban Bí thư, cán bộ, đảng viên, đoàn viên, hội viên kê khai các tài khoản mạng xã hội, trang công khai mà mình quản lý, " +
    "để đơn vị hỗ trợ kịp thời khi tài khoản bị chiếm quyền hoặc bị giả mạo và để phân biệt tài khoản thật với tài khoản mạo danh. " +
    "Thông tin do chính bạn nhập; Cầu Nối không truy cập, không theo dõi và không thu thập bài viết, lượt thích, bình luận hay người theo dõi của tài khoản. " +
    "Chỉ bạn và cán bộ được giao quyền “xem kê khai tài khoản” ở đơn vị cấp trên của bạn được xem; mỗi lần xem đều được ghi nhật ký. " +
    "Bạn có thể sửa, tải về hoặc xóa kê khai của mình bất cứ lúc nào.",
  en:
    "Under Regulation No. 85-QĐ/TW of the Party Secretariat, cadres, Party, Youth Union and association members declare the social-media accounts and public pages they run, " +
    "so that their unit can help quickly when an account is taken over or impersonated, and so that real accounts can be told from fakes. " +
    "You enter this information yourself; Cầu Nối never accesses, watches or collects the accounts' posts, likes, comments or followers. " +
    "Only you and officers given the “view member declarations” permission on a unit above yours can see it, and every view is logged. " +
    "You can edit, download or delete your declarations at any time.",
} as const;
