/**
 * The demo organisation created on a first start: Tuyên Quang province in the 2025 two-tier map
 * (province, then communes and wards), with its Party Committee, Steering Committee 35, police,
 * military command, Youth Union, Women's Union and eleven real communes and wards, staffed by
 * about 370 invented people. Everything comes from a seeded PRNG, so every install gets the same
 * demo; only the ids and the demo password differ.
 *
 * Refuses to run on a database that already has units: mixing invented people into a real
 * organisation would be worse than no demo at all.
 */
import { foldForSearch } from "../../shared/vietnamese-text.ts";
import type { Db } from "../db/client.ts";
import { auditEvents, people, roleGrants, units } from "../db/schema/index.ts";
import { errors } from "../http/errors.ts";
import { MIN_PASSWORD_LENGTH, setPassword } from "../modules/auth/service.ts";
import { type RegisterChannelOptions, registerChannel } from "../modules/channels/service.ts";
import { ensureAdminAreas, readAdminAreaDataset } from "../modules/org/admin-areas.ts";
import { cleanPersonFields } from "../modules/org/people-service.ts";
import type { Role } from "../modules/org/policy.ts";
import { type ActionContext, createUnit, type UnitKind, type UnitRow } from "../modules/org/service.ts";
import { generatePassword } from "./bootstrap.ts";

const PROVINCE_AREA_CODE = "08";
// A reserved .example domain: a configured mail server can never deliver demo mail to a real inbox.
export const EMAIL_DOMAIN = "tuyenquang.caunoi.example";
const SEED = 20250701;

/** The communes and wards of the demo, by their code in the shipped dataset (five wards, six communes). */
const COMMUNE_AREA_CODES = [
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

/** The named demo accounts that get a password (everyone else in the demo has none). */
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
];

export interface DemoSeedResult {
  rootUnitId: string;
  /** The password of every account in `demoAccounts`: CAUNOI_DEMO_PASSWORD, or generated. */
  demoPassword: string;
  units: number;
  people: number;
}

// ---------------------------------------------------------------------------------------------
// Deterministic randomness

/** mulberry32: tiny, fast and good enough to make invented data look varied yet reproducible. */
function createRandom(seed: number) {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
  return {
    int,
    chance: (probability: number): boolean => next() < probability,
    pick<T>(items: readonly T[]): T {
      const item = items[int(0, items.length - 1)];
      if (item === undefined) {
        throw new Error("pick from an empty list");
      }
      return item;
    },
    weighted<T>(items: readonly (readonly [T, number])[]): T {
      const total = items.reduce((sum, [, weight]) => sum + weight, 0);
      let roll = next() * total;
      for (const [item, weight] of items) {
        roll -= weight;
        if (roll < 0) {
          return item;
        }
      }
      const last = items[items.length - 1];
      if (!last) {
        throw new Error("weighted pick from an empty list");
      }
      return last[0];
    },
    /** Removes and returns a random element, so a pool hands out each value once. */
    take<T>(pool: T[]): T {
      const [item] = pool.splice(int(0, pool.length - 1), 1);
      if (item === undefined) {
        throw new Error("take from an empty pool");
      }
      return item;
    },
  };
}
type Random = ReturnType<typeof createRandom>;

// ---------------------------------------------------------------------------------------------
// Vietnamese names

/** Family names weighted roughly by their national frequency, adjusted for a northern mountain province. */
const familyNames: readonly (readonly [string, number])[] = [
  ["Nguyễn", 30],
  ["Trần", 9],
  ["Lê", 8],
  ["Phạm", 6],
  ["Hoàng", 6],
  ["Huỳnh", 0.4],
  ["Phan", 2.5],
  ["Vũ", 4],
  ["Võ", 0.6],
  ["Đặng", 2],
  ["Bùi", 2],
  ["Đỗ", 2],
  ["Hồ", 1],
  ["Ngô", 1.5],
  ["Dương", 1.5],
  ["Lý", 1],
  ["Đinh", 1.2],
  ["Trịnh", 1],
  ["Lương", 1],
  ["Mai", 0.6],
  // Tày, Nùng, Dao and H'Mông families, common in Tuyên Quang and the former Hà Giang.
  ["Ma", 3],
  ["Hà", 3],
  ["Nông", 2],
  ["Triệu", 1.8],
  ["Bàn", 0.8],
  ["Quan", 0.5],
  ["Lục", 0.5],
  ["Giàng", 0.8],
  ["Sùng", 0.5],
  ["Vàng", 0.5],
];
const hmongFamilies = new Set(["Giàng", "Sùng", "Vàng"]);

