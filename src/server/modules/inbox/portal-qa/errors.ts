import { questionLimits } from "../../../../shared/api/inbox-portal.ts";
import { defineErrors } from "../../../platform/errors.ts";

/** The portal's "Hỏi đáp": what an asker typed, said so they can put it right, and publishing answers. */
export const questionErrors = defineErrors({
  emailMissing: {
    status: 400,
    code: "inbox.question_email_missing",
    vi: "Vui lòng nhập địa chỉ e-mail: câu trả lời sẽ được gửi về địa chỉ này.",
    en: "Please enter your e-mail address: the answer will be sent to it.",
  },
  emailInvalid: {
    status: 400,
    code: "inbox.question_email_invalid",
    vi: "Địa chỉ e-mail không hợp lệ. Vui lòng kiểm tra lại (ví dụ ten@gmail.com) để nhận được câu trả lời.",
    en: "The e-mail address is not valid. Please check it (e.g. name@gmail.com) so the answer can reach you.",
  },
  textEmpty: {
    status: 400,
    code: "inbox.question_text_empty",
    vi: "Vui lòng nhập nội dung câu hỏi.",
    en: "Please type your question.",
  },
  textTooLong: {
    status: 400,
    code: "inbox.question_text_too_long",
    vi: `Câu hỏi dài quá ${questionLimits.textChars.toLocaleString("vi-VN")} ký tự. Vui lòng rút gọn rồi gửi lại.`,
    en: `The question is longer than ${questionLimits.textChars} characters. Please shorten it and send it again.`,
  },
  nameTooLong: {
    status: 400,
    code: "inbox.question_name_too_long",
    vi: `Họ tên dài quá ${questionLimits.nameChars} ký tự. Vui lòng viết ngắn hơn hoặc để trống.`,
    en: `The name is longer than ${questionLimits.nameChars} characters. Please shorten it or leave it empty.`,
  },
  invalidCharacters: {
    status: 400,
    code: "inbox.question_invalid_characters",
    vi: "Nội dung có ký tự không hợp lệ (NUL). Vui lòng gõ lại hoặc dán lại nội dung.",
    en: "The text contains an invalid character (NUL). Please type or paste it again.",
  },
  refused: {
    status: 400,
    code: "inbox.question_refused",
    vi: "Không gửi được câu hỏi. Vui lòng tải lại trang và thử lại.",
    en: "The question could not be sent. Please reload the page and try again.",
  },
  formInvalid: {
    status: 400,
    code: "inbox.question_form_invalid",
    vi: "Biểu mẫu gửi lên không đọc được. Vui lòng tải lại trang và gửi lại câu hỏi.",
    en: "The submitted form could not be read. Please reload the page and send the question again.",
  },
  unitNotFound: {
    status: 404,
    code: "inbox.question_unit_not_found",
    vi: "Không tìm thấy đơn vị nhận câu hỏi. Vui lòng gửi từ trang tin của đơn vị.",
    en: "The unit to ask was not found. Please send the question from the unit's website.",
  },
  notAPortalQuestion: {
    status: 409,
    code: "inbox.publish_not_a_portal_question",
    vi: "Chỉ câu hỏi gửi qua mục Hỏi đáp của trang tin mới đăng được lên trang Hỏi đáp.",
    en: "Only questions sent through the website's Q&A form can be published on its Q&A page.",
  },
  publishedAnswerNotFound: {
    status: 404,
    code: "inbox.published_answer_not_found",
    vi: "Không tìm thấy câu hỏi đã đăng này; có thể đã được gỡ.",
    en: "This published question was not found; it may have been taken down.",
  },
});
