import { formatVietnamTime } from "../../../shared/vietnam-time.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { bilingualLetter } from "../../mail/letter.ts";
import { queueMail } from "../../mail/mailer.ts";
import type { PersonUpdate } from "./people-service.ts";

/**
 * Mails an administrator's e-mail change: the confirmation link to the new address, and a notice to
 * the old one (when there is one), so the person learns of a change they did not ask for.
 */
export async function queueEmailChangeMails(
  jobs: JobQueue,
  options: {
    publicUrl: string;
    change: NonNullable<PersonUpdate["emailChange"]>;
    requestedBy: string;
  },
): Promise<void> {
  const { change, requestedBy } = options;
  const link = `${options.publicUrl}/confirm-email?token=${encodeURIComponent(change.token)}`;
  const until = {
    vi: formatVietnamTime(change.expiresAt, "vi"),
    en: formatVietnamTime(change.expiresAt, "en"),
  };
  await queueMail(jobs, {
    to: change.newEmail,
    subject: "Cầu Nối — Xác nhận địa chỉ e-mail mới / Confirm your new e-mail address",
    text: bilingualLetter({
      to: change.fullName,
      vi: [
        `Quản trị viên ${requestedBy} đã đề nghị dùng địa chỉ này làm e-mail đăng nhập Cầu Nối của bạn.`,
        `Vui lòng mở liên kết sau trước ${until.vi} để xác nhận:`,
        link,
        "",
        "Sau khi xác nhận, các phiên đăng nhập khác của bạn sẽ kết thúc. Nếu bạn không biết về đề nghị này, vui lòng bỏ qua thư này; e-mail đăng nhập của bạn sẽ không thay đổi.",
      ],
      en: [
        `Dear ${change.fullName},`,
        "",
        `Administrator ${requestedBy} asked to make this address your Cầu Nối sign-in e-mail.`,
        `Please open the link above before ${until.en} (Vietnam time) to confirm it.`,
        "Once confirmed, your other sessions end. If you know nothing about this, ignore this message; your sign-in e-mail stays as it is.",
      ],
    }),
  });
  if (!change.oldEmail) {
    return;
  }
  await queueMail(jobs, {
    to: change.oldEmail,
    subject: "Cầu Nối — Đề nghị đổi e-mail đăng nhập / A change of your sign-in e-mail was requested",
    text: bilingualLetter({
      to: change.fullName,
      vi: [
        `Quản trị viên ${requestedBy} đã đề nghị đổi e-mail đăng nhập Cầu Nối của bạn sang ${change.newEmail}.`,
        `Thay đổi chỉ có hiệu lực khi được xác nhận từ địa chỉ mới, trước ${until.vi}.`,
        "",
        "Nếu bạn không đề nghị thay đổi này, vui lòng liên hệ ngay quản trị viên của đơn vị cấp trên.",
      ],
      en: [
        `Dear ${change.fullName},`,
        "",
        `Administrator ${requestedBy} asked to change your Cầu Nối sign-in e-mail to ${change.newEmail}.`,
        `The change takes effect only once confirmed from the new address, before ${until.en} (Vietnam time).`,
        "If you did not ask for this, please contact an administrator of the unit above at once.",
      ],
    }),
  });
}
