import type { Role } from "../platform/actor.ts";

/* Who and where the demo is: the province and communes it is built from, and the accounts it prints. */

export const PROVINCE_AREA_CODE = "08";
// A reserved .example domain: a configured mail server can never deliver demo mail to a real inbox.
export const EMAIL_DOMAIN = "tuyenquang.caunoi.example";
/** The seed of the demo's generator: every install invents the same people. */
export const DEMO_SEED = 20250701;

/** The commune whose named accounts, channels and village the demo shows first. */
export const TAN_TRAO_AREA_CODE = "02545";

/** The communes and wards of the demo, by their code in the shipped dataset (five wards, six communes). */
export const COMMUNE_AREA_CODES = [
  "02215",
  "02212",
  "02512",
  "02509",
  "00694",
  "02545",
  "02536",
  "02374",
  "02287",
  "02266",
  "00721",
];

export interface DemoAccount {
  email: string;
  fullName: string;
  role: Role;
  description: { vi: string; en: string };
}

/** The named demo accounts that get the shared demo password (everyone else in the demo has none). */
export const demoAccounts: readonly DemoAccount[] = [
  {
    email: `trang.lethu@${EMAIL_DOMAIN}`,
    fullName: "Lê Thu Trang",
    role: "editor",
    description: {
      vi: "Biên tập viên, Ban Tuyên giáo và Dân vận Tỉnh ủy",
      en: "Editor, provincial Party Committee's Propaganda and Mass Mobilisation Board",
    },
  },
  {
    email: `hai.hoangvan@${EMAIL_DOMAIN}`,
    fullName: "Hoàng Văn Hải",
    role: "administrator",
    description: { vi: "Quản trị viên xã Tân Trào", en: "Administrator of Tân Trào commune" },
  },
  {
    email: `khanh.phamquoc@${EMAIL_DOMAIN}`,
    fullName: "Phạm Quốc Khánh",
    role: "checker",
    description: {
      vi: "Tổ xử lý thông tin, Ban Chỉ đạo 35",
      en: "Information-handling team, Steering Committee 35",
    },
  },
  {
    email: `hoa.mathi@${EMAIL_DOMAIN}`,
    fullName: "Ma Thị Hoà",
    role: "member",
    description: { vi: "Đoàn viên, chi đoàn xã Tân Trào", en: "Youth Union member, Tân Trào commune" },
  },
  {
    email: `tuan.dinhvan@${EMAIL_DOMAIN}`,
    fullName: "Đinh Văn Tuấn",
    role: "declaration_reviewer",
    description: {
      vi: "Xem kê khai tài khoản của cán bộ, đảng viên toàn tỉnh, Ban Tổ chức Tỉnh ủy",
      en: "Reviews members' account declarations province-wide, provincial Organisation Board",
    },
  },
  {
    email: `binh.trieuvan@${EMAIL_DOMAIN}`,
    fullName: "Triệu Văn Bình",
    role: "approver",
    description: {
      vi: "Người duyệt bài, Phó Trưởng ban Tuyên giáo và Dân vận Tỉnh ủy",
      en: "Approver, deputy head of the provincial Propaganda and Mass Mobilisation Board",
    },
  },
];
