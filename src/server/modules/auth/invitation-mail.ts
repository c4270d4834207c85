import { formatVietnamTime } from "../../../shared/vietnam-time.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { bilingualLetter } from "../../mail/letter.ts";
import { queueMail } from "../../mail/mailer.ts";

/** The address the invitation links to: the public page that sets the first password. */
export function invitationLink(publicUrl: string, token: string): string {
  return `${publicUrl}/moi/${encodeURIComponent(token)}`;
}

/**
 * Mails an invitation to set a first password. Its own letter, not the reset one: it says who invited
 * the person, to which unit, what Cầu Nối is for, and until when the one-time link works.
 */
export async function queueInvitationMail(
  jobs: JobQueue,
  options: {
    publicUrl: string;
    token: string;
    expiresAt: Date;
    person: { email: string; fullName: string; unitName: string };
    /** The administrator who sent it, or null when the system did. */
    invitedBy: string | null;
  },
): Promise<void> {
  const link = invitationLink(options.publicUrl, options.token);
  const { person } = options;
  const inviterVi = options.invitedBy ? `Quản trị viên ${options.invitedBy}` : "Quản trị viên đơn vị";
  const inviterEn = options.invitedBy
    ? `${options.invitedBy}, an administrator,`
    : "Your unit's administrator";
  await queueMail(jobs, {
    to: person.email,
    subject: `Cầu Nối — Lời mời tham gia (${person.unitName}) / Invitation to join`,
    text: bilingualLetter({
      to: person.fullName,
      vi: [
        `${inviterVi} đã mời bạn tham gia Cầu Nối với tư cách nhân sự của ${person.unitName}.`,
        "",
        "Cầu Nối là hệ thống của đơn vị dành cho cán bộ, đảng viên, đoàn viên, hội viên: nhận và chia sẻ thông tin chính thức, theo dõi các kênh chính thức của đơn vị trên mạng xã hội và kê khai tài khoản mạng xã hội theo quy định.",
        "",
        "Để bắt đầu, vui lòng mở liên kết sau và đặt mật khẩu của bạn:",
        link,
        "",
        `Liên kết chỉ dùng được một lần và có hiệu lực đến ${formatVietnamTime(options.expiresAt, "vi")} (giờ Việt Nam). Sau khi đặt mật khẩu, bạn đăng nhập bằng địa chỉ e-mail ${person.email}.`,
        "Nếu liên kết đã hết hạn, vui lòng liên hệ quản trị viên đơn vị để được gửi lại lời mời. Nếu bạn không công tác tại đơn vị này, vui lòng bỏ qua thư này.",
      ],
      en: [
        `${inviterEn} invited you to Cầu Nối as a member of ${person.unitName}.`,
        "Cầu Nối is your organisation's system for its officials and members: receiving and sharing official information, following the unit's official social media channels, and declaring your social media accounts as the rules require.",
        `To begin, please open the link above and set your password. The link works once, until ${formatVietnamTime(options.expiresAt, "en")} (Vietnam time). You will then sign in with ${person.email}.`,
        "If the link has expired, please ask your unit's administrator to send the invitation again. If you do not work at this unit, please ignore this message.",
      ],
    }),
  });
}
