import { defineErrors } from "../../platform/errors.ts";

/** What still stands in a unit that is to be dissolved. */
interface UnitContents {
  activeSubUnits: number;
  activePeople: number;
}

/** How long a typed field is and how long it may be, in characters. */
interface TextLength {
  length: number;
  max: number;
}

const vi = (n: number) => n.toLocaleString("vi-VN");
const en = (n: number) => n.toLocaleString("en-US");

/** The org module's failures (units, people, roles), each defined once and thrown by name. */
export const orgErrors = defineErrors({
  /** Work cannot go into, or be changed in, a unit that was merged or dissolved. */
  unitNotActive: {
    status: 409,
    code: "unit.not_active",
    vi: ({ name, refusal }: { name: string; refusal?: { vi: string; en: string } }) =>
      `Đơn vị “${name}” đã sáp nhập hoặc giải thể${refusal ? `; ${refusal.vi}` : "."}`,
    en: ({ name, refusal }: { name: string; refusal?: { vi: string; en: string } }) =>
      `Unit “${name}” has been merged or dissolved${refusal ? `; ${refusal.en}` : "."}`,
  },
  unitNameRequired: {
    status: 400,
    code: "unit.name_required",
    vi: "Tên đơn vị không được để trống.",
    en: "Unit name is required.",
  },
  unitCodeTaken: {
    status: 409,
    code: "unit.code_taken",
    vi: ({ code }: { code: string }) => `Mã đơn vị “${code}” đã được dùng.`,
    en: ({ code }: { code: string }) => `Unit code “${code}” is taken.`,
  },
  adminAreaUnknown: {
    status: 400,
    code: "unit.admin_area_unknown",
    vi: ({ code }: { code: string }) => `Không có đơn vị hành chính mã “${code}” trong danh mục năm 2025.`,
    en: ({ code }: { code: string }) =>
      `There is no administrative area with code “${code}” in the 2025 list.`,
  },
  moveIntoItself: {
    status: 400,
    code: "unit.move_into_itself",
    vi: "Không thể chuyển một đơn vị vào chính nó hoặc đơn vị cấp dưới của nó.",
    en: "A unit cannot be moved into itself or one of its own sub-units.",
  },
  mergeIntoItself: {
    status: 400,
    code: "unit.merge_same",
    vi: "Không thể sáp nhập một đơn vị vào chính nó.",
    en: "A unit cannot be merged into itself.",
  },
  mergeIntoDescendant: {
    status: 400,
    code: "unit.merge_into_descendant",
    vi: "Không thể sáp nhập một đơn vị vào đơn vị cấp dưới của nó.",
    en: "A unit cannot be merged into one of its own sub-units.",
  },
  dissolveTopUnit: {
    status: 400,
    code: "unit.dissolve_root",
    vi: "Không thể giải thể đơn vị cấp cao nhất.",
    en: "The root unit cannot be dissolved.",
  },
  unitNotEmpty: {
    status: 409,
    code: "unit.not_empty",
    vi: ({ activeSubUnits, activePeople }: UnitContents) =>
      `Đơn vị còn ${activeSubUnits} đơn vị trực thuộc và ${activePeople} người đang hoạt động; vui lòng chuyển hoặc sáp nhập trước khi giải thể.`,
    en: ({ activeSubUnits, activePeople }: UnitContents) =>
      `The unit still has ${activeSubUnits} active sub-units and ${activePeople} active people; move or merge them first.`,
  },
  personNameRequired: {
    status: 400,
    code: "person.name_required",
    vi: "Thiếu họ và tên.",
    en: "Full name is missing.",
  },
  personNameTooLong: {
    status: 400,
    code: "person.name_too_long",
    vi: ({ length, max }: TextLength) =>
      `Họ và tên dài ${vi(length)} ký tự, quá mức tối đa ${vi(max)} ký tự. Vui lòng rút gọn.`,
    en: ({ length, max }: TextLength) =>
      `The full name is ${en(length)} characters long, more than the ${en(max)} allowed. Please shorten it.`,
  },
  personPositionTooLong: {
    status: 400,
    code: "person.position_too_long",
    vi: ({ length, max }: TextLength) =>
      `Chức vụ dài ${vi(length)} ký tự, quá mức tối đa ${vi(max)} ký tự. Vui lòng rút gọn.`,
    en: ({ length, max }: TextLength) =>
      `The position is ${en(length)} characters long, more than the ${en(max)} allowed. Please shorten it.`,
  },
  personEmailInvalid: {
    status: 400,
    code: "person.email_invalid",
    vi: ({ email }: { email: string }) => `E-mail “${email}” không hợp lệ.`,
    en: ({ email }: { email: string }) => `E-mail “${email}” is not valid.`,
  },
  personPhoneInvalid: {
    status: 400,
    code: "person.phone_invalid",
    vi: ({ phone }: { phone: string }) => `Số điện thoại “${phone}” không hợp lệ.`,
    en: ({ phone }: { phone: string }) => `Phone number “${phone}” is not valid.`,
  },
  emailTaken: {
    status: 409,
    code: "person.email_taken",
    vi: ({ email }: { email: string }) => `E-mail ${email} đã được dùng cho người khác.`,
    en: ({ email }: { email: string }) => `E-mail ${email} is already used by someone else.`,
  },
  /** A sensitive change to someone who also holds a role beyond the actor's units. */
  personBeyondScope: {
    status: 403,
    code: "person.beyond_scope",
    vi: "Nhân sự này có vai trò tại đơn vị nằm ngoài phạm vi quản trị của bạn. Vui lòng đề nghị quản trị viên của đơn vị cấp trên thực hiện thao tác này.",
    en: "This person holds a role in a unit outside your administration. Please ask an administrator of the unit above to do this.",
  },
  emailChangeLinkInvalid: {
    status: 400,
    code: "email_change.invalid",
    vi: "Liên kết xác nhận e-mail không hợp lệ hoặc đã hết hạn. Vui lòng đề nghị quản trị viên gửi lại.",
    en: "The e-mail confirmation link is invalid or has expired. Please ask an administrator to send it again.",
  },
  /** Granting or revoking a role that carries permissions the actor lacks on that unit. */
  roleBeyondOwnPermissions: {
    status: 403,
    code: "role.beyond_own_permissions",
    vi: "Bạn không thể cấp hoặc thu hồi vai trò này vì vai trò có những quyền mà chính bạn không có tại đơn vị này. Vui lòng đề nghị người có đủ các quyền đó thực hiện.",
    en: "You cannot grant or revoke this role: it carries permissions you do not hold on this unit yourself. Please ask someone who holds them.",
  },
  /** Someone stored one of the file's e-mails between the import's check and its insert: nothing was imported. */
  importEmailTaken: {
    status: 409,
    code: "import.conflict",
    vi: ({ email }: { email?: string }) =>
      `Trong lúc nhập, e-mail${email ? ` ${email}` : ""} vừa được dùng cho một người khác. Chưa có dòng nào được nhập; vui lòng xem trước và nhập lại.`,
    en: ({ email }: { email?: string }) =>
      `While importing, e-mail${email ? ` ${email}` : ""} was taken by someone else. Nothing was imported; preview the file and import it again.`,
  },
});
