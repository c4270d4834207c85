import { defineErrors } from "../../platform/errors.ts";

/** The auth module's failures (signing in, passwords, two-factor, tokens), each defined once. */
export const authErrors = defineErrors({
  apiTokensNotForRole: {
    status: 403,
    code: "auth.api_tokens_not_for_role",
    vi: "Mã API chỉ dành cho quản trị viên và biên tập viên. Vui lòng liên hệ quản trị viên đơn vị nếu công việc của bạn cần.",
    en: "API tokens are for administrators and editors only. Ask your unit's administrator if your work needs one.",
  },
  invalidCredentials: {
    status: 400,
    code: "auth.invalid_credentials",
    vi: "E-mail hoặc mật khẩu không đúng.",
    en: "The e-mail or password is incorrect.",
  },
  locked: {
    status: 429,
    code: "auth.locked",
    vi: ({ minutes }: { minutes: number }) =>
      `Tài khoản tạm khóa do nhập sai nhiều lần. Thử lại sau ${minutes} phút hoặc đặt lại mật khẩu.`,
    en: ({ minutes }: { minutes: number }) =>
      `The account is locked after repeated failures. Try again in ${minutes} minutes or reset the password.`,
  },
  passwordTooShort: {
    status: 400,
    code: "password.too_short",
    vi: ({ minLength }: { minLength: number }) => `Mật khẩu phải có ít nhất ${minLength} ký tự.`,
    en: ({ minLength }: { minLength: number }) =>
      `The password must be at least ${minLength} characters long.`,
  },
  currentPasswordWrong: {
    status: 400,
    code: "password.current_wrong",
    vi: "Mật khẩu hiện tại không đúng.",
    en: "The current password is incorrect.",
  },
  resetLinkInvalid: {
    status: 400,
    code: "password.reset_invalid",
    vi: "Liên kết đặt lại mật khẩu không hợp lệ hoặc đã hết hạn.",
    en: "The password reset link is invalid or has expired.",
  },
  invitationNoEmail: {
    status: 400,
    code: "invitation.no_email",
    vi: "Nhân sự này chưa có địa chỉ e-mail. Vui lòng nhập e-mail trước khi gửi lời mời.",
    en: "This person has no e-mail address. Please add one before sending an invitation.",
  },
  invitationPersonInactive: {
    status: 409,
    code: "invitation.person_inactive",
    vi: "Tài khoản của nhân sự này đã ngừng kích hoạt nên không thể gửi lời mời.",
    en: "This person's account is deactivated, so no invitation can be sent.",
  },
  invitationAlreadyActive: {
    status: 409,
    code: "invitation.already_active",
    vi: "Nhân sự này đã đăng nhập Cầu Nối. Nếu quên mật khẩu, vui lòng dùng chức năng “Quên mật khẩu” ở trang đăng nhập.",
    en: "This person has already signed in to Cầu Nối. If they forgot their password, please use “Forgot password” on the sign-in page.",
  },
  invitationNotPending: {
    status: 409,
    code: "invitation.not_pending",
    vi: "Nhân sự này không có lời mời nào đang chờ.",
    en: "This person has no pending invitation.",
  },
  invitationInvalid: {
    status: 400,
    code: "invitation.invalid",
    vi: "Liên kết mời không hợp lệ. Vui lòng mở đúng liên kết trong thư mời, hoặc liên hệ quản trị viên đơn vị để được gửi lại lời mời.",
    en: "The invitation link is invalid. Please open the exact link in the invitation e-mail, or ask your unit's administrator to send it again.",
  },
  invitationExpired: {
    status: 410,
    code: "invitation.expired",
    vi: "Liên kết mời đã hết hạn (liên kết có hiệu lực 7 ngày). Vui lòng liên hệ quản trị viên đơn vị để được gửi lại lời mời.",
    en: "The invitation link has expired (links are valid for 7 days). Please ask your unit's administrator to send the invitation again.",
  },
  invitationUsed: {
    status: 410,
    code: "invitation.used",
    vi: "Liên kết mời này đã được dùng để đặt mật khẩu. Vui lòng đăng nhập bằng e-mail và mật khẩu đã đặt; nếu quên mật khẩu, vui lòng dùng chức năng “Quên mật khẩu”.",
    en: "This invitation link has already been used to set a password. Please sign in with your e-mail and that password; if you forgot it, use “Forgot password”.",
  },
  invitationRevoked: {
    status: 410,
    code: "invitation.revoked",
    vi: "Lời mời này đã bị thu hồi hoặc đã được thay bằng lời mời mới. Vui lòng dùng liên kết trong thư mời gần nhất, hoặc liên hệ quản trị viên đơn vị.",
    en: "This invitation was revoked or replaced by a newer one. Please use the link in the latest invitation e-mail, or contact your unit's administrator.",
  },
  totpInvalid: {
    status: 400,
    code: "auth.totp_invalid",
    vi: "Mã xác thực không đúng.",
    en: "The verification code is incorrect.",
  },
  totpReused: {
    status: 400,
    code: "auth.totp_reused",
    vi: "Mã xác thực này đã được dùng. Vui lòng đợi mã mới hiện trên ứng dụng rồi nhập lại.",
    en: "This verification code has already been used. Please wait for the next code in the app.",
  },
  /** Someone acting only through an API token, with no password: nothing to add a second factor to. */
  noPassword: {
    status: 400,
    code: "auth.no_password",
    vi: "Tài khoản chưa có mật khẩu. Vui lòng đặt mật khẩu trước khi bật xác thực hai lớp.",
    en: "This account has no password yet. Please set one before turning on two-factor authentication.",
  },
  totpAlreadyEnabled: {
    status: 409,
    code: "auth.totp_already_enabled",
    vi: "Xác thực hai lớp đang bật. Muốn đổi sang thiết bị khác, vui lòng tắt xác thực hai lớp bằng mã xác thực hiện tại rồi thiết lập lại.",
    en: "Two-factor authentication is on. To move it to another device, please turn it off with a current code first, then set it up again.",
  },
  totpRequiredByRole: {
    status: 409,
    code: "auth.totp_required_by_role",
    vi: "Vai trò của bạn bắt buộc xác thực hai lớp.",
    en: "One of your roles requires two-factor authentication.",
  },
  /** Signed in with a password, but a role requires two-factor and it is not set up yet. */
  totpSetupRequired: {
    status: 403,
    code: "auth.totp_setup_required",
    vi: "Vai trò của bạn bắt buộc xác thực hai lớp. Vui lòng bật xác thực hai lớp trong hồ sơ trước.",
    en: "Your role requires two-factor authentication. Turn it on in your profile first.",
  },
  apiTokenInvalid: {
    status: 401,
    code: "auth.token_invalid",
    vi: "Mã truy cập API không hợp lệ hoặc đã bị thu hồi.",
    en: "The API token is invalid or has been revoked.",
  },
  csrfInvalid: {
    status: 403,
    code: "auth.csrf_invalid",
    vi: "Phiên làm việc không hợp lệ. Vui lòng tải lại trang.",
    en: "Invalid session token. Please reload the page.",
  },
});
