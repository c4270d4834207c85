import type { AuditAction } from "../../../shared/audit-actions.ts";

/**
 * How the audit page words each action kind: a short label for the filter and a sentence for the row.
 * Typed over every kind the server records (src/shared/audit-actions.ts), so a new kind without
 * words does not compile. In a sentence, {actor} is who acted, {subject} the object (a link where it has
 * a page), {kind} its platform, {unit} the event's unit, and {count}, {created}, {role} come from the details.
 * `alone` is the sentence when the event has no object (a list read rather than one person's).
 */
export interface Wording {
  label: string;
  sentence: string;
  alone?: string;
}

type Words = Record<AuditAction, Wording>;

/** The filter's groups, by the first part of the action kind. */
export const actionGroups: Record<string, { vi: string; en: string }> = {
  auth: { vi: "Đăng nhập và tài khoản", en: "Sign-in and accounts" },
  settings: { vi: "Cài đặt", en: "Settings" },
  unit: { vi: "Đơn vị", en: "Units" },
  role: { vi: "Vai trò", en: "Roles" },
  person: { vi: "Nhân sự", en: "People" },
  channel: { vi: "Kênh chính thức", en: "Official channels" },
  media: { vi: "Thư viện ảnh và video", en: "Media library" },
  publishing: { vi: "Bài viết", en: "Posts" },
  advocacy: { vi: "Bộ tin chia sẻ và chiến dịch", en: "Share kits and campaigns" },
  declarations: { vi: "Kê khai tài khoản mạng xã hội", en: "Social account declarations" },
};

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
};

