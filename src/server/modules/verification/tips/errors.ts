import { tipLimits } from "../../../../shared/api/verification-tips.ts";
import { defineErrors } from "../../../platform/errors.ts";

const megabytes = tipLimits.imageBytes / 1024 / 1024;

/** The tip intake's failures: what a reporter typed or attached, said so they can put it right. */
export const tipErrors = defineErrors({
  empty: {
    status: 400,
    code: "verification.tip_empty",
    vi: "Vui lòng dán địa chỉ trang hoặc nhập nội dung tin cần xác minh.",
    en: "Please paste the page's address or type the claim to be checked.",
  },
  textTooLong: {
    status: 400,
    code: "verification.tip_text_too_long",
    vi: `Nội dung dài quá ${tipLimits.textChars.toLocaleString("vi-VN")} ký tự. Vui lòng rút gọn hoặc gửi kèm ảnh chụp màn hình.`,
    en: `The text is longer than ${tipLimits.textChars} characters. Please shorten it or attach screenshots.`,
  },
  invalidCharacters: {
    status: 400,
    code: "verification.tip_invalid_characters",
    vi: "Nội dung có ký tự không hợp lệ (NUL). Vui lòng gõ lại hoặc dán lại nội dung.",
    en: "The text contains an invalid character (NUL). Please type or paste it again.",
  },
  urlScheme: {
    status: 400,
    code: "verification.tip_url_scheme",
    vi: "Địa chỉ trang phải bắt đầu bằng http:// hoặc https://. Vui lòng dán địa chỉ trang web hoặc mạng xã hội.",
    en: "The page's address must start with http:// or https://. Please paste the address of a website or social media page.",
  },
  urlInvalid: {
    status: 400,
    code: "verification.tip_url_invalid",
    vi: "Địa chỉ trang không hợp lệ. Vui lòng dán địa chỉ đầy đủ, ví dụ https://www.facebook.com/…",
    en: "The page's address is not valid. Please paste the full address, e.g. https://www.facebook.com/…",
  },
  emailInvalid: {
    status: 400,
    code: "verification.tip_email_invalid",
    vi: "Địa chỉ e-mail không hợp lệ. Vui lòng kiểm tra lại, hoặc để trống nếu không cần nhận kết quả.",
    en: "The e-mail address is not valid. Please check it, or leave it empty if you do not need the outcome.",
  },
  refused: {
    status: 400,
    code: "verification.tip_refused",
    vi: "Không gửi được tin. Vui lòng tải lại trang và thử lại.",
    en: "The tip could not be sent. Please reload the page and try again.",
  },
  tooManyImages: {
    status: 413,
    code: "verification.tip_too_many_images",
    vi: `Mỗi tin gửi kèm tối đa ${tipLimits.images} ảnh. Vui lòng bớt ảnh rồi gửi lại.`,
    en: `A tip may carry at most ${tipLimits.images} images. Please remove some and send again.`,
  },
  imageTooLarge: {
    status: 413,
    code: "verification.tip_image_too_large",
    vi: ({ name }: { name: string }) =>
      `Ảnh “${name}” lớn hơn ${megabytes} MB. Vui lòng chụp lại màn hình hoặc gửi ảnh nhỏ hơn.`,
    en: ({ name }: { name: string }) =>
      `The image “${name}” is larger than ${megabytes} MB. Please send a smaller screenshot.`,
  },
  notAnImage: {
    status: 415,
    code: "verification.tip_not_an_image",
    vi: ({ name }: { name: string }) =>
      `Tệp “${name}” không phải ảnh. Vui lòng gửi ảnh chụp màn hình dạng JPEG, PNG, WebP hoặc GIF.`,
    en: ({ name }: { name: string }) =>
      `The file “${name}” is not an image. Please send screenshots as JPEG, PNG, WebP or GIF.`,
  },
  imageTooManyPixels: {
    status: 413,
    code: "verification.tip_image_too_many_pixels",
    vi: ({ name, megapixels }: { name: string; megapixels: number }) =>
      `Ảnh “${name}” quá lớn (trên ${megapixels} triệu điểm ảnh). Vui lòng gửi ảnh chụp màn hình thông thường.`,
    en: ({ name, megapixels }: { name: string; megapixels: number }) =>
      `The image “${name}” is too large (over ${megapixels} megapixels). Please send an ordinary screenshot.`,
  },
  formInvalid: {
    status: 400,
    code: "verification.tip_form_invalid",
    vi: "Biểu mẫu gửi lên không đọc được. Vui lòng tải lại trang và thử lại.",
    en: "The submitted form could not be read. Please reload the page and try again.",
  },
  noDesk: {
    status: 503,
    code: "verification.tip_no_desk",
    vi: "Hệ thống chưa có đơn vị nào tiếp nhận tin. Vui lòng thử lại sau.",
    en: "No unit receives tips yet. Please try again later.",
  },
  tipNotFound: {
    status: 404,
    code: "verification.tip_not_found",
    vi: "Không tìm thấy tin với mã theo dõi này. Vui lòng kiểm tra lại mã (ví dụ BT-7K3M-9QXA).",
    en: "No tip has this tracking code. Please check the code (e.g. BT-7K3M-9QXA).",
  },
});
