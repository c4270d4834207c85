import type { VariantTarget } from "./connectors/types.ts";
import { plainText } from "./content.ts";

export interface VariantContent {
  title: string | null;
  body: string;
  linkUrl: string | null;
  media: { kind: "image" | "video" }[];
}

export interface LimitProblem {
  field: "title" | "body" | "media" | "linkUrl";
  code: string;
  vi: string;
  en: string;
}

/**
 * Each platform's own limits, from its documentation (Graph API page posts, Zalo OA articles,
 * YouTube video resources, TikTok captions), checked before a variant may be sent for approval.
 * The portal's limits are ours: a title a search result can show and a body.
 */
const rules: Record<
  VariantTarget,
  {
    name: { vi: string; en: string };
    titleRequired: boolean;
    titleMax: number | null;
    bodyMax: number;
    bodyRequired: boolean;
    images: [number, number];
    videos: [number, number];
    mixMedia: boolean;
    noAngleBrackets?: boolean;
    needsCover?: boolean;
  }
> = {
  portal: {
    name: { vi: "Trang tin", en: "The unit's site" },
    titleRequired: true,
    titleMax: 200,
    bodyMax: 200_000,
    bodyRequired: true,
    images: [0, 50],
    videos: [0, 5],
    mixMedia: true,
  },
  facebook_page: {
    name: { vi: "Facebook", en: "Facebook" },
    titleRequired: false,
    titleMax: null,
    bodyMax: 63_206,
    bodyRequired: false,
    images: [0, 10],
    videos: [0, 1],
    mixMedia: false,
  },
  zalo_oa: {
    name: { vi: "Zalo OA", en: "Zalo OA" },
    titleRequired: true,
    titleMax: 150,
    bodyMax: 100_000,
    bodyRequired: true,
    images: [1, 20],
    videos: [0, 0],
    mixMedia: true,
    needsCover: true,
  },
  youtube: {
    name: { vi: "YouTube", en: "YouTube" },
    titleRequired: true,
    titleMax: 100,
    bodyMax: 5_000,
    bodyRequired: false,
    images: [0, 0],
    videos: [1, 1],
    mixMedia: false,
    noAngleBrackets: true,
  },
  tiktok: {
    name: { vi: "TikTok", en: "TikTok" },
    titleRequired: false,
    titleMax: null,
    bodyMax: 2_200,
    bodyRequired: false,
    images: [0, 0],
    videos: [1, 1],
    mixMedia: false,
  },
};

/** Articles (portal, Zalo) keep their HTML; social networks get plain text, counted as such. */
export function isArticleTarget(target: VariantTarget): boolean {
  return target === "portal" || target === "zalo_oa";
}

/** What stops this variant from being published on its platform; empty when it fits. */
export function checkLimits(target: VariantTarget, content: VariantContent): LimitProblem[] {
  const rule = rules[target];
  const problems: LimitProblem[] = [];
  const title = content.title?.trim() ?? "";
  const text = isArticleTarget(target) ? plainText(content.body) : content.body.trim();
  const images = content.media.filter((item) => item.kind === "image").length;
  const videos = content.media.filter((item) => item.kind === "video").length;

  if (rule.titleRequired && !title) {
    problems.push({
      field: "title",
      code: "limits.title_required",
      vi: `${rule.name.vi} cần tiêu đề.`,
      en: `${rule.name.en} needs a title.`,
    });
  }
  if (rule.titleMax !== null && [...title].length > rule.titleMax) {
    problems.push({
      field: "title",
      code: "limits.title_too_long",
      vi: `Tiêu đề trên ${rule.name.vi} tối đa ${rule.titleMax} ký tự (hiện ${[...title].length}).`,
      en: `${rule.name.en}: a title has at most ${rule.titleMax} characters (now ${[...title].length}).`,
    });
  }
  if (rule.bodyRequired && !text) {
    problems.push({
      field: "body",
      code: "limits.body_required",
      vi: `${rule.name.vi} cần nội dung.`,
      en: `${rule.name.en} needs a body.`,
    });
  }
  if ([...text].length > rule.bodyMax) {
    problems.push({
      field: "body",
      code: "limits.body_too_long",
      vi: `Nội dung trên ${rule.name.vi} tối đa ${rule.bodyMax.toLocaleString("vi-VN")} ký tự (hiện ${[...text].length.toLocaleString("vi-VN")}).`,
      en: `${rule.name.en} allows at most ${rule.bodyMax.toLocaleString("en")} characters (now ${[...text].length.toLocaleString("en")}).`,
    });
  }
  if (rule.noAngleBrackets && /[<>]/.test(`${title}${text}`)) {
    problems.push({
      field: /[<>]/.test(title) ? "title" : "body",
      code: "limits.angle_brackets",
      vi: `${rule.name.vi} không nhận dấu < và > trong tiêu đề và mô tả.`,
      en: `${rule.name.en} does not accept < and > in titles and descriptions.`,
    });
  }
  if (!text && !title && content.media.length === 0 && !content.linkUrl) {
    problems.push({
      field: "body",
      code: "limits.empty",
      vi: "Bài đăng chưa có nội dung.",
      en: "The post has no content yet.",
    });
  }
  if (!rule.mixMedia && images > 0 && videos > 0) {
    problems.push({
      field: "media",
      code: "limits.mixed_media",
      vi: `${rule.name.vi} không cho đăng ảnh và video trong cùng một bài.`,
      en: `${rule.name.en} does not take photos and a video in one post.`,
    });
  }
  const [minImages, maxImages] = rule.images;
  const [minVideos, maxVideos] = rule.videos;
  if (images > maxImages) {
    problems.push({
      field: "media",
      code: "limits.too_many_images",
      vi:
        maxImages === 0
          ? `${rule.name.vi} không đăng ảnh trong loại bài này.`
          : `${rule.name.vi} nhận tối đa ${maxImages} ảnh (hiện ${images}).`,
      en:
        maxImages === 0
          ? `${rule.name.en} takes no photos in this kind of post.`
          : `${rule.name.en} takes at most ${maxImages} photos (now ${images}).`,
    });
  }
  if (images < minImages) {
    problems.push({
      field: "media",
      code: rule.needsCover ? "limits.cover_required" : "limits.image_required",
      vi: rule.needsCover
        ? `${rule.name.vi} cần một ảnh bìa.`
        : `${rule.name.vi} cần ít nhất ${minImages} ảnh.`,
      en: rule.needsCover
        ? `${rule.name.en} needs a cover photo.`
        : `${rule.name.en} needs at least ${minImages} photo(s).`,
    });
  }
  if (videos > maxVideos) {
    problems.push({
      field: "media",
      code: "limits.too_many_videos",
      vi:
        maxVideos === 0
          ? `${rule.name.vi} không đăng video trong loại bài này.`
          : `${rule.name.vi} nhận tối đa ${maxVideos} video.`,
      en:
        maxVideos === 0
          ? `${rule.name.en} takes no video in this kind of post.`
          : `${rule.name.en} takes at most ${maxVideos} video(s).`,
    });
  }
  if (videos < minVideos) {
    problems.push({
      field: "media",
      code: "limits.video_required",
      vi: `${rule.name.vi} cần đúng một video.`,
      en: `${rule.name.en} needs exactly one video.`,
    });
  }
  return problems;
}