const maleMiddleNames: readonly (readonly [string, number])[] = [
  ["Văn", 36],
  ["Đức", 8],
  ["Minh", 8],
  ["Quốc", 5],
  ["Hữu", 5],
  ["Công", 4],
  ["Thanh", 4],
  ["Xuân", 4],
  ["Ngọc", 3],
  ["Mạnh", 3],
  ["Trung", 2],
  ["Tiến", 2],
  ["Anh", 2],
  ["Duy", 2],
  ["Hoàng", 2],
];
const femaleMiddleNames: readonly (readonly [string, number])[] = [
  ["Thị", 42],
  ["Ngọc", 6],
  ["Thu", 6],
  ["Thanh", 5],
  ["Minh", 4],
  ["Phương", 4],
  ["Thùy", 3],
  ["Hồng", 4],
  ["Kim", 3],
  ["Bích", 2],
  ["Hải", 2],
  ["Thị Thu", 3],
  ["Thị Hồng", 2],
  ["Thị Minh", 2],
  ["Diệu", 1],
];
const maleGivenNames = [
  "Hùng",
  "Dũng",
  "Tuấn",
  "Nam",
  "Long",
  "Quân",
  "Thắng",
  "Cường",
  "Hải",
  "Sơn",
  "Trung",
  "Hiếu",
  "Đức",
  "Phong",
  "Khánh",
  "Thành",
  "Bình",
  "Huy",
  "Kiên",
  "Toàn",
  "Tùng",
  "Việt",
  "Anh",
  "Duy",
  "Thái",
  "Tiến",
  "Hưng",
  "Lâm",
  "Lợi",
  "Mạnh",
  "Quang",
  "Tâm",
  "Vinh",
  "Hòa",
  "Thụy",
  "Khoa",
  "Đạt",
  "Hậu",
  "Chiến",
  "Tú",
  "Thuận",
  "Trường",
  "Nghĩa",
  "Phúc",
] as const;
const femaleGivenNames = [
  "Lan",
  "Hương",
  "Hoa",
  "Mai",
  "Hằng",
  "Thảo",
  "Trang",
  "Linh",
  "Nhung",
  "Yến",
  "Hạnh",
  "Hà",
  "Huyền",
  "Thủy",
  "Hòa",
  "Loan",
  "Phương",
  "Vân",
  "Nga",
  "Quỳnh",
  "Oanh",
  "Thúy",
  "Uyên",
  "Giang",
  "Duyên",
  "Ngân",
  "Liên",
  "Dung",
  "Thơm",
  "Nhàn",
  "Thu",
  "Hiền",
  "Ngọc",
  "Anh",
  "Châm",
  "Xoan",
  "Thủy",
  "Hòa",
] as const;
const hmongMaleGivenNames = ["Páo", "Chứ", "Dình", "Sính", "Lử", "Chớ", "Mua"] as const;
const hmongFemaleGivenNames = ["Mỷ", "Dợ", "Pà", "Sua", "Ly", "Chá"] as const;

/**
 * Vowel pairs whose tone mark sits on the first vowel in the "new" placement (Hòa, Thủy) and on the
 * second in the "old" one (Hoà, Thuỷ), when they end the syllable. Both are in everyday use.
 */
const oldTonePlacement: Record<string, string> = {
  òa: "oà",
  óa: "oá",
  ỏa: "oả",
  õa: "oã",
  ọa: "oạ",
  òe: "oè",
  óe: "oé",
  ỏe: "oẻ",
  õe: "oẽ",
  ọe: "oẹ",
  ùy: "uỳ",
  úy: "uý",
  ủy: "uỷ",
  ũy: "uỹ",
  ụy: "uỵ",
};
const newPlacementAtSyllableEnd = new RegExp(`(${Object.keys(oldTonePlacement).join("|")})(?=\\s|$)`, "gu");

