import type { RegisterChannelOptions } from "../modules/channels/index.ts";

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
    platform: "facebook_page",
    url: "https://www.facebook.com/xatantrao.demo",
    displayName: "Xã Tân Trào",
    followerCount: 4_700,
  },
];