export const enWording: Words = {
  "auth.sign_in": { label: "Sign-in", sentence: "{actor} signed in" },
  "auth.sign_in_failed": { label: "Failed sign-in", sentence: "A sign-in as {actor} failed" },
  "auth.sign_in_password_ok": {
    label: "Password accepted, awaiting code",
    sentence: "{actor} entered the right password and was asked for the two-factor code",
  },
  "auth.sign_out": { label: "Sign-out", sentence: "{actor} signed out" },
  "auth.password_change": { label: "Password change", sentence: "{actor} changed their password" },
  "auth.password_reset_requested": {
    label: "Password reset request",
    sentence: "{actor} asked to reset their password",
  },
  "auth.password_reset": { label: "Password reset", sentence: "The password of {actor} was reset" },
  "auth.password_set": {
    label: "Password set from the command line",
    sentence: "{actor} set the password of {subject} from the command line",
  },
  "auth.totp_enabled": { label: "Two-factor sign-in on", sentence: "{actor} turned on two-factor sign-in" },
  "auth.totp_disabled": {
    label: "Two-factor sign-in off",
    sentence: "{actor} turned off two-factor sign-in",
  },
  "auth.totp_failed": {
    label: "Wrong verification code",
    sentence: "{actor} entered a wrong verification code",
  },
  "auth.token_create": { label: "API token created", sentence: "{actor} created the API token {subject}" },
  "auth.token_revoke": { label: "API token revoked", sentence: "{actor} revoked the API token {subject}" },
  "auth.invitation_send": { label: "Invitation sent", sentence: "{actor} sent an invitation to {subject}" },
  "auth.invitation_resend": {
    label: "Invitation sent again",
    sentence: "{actor} sent {subject} a new invitation",
  },
  "auth.invitation_revoke": {
    label: "Invitation revoked",
    sentence: "{actor} revoked the invitation of {subject}",
  },
  "auth.invitation_accept": {
    label: "Invitation accepted",
    sentence: "{actor} accepted the invitation and set a password",
  },
  "settings.role_policy": {
    label: "Sign-in rule of a role changed",
    sentence: "{actor} changed the sign-in rule of the {role} role",
  },
  "unit.create": { label: "Unit created", sentence: "{actor} created the unit {subject}" },
  "unit.update": { label: "Unit edited", sentence: "{actor} edited the unit {subject}" },
  "unit.move": { label: "Unit moved", sentence: "{actor} moved the unit {subject} under another unit" },
  "unit.merge": { label: "Units merged", sentence: "{actor} merged the unit {subject} into {unit}" },
  "unit.dissolve": { label: "Unit dissolved", sentence: "{actor} dissolved the unit {subject}" },
  "role.grant": { label: "Role granted", sentence: "{actor} granted the {role} role to {subject}" },
  "role.grant_cli": {
    label: "Role granted from the command line",
    sentence: "{actor} granted the {role} role to {subject} from the command line",
  },
  "role.revoke": { label: "Role revoked", sentence: "{actor} revoked the {role} role of {subject}" },
  "person.create": { label: "Person added", sentence: "{actor} added {subject}" },
  "person.update": { label: "Person edited", sentence: "{actor} edited the details of {subject}" },
  "person.deactivate": {
    label: "Account deactivated",
    sentence: "{actor} deactivated the account of {subject}",
  },
  "person.reactivate": {
    label: "Account reactivated",
    sentence: "{actor} reactivated the account of {subject}",
  },
  "person.read": { label: "Person's record viewed", sentence: "{actor} viewed the record of {subject}" },
  "person.list": { label: "People list viewed", sentence: "{actor} viewed a list of {count} people" },
  "person.import": { label: "People imported", sentence: "{actor} imported {created} people into {unit}" },
  "person.email_change_requested": {
    label: "E-mail change requested",
    sentence: "{actor} asked to change the e-mail of {subject}",
  },
  "person.email_change_confirmed": {
    label: "New e-mail confirmed",
    sentence: "{actor} confirmed a new e-mail",
  },
  "channel.register": {
    label: "Official channel registered",
    sentence: "{actor} registered the official channel {kind} {subject}",
  },
  "channel.update": { label: "Channel edited", sentence: "{actor} edited the channel {kind} {subject}" },
  "channel.import": {
    label: "Channels imported",
    sentence: "{actor} imported {created} official channels into {unit}",
  },
  "channel.status": {
    label: "Channel status changed",
    sentence: "{actor} changed the status of the channel {kind} {subject}",
  },
  "channel.hand_over": {
    label: "Channel handed over",
    sentence: "{actor} handed the channel {kind} {subject} over to {unit}",
  },
  "channel.verify": { label: "Channel verified", sentence: "{actor} verified the channel {kind} {subject}" },
  "channel.remove": {
    label: "Channel removed from the directory",
    sentence: "{actor} removed the channel {kind} {subject} from the directory of official channels",
  },
  "channel.connection.create": {
    label: "Channel connected",
    sentence: "{actor} connected the channel {kind} {subject} to Cầu Nối",
  },
  "channel.connection.update": {
    label: "Channel connection updated",
    sentence: "{actor} updated the connection of the channel {kind} {subject}",
  },
  "channel.connection.delete": {
    label: "Channel disconnected",
    sentence: "{actor} disconnected the channel {kind} {subject}",
  },
  "channel.connection.needs_reconnect": {
    label: "Channel connection needs renewing",
    sentence: "The connection of the channel {kind} {subject} must be set up again",
  },
  "media.upload": { label: "File uploaded", sentence: "{actor} uploaded {subject} to the library" },
  "media.alt_text": { label: "Description edited", sentence: "{actor} edited the description of {subject}" },
  "media.delete": { label: "File deleted", sentence: "{actor} deleted {subject} from the library" },
  "publishing.post_create": { label: "Post written", sentence: "{actor} wrote the post {subject}" },
  "publishing.post_update": { label: "Post edited", sentence: "{actor} edited the post {subject}" },
  "publishing.approve": {
    label: "Channel version approved",
    sentence: "{actor} approved the {kind} version of the post {subject}",
  },
  "publishing.reject": {
    label: "Channel version sent back",
    sentence: "{actor} sent back the {kind} version of the post {subject}",
  },
  "publishing.schedule": {
    label: "Publishing scheduled",
    sentence: "{actor} scheduled the {kind} version of the post {subject}",
  },
  "publishing.policy": {
    label: "Approval rules changed",
    sentence: "{actor} changed the approval rules of {subject}",
  },
  "publishing.policy_cleared": {
    label: "Own approval rules removed",
    sentence: "{actor} removed the own approval rules of {subject}",
  },
  "advocacy.kit.create": { label: "Share kit created", sentence: "{actor} created the share kit {subject}" },
  "advocacy.kit.update": { label: "Share kit edited", sentence: "{actor} edited the share kit {subject}" },
  "advocacy.kit.withdraw": {
    label: "Share kit withdrawn",
    sentence: "{actor} withdrew the share kit {subject}",
  },
  "advocacy.kit.reinstate": {
    label: "Share kit reinstated",
    sentence: "{actor} reinstated the share kit {subject}",
  },
  "advocacy.campaign.create": {
    label: "Campaign created",
    sentence: "{actor} created the campaign {subject}",
  },
  "advocacy.campaign.update": { label: "Campaign edited", sentence: "{actor} edited the campaign {subject}" },
  "advocacy.campaign.followers": {
    label: "Follower count recorded",
    sentence: "{actor} recorded the follower count of the campaign {subject}",
  },
  "advocacy.ranking.opt_in": {
    label: "Agreed to be named in rankings",
    sentence: "{actor} agreed to be named in rankings",
  },
  "advocacy.ranking.opt_out": {
    label: "Withdrew agreement to be named",
    sentence: "{actor} withdrew their agreement to be named in rankings",
  },
  "declarations.read": {
    label: "Declarations viewed",
    sentence: "{actor} viewed the social account declarations of {subject}",
    alone: "{actor} viewed the social account declarations of {count} people",
  },
  "declarations.declare": { label: "Account declared", sentence: "{actor} declared a social account" },
  "declarations.update": { label: "Declaration edited", sentence: "{actor} edited a declared account" },
  "declarations.status": {
    label: "Declaration status changed",
    sentence: "{actor} changed the status of a declared account",
  },
  "declarations.delete": {
    label: "Declaration deleted",
    sentence: "{actor} deleted {count} declared accounts",
  },
  "declarations.report": {
    label: "Account incident reported",
    sentence: "{actor} reported an incident with a social account",
  },
  "declarations.report_acknowledged": {
    label: "Alert acknowledged",
    sentence: "{actor} acknowledged an alert about a social account",
  },
  "declarations.request_create": {
    label: "Declaration review request created",
    sentence: "{actor} created the declaration review request {subject}",
  },
  "declarations.request_close": {
    label: "Declaration review request closed",
    sentence: "{actor} closed the declaration review request {subject}",
  },
  "declarations.request_respond": {
    label: "Declaration review confirmed",
    sentence: "{actor} confirmed their review for the request {subject}",
  },
};

/** The words of an action kind in the page's language; a kind this version does not know shows its code. */
export function wordingOf(action: string, language: string): Wording {
  const words = language.startsWith("en") ? enWording : viWording;
  return (words as Record<string, Wording>)[action] ?? { label: action, sentence: `{actor}: ${action}` };
}
