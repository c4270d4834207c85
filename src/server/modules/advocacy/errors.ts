import { defineErrors } from "../../platform/errors.ts";

/** The advocacy module's failures (kits, campaigns, reports, ranking consent), each defined once and thrown by name. */
export const advocacyErrors = defineErrors({
  unknownUnit: {
    status: 400,
    code: "advocacy.unknown_unit",
    vi: "Một đơn vị được chọn không tồn tại hoặc đã giải thể, sáp nhập.",
    en: "One of the chosen units does not exist or has ended.",
  },
  targetOutsideScope: {
    status: 400,
    code: "advocacy.target_outside_scope",
    vi: "Chỉ gửi được bộ tin tới các đơn vị bạn phụ trách.",
    en: "A kit can only go to units you manage.",
  },
  expiryPast: {
    status: 400,
    code: "advocacy.expiry_past",
    vi: "Thời hạn phải sau thời điểm hiện tại.",
    en: "The expiry must be in the future.",
  },
  captionsRequired: {
    status: 400,
    code: "advocacy.captions_required",
    vi: "Cần ít nhất một lời dẫn.",
    en: "At least one caption is needed.",
  },
  titleRequired: {
    status: 400,
    code: "advocacy.title_required",
    vi: "Vui lòng đặt tiêu đề cho bộ tin.",
    en: "Give the kit a title.",
  },
  postNotPublished: {
    status: 400,
    code: "advocacy.post_not_published",
    vi: "Chỉ tạo bộ tin từ bài đã đăng của đơn vị bạn phụ trách.",
    en: "A kit can only be made from a published post of a unit you manage.",
  },
  urlNotOfficial: {
    status: 400,
    code: "advocacy.url_not_official",
    vi: "Địa chỉ này không thuộc kênh chính thức nào trong danh bạ. Chỉ chia sẻ được nội dung của kênh chính thức đang hoạt động.",
    en: "This address is on no official channel in the registry. Only content of an active official channel can be shared.",
  },
  participantOutsideScope: {
    status: 400,
    code: "advocacy.participant_outside_scope",
    vi: "Chỉ mời được các đơn vị đang hoạt động mà bạn phụ trách tham gia chiến dịch.",
    en: "Only active units you manage can take part in the campaign.",
  },
  channelOutsideScope: {
    status: 400,
    code: "advocacy.channel_outside_scope",
    vi: "Vui lòng chọn một kênh chính thức của đơn vị bạn phụ trách.",
    en: "Choose an official channel of a unit you manage.",
  },
  periodReversed: {
    status: 400,
    code: "advocacy.period_reversed",
    vi: "Ngày kết thúc phải sau ngày bắt đầu.",
    en: "The end must come after the start.",
  },
  periodTooLong: {
    status: 400,
    code: "advocacy.period_too_long",
    vi: ({ maxDays }: { maxDays: number }) => `Mỗi báo cáo tối đa ${maxDays} ngày.`,
    en: ({ maxDays }: { maxDays: number }) => `A report covers at most ${maxDays} days.`,
  },
  notAFollowersGoal: {
    status: 400,
    code: "advocacy.not_a_followers_goal",
    vi: "Chiến dịch này không theo dõi số người theo dõi kênh.",
    en: "This campaign does not follow a channel's followers.",
  },
  futureDate: {
    status: 400,
    code: "advocacy.future_date",
    vi: "Không nhập số liệu cho ngày chưa tới.",
    en: "No figures for a day still to come.",
  },
  kitAlreadyWithdrawn: {
    status: 409,
    code: "advocacy.kit_already_withdrawn",
    vi: "Bộ tin này đã được thu hồi.",
    en: "This kit has already been withdrawn.",
  },
  kitNotWithdrawn: {
    status: 409,
    code: "advocacy.kit_not_withdrawn",
    vi: "Bộ tin này chưa bị thu hồi nên không cần khôi phục.",
    en: "This kit has not been withdrawn, so there is nothing to reinstate.",
  },
  purposeChanged: {
    status: 409,
    code: "advocacy.purpose_changed",
    vi: "Nội dung đồng ý vừa được cập nhật. Vui lòng tải lại trang, đọc lại và xác nhận.",
    en: "The consent text has just been updated. Reload the page, read it again and confirm.",
  },
});