/** Rewrites a name from the new tone placement to the old one (Thủy → Thuỷ). */
function withOldTonePlacement(name: string): string {
  return name.replace(newPlacementAtSyllableEnd, (pair) => oldTonePlacement[pair] ?? pair);
}

interface InventedName {
  fullName: string;
  /** The parts used to build an e-mail address: given name first, then family and middle names. */
  emailParts: [string, string];
}

function inventName(random: Random, female: boolean): InventedName {
  const family = random.weighted(familyNames);
  let middle: string;
  let given: string;
  if (hmongFamilies.has(family)) {
    middle = female ? "Thị" : random.pick(["Seo", "Mí", "A", "Văn"]);
    given = random.pick(female ? hmongFemaleGivenNames : hmongMaleGivenNames);
  } else {
    // "Hoàng Hoàng Hùng" or "Nguyễn Mạnh Mạnh" are possible but look like typos in a demo.
    do {
      middle = random.weighted(female ? femaleMiddleNames : maleMiddleNames);
      given = random.pick(female ? femaleGivenNames : maleGivenNames);
    } while (middle.split(" ").some((word) => word === family || word === given));
  }
  // About a third of people write their names with the old tone placement (Hoà, Thuỷ).
  const oldStyle = random.chance(0.35);
  const styled = (part: string) => (oldStyle ? withOldTonePlacement(part) : part);
  return {
    fullName: [family, middle, given].map(styled).join(" ").normalize("NFC"),
    emailParts: [given, `${family}${middle}`],
  };
}

/** ASCII, lower case, letters and digits only: "Nguyễn Thị" → "nguyenthi". */
function emailLabel(text: string): string {
  return foldForSearch(text).replace(/[^a-z0-9]/g, "");
}

/** Mobile prefixes of the Vietnamese networks (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile). */
const mobilePrefixes = [
  "032",
  "033",
  "034",
  "035",
  "036",
  "037",
  "038",
  "039",
  "086",
  "096",
  "097",
  "098",
  "081",
  "082",
  "083",
  "084",
  "085",
  "088",
  "091",
  "094",
  "070",
  "076",
  "077",
  "078",
  "079",
  "089",
  "090",
  "093",
  "052",
  "056",
  "058",
  "092",
  "059",
  "099",
] as const;

// ---------------------------------------------------------------------------------------------
// Official channels

type DemoChannel = Pick<RegisterChannelOptions, "platform" | "url" | "displayName" | "followerCount">;

/*
 * Invented addresses: websites on the reserved .example domain, social handles ending in "demo",
 * so a demo install never vouches for a real page as "official".
 */
const provinceChannels: DemoChannel[] = [
  {
    platform: "website",
    url: "https://tuyenquang.caunoi.example/",
    displayName: "Cổng thông tin điện tử tỉnh Tuyên Quang",
  },
  {
    platform: "facebook_page",
    url: "https://www.facebook.com/tuyenquang.thongtin.demo",
    displayName: "Thông tin Tuyên Quang",
    followerCount: 33_000,
  },
];
const policeChannels: DemoChannel[] = [
  {
    platform: "facebook_page",
    url: "https://www.facebook.com/congantinh.tuyenquang.demo",
    displayName: "Công an tỉnh Tuyên Quang",
    followerCount: 27_400,
  },
  {
    platform: "youtube",
    url: "https://www.youtube.com/@congantuyenquang-demo",
    displayName: "Công an Tuyên Quang",
  },
];
const youthChannels: DemoChannel[] = [
  {
    platform: "facebook_page",
    url: "https://www.facebook.com/tuoitre.tuyenquang.demo",
    displayName: "Tuổi trẻ Tuyên Quang",
    followerCount: 12_800,
  },
  {
    platform: "tiktok",
    url: "https://www.tiktok.com/@tuoitretuyenquang.demo",
    displayName: "Tuổi trẻ Tuyên Quang",
  },
];
const newsroomChannels: DemoChannel[] = [
  {
    platform: "youtube",
    url: "https://www.youtube.com/@ptth-tuyenquang-demo",
    displayName: "Truyền hình Tuyên Quang",
  },
];
const tanTraoChannels: DemoChannel[] = [
  {
    platform: "facebook_page",
    url: "https://www.facebook.com/xatantrao.demo",
    displayName: "Xã Tân Trào",
    followerCount: 4_700,
  },
];

