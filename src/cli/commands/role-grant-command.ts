import type { CliCommand } from "../command.ts";

/**
 * `caunoi role grant`: a role given by the operator. The way to hand out a role that no administrator
 * holds all the permissions of (declaration_reviewer: reading members' declared accounts), which the
 * web refuses to administrators on purpose.
 */
export const roleGrant: CliCommand = {
  group: "role",
  action: "grant",
  usage: "--email E --unit MÃ|ID --role VAI_TRÒ",
  summary: {
    vi: "Cấp vai trò cho một người tại một đơn vị (kể cả vai trò quản trị viên không tự cấp được)",
    en: "Grant a role to a person on a unit (including roles administrators cannot grant)",
  },
  help: [
    "--email E        người nhận vai trò / who receives the role",
    "--unit MÃ|ID     đơn vị (mã hoặc id); vai trò áp dụng cho cả các đơn vị trực thuộc",
    "                 the unit (code or id); the role covers the units below it too",
    "--role VAI_TRÒ   administrator, editor, approver, duty_officer, checker, jury, declaration_reviewer, member",
    "",
    "Thao tác được ghi vào nhật ký hoạt động. / The grant is written to the audit log.",
  ],
  load: async () => (await import("./role-grant.ts")).runRoleGrant,
};
