import { defineErrors } from "../../../platform/errors.ts";

/** The duty roster's failures: slots, shifts, copying a week, swaps, holidays. */
export const rosterErrors = defineErrors({
  slotNotFound: {
    status: 404,
    code: "inbox.roster_slot_not_found",
    vi: "Không tìm thấy ca trực này trong đơn vị.",
    en: "This duty slot was not found in the unit.",
  },
  slotEmpty: {
    status: 400,
    code: "inbox.roster_slot_empty",
    vi: "Vui lòng chọn giờ kết thúc khác giờ bắt đầu.",
    en: "Please choose an end time different from the start time.",
  },
  slotOtherUnit: {
    status: 400,
    code: "inbox.roster_slot_other_unit",
    vi: "Ca trực này thuộc đơn vị khác. Vui lòng chọn một ca của đơn vị đang phân công.",
    en: "This slot belongs to another unit. Please choose a slot of the unit being planned.",
  },
  notDutyOfficer: {
    status: 400,
    code: "inbox.roster_not_duty_officer",
    vi: (params: { names: string }) =>
      `${params.names} chưa có quyền trả lời hộp thư của đơn vị nên không thể phân công trực. Vui lòng chọn cán bộ trực hoặc biên tập viên của đơn vị.`,
    en: (params: { names: string }) =>
      `${params.names} may not answer the unit's inbox, so cannot be put on duty. Please choose the unit's duty officers or editors.`,
  },
  leaderNotOnShift: {
    status: 400,
    code: "inbox.roster_leader_not_on_shift",
    vi: "Trưởng ca phải là một trong những người trực ca này. Vui lòng chọn lại trưởng ca.",
    en: "The shift leader must be one of the people on the shift. Please choose the leader again.",
  },
  notMonday: {
    status: 400,
    code: "inbox.roster_not_monday",
    vi: "Vui lòng chọn tuần bắt đầu từ thứ Hai.",
    en: "Please choose a week starting on a Monday.",
  },
  shiftNotFound: {
    status: 404,
    code: "inbox.roster_shift_not_found",
    vi: "Không tìm thấy ca trực này.",
    en: "This shift was not found.",
  },
  shiftEnded: {
    status: 409,
    code: "inbox.roster_shift_ended",
    vi: "Ca trực này đã kết thúc nên không thể đổi ca.",
    en: "This shift has already ended, so it cannot be swapped.",
  },
  notOnShift: {
    status: 403,
    code: "inbox.roster_not_on_shift",
    vi: "Bạn không có tên trong ca trực này nên không thể đề nghị đổi ca.",
    en: "You are not on this shift, so you cannot ask for a swap.",
  },
  swapTargetOnShift: {
    status: 409,
    code: "inbox.roster_swap_target_on_shift",
    vi: "Người được đề nghị đã có tên trong ca này. Vui lòng chọn người khác.",
    en: "That person is already on this shift. Please choose someone else.",
  },
  swapTargetNotOfficer: {
    status: 400,
    code: "inbox.roster_swap_target_not_officer",
    vi: "Người được đề nghị chưa có quyền trả lời hộp thư của đơn vị. Vui lòng chọn cán bộ trực của đơn vị.",
    en: "That person may not answer the unit's inbox. Please choose one of the unit's duty officers.",
  },
  swapPending: {
    status: 409,
    code: "inbox.roster_swap_pending",
    vi: "Ca này đang có một đề nghị đổi ca chờ trả lời. Vui lòng chờ trả lời hoặc rút đề nghị trước.",
    en: "A swap of this shift is waiting for an answer. Please wait for it or withdraw it first.",
  },
  swapNotFound: {
    status: 404,
    code: "inbox.roster_swap_not_found",
    vi: "Không tìm thấy đề nghị đổi ca này.",
    en: "This swap request was not found.",
  },
  swapDecided: {
    status: 409,
    code: "inbox.roster_swap_decided",
    vi: "Đề nghị đổi ca này đã được trả lời hoặc đã rút.",
    en: "This swap request has already been answered or withdrawn.",
  },
  swapNotYours: {
    status: 403,
    code: "inbox.roster_swap_not_yours",
    vi: "Chỉ người được đề nghị mới đồng ý hoặc từ chối, và chỉ người đề nghị mới rút được đề nghị đổi ca.",
    en: "Only the person asked may accept or decline, and only the person asking may withdraw a swap request.",
  },
  swapStale: {
    status: 409,
    code: "inbox.roster_swap_stale",
    vi: "Người đề nghị không còn trong ca này nên không thể đổi ca nữa.",
    en: "The person who asked is no longer on this shift, so the swap can no longer happen.",
  },
  awayUntilPast: {
    status: 400,
    code: "inbox.roster_away_until_past",
    vi: "Vui lòng chọn thời điểm trở lại phải sau thời điểm hiện tại.",
    en: "Please choose a return time after now.",
  },
});