// ---------------------------------------------------------------------------------------------
// The organisation

/** One kind of post in a unit, held by `count` people, each with the listed roles besides "member". */
interface Post {
  position: string;
  count: number;
  roles: [Role, string][];
  /** Probability that a holder is a woman; defaults to the unit's. */
  female?: number;
  /** A named demo account holds this post (count is then 1). */
  account?: DemoAccount;
}

interface Staffing {
  unit: UnitRow;
  female: number;
  posts: Post[];
}

function post(position: string, count: number, ...roles: [Role, string][]): Post {
  return { position, count, roles };
}

function accountPost(account: DemoAccount, position: string, ...roles: [Role, string][]): Post {
  return { position, count: 1, roles, account };
}

/** Village names for communes (thôn, bản); each is used once across the demo. */
const villageNames = [
  "Tân Lập",
  "Thia",
  "Mỏ Ché",
  "Làng Ngòi",
  "Nà Mụ",
  "Khuôn Ráng",
  "Đồng Đài",
  "Bản Khoai",
  "Vĩnh Tân",
  "Hợp Long",
  "Đồng Mán",
  "Thác Cái",
  "Cầu Trâm",
  "Pắc Cáp",
  "Nà Cọn",
  "Khau Tinh",
  "Bản Chợ",
  "Lũng Cẩm",
  "Đồng Tâm",
  "Tân Thành",
  "Nà Khà",
  "Bản Tát",
  "Phiêng Thốc",
  "Khuổi Phầy",
  "Đồng Bốc",
  "Làng Chùa",
  "Xuân Lộc",
  "Hồng Thái",
  "Nà Héc",
  "Pác Bó",
];

/** What a commune-level unit is called in its own name: "xã Tân Trào", "phường Minh Xuân". */
function communeLabel(areaName: string): { prefix: "xã" | "phường"; bare: string } {
  const ward = areaName.startsWith("Phường ");
  return { prefix: ward ? "phường" : "xã", bare: areaName.replace(/^(Phường|Xã) /, "") };
}

function codeLabel(text: string): string {
  return foldForSearch(text)
    .replace(/[^a-z0-9]/g, "")
    .toUpperCase();
}

/**
 * Creates the demo province with its sub-units and people in one transaction, so a failure leaves
 * nothing half-made and the next start tries again. Refused when the database already has units.
 */
