import { foldForSearch } from "../../shared/vietnamese-text.ts";
import type { UnitKind } from "../modules/org/index.ts";
import type { Role } from "../platform/actor.ts";
import { type DemoAccount, demoAccounts, PROVINCE_AREA_CODE, TAN_TRAO_AREA_CODE } from "./demo-accounts.ts";
import {
  type DemoChannel,
  newsroomChannels,
  policeChannels,
  provinceChannels,
  provinceContact,
  tanTraoChannels,
  tanTraoContact,
  youthChannels,
} from "./demo-channels.ts";
import { villageNames } from "./demo-names.ts";
import type { Random } from "./demo-people.ts";

/*
 * The demo province as data: its units, parents before children, each with the posts its people hold
 * and the roles that come with them. Roles name the unit they are held on by its code.
 */

/** One kind of post in a unit, held by `count` people, each with the listed roles besides "member". */
export interface Post {
  position: string;
  count: number;
  roles: [Role, string][];
  /** Probability that a holder is a woman; defaults to the unit's. */
  female?: number;
  /** A named demo account holds this post (count is then 1). */
  account?: DemoAccount;
}

export interface PlannedUnit {
  code: string;
  name: string;
  kind: UnitKind;
  adminAreaCode?: string;
  /** The share of women among the unit's people. */
  female: number;
  posts: Post[];
  channels?: readonly DemoChannel[];
  /** What the unit's portal shows in its footer (units with a website only). */
  contact?: DemoContact;
  children: PlannedUnit[];
}

export interface DemoContact {
  contactAddress: string;
  contactPhone: string;
  contactEmail: string;
  contentResponsible: string;
}

function post(position: string, count: number, ...roles: [Role, string][]): Post {
  return { position, count, roles };
}

function accountPost(account: DemoAccount, position: string, ...roles: [Role, string][]): Post {
  return { position, count: 1, roles, account };
}

function unit(
  code: string,
  name: string,
  kind: UnitKind,
  female: number,
  posts: Post[],
  children: PlannedUnit[] = [],
): PlannedUnit {
  return { code, name, kind, female, posts, children };
}

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

function namedAccounts() {
  const [editor, communeAdmin, checker, member, reviewer, approver] = demoAccounts;
  if (!editor || !communeAdmin || !checker || !member || !reviewer || !approver) {
    throw new Error("demo accounts are missing");
  }
  return { editor, communeAdmin, checker, member, reviewer, approver };
}

/**
 * The demo province. `random` draws the sizes of some units and the villages' names; the draws
 * happen in the order of the units, so the plan (and the people invented after it) is the same on
 * every install.
 */
