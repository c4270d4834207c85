import { defineErrors } from "../../platform/errors.ts";

/** "500 MB", "0,3 MB": megabytes with at most one decimal, in the reader's notation. */
const megabytes = (bytes: number, locale: "vi-VN" | "en-US") =>
  `${(bytes / (1024 * 1024)).toLocaleString(locale, { maximumFractionDigits: 1 })} MB`;

/** What an upload is known to be when it is refused for its size: before the first bytes, only a file. */
const uploadNouns = {
  file: { vi: "Tệp", en: "The file" },
  image: { vi: "Ảnh", en: "The image" },
  video: { vi: "Video", en: "The video" },
} as const;

interface TooLarge {
  kind: keyof typeof uploadNouns;
  maxBytes: number;
}

interface ImageSize {
  width: number;
  height: number;
}

/** The media library's failures (uploads, images, deletion, use in posts), each defined once and thrown by name. */
export const mediaErrors = defineErrors({
  bodyRequired: {
    status: 400,
    code: "media.body_required",
    vi: "Vui lòng gửi nội dung tệp với kiểu application/octet-stream.",
    en: "Send the file's content as application/octet-stream.",
  },
  empty: {
    status: 400,
    code: "media.empty",
    vi: "Tệp rỗng.",
    en: "The file is empty.",
  },
  tooLarge: {
    status: 413,
    code: "media.too_large",
    vi: ({ kind, maxBytes }: TooLarge) =>
      `${uploadNouns[kind].vi} quá lớn: tối đa ${megabytes(maxBytes, "vi-VN")}.`,
    en: ({ kind, maxBytes }: TooLarge) =>
      `${uploadNouns[kind].en} is too large: at most ${megabytes(maxBytes, "en-US")}.`,
  },
  typeUnsupported: {
    status: 415,
    code: "media.type_unsupported",
    vi: "Tệp này không phải ảnh hay video được hỗ trợ. Chỉ nhận ảnh JPEG, PNG, WebP, GIF, AVIF và video MP4, WebM.",
    en: "This file is not a supported image or video. Accepted: JPEG, PNG, WebP, GIF and AVIF images, MP4 and WebM videos.",
  },
  heicUnsupported: {
    status: 415,
    code: "media.heic_unsupported",
    vi: "Ảnh HEIC (iPhone) chưa được hỗ trợ. Vui lòng chọn ảnh JPEG: trên iPhone, Cài đặt › Camera › Định dạng › Tương thích nhất.",
    en: "HEIC photos (iPhone) are not supported yet. Choose a JPEG instead: on an iPhone, Settings › Camera › Formats › Most Compatible.",
  },
  quotaExceeded: {
    status: 429,
    code: "media.quota_exceeded",
    vi: ({ usedBytes, quotaBytes }: { usedBytes: number; quotaBytes: number }) =>
      `Bạn đã tải lên ${megabytes(usedBytes, "vi-VN")} trong 24 giờ qua; mỗi người được tải lên tối đa ${megabytes(quotaBytes, "vi-VN")} trong 24 giờ. Vui lòng thử lại sau.`,
    en: ({ usedBytes, quotaBytes }: { usedBytes: number; quotaBytes: number }) =>
      `You uploaded ${megabytes(usedBytes, "en-US")} in the last 24 hours; each person may upload at most ${megabytes(quotaBytes, "en-US")} in 24 hours. Please try again later.`,
  },
  altTextRequired: {
    status: 400,
    code: "media.alt_text_required",
    vi: "Vui lòng nhập mô tả ảnh (văn bản thay thế): người khiếm thị và người tắt hiển thị ảnh sẽ nghe hoặc đọc mô tả này.",
    en: "Describe the image (alt text): blind readers and people with images turned off hear or read this description.",
  },
  altTextTooShort: {
    status: 400,
    code: "media.alt_text_too_short",
    vi: ({ min }: { min: number }) => `Mô tả ảnh quá ngắn: cần ít nhất ${min} ký tự, nói rõ ảnh có gì.`,
    en: ({ min }: { min: number }) =>
      `The alt text is too short: at least ${min} characters saying what the picture shows.`,
  },
  altTextTooLong: {
    status: 400,
    code: "media.alt_text_too_long",
    vi: ({ max }: { max: number }) => `Mô tả ảnh quá dài: tối đa ${max} ký tự.`,
    en: ({ max }: { max: number }) => `The alt text is too long: at most ${max} characters.`,
  },
  imageUnreadable: {
    status: 400,
    code: "media.image_unreadable",
    vi: "Không đọc được ảnh này (tệp hỏng hoặc không đầy đủ).",
    en: "This image cannot be read (the file is damaged or incomplete).",
  },
  tooManyPixels: {
    status: 400,
    code: "media.too_many_pixels",
    vi: ({ width, height, maxPixels }: ImageSize & { maxPixels: number }) =>
      `Ảnh quá lớn: ${width}×${height} điểm ảnh, tối đa ${maxPixels / 1_000_000} triệu điểm ảnh.`,
    en: ({ width, height, maxPixels }: ImageSize & { maxPixels: number }) =>
      `The image is too large: ${width}×${height} pixels, at most ${maxPixels / 1_000_000} megapixels.`,
  },
  imageShape: {
    status: 400,
    code: "media.image_shape",
    vi: ({
      width,
      height,
      maxEdge,
      maxAspectRatio,
    }: ImageSize & { maxEdge: number; maxAspectRatio: number }) =>
      `Kích thước ảnh không phù hợp: ${width}×${height} điểm ảnh. Vui lòng chọn ảnh có mỗi cạnh không quá ${maxEdge.toLocaleString("vi-VN")} điểm ảnh và cạnh dài không quá ${maxAspectRatio} lần cạnh ngắn.`,
    en: ({
      width,
      height,
      maxEdge,
      maxAspectRatio,
    }: ImageSize & { maxEdge: number; maxAspectRatio: number }) =>
      `The image's dimensions are not accepted: ${width}×${height} pixels. Choose an image with no edge over ${maxEdge.toLocaleString("en-US")} pixels and a long edge at most ${maxAspectRatio} times the short one.`,
  },
  published: {
    status: 409,
    code: "media.published",
    vi: "Không thể xóa: tệp này đã được dùng trong một bài đã đăng.",
    en: "This cannot be deleted: it was used in a published post.",
  },
  unavailable: {
    status: 409,
    code: "media.unavailable",
    vi: "Một số ảnh/video của bài đã bị xóa khỏi thư viện.",
    en: "Some images or videos of the post were deleted from the library.",
  },
});
