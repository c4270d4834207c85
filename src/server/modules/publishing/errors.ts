import type { channelPlatformValues } from "../../db/schema/index.ts";
import { defineErrors, type LocalizedMessage } from "../../platform/errors.ts";
import type { LimitProblem } from "./limits.ts";

type ChannelPlatform = (typeof channelPlatformValues)[number];

/** Platforms named as people say them (the registry's own codes never reach a message). */
const platformNames: Record<ChannelPlatform, LocalizedMessage> = {
  website: { vi: "Trang web", en: "Website" },
  facebook_page: { vi: "Trang Facebook", en: "Facebook Page" },
  facebook_group: { vi: "Nhóm Facebook", en: "Facebook Group" },
  zalo_oa: { vi: "Zalo OA", en: "Zalo OA" },
  zalo_group: { vi: "Nhóm Zalo", en: "Zalo Group" },
  youtube: { vi: "Kênh YouTube", en: "YouTube channel" },
  tiktok: { vi: "Tài khoản TikTok", en: "TikTok account" },
  other: { vi: "Kênh khác", en: "Other channel" },
};

/** What the person tried to do to a variant whose status does not allow it. */
type VariantAction = "submit" | "approve" | "reject" | "unschedule" | "edit" | "move";

const variantActions: Record<VariantAction, LocalizedMessage> = {
  submit: { vi: "gửi duyệt", en: "sent for approval" },
  approve: { vi: "duyệt", en: "approved" },
  reject: { vi: "trả lại", en: "sent back" },
  unschedule: { vi: "bỏ hẹn giờ", en: "taken off the schedule" },
  edit: { vi: "sửa", en: "edited" },
  move: { vi: "chuyển tiếp", en: "moved on" },
};

/** What waits for the approval a variant does not have yet. */
type ApprovedAction = "schedule" | "record_published";

const approvedActions: Record<ApprovedAction, LocalizedMessage> = {
  schedule: { vi: "hẹn giờ đăng", en: "scheduled" },
  record_published: { vi: "ghi nhận đã đăng", en: "recorded as published" },
};

/** A Page token's missing permissions, each with Facebook's name for it and what it is for. */
interface MissingPermission {
  scope: string;
  vi: string;
  en: string;
}

type Connector = "facebook_page" | "zalo_oa" | "youtube";

/** Why a channel's connection cannot carry an automatic publish. */
type UnusableConnection = "not_connected" | "expired" | "refused";

const unusableConnections: Record<UnusableConnection, LocalizedMessage> = {
  not_connected: { vi: "Kênh của bản đăng chưa được kết nối", en: "The variant's channel is not connected" },
  expired: {
    vi: "Kết nối của kênh đã hết hạn",
    en: "The channel's connection has expired",
  },
  refused: {
    vi: "Nền tảng đã từ chối mã truy cập của kênh",
    en: "The platform has refused the channel's access token",
  },
};

/**
 * The publishing module's failures (posts and their variants, approval, scheduling, stories sent in
 * by members, connections to the platforms), each defined once and thrown by name.
 */