export function planDemoProvince(
  random: Random,
  provinceName: string,
  communeAreas: readonly { code: string; name: string }[],
): PlannedUnit {
  const { editor, checker, reviewer, approver } = namedAccounts();
  const r = "TQ";
  const steering = "TQ-BCD35";
  const police = "TQ-CA";
  const military = "TQ-QS";
  const youth = "TQ-TD";
  const women = "TQ-HPN";
  const newsroom = "TQ-BPTTH";
  const province: PlannedUnit = {
    ...unit(r, `Tỉnh ${provinceName}`, "province", 0.4, [
      post("Chủ tịch Ủy ban nhân dân tỉnh", 1, ["approver", r]),
      post("Phó Chủ tịch Ủy ban nhân dân tỉnh", 2),
      post("Chuyên viên Văn phòng Ủy ban nhân dân tỉnh", 2),
    ]),
    adminAreaCode: PROVINCE_AREA_CODE,
    channels: provinceChannels,
    contact: provinceContact,
  };
  const partyCommittee = unit(
    "TQ-TU",
    `Tỉnh ủy ${provinceName}`,
    "party_committee",
    0.3,
    [
      post("Bí thư Tỉnh ủy", 1, ["approver", r]),
      post("Phó Bí thư Thường trực Tỉnh ủy", 1, ["approver", r]),
      post("Phó Bí thư Tỉnh ủy", 1),
      post("Ủy viên Ban Thường vụ Tỉnh ủy", 2),
    ],
    [
      unit("TQ-TU-BTGDV", "Ban Tuyên giáo và Dân vận Tỉnh ủy", "agency", 0.55, [
        post("Trưởng ban", 1, ["approver", r]),
        accountPost(approver, "Phó Trưởng ban", ["approver", r]),
        post("Phó Trưởng ban", 1, ["approver", r], ["duty_officer", r]),
        post("Trưởng phòng Tuyên truyền, Báo chí - Xuất bản", 1, ["editor", r], ["approver", r]),
        accountPost(editor, "Chuyên viên Phòng Tuyên truyền", ["editor", r], ["duty_officer", r]),
        post("Chuyên viên", 3, ["editor", r], ["duty_officer", r]),
        post("Chuyên viên", 3, ["editor", r]),
      ]),
      unit("TQ-TU-VP", "Văn phòng Tỉnh ủy", "agency", 0.5, [
        post("Chánh Văn phòng", 1),
        post("Phó Chánh Văn phòng", 1),
        post("Chuyên viên Công nghệ thông tin", 1, ["administrator", r]),
        post("Chuyên viên", 2),
      ]),
      unit("TQ-TU-BTC", "Ban Tổ chức Tỉnh ủy", "agency", 0.45, [
        post("Trưởng ban", 1),
        accountPost(reviewer, "Phó Trưởng ban", ["declaration_reviewer", r]),
        post("Chuyên viên", 2),
      ]),
    ],
  );
  const steeringCommittee = unit(
    steering,
    "Ban Chỉ đạo 35 Tỉnh ủy",
    "agency",
    0.3,
    [post("Phó Trưởng ban Thường trực", 1, ["approver", steering]), post("Thành viên Ban Chỉ đạo", 3)],
    [
      unit("TQ-BCD35-TGV", "Tổ giúp việc Ban Chỉ đạo 35", "agency", 0.4, [
        post("Tổ trưởng Tổ giúp việc", 1, ["checker", r], ["approver", steering]),
        accountPost(checker, "Thành viên Tổ xử lý thông tin", ["checker", r]),
        post("Thành viên Tổ giúp việc", 4, ["checker", r]),
      ]),
    ],
  );
  const provincialPolice: PlannedUnit = {
    ...unit(
      police,
      `Công an tỉnh ${provinceName}`,
      "agency",
      0.15,
      [
        post("Giám đốc Công an tỉnh", 1),
        post("Phó Giám đốc Công an tỉnh", 1, ["approver", police]),
        post("Phó Giám đốc Công an tỉnh", 1),
      ],
      [
        unit("TQ-CA-PTM", "Phòng Tham mưu Công an tỉnh", "agency", 0.3, [
          post("Trưởng phòng", 1, ["approver", police]),
          post("Phó Trưởng phòng", 1),
          post("Cán bộ", 2, ["editor", police], ["duty_officer", police]),
          post("Cán bộ", 2),
        ]),
        unit("TQ-CA-ANM", "Phòng An ninh mạng và phòng chống tội phạm sử dụng công nghệ cao", "agency", 0.2, [
          post("Trưởng phòng", 1),
          post("Phó Trưởng phòng", 1, ["checker", r]),
          post("Cán bộ", 4, ["checker", r]),
        ]),
        unit("TQ-CA-ANCT", "Phòng An ninh chính trị nội bộ", "agency", 0.15, [
          post("Trưởng phòng", 1),
          post("Cán bộ", 3),
        ]),
        unit("TQ-CA-XDPT", "Phòng Xây dựng phong trào bảo vệ an ninh Tổ quốc", "agency", 0.25, [
          post("Trưởng phòng", 1),
          post("Cán bộ", 3),
        ]),
      ],
    ),
    channels: policeChannels,
  };
  const militaryCommand = unit(
    military,
    `Bộ Chỉ huy Quân sự tỉnh ${provinceName}`,
    "agency",
    0.05,
    [post("Chỉ huy trưởng", 1), post("Chính ủy", 1), post("Phó Chỉ huy trưởng", 1)],
    [
      unit("TQ-QS-PCT", "Phòng Chính trị Bộ Chỉ huy Quân sự tỉnh", "agency", 0.1, [
        post("Chủ nhiệm Chính trị", 1, ["approver", military]),
        post("Phó Chủ nhiệm Chính trị", 1),
        post("Trợ lý Tuyên huấn", 2, ["editor", military]),
      ]),
      unit("TQ-QS-PTM", "Phòng Tham mưu Bộ Chỉ huy Quân sự tỉnh", "agency", 0.05, [
        post("Tham mưu trưởng", 1),
        post("Trợ lý", 3),
      ]),
    ],
  );
  const youthUnion: PlannedUnit = {
    ...unit(
      youth,
      `Tỉnh đoàn ${provinceName}`,
      "mass_organisation",
      0.5,
      [
        post("Bí thư Tỉnh đoàn", 1, ["approver", youth], ["jury", youth]),
        post("Phó Bí thư Tỉnh đoàn", 2, ["jury", youth]),
        post("Chuyên viên Ban Tuyên giáo", 2, ["editor", youth], ["jury", youth]),
        post("Chuyên viên Ban Tuyên giáo", 1, ["editor", youth], ["duty_officer", youth]),
        post("Chuyên viên Văn phòng", 1, ["administrator", youth]),
      ],
      (
        [
          ["TQ-TD-CA", "Đoàn Thanh niên Công an tỉnh", 0.25],
          ["TQ-TD-DHTT", "Đoàn Trường Đại học Tân Trào", 0.55],
          ["TQ-TD-CQD", "Đoàn Thanh niên các cơ quan Đảng tỉnh", 0.55],
          ["TQ-TD-BVDK", "Đoàn Thanh niên Bệnh viện Đa khoa tỉnh", 0.6],
        ] as const
      ).map(([code, name, female]) =>
        unit(code, name, "union_branch", female, [
          post("Bí thư Đoàn", 1),
          post("Phó Bí thư Đoàn", 1),
          post("Đoàn viên", random.int(3, 4)),
        ]),
      ),
    ),
    channels: youthChannels,
  };
  const womensUnion = unit(women, `Hội Liên hiệp Phụ nữ tỉnh ${provinceName}`, "mass_organisation", 1, [
    post("Chủ tịch Hội", 1, ["approver", women]),
    post("Phó Chủ tịch Hội", 2),
    post("Chuyên viên", 3, ["editor", women]),
  ]);
  const veterans = unit("TQ-CCB", `Hội Cựu chiến binh tỉnh ${provinceName}`, "mass_organisation", 0.1, [
    post("Chủ tịch Hội", 1),
    post("Phó Chủ tịch Hội", 1),
    post("Chuyên viên", 2),
  ]);
  const newsroomUnit: PlannedUnit = {
    ...unit(newsroom, `Báo và Phát thanh, Truyền hình ${provinceName}`, "agency", 0.5, [
      post("Tổng Biên tập", 1, ["approver", newsroom]),
      post("Phó Tổng Biên tập", 2, ["approver", newsroom]),
      post("Biên tập viên", 3, ["editor", newsroom]),
      post("Phóng viên", 5, ["editor", newsroom]),
    ]),
    channels: newsroomChannels,
  };
  const villages = [...villageNames];
  province.children = [
    partyCommittee,
    steeringCommittee,
    provincialPolice,
    militaryCommand,
    youthUnion,
    womensUnion,
    veterans,
    newsroomUnit,
    ...communeAreas.map((area) => planCommune(random, area, villages)),
  ];
  return province;
}

