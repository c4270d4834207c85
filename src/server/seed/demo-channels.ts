import type { RegisterChannelOptions } from "../modules/channels/index.ts";
import { EMAIL_DOMAIN } from "./demo-accounts.ts";

export type DemoChannel = Pick<RegisterChannelOptions, "platform" | "url" | "displayName" | "followerCount">;

/*
 * Invented addresses: websites on the reserved .example domain, social handles ending in "demo",
 * so a demo install never vouches for a real page as "official".
 */
export const provinceChannels: DemoChannel[] = [
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
export const policeChannels: DemoChannel[] = [
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
export const youthChannels: DemoChannel[] = [
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
export const newsroomChannels: DemoChannel[] = [
  {
    platform: "youtube",
    url: "https://www.youtube.com/@ptth-tuyenquang-demo",
    displayName: "Truyền hình Tuyên Quang",
  },
];
export const tanTraoChannels: DemoChannel[] = [
  {
    platform: "website",
    url: "https://tantrao.caunoi.example/",
    displayName: "Trang tin xã Tân Trào",
  },
  {
    platform: "facebook_page",
    url: "https://www.facebook.com/xatantrao.demo",
    displayName: "Xã Tân Trào",
    followerCount: 4_700,
  },
];

/*
 * What the portals of the province and of Tân Trào show in their footers: invented like the rest
 * (e-mails on the demo's .example domain, no street number, people who do not exist).
 */
export const provinceContact = {
  contactAddress: "Trụ sở Ủy ban nhân dân tỉnh, phường Minh Xuân, tỉnh Tuyên Quang",
  contactPhone: "0207 3999 000",
  contactEmail: `vanphong@${EMAIL_DOMAIN}`,
  contentResponsible: "Nguyễn Minh Đức – Chánh Văn phòng Ủy ban nhân dân tỉnh",
};
export const tanTraoContact = {
  contactAddress: "Trụ sở Ủy ban nhân dân xã Tân Trào, tỉnh Tuyên Quang",
  contactPhone: "0207 3999 120",
  contactEmail: `xatantrao@${EMAIL_DOMAIN}`,
  contentResponsible: "Ma Văn Thành – Phó Chủ tịch Ủy ban nhân dân xã",
};
