import { defineErrors, type LocalizedMessage } from "../../platform/errors.ts";

/** Why the canonicaliser named no channel; its wording depends on what was typed, so it is passed through. */
interface Refusal {
  refusal: LocalizedMessage;
}

/** The channel registry's failures (addresses, registration, lifecycle), each defined once and thrown by name. */
export const channelErrors = defineErrors({
  /** What was typed is not a usable web link. */
  linkInvalid: {
    status: 400,
    code: "url.invalid",
    vi: ({ refusal }: Refusal) => refusal.vi,
    en: ({ refusal }: Refusal) => refusal.en,
  },
  /** A valid link that names no channel we can key (a post, a short or share link). */
  linkUnsupported: {
    status: 400,
    code: "url.unsupported",
    vi: ({ refusal }: Refusal) => refusal.vi,
    en: ({ refusal }: Refusal) => refusal.en,
  },
  /** Another unit registered the same page; thrown with `{ ownerUnitName }` as details. */
  keyTaken: {
    status: 409,
    code: "channel.key_taken",
    vi: ({ url, ownerName }: { url: string; ownerName: string }) =>
      `Kênh ${url} đã được đăng ký là kênh chính thức của “${ownerName}”.`,
    en: ({ url, ownerName }: { url: string; ownerName: string }) =>
      `The channel ${url} is already registered as an official channel of “${ownerName}”.`,
  },
  nameRequired: {
    status: 400,
    code: "channel.name_required",
    vi: "Vui lòng nhập tên kênh.",
    en: "Enter the channel name.",
  },
  /** Not an active person of the channel's unit or below; an unknown id gets the same answer. */
  responsibleUnknown: {
    status: 400,
    code: "channel.person_unknown",
    vi: "Vui lòng chọn người phụ trách là nhân sự đang hoạt động của đơn vị có kênh hoặc đơn vị trực thuộc.",
    en: "Choose as the person responsible an active member of the channel's unit or a unit below it.",
  },
  statusInFuture: {
    status: 400,
    code: "channel.status_in_future",
    vi: "Ngày thay đổi trạng thái không được sau ngày hôm nay.",
    en: "The date of a status change cannot be in the future.",
  },
  statusUnchanged: {
    status: 409,
    code: "channel.status_unchanged",
    vi: "Kênh đã ở trạng thái này.",
    en: "The channel already has this status.",
  },
  handOverToSameUnit: {
    status: 400,
    code: "channel.hand_over_same_unit",
    vi: "Kênh đã thuộc đơn vị này.",
    en: "The channel already belongs to this unit.",
  },
});
