import type { Words } from "./audit-wording.ts";
import { inboxViWording } from "./audit-wording-inbox-vi.ts";

/** The audit page's words in Vietnamese, one per action kind the server records. */
export const viWording: Words = {
  "auth.sign_in": { label: "Đăng nhập", sentence: "{actor} đã đăng nhập" },
  "auth.sign_in_failed": {
    label: "Đăng nhập không thành công",
    sentence: "Đăng nhập không thành công bằng tài khoản {actor}",
  },
  "auth.sign_in_password_ok": {
    label: "Đúng mật khẩu, chờ mã xác thực",
    sentence: "{actor} đã nhập đúng mật khẩu, đang chờ mã xác thực hai lớp",
  },
  "auth.sign_out": { label: "Đăng xuất", sentence: "{actor} đã đăng xuất" },
  "auth.password_change": { label: "Đổi mật khẩu", sentence: "{actor} đã đổi mật khẩu" },
  "auth.password_reset_requested": {
    label: "Yêu cầu đặt lại mật khẩu",
    sentence: "{actor} đã yêu cầu đặt lại mật khẩu",
  },
  "auth.password_reset": { label: "Đặt lại mật khẩu", sentence: "Mật khẩu của {actor} đã được đặt lại" },
  "auth.password_set": {
    label: "Đặt mật khẩu bằng dòng lệnh",
    sentence: "{actor} đã đặt mật khẩu cho {subject} bằng dòng lệnh",
  },
  "auth.totp_enabled": { label: "Bật xác thực hai lớp", sentence: "{actor} đã bật xác thực hai lớp" },
  "auth.totp_disabled": { label: "Tắt xác thực hai lớp", sentence: "{actor} đã tắt xác thực hai lớp" },
  "auth.totp_failed": { label: "Nhập sai mã xác thực", sentence: "{actor} đã nhập sai mã xác thực" },
  "auth.token_create": { label: "Tạo mã truy cập API", sentence: "{actor} đã tạo mã truy cập API {subject}" },
  "auth.token_revoke": {
    label: "Thu hồi mã truy cập API",
    sentence: "{actor} đã thu hồi mã truy cập API {subject}",
  },
  "auth.invitation_send": { label: "Gửi thư mời", sentence: "{actor} đã gửi thư mời đến {subject}" },
  "auth.invitation_resend": {
    label: "Gửi lại thư mời",
    sentence: "{actor} đã gửi lại thư mời đến {subject}",
  },
  "auth.invitation_revoke": {
    label: "Thu hồi thư mời",
    sentence: "{actor} đã thu hồi thư mời của {subject}",
  },
  "auth.invitation_accept": {
    label: "Nhận lời mời",
    sentence: "{actor} đã nhận lời mời và đặt mật khẩu",
  },
  "settings.role_policy": {
    label: "Đổi quy định đăng nhập theo vai trò",
    sentence: "{actor} đã đổi quy định đăng nhập của vai trò {role}",
  },
  "unit.create": { label: "Tạo đơn vị", sentence: "{actor} đã tạo đơn vị {subject}" },
  "unit.update": { label: "Sửa đơn vị", sentence: "{actor} đã sửa thông tin đơn vị {subject}" },
  "unit.move": {
    label: "Chuyển đơn vị",
    sentence: "{actor} đã chuyển đơn vị {subject} sang đơn vị cấp trên khác",
  },
  "unit.merge": { label: "Sáp nhập đơn vị", sentence: "{actor} đã sáp nhập đơn vị {subject} vào {unit}" },
  "unit.dissolve": { label: "Giải thể đơn vị", sentence: "{actor} đã giải thể đơn vị {subject}" },
  "role.grant": { label: "Cấp vai trò", sentence: "{actor} đã cấp vai trò {role} cho {subject}" },
  "role.grant_cli": {
    label: "Cấp vai trò bằng dòng lệnh",
    sentence: "{actor} đã cấp vai trò {role} cho {subject} bằng dòng lệnh",
  },
  "role.revoke": { label: "Thu hồi vai trò", sentence: "{actor} đã thu hồi vai trò {role} của {subject}" },
  "person.create": { label: "Thêm nhân sự", sentence: "{actor} đã thêm nhân sự {subject}" },
  "person.update": { label: "Sửa thông tin nhân sự", sentence: "{actor} đã sửa thông tin nhân sự {subject}" },
  "person.deactivate": {
    label: "Ngừng kích hoạt tài khoản",
    sentence: "{actor} đã ngừng kích hoạt tài khoản của {subject}",
  },
  "person.reactivate": {
    label: "Kích hoạt lại tài khoản",
    sentence: "{actor} đã kích hoạt lại tài khoản của {subject}",
  },
  "person.read": { label: "Xem hồ sơ nhân sự", sentence: "{actor} đã xem hồ sơ nhân sự {subject}" },
  "person.list": { label: "Xem danh sách nhân sự", sentence: "{actor} đã xem danh sách {count} nhân sự" },
  "person.import": {
    label: "Nhập danh sách nhân sự",
    sentence: "{actor} đã nhập {created} nhân sự từ tệp vào {unit}",
  },
  "person.email_change_requested": {
    label: "Đề nghị đổi e-mail",
    sentence: "{actor} đã đề nghị đổi e-mail của {subject}",
  },
  "person.email_change_confirmed": {
    label: "Xác nhận e-mail mới",
    sentence: "{actor} đã xác nhận e-mail mới",
  },
  "channel.register": {
    label: "Đăng ký kênh chính thức",
    sentence: "{actor} đã đăng ký kênh chính thức {kind} {subject}",
  },
  "channel.update": {
    label: "Sửa thông tin kênh",
    sentence: "{actor} đã sửa thông tin kênh {kind} {subject}",
  },
  "channel.import": {
    label: "Nhập danh sách kênh",
    sentence: "{actor} đã nhập {created} kênh chính thức từ tệp vào {unit}",
  },
  "channel.status": {
    label: "Đổi trạng thái kênh",
    sentence: "{actor} đã đổi trạng thái kênh {kind} {subject}",
  },
  "channel.hand_over": {
    label: "Bàn giao kênh",
    sentence: "{actor} đã bàn giao kênh {kind} {subject} cho {unit}",
  },
  "channel.verify": {
    label: "Xác nhận lại kênh",
    sentence: "{actor} đã xác nhận lại thông tin kênh {kind} {subject}",
  },
  "channel.remove": {
    label: "Gỡ kênh khỏi danh bạ",
    sentence: "{actor} đã gỡ kênh {kind} {subject} khỏi danh bạ kênh chính thức",
  },
  "channel.connection.create": {
    label: "Kết nối kênh",
    sentence: "{actor} đã kết nối kênh {kind} {subject} với Cầu Nối",
  },
  "channel.connection.update": {
    label: "Cập nhật kết nối kênh",
    sentence: "{actor} đã cập nhật kết nối của kênh {kind} {subject}",
  },
  "channel.connection.delete": {
    label: "Ngắt kết nối kênh",
    sentence: "{actor} đã ngắt kết nối kênh {kind} {subject}",
  },
  "channel.connection.needs_reconnect": {
    label: "Kết nối kênh cần thiết lập lại",
    sentence: "Kết nối của kênh {kind} {subject} cần được thiết lập lại",
  },
  "media.upload": { label: "Tải tệp lên thư viện", sentence: "{actor} đã tải lên thư viện tệp {subject}" },
  "media.alt_text": { label: "Sửa mô tả ảnh", sentence: "{actor} đã sửa mô tả của tệp {subject}" },
  "media.delete": { label: "Xóa tệp khỏi thư viện", sentence: "{actor} đã xóa tệp {subject} khỏi thư viện" },
  "publishing.post_create": { label: "Viết bài", sentence: "{actor} đã viết bài {subject}" },
  "publishing.post_update": { label: "Sửa bài", sentence: "{actor} đã sửa bài {subject}" },
  "publishing.approve": {
    label: "Duyệt bản đăng",
    sentence: "{actor} đã duyệt bản đăng {kind} của bài {subject}",
  },
  "publishing.reject": {
    label: "Trả lại bản đăng",
    sentence: "{actor} đã trả lại bản đăng {kind} của bài {subject}",
  },
  "publishing.schedule": {
    label: "Hẹn giờ đăng",
    sentence: "{actor} đã hẹn giờ đăng bản đăng {kind} của bài {subject}",
  },
  "publishing.policy": {
    label: "Đổi quy định duyệt bài",
    sentence: "{actor} đã đổi quy định duyệt bài của {subject}",
  },
  "publishing.policy_cleared": {
    label: "Bỏ quy định duyệt bài riêng",
    sentence: "{actor} đã bỏ quy định duyệt bài riêng của {subject}",
  },
  "advocacy.kit.create": { label: "Tạo bộ tin", sentence: "{actor} đã tạo bộ tin chia sẻ {subject}" },
  "advocacy.kit.update": { label: "Sửa bộ tin", sentence: "{actor} đã sửa bộ tin {subject}" },
  "advocacy.kit.withdraw": { label: "Thu hồi bộ tin", sentence: "{actor} đã thu hồi bộ tin {subject}" },
  "advocacy.kit.reinstate": { label: "Khôi phục bộ tin", sentence: "{actor} đã khôi phục bộ tin {subject}" },
  "advocacy.campaign.create": { label: "Tạo chiến dịch", sentence: "{actor} đã tạo chiến dịch {subject}" },
  "advocacy.campaign.update": { label: "Sửa chiến dịch", sentence: "{actor} đã sửa chiến dịch {subject}" },
  "advocacy.campaign.followers": {
    label: "Ghi số người theo dõi",
    sentence: "{actor} đã ghi số người theo dõi của chiến dịch {subject}",
  },
  "advocacy.ranking.opt_in": {
    label: "Đồng ý nêu tên trên bảng xếp hạng",
    sentence: "{actor} đã đồng ý được nêu tên trên bảng xếp hạng",
  },
  "advocacy.ranking.opt_out": {
    label: "Rút lại đồng ý nêu tên",
    sentence: "{actor} đã rút lại đồng ý được nêu tên trên bảng xếp hạng",
  },
  "declarations.read": {
    label: "Xem kê khai tài khoản",
    sentence: "{actor} đã xem kê khai tài khoản mạng xã hội của {subject}",
    alone: "{actor} đã xem kê khai tài khoản mạng xã hội của {count} nhân sự",
  },
  "declarations.declare": {
    label: "Kê khai tài khoản",
    sentence: "{actor} đã kê khai một tài khoản mạng xã hội",
  },
  "declarations.update": { label: "Sửa kê khai", sentence: "{actor} đã sửa một tài khoản đã kê khai" },
  "declarations.status": {
    label: "Đổi trạng thái kê khai",
    sentence: "{actor} đã đổi trạng thái một tài khoản đã kê khai",
  },
  "declarations.delete": { label: "Xóa kê khai", sentence: "{actor} đã xóa {count} tài khoản đã kê khai" },
  "declarations.report": {
    label: "Báo sự cố tài khoản",
    sentence: "{actor} đã báo sự cố với tài khoản mạng xã hội",
  },
  "declarations.report_acknowledged": {
    label: "Tiếp nhận cảnh báo",
    sentence: "{actor} đã tiếp nhận một cảnh báo về tài khoản mạng xã hội",
  },
  "declarations.request_create": {
    label: "Tạo yêu cầu rà soát kê khai",
    sentence: "{actor} đã tạo yêu cầu rà soát kê khai {subject}",
  },
  "declarations.request_close": {
    label: "Đóng yêu cầu rà soát kê khai",
    sentence: "{actor} đã đóng yêu cầu rà soát kê khai {subject}",
  },
  "declarations.request_respond": {
    label: "Xác nhận rà soát kê khai",
    sentence: "{actor} đã xác nhận rà soát kê khai theo yêu cầu {subject}",
  },
  "channel.impersonation_confirm": {
    label: "Ghi nhận trang giả mạo kênh",
    sentence: "{actor} đã ghi nhận một trang giả mạo kênh {subject}",
  },
  "channel.impersonation_lift": {
    label: "Bỏ ghi nhận trang giả mạo kênh",
    sentence: "{actor} đã bỏ ghi nhận một trang giả mạo kênh {subject}",
  },
  "impersonation.create": {
    label: "Tiếp nhận trang nghi giả mạo",
    sentence: "{actor} đã đưa một trang nghi giả mạo vào danh sách theo dõi",
  },
  "impersonation.import": {
    label: "Nhập danh sách trang nghi giả mạo",
    sentence: "{actor} đã nhập một danh sách trang nghi giả mạo",
  },
  "impersonation.confirm": {
    label: "Xác nhận trang giả mạo",
    sentence: "{actor} đã xác nhận một trang là giả mạo",
  },
  "impersonation.dismiss": {
    label: "Bác bỏ trang nghi giả mạo",
    sentence: "{actor} đã kết luận một trang không phải giả mạo",
  },
  "impersonation.reopen": {
    label: "Mở lại trang nghi giả mạo",
    sentence: "{actor} đã mở lại việc xem xét một trang nghi giả mạo",
  },
  "impersonation.report_pack": {
    label: "Tải hồ sơ báo cáo trang giả mạo",
    sentence: "{actor} đã tải hồ sơ báo cáo một trang giả mạo",
  },
  "publishing.publish_now": {
    label: "Đăng bài đính chính lên trang tin",
    sentence: "{actor} đã đăng bài đính chính {subject} lên trang tin của đơn vị",
  },
  "verification.verdict_draft": {
    label: "Soạn kết luận xác minh",
    sentence: "{actor} đã soạn kết luận xác minh cho một hồ sơ",
  },
  "verification.verdict_change": {
    label: "Sửa kết luận xác minh",
    sentence: "{actor} đã sửa kết luận xác minh của một hồ sơ",
  },
  "verification.verdict_sign_off": {
    label: "Duyệt kết luận xác minh",
    sentence: "{actor} đã duyệt kết luận xác minh của một hồ sơ",
  },
  "verification.verdict_publish": {
    label: "Công bố kết luận xác minh",
    sentence: "{actor} đã công bố kết luận xác minh của một hồ sơ",
  },
  "verification.verdict_republish": {
    label: "Công bố đính chính kết luận",
    sentence: "{actor} đã công bố lại kết luận xác minh kèm nội dung đính chính",
  },
  "verification.verdict_pause": {
    label: "Tạm dừng công bố kết luận",
    sentence: "{actor} đã tạm dừng công bố kết luận xác minh để đính chính",
  },
  "verification.case_triage": {
    label: "Phân loại hồ sơ xác minh",
    sentence: "{actor} đã phân loại, giao việc hoặc đặt hạn cho hồ sơ xác minh",
  },
  "verification.case_checklist": {
    label: "Đánh dấu danh sách kiểm tra",
    sentence: "{actor} đã đánh dấu một bước kiểm tra của hồ sơ xác minh",
  },
  "verification.evidence_add": {
    label: "Thêm nguồn đối chiếu",
    sentence: "{actor} đã thêm nguồn đối chiếu vào hồ sơ xác minh",
  },
  "verification.evidence_remove": {
    label: "Gỡ nguồn đối chiếu",
    sentence: "{actor} đã gỡ một nguồn đối chiếu khỏi hồ sơ xác minh",
  },
  "verification.case_merge": {
    label: "Gộp hồ sơ xác minh",
    sentence: "{actor} đã gộp hai hồ sơ xác minh trùng lặp",
  },
  "verification.suggestion_dismiss": {
    label: "Xác định không trùng",
    sentence: "{actor} đã xác định hai hồ sơ xác minh không trùng lặp",
  },
  "verification.checklists_update": {
    label: "Sửa danh sách kiểm tra",
    sentence: "{actor} đã sửa danh sách kiểm tra xác minh của đơn vị",
  },
  "verification.indicator_add": {
    label: "Thêm dấu hiệu lừa đảo",
    sentence: "{actor} đã thêm một dấu hiệu lừa đảo (số điện thoại, tài khoản, tên miền) vào hồ sơ xác minh",
  },
  "verification.indicator_remove": {
    label: "Gỡ dấu hiệu lừa đảo",
    sentence: "{actor} đã gỡ một dấu hiệu lừa đảo khỏi hồ sơ xác minh",
  },
  ...inboxViWording,
};