export async function seedDemoOrganisation(
  db: Db,
  env: NodeJS.ProcessEnv = process.env,
): Promise<DemoSeedResult> {
  const demoPassword = env.CAUNOI_DEMO_PASSWORD || generatePassword();
  if (demoPassword.length < MIN_PASSWORD_LENGTH) {
    throw errors.badRequest(
      "demo.password_too_short",
      `CAUNOI_DEMO_PASSWORD phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự.`,
      `CAUNOI_DEMO_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters long.`,
    );
  }
  // Units point at their administrative area, which must be loaded first (main.ts has done it already).
  await ensureAdminAreas(db);
  const dataset = await readAdminAreaDataset();
  const province = dataset.provinces.find(([code]) => code === PROVINCE_AREA_CODE);
  const communeAreas = COMMUNE_AREA_CODES.map((code) => {
    const area = dataset.communes.find(
      ([areaCode, , provinceCode]) => areaCode === code && provinceCode === PROVINCE_AREA_CODE,
    );
    if (!area) {
      throw new Error(`commune ${code} is missing from the admin-area dataset`);
    }
    return { code, name: area[1] };
  });
  if (!province) {
    throw new Error(`province ${PROVINCE_AREA_CODE} is missing from the admin-area dataset`);
  }
  const provinceName = province[1];
  const random = createRandom(SEED);

  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: units.id }).from(units).limit(1);
    if (existing) {
      throw errors.conflict(
        "demo.not_empty",
        "Cơ sở dữ liệu đã có đơn vị; dữ liệu mẫu chỉ được tạo trên cơ sở dữ liệu trống.",
        "The database already has units; demo data is only created in an empty database.",
      );
    }
    // The transaction is a database handle for the services: their own transactions become savepoints.
    const ctx: ActionContext = { db: tx, actor: null, ip: null };
    const staffing: Staffing[] = [];
    const addUnit = (
      parent: UnitRow | null,
      code: string,
      name: string,
      kind: UnitKind,
      adminAreaCode: string | null = null,
    ) => createUnit(ctx, { name, kind, parentId: parent?.id ?? null, code, adminAreaCode });
    /** Records who works in `unit`; `female` is the share of women among them. */
    const staff = (unit: UnitRow, female: number, ...posts: Post[]) => {
      staffing.push({ unit, female, posts });
    };
    const [editor, communeAdmin, checker, member, reviewer] = demoAccounts;
    if (!editor || !communeAdmin || !checker || !member || !reviewer) {
      throw new Error("demo accounts are missing");
    }

    // Province level.
    const root = await addUnit(null, "TQ", `Tỉnh ${provinceName}`, "province", PROVINCE_AREA_CODE);
    const r = root.id;
    staff(
      root,
      0.4,
      post("Chủ tịch Ủy ban nhân dân tỉnh", 1, ["approver", r]),
      post("Phó Chủ tịch Ủy ban nhân dân tỉnh", 2),
      post("Chuyên viên Văn phòng Ủy ban nhân dân tỉnh", 2),
    );

    const partyCommittee = await addUnit(root, "TQ-TU", `Tỉnh ủy ${provinceName}`, "party_committee");
    staff(
      partyCommittee,
      0.3,
      post("Bí thư Tỉnh ủy", 1, ["approver", r]),
      post("Phó Bí thư Thường trực Tỉnh ủy", 1, ["approver", r]),
      post("Phó Bí thư Tỉnh ủy", 1),
      post("Ủy viên Ban Thường vụ Tỉnh ủy", 2),
    );
    staff(
      await addUnit(partyCommittee, "TQ-TU-BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "agency"),
      0.55,
      post("Trưởng ban", 1, ["approver", r]),
      post("Phó Trưởng ban", 1, ["approver", r]),
      post("Phó Trưởng ban", 1, ["approver", r], ["duty_officer", r]),
      post("Trưởng phòng Tuyên truyền, Báo chí - Xuất bản", 1, ["editor", r], ["approver", r]),
      accountPost(editor, "Chuyên viên Phòng Tuyên truyền", ["editor", r], ["duty_officer", r]),
      post("Chuyên viên", 3, ["editor", r], ["duty_officer", r]),
      post("Chuyên viên", 3, ["editor", r]),
    );
    staff(
      await addUnit(partyCommittee, "TQ-TU-VP", "Văn phòng Tỉnh ủy", "agency"),
      0.5,
      post("Chánh Văn phòng", 1),
      post("Phó Chánh Văn phòng", 1),
      post("Chuyên viên Công nghệ thông tin", 1, ["administrator", r]),
      post("Chuyên viên", 2),
    );
    staff(
      await addUnit(partyCommittee, "TQ-TU-BTC", "Ban Tổ chức Tỉnh ủy", "agency"),
      0.45,
      post("Trưởng ban", 1),
      accountPost(reviewer, "Phó Trưởng ban", ["declaration_reviewer", r]),
      post("Chuyên viên", 2),
    );

    const steering = await addUnit(root, "TQ-BCD35", "Ban Chỉ đạo 35 Tỉnh ủy", "agency");
    staff(
      steering,
      0.3,
      post("Phó Trưởng ban Thường trực", 1, ["approver", steering.id]),
      post("Thành viên Ban Chỉ đạo", 3),
    );
    staff(
      await addUnit(steering, "TQ-BCD35-TGV", "Tổ giúp việc Ban Chỉ đạo 35", "agency"),
      0.4,
      post("Tổ trưởng Tổ giúp việc", 1, ["checker", r], ["approver", steering.id]),
      accountPost(checker, "Thành viên Tổ xử lý thông tin", ["checker", r]),
      post("Thành viên Tổ giúp việc", 4, ["checker", r]),
    );

    const police = await addUnit(root, "TQ-CA", `Công an tỉnh ${provinceName}`, "agency");
    staff(
      police,
      0.15,
      post("Giám đốc Công an tỉnh", 1),
      post("Phó Giám đốc Công an tỉnh", 1, ["approver", police.id]),
      post("Phó Giám đốc Công an tỉnh", 1),
    );
    staff(
      await addUnit(police, "TQ-CA-PTM", "Phòng Tham mưu Công an tỉnh", "agency"),
      0.3,
      post("Trưởng phòng", 1, ["approver", police.id]),
      post("Phó Trưởng phòng", 1),
      post("Cán bộ", 2, ["editor", police.id], ["duty_officer", police.id]),
      post("Cán bộ", 2),
    );
    staff(
      await addUnit(
        police,
        "TQ-CA-ANM",
        "Phòng An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao",
        "agency",
      ),
      0.2,
      post("Trưởng phòng", 1),
      post("Phó Trưởng phòng", 1, ["checker", r]),
      post("Cán bộ", 4, ["checker", r]),
    );
    staff(
      await addUnit(police, "TQ-CA-ANCT", "Phòng An ninh chính trị nội bộ", "agency"),
      0.15,
      post("Trưởng phòng", 1),
      post("Cán bộ", 3),
    );
    staff(
      await addUnit(police, "TQ-CA-XDPT", "Phòng Xây dựng phong trào bảo vệ an ninh Tổ quốc", "agency"),
      0.25,
      post("Trưởng phòng", 1),
      post("Cán bộ", 3),
    );

    const military = await addUnit(root, "TQ-QS", `Bộ Chỉ huy Quân sự tỉnh ${provinceName}`, "agency");
    staff(military, 0.05, post("Chỉ huy trưởng", 1), post("Chính ủy", 1), post("Phó Chỉ huy trưởng", 1));
    staff(
      await addUnit(military, "TQ-QS-PCT", "Phòng Chính trị Bộ Chỉ huy Quân sự tỉnh", "agency"),
      0.1,
      post("Chủ nhiệm Chính trị", 1, ["approver", military.id]),
      post("Phó Chủ nhiệm Chính trị", 1),
      post("Trợ lý Tuyên huấn", 2, ["editor", military.id]),
    );
    staff(
      await addUnit(military, "TQ-QS-PTM", "Phòng Tham mưu Bộ Chỉ huy Quân sự tỉnh", "agency"),
      0.05,
      post("Tham mưu trưởng", 1),
      post("Trợ lý", 3),
    );

    const youth = await addUnit(root, "TQ-TD", `Tỉnh đoàn ${provinceName}`, "union_branch");
    staff(
      youth,
      0.5,
      post("Bí thư Tỉnh đoàn", 1, ["approver", youth.id], ["jury", youth.id]),
      post("Phó Bí thư Tỉnh đoàn", 2, ["jury", youth.id]),
      post("Chuyên viên Ban Tuyên giáo", 2, ["editor", youth.id], ["jury", youth.id]),
      post("Chuyên viên Ban Tuyên giáo", 1, ["editor", youth.id], ["duty_officer", youth.id]),
      post("Chuyên viên Văn phòng", 1, ["administrator", youth.id]),
    );
    for (const [code, name, female] of [
      ["TQ-TD-CA", "Đoàn Thanh niên Công an tỉnh", 0.25],
      ["TQ-TD-DHTT", "Đoàn Trường Đại học Tân Trào", 0.55],
      ["TQ-TD-CQD", "Đoàn Thanh niên các cơ quan Đảng tỉnh", 0.55],
      ["TQ-TD-BVDK", "Đoàn Thanh niên Bệnh viện Đa khoa tỉnh", 0.6],
    ] as const) {
      staff(
        await addUnit(youth, code, name, "union_branch"),
        female,
        post("Bí thư Đoàn", 1),
        post("Phó Bí thư Đoàn", 1),
        post("Đoàn viên", random.int(3, 4)),
      );
    }

    const women = await addUnit(root, "TQ-HPN", `Hội Liên hiệp Phụ nữ tỉnh ${provinceName}`, "union_branch");
    staff(
      women,
      1,
      post("Chủ tịch Hội", 1, ["approver", women.id]),
      post("Phó Chủ tịch Hội", 2),
      post("Chuyên viên", 3, ["editor", women.id]),
    );
    staff(
      await addUnit(root, "TQ-CCB", `Hội Cựu chiến binh tỉnh ${provinceName}`, "union_branch"),
      0.1,
      post("Chủ tịch Hội", 1),
      post("Phó Chủ tịch Hội", 1),
      post("Chuyên viên", 2),
    );
    const newsroom = await addUnit(
      root,
      "TQ-BPTTH",
      `Báo và Phát thanh, Truyền hình ${provinceName}`,
      "agency",
    );
    staff(
      newsroom,
      0.5,
      post("Tổng Biên tập", 1, ["approver", newsroom.id]),
      post("Phó Tổng Biên tập", 2, ["approver", newsroom.id]),
      post("Biên tập viên", 3, ["editor", newsroom.id]),
      post("Phóng viên", 5, ["editor", newsroom.id]),
    );

    const channelOwners: { unit: UnitRow; channels: DemoChannel[] }[] = [
      { unit: root, channels: provinceChannels },
      { unit: police, channels: policeChannels },
      { unit: youth, channels: youthChannels },
      { unit: newsroom, channels: newsroomChannels },
    ];

    // Communes and wards, each with its Party Committee, cells, youth and women's branches and police post.
    const villages = [...villageNames];
    for (const area of communeAreas) {
      const { prefix, bare } = communeLabel(area.name);
      const code = `TQ-${codeLabel(bare)}`;
      const isTanTrao = area.code === "02545";
      const commune = await addUnit(root, code, area.name, "commune", area.code);
      if (isTanTrao) {
        channelOwners.push({ unit: commune, channels: tanTraoChannels });
      }
      const c = commune.id;
      staff(
        commune,
        0.45,
        post(`Chủ tịch Ủy ban nhân dân ${prefix}`, 1, ["approver", c]),
        post(`Phó Chủ tịch Ủy ban nhân dân ${prefix}`, 1),
        post("Công chức Văn hóa - Xã hội", 1, ["editor", c], ["duty_officer", c]),
        isTanTrao
          ? accountPost(communeAdmin, "Công chức Văn phòng - Thống kê", ["administrator", c])
          : post("Công chức Văn phòng - Thống kê", 1, ["administrator", c]),
      );
      const partyBody = await addUnit(commune, `${code}-DU`, `Đảng ủy ${prefix} ${bare}`, "party_committee");
      staff(
        partyBody,
        0.35,
        post(`Bí thư Đảng ủy ${prefix}`, 1, ["approver", c]),
        post(`Phó Bí thư Thường trực Đảng ủy ${prefix}`, 1),
        post("Chuyên viên Văn phòng Đảng ủy", 1, ["editor", c]),
      );
      // Wards are divided into numbered residential groups, communes into named villages.
      const places = Array.from({ length: random.int(2, 3) }, (_, i) =>
        prefix === "phường" ? `Tổ dân phố ${i * 10 + random.int(1, 9)}` : `thôn ${random.take(villages)}`,
      );
      for (const [i, place] of places.entries()) {
        staff(
          await addUnit(partyBody, `${code}-CB${i + 1}`, `Chi bộ ${place}`, "cell"),
          0.4,
          post("Bí thư Chi bộ", 1),
          post("Đảng viên", random.int(1, 2)),
        );
      }
      const firstPlace = places[0] ?? bare;
      staff(
        await addUnit(commune, `${code}-CD1`, `Chi đoàn ${firstPlace}`, "union_branch"),
        0.5,
        post("Bí thư Chi đoàn", 1),
        post("Phó Bí thư Chi đoàn", 1),
        ...(isTanTrao ? [accountPost(member, "Đoàn viên")] : []),
        post("Đoàn viên", random.int(2, 3)),
      );
      staff(
        await addUnit(commune, `${code}-PN1`, `Chi hội Phụ nữ ${firstPlace}`, "union_branch"),
        1,
        post("Chi hội trưởng", 1),
        post("Hội viên", random.int(1, 2)),
      );
      staff(
        await addUnit(commune, `${code}-CA`, `Công an ${prefix} ${bare}`, "agency"),
        0.15,
        post(`Trưởng Công an ${prefix}`, 1),
        post(`Phó Trưởng Công an ${prefix}`, 1),
        post("Cán bộ", 1, ["duty_officer", c]),
      );
    }

    // The official channels, through the registry's own service so their keys and history are real.
    for (const { unit, channels } of channelOwners) {
      for (const channel of channels) {
        await registerChannel(ctx, { unitId: unit.id, ...channel });
      }
    }

    // People, in batches: the per-row services would take far longer for the same rows.
    const takenEmails = new Set(demoAccounts.map((account) => account.email));
    const takenPhones = new Set<string>();
    const personRows: (typeof people.$inferInsert)[] = [];
    const grantRows: (typeof roleGrants.$inferInsert)[] = [];
    const auditRows: (typeof auditEvents.$inferInsert)[] = [];
    const accountIds: string[] = [];
    const unitById = new Map(staffing.map(({ unit }) => [unit.id, unit]));
    for (const { unit, female, posts } of staffing) {
      for (const { position, count, roles, account, female: postFemale } of posts) {
        for (let i = 0; i < count; i++) {
          let fullName: string;
          let email: string;
          if (account) {
            fullName = account.fullName;
            email = account.email;
          } else {
            const name = inventName(random, random.chance(postFemale ?? female));
            fullName = name.fullName;
            const base = `${emailLabel(name.emailParts[0])}.${emailLabel(name.emailParts[1])}`;
            email = `${base}@${EMAIL_DOMAIN}`;
            for (let n = 2; takenEmails.has(email); n++) {
              email = `${base}.${n}@${EMAIL_DOMAIN}`;
            }
          }
          takenEmails.add(email);
          let phone: string;
          do {
            phone = `${random.pick(mobilePrefixes)}${String(random.int(0, 9_999_999)).padStart(7, "0")}`;
          } while (takenPhones.has(phone));
          takenPhones.add(phone);
          // The same normalisation as createPerson, so demo rows look exactly like entered ones.
          const { value, problems } = cleanPersonFields({ fullName, email, phone, position });
          if (problems.length > 0) {
            throw new Error(
              `invented person ${fullName} is invalid: ${problems.map((p) => p.code).join(", ")}`,
            );
          }
          const id = crypto.randomUUID();
          if (account) {
            accountIds.push(id);
          }
          personRows.push({
            id,
            ...value,
            unitId: unit.id,
            searchKey: foldForSearch(`${value.fullName} ${value.email ?? ""} ${value.phone ?? ""}`),
          });
          auditRows.push({
            action: "person.create",
            unitId: unit.id,
            unitPath: unit.path,
            targetType: "person",
            targetId: id,
            details: { seed: "demo" },
          });
          for (const [role, unitId] of [["member", unit.id] as [Role, string], ...roles]) {
            const on = unitById.get(unitId);
            if (!on) {
              throw new Error(`role ${role} granted on an unknown unit`);
            }
            grantRows.push({ personId: id, unitId, role });
            auditRows.push({
              action: "role.grant",
              unitId,
              unitPath: on.path,
              targetType: "person",
              targetId: id,
              details: { role, seed: "demo" },
            });
          }
        }
      }
    }
    for (let i = 0; i < personRows.length; i += 500) {
      await tx.insert(people).values(personRows.slice(i, i + 500));
    }
    for (let i = 0; i < grantRows.length; i += 500) {
      await tx.insert(roleGrants).values(grantRows.slice(i, i + 500));
    }
    for (let i = 0; i < auditRows.length; i += 500) {
      await tx.insert(auditEvents).values(auditRows.slice(i, i + 500));
    }
    for (const personId of accountIds) {
      await setPassword(tx, personId, demoPassword);
    }
    return { rootUnitId: root.id, demoPassword, units: staffing.length, people: personRows.length };
  });
}