/**
 * A commune or ward with its Party Committee and cells, youth and women's branches and police post.
 * Wards are divided into numbered residential groups, communes into named villages taken from `villages`.
 */
function planCommune(random: Random, area: { code: string; name: string }, villages: string[]): PlannedUnit {
  const { communeAdmin, member } = namedAccounts();
  const { prefix, bare } = communeLabel(area.name);
  const c = `TQ-${codeLabel(bare)}`;
  const isTanTrao = area.code === TAN_TRAO_AREA_CODE;
  const places = Array.from({ length: random.int(2, 3) }, (_, i) =>
    prefix === "phường" ? `Tổ dân phố ${i * 10 + random.int(1, 9)}` : `thôn ${random.take(villages)}`,
  );
  const firstPlace = places[0] ?? bare;
  const commune = unit(
    c,
    area.name,
    "commune",
    0.45,
    [
      post(`Chủ tịch Ủy ban nhân dân ${prefix}`, 1, ["approver", c]),
      post(`Phó Chủ tịch Ủy ban nhân dân ${prefix}`, 1),
      post("Công chức Văn hóa - Xã hội", 1, ["editor", c], ["duty_officer", c]),
      isTanTrao
        ? accountPost(communeAdmin, "Công chức Văn phòng - Thống kê", ["administrator", c])
        : post("Công chức Văn phòng - Thống kê", 1, ["administrator", c]),
    ],
    [
      unit(
        `${c}-DU`,
        `Đảng ủy ${prefix} ${bare}`,
        "party_committee",
        0.35,
        [
          post(`Bí thư Đảng ủy ${prefix}`, 1, ["approver", c]),
          post(`Phó Bí thư Thường trực Đảng ủy ${prefix}`, 1),
          post("Chuyên viên Văn phòng Đảng ủy", 1, ["editor", c]),
        ],
        places.map((place, i) =>
          unit(`${c}-CB${i + 1}`, `Chi bộ ${place}`, "cell", 0.4, [
            post("Bí thư Chi bộ", 1),
            post("Đảng viên", random.int(1, 2)),
          ]),
        ),
      ),
      unit(`${c}-CD1`, `Chi đoàn ${firstPlace}`, "union_branch", 0.5, [
        post("Bí thư Chi đoàn", 1),
        post("Phó Bí thư Chi đoàn", 1),
        ...(isTanTrao ? [accountPost(member, "Đoàn viên")] : []),
        post("Đoàn viên", random.int(2, 3)),
      ]),
      unit(`${c}-PN1`, `Chi hội Phụ nữ ${firstPlace}`, "union_branch", 1, [
        post("Chi hội trưởng", 1),
        post("Hội viên", random.int(1, 2)),
      ]),
      unit(`${c}-CA`, `Công an ${prefix} ${bare}`, "agency", 0.15, [
        post(`Trưởng Công an ${prefix}`, 1),
        post(`Phó Trưởng Công an ${prefix}`, 1),
        post("Cán bộ", 1, ["duty_officer", c]),
      ]),
    ],
  );
  return {
    ...commune,
    adminAreaCode: area.code,
    ...(isTanTrao ? { channels: tanTraoChannels, contact: tanTraoContact } : {}),
  };
}
