import type { JobQueue } from "../../jobs/queue.ts";
import { bilingualLetter } from "../../mail/letter.ts";
import { queueMail } from "../../mail/mailer.ts";

/** Mails a password reset link (valid 60 minutes) to the person who asked for it. */
export async function queuePasswordResetMail(
  jobs: JobQueue,
  options: { publicUrl: string; token: string; person: { email: string; fullName: string } },
): Promise<void> {
  const link = `${options.publicUrl}/reset-password?token=${encodeURIComponent(options.token)}`;
  await queueMail(jobs, {
    to: options.person.email,
    subject: "Cầu Nối — Đặt lại mật khẩu / Password reset",
    text: bilingualLetter({
      to: options.person.fullName,
      vi: [
        "Hệ thống nhận được yêu cầu đặt lại mật khẩu Cầu Nối của bạn. Vui lòng mở liên kết sau trong vòng 60 phút:",
        link,
        "",
        "Khi đặt mật khẩu mới, mọi phiên đăng nhập và các liên kết đặt lại mật khẩu khác của bạn sẽ hết hiệu lực.",
        "Nếu bạn không yêu cầu, vui lòng bỏ qua thư này; mật khẩu của bạn không thay đổi.",
      ],
      en: [
        "Someone (probably you) asked to reset your Cầu Nối password. Please open the link above within 60 minutes.",
        "Setting a new password ends all your sessions and your other reset links.",
        "If it was not you, ignore this message; your password is unchanged.",
      ],
    }),
  });
}