export const publishingErrors = defineErrors({
  /** The platform's limits on a variant's content are not met; the problems go along as details. */
  limits: {
    status: 422,
    code: "publishing.limits",
    vi: ({ problems }: { problems: readonly LimitProblem[] }) =>
      `Chưa đăng được: ${problems.map((p) => p.vi).join(" ")}`,
    en: ({ problems }: { problems: readonly LimitProblem[] }) =>
      `Cannot be published yet: ${problems.map((p) => p.en).join(" ")}`,
  },
  wrongStatus: {
    status: 409,
    code: "publishing.wrong_status",
    vi: ({ action }: { action: VariantAction }) =>
      `Không thể ${variantActions[action].vi} bản đăng ở trạng thái hiện tại.`,
    en: ({ action }: { action: VariantAction }) =>
      `This variant cannot be ${variantActions[action].en} in its current state.`,
  },
  selfApproval: {
    status: 409,
    code: "publishing.self_approval",
    vi: "Bạn không thể tự duyệt bài do mình viết.",
    en: "Authors cannot approve their own posts.",
  },
  alreadyApproved: {
    status: 409,
    code: "publishing.already_approved",
    vi: "Bạn đã duyệt bản đăng này; lần duyệt thứ hai phải do người khác.",
    en: "You have approved this variant already; the second approval must come from someone else.",
  },
  /** The unit's rules give this approval (the first or the second) to other roles. */
  notAnApprover: {
    status: 403,
    code: "publishing.not_an_approver",
    vi: ({ level }: { level: number }) =>
      `Theo quy định của đơn vị, lần duyệt ${level === 1 ? "này" : "thứ hai"} do vai trò khác đảm nhận.`,
    en: ({ level }: { level: number }) =>
      `Under the unit's rules, ${level === 1 ? "this approval" : "the second approval"} belongs to another role.`,
  },
  rejectionReasonRequired: {
    status: 400,
    code: "publishing.reason_required",
    vi: "Vui lòng ghi lý do trả lại.",
    en: "Please say why it is sent back.",
  },
  timeInPast: {
    status: 400,
    code: "publishing.time_in_past",
    vi: "Thời điểm đăng phải sau thời điểm hiện tại.",
    en: "The publishing time must be in the future.",
  },
  notApproved: {
    status: 409,
    code: "publishing.not_approved",
    vi: ({ action }: { action: ApprovedAction }) =>
      `Bản đăng chưa được duyệt nên chưa ${approvedActions[action].vi} được.`,
    en: ({ action }: { action: ApprovedAction }) =>
      `The variant is not approved, so it cannot be ${approvedActions[action].en}.`,
  },
  /** The unit's rules now ask for more approvals than the variant has; it was put back into review. */
  approvalMissing: {
    status: 409,
    code: "publishing.approval_missing",
    vi: "Bài cần thêm lượt duyệt theo quy định hiện hành của đơn vị; đã chuyển lại chờ duyệt.",
    en: "The post needs more approval under the unit's current rules; it is waiting for approval again.",
  },
  externalUrlInvalid: {
    status: 400,
    code: "publishing.external_url_invalid",
    vi: "Vui lòng nhập địa chỉ trang đã đăng, bắt đầu bằng http:// hoặc https://.",
    en: "Please enter the address of the published page, starting with http:// or https://.",
  },
  linkUrlInvalid: {
    status: 400,
    code: "publishing.link_url_invalid",
    vi: "Vui lòng nhập liên kết bắt đầu bằng http:// hoặc https://.",
    en: "Please enter a link starting with http:// or https://.",
  },
  channelNotPublishable: {
    status: 400,
    code: "publishing.channel_not_publishable",
    vi: ({ name, platform }: { name: string; platform: ChannelPlatform }) =>
      `Cầu Nối chưa hỗ trợ đăng bài lên kênh “${name}” (${platformNames[platform].vi}).`,
    en: ({ name, platform }: { name: string; platform: ChannelPlatform }) =>
      `Cầu Nối cannot publish posts to “${name}” (${platformNames[platform].en}) yet.`,
  },
  channelNotActive: {
    status: 409,
    code: "publishing.channel_not_active",
    vi: ({ name }: { name: string }) => `Kênh “${name}” không còn hoạt động.`,
    en: ({ name }: { name: string }) => `The channel “${name}” is not active.`,
  },
  /** A post goes out on its own unit's channels and those below it, never on another branch's. */
  channelElsewhere: {
    status: 400,
    code: "publishing.channel_elsewhere",
    vi: ({ name }: { name: string }) => `Kênh “${name}” thuộc đơn vị khác, không thuộc đơn vị của bài viết.`,
    en: ({ name }: { name: string }) => `The channel “${name}” belongs to a unit outside the post's own.`,
  },
  variantExists: {
    status: 409,
    code: "publishing.variant_exists",
    vi: ({ name }: { name: string }) => `Bài đã có bản đăng trên kênh “${name}”.`,
    en: ({ name }: { name: string }) => `The post already has a variant for “${name}”.`,
  },
  mediaMissing: {
    status: 400,
    code: "publishing.media_missing",
    vi: "Có ảnh hoặc video không còn trong thư viện.",
    en: "Some photo or video is no longer in the media library.",
  },
  /** Library items of a unit the post may not draw from; their ids go along as details. */
  mediaOutOfScope: {
    status: 403,
    code: "publishing.media_out_of_scope",
    vi: "Bài viết chỉ được dùng ảnh, video trong thư viện của đơn vị có bài, đơn vị trực thuộc hoặc đơn vị mà bạn được viết bài. Vui lòng chọn ảnh, video khác.",
    en: "A post may only use photos and videos from the library of its unit, a unit below it, or a unit you may write posts for. Choose other photos or videos.",
  },
  policyWithoutApprover: {
    status: 400,
    code: "publishing.policy_no_approver",
    vi: "Vui lòng chọn ít nhất một vai trò có quyền duyệt bài.",
    en: "At least one role must be able to approve.",
  },
  /** A member's story may carry only what the member uploaded. */
  storyMediaNotYours: {
    status: 400,
    code: "stories.media_not_yours",
    vi: "Chỉ gửi kèm được ảnh, video do chính bạn tải lên.",
    en: "Only photos and videos you uploaded yourself can be sent.",
  },
  connectionPlatformUnsupported: {
    status: 400,
    code: "connection.unsupported_platform",
    vi: "Kênh trên nền tảng này không kết nối được để đăng bài tự động (chỉ Trang Facebook, Zalo OA và YouTube).",
    en: "Channels on this platform cannot be connected for automatic publishing (only Facebook Pages, Zalo OA and YouTube).",
  },
  /**
   * Facebook's own permission names stay in the message: they are what has to be ticked when the
   * token is issued again.
   */
  connectionPermissionsMissing: {
    status: 400,
    code: "connection.permissions_missing",
    vi: ({ missing }: { missing: readonly MissingPermission[] }) =>
      `Mã truy cập của Trang thiếu quyền: ${missing.map((n) => `${n.scope} (${n.vi})`).join(", ")}. Vui lòng cấp lại mã với đủ quyền.`,
    en: ({ missing }: { missing: readonly MissingPermission[] }) =>
      `The Page token lacks permissions: ${missing.map((n) => `${n.scope} (${n.en})`).join(", ")}. Issue a token with all of them.`,
  },
  connectionTokenOfAnotherPage: {
    status: 400,
    code: "connection.token_wrong_page",
    vi: "Mã truy cập này thuộc về một Trang khác với mã Trang đã nhập.",
    en: "This access token belongs to a different Page than the Page id given.",
  },
  /** Facebook could not be asked about the token (network or Facebook failure). */
  connectionCheckUnavailable: {
    status: 503,
    code: "connection.check_unavailable",
    vi: "Chưa kiểm tra được mã truy cập với Facebook (mạng hoặc Facebook đang lỗi); vui lòng thử lại sau ít phút.",
    en: "The token could not be checked with Facebook (network or Facebook failure); try again in a few minutes.",
  },
  connectionTokenRefused: {
    status: 400,
    code: "connection.token_refused",
    vi: "Facebook không nhận mã truy cập này (hết hạn, bị thu hồi hoặc sai).",
    en: "Facebook does not accept this access token (expired, revoked or wrong).",
  },
  connectionRenewalNotSupported: {
    status: 400,
    code: "connection.renewal_not_supported",
    vi: "Chỉ kết nối Zalo OA mới lưu refresh token, app id và khóa bí mật của ứng dụng.",
    en: "Only a Zalo OA connection stores a refresh token, app id and app secret.",
  },
  /** Facebook Pages and YouTube channels are published to by their id on the platform. */
  connectionAccountIdRequired: {
    status: 400,
    code: "connection.account_id_required",
    vi: ({ connector }: { connector: Connector }) =>
      connector === "facebook_page"
        ? "Cần mã Trang Facebook (page id) để đăng bài."
        : "Cần mã kênh YouTube (channel id, dạng UC…).",
    en: ({ connector }: { connector: Connector }) =>
      connector === "facebook_page"
        ? "The Facebook Page id is needed to publish."
        : "The YouTube channel id (UC…) is needed.",
  },
  connectionTokenRequired: {
    status: 400,
    code: "connection.token_required",
    vi: "Cần mã truy cập (access token) của tài khoản trên nền tảng.",
    en: "The platform account's access token is needed.",
  },
  /** "Kết nối bằng Facebook / Zalo" needs the operator's app settings, named so they know what to set. */
  connectFlowNotConfigured: {
    status: 503,
    code: "connection.flow_not_configured",
    vi: ({ platform, settings }: { platform: Connector; settings: readonly string[] }) =>
      `Máy chủ chưa được cấu hình để kết nối ${platform === "zalo_oa" ? "Zalo OA" : "Trang Facebook"} bằng cách đăng nhập. Vui lòng nhờ cán bộ kỹ thuật đặt ${settings.join(", ")} trong cấu hình máy chủ, hoặc dán mã truy cập.`,
    en: ({ platform, settings }: { platform: Connector; settings: readonly string[] }) =>
      `The server is not set up to connect a ${platform === "zalo_oa" ? "Zalo OA" : "Facebook Page"} by signing in. Ask the operator to set ${settings.join(", ")} in the server's configuration, or paste an access token.`,
  },
  connectFlowUnsupported: {
    status: 400,
    code: "connection.flow_unsupported",
    vi: "Chỉ Trang Facebook và Zalo OA kết nối được bằng cách đăng nhập; kênh này vui lòng dán mã truy cập.",
    en: "Only Facebook Pages and Zalo OAs can be connected by signing in; paste an access token for this channel.",
  },
  connectFlowStateUnknown: {
    status: 400,
    code: "connection.flow_state_unknown",
    vi: "Không nhận ra lượt kết nối này. Vui lòng bấm lại nút kết nối trên trang của kênh.",
    en: "This connection attempt is not recognised. Press the connect button on the channel's page again.",
  },
  connectFlowStateExpired: {
    status: 400,
    code: "connection.flow_state_expired",
    vi: "Lượt kết nối đã quá 10 phút. Vui lòng bấm lại nút kết nối.",
    en: "The connection attempt took more than 10 minutes. Press the connect button again.",
  },
  connectFlowStateUsed: {
    status: 409,
    code: "connection.flow_state_used",
    vi: "Lượt kết nối này đã được dùng. Vui lòng bấm lại nút kết nối nếu cần kết nối lại.",
    en: "This connection attempt has already been used. Press the connect button again to reconnect.",
  },
  connectFlowNotYours: {
    status: 403,
    code: "connection.flow_not_yours",
    vi: "Lượt kết nối này do người khác bắt đầu. Vui lòng tự bấm nút kết nối trên trang của kênh.",
    en: "Someone else started this connection attempt. Press the connect button on the channel's page yourself.",
  },
  connectFlowForbidden: {
    status: 403,
    code: "connection.flow_forbidden",
    vi: "Bạn không còn quyền quản trị kênh này nên không kết nối được.",
    en: "You may no longer manage this channel, so it cannot be connected.",
  },
  connectFlowPageNotGranted: {
    status: 400,
    code: "connection.flow_page_not_granted",
    vi: "Trang của kênh này không có trong các Trang bạn đã cho phép Cầu Nối truy cập. Vui lòng kết nối lại và chọn đúng Trang trong hộp thoại của Facebook (bạn cần là quản trị viên của Trang).",
    en: "This channel's Page is not among the Pages you allowed Cầu Nối to reach. Connect again and tick that Page in Facebook's dialog (you must be one of its admins).",
  },
  connectFlowNoPages: {
    status: 400,
    code: "connection.flow_no_pages",
    vi: "Facebook không cho biết Trang nào bạn đã cho phép Cầu Nối truy cập. Vui lòng kết nối lại và chọn Trang của kênh.",
    en: "Facebook named no Page you allowed Cầu Nối to reach. Connect again and choose the channel's Page.",
  },
  connectFlowWrongOa: {
    status: 400,
    code: "connection.flow_wrong_oa",
    vi: "Zalo OA vừa cấp quyền không phải Zalo OA của kênh này (theo địa chỉ trong danh bạ kênh hoặc lần kết nối trước). Vui lòng kết nối lại và chọn đúng Zalo OA khi cấp quyền.",
    en: "The Zalo OA that granted access is not this channel's OA (by its address in the registry or its earlier connection). Connect again and choose the right OA when granting access.",
  },
  connectFlowRefused: {
    status: 400,
    code: "connection.flow_refused",
    vi: "Nền tảng không cấp mã truy cập cho lượt kết nối này. Vui lòng bấm lại nút kết nối.",
    en: "The platform issued no access token for this attempt. Press the connect button again.",
  },
  connectFlowUnreachable: {
    status: 503,
    code: "connection.flow_unreachable",
    vi: "Chưa liên lạc được với nền tảng (mạng hoặc nền tảng đang lỗi). Vui lòng thử lại sau ít phút.",
    en: "The platform could not be reached (network or platform failure). Try again in a few minutes.",
  },
  /** The scheduler could not publish through the channel's connection; posting by hand stays open. */
  channelNotConnected: {
    status: 409,
    code: "publishing.channel_not_connected",
    vi: ({ state }: { state: UnusableConnection }) =>
      `${unusableConnections[state].vi} nên chưa hẹn giờ đăng tự động được. Vui lòng nhờ quản trị viên kết nối kênh, hoặc đăng thủ công rồi ghi nhận địa chỉ bài đã đăng.`,
    en: ({ state }: { state: UnusableConnection }) =>
      `${unusableConnections[state].en}, so it cannot be scheduled for automatic publishing. Ask an administrator to connect the channel, or post it by hand and record it as published.`,
  },
});
