/* The Vietnamese words the report pack uses for the score's reasons and the registry's vocabulary. */

const reasonWords: Record<string, string> = {
  name_similar: "Tên hiển thị gần giống tên kênh chính thức",
  name_contains: "Tên hiển thị chứa nguyên tên kênh chính thức",
  handle_close: "Tên tài khoản (@…) gần giống tên tài khoản của kênh chính thức",
  domain_imitates: "Tên miền bắt chước tên miền của trang chính thức",
  avatar_similar: "Ảnh đại diện giống ảnh của kênh chính thức",
  different_place: "Tên có địa danh khác với kênh chính thức",
  same_platform: "Cùng nền tảng với kênh chính thức",
  registered: "Địa chỉ là kênh đã đăng ký trong danh bạ",
  name_same: "Tên hiển thị trùng tên kênh chính thức",
  name_disguised: "Tên hiển thị dùng ký tự giả (chữ nước ngoài, số thay chữ) để giống tên kênh chính thức",
  handle_same: "Tên tài khoản (@…) trùng với tên tài khoản của kênh chính thức",
  handle_contains: "Tên tài khoản (@…) chứa tên tài khoản của kênh chính thức",
  handle_matches_name: "Tên tài khoản (@…) giống tên kênh chính thức",
  handle_disguised: "Tên tài khoản (@…) dùng ký tự giả (số thay chữ, ký tự lạ)",
  domain_similar: "Tên miền gần giống tên miền của trang chính thức",
  same_domain: "Cùng tên miền gốc với trang chính thức",
};

/**
 * One sentence per reason of the score; an unknown code is named as a reason of its own. The
 * scorer's detail (folded names it compared) is left out: the report states signs, not internals.
 */
export function reasonSentence(reason: { code: string }): string {
  return reasonWords[reason.code] ?? "Dấu hiệu khác do hệ thống so khớp ghi nhận";
}

export const platformWords: Record<string, string> = {
  website: "Trang web",
  facebook_page: "Trang Facebook",
  facebook_group: "Nhóm Facebook",
  zalo_oa: "Zalo OA",
  zalo_group: "Nhóm Zalo",
  youtube: "YouTube",
  tiktok: "TikTok",
  other: "Kênh khác",
};

export const sourceWords: Record<string, string> = {
  citizen: "người dân báo qua trang Kiểm tra kênh chính thức",
  checker: "cán bộ xác minh ghi nhận",
  import: "nhập từ danh sách",
};

export const statusWords: Record<string, string> = {
  active: "Đang hoạt động",
  closed: "Đã đóng",
  lost_control: "Đơn vị đã mất quyền quản trị kênh",
};
