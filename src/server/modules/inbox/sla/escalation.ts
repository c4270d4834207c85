import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import type { BreachKind, InboxSource } from "../../../../shared/api/inbox-values.ts";
import { formatVietnamTime } from "../../../../shared/vietnam-time.ts";
import type { Executor } from "../../../db/client.ts";
import { inboxContacts, inboxConversations } from "../../../db/schema/inbox.ts";
import type { JobQueue } from "../../../jobs/queue.ts";
import { bilingualLetter } from "../../../mail/letter.ts";
import type { MailMessage } from "../../../mail/mailer.ts";
import { channelNames } from "../../channels/index.ts";
import { nearestAdministrators, personSummaries, unitSummaries } from "../../org/index.ts";

/*
 * The escalation letters. The worker queues one `inbox.escalation-mail` job per conversation, stage and
 * missed target, under an id made from those, so a second instance or a retried pass queues nothing new;
 * the job queues one `mail.send` per recipient under an id made from the same and the address, so a
 * retried job mails nobody twice. A letter whose target was met in the meantime is not sent.
 */

export const ESCALATION_JOB = "inbox.escalation-mail";
const MAIL_JOB = "mail.send";

export interface EscalationJob {
  conversationId: string;
  /** 1: the shift leaders named; 2: the unit's administrators. */
  stage: 1 | 2;
  breach: BreachKind;
  /** The missed due time (ISO): tells this cycle's breach from a later one after a reopening. */
  dueAt: string;
  /** Stage 1: the leaders of the shift in which the target ran out. */
  leaderIds: string[];
}

/** A UUID that is the same for the same parts (pg-boss ignores a job whose id it already holds). */
export function stableId(...parts: string[]): string {
  const hex = createHash("sha256").update(parts.join("|")).digest("hex");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function queueEscalation(jobs: JobQueue, job: EscalationJob): Promise<void> {
  await jobs.boss.createQueue(ESCALATION_JOB);
  await jobs.boss.send(ESCALATION_JOB, job, {
    id: stableId("inbox-escalation", job.conversationId, String(job.stage), job.breach, job.dueAt),
    retryLimit: 10,
    retryBackoff: true,
  });
}

const sourceWords: Record<InboxSource, string> = {
  facebook: "Trang Facebook",
  zalo: "Zalo OA",
  portal: "mục Hỏi đáp trên trang tin của đơn vị",
};

/** Text from a citizen as one harmless line: no line breaks (nothing can pose as the letter's own lines), capped. */
export function quotedLine(text: string, max = 200): string {
  const line = text
    .replace(/\p{Cc}|\p{Zl}|\p{Zp}/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** Sends the job's letters; returns the addresses written to. */
export async function sendEscalationLetters(
  deps: { db: Executor; jobs: JobQueue; publicUrl: string },
  job: EscalationJob,
): Promise<string[]> {
  const [row] = await deps.db
    .select({
      id: inboxConversations.id,
      unitId: inboxConversations.unitId,
      channelId: inboxConversations.channelId,
      source: inboxConversations.source,
      status: inboxConversations.status,
      preview: inboxConversations.lastMessagePreview,
      firstResponseDueAt: inboxConversations.firstResponseDueAt,
      firstRespondedAt: inboxConversations.firstRespondedAt,
      resolutionDueAt: inboxConversations.resolutionDueAt,
      contactName: inboxContacts.displayName,
    })
    .from(inboxConversations)
    .innerJoin(inboxContacts, eq(inboxContacts.id, inboxConversations.contactId))
    .where(eq(inboxConversations.id, job.conversationId));
  if (!row || row.status === "resolved") {
    return [];
  }
  const stillMissed =
    job.breach === "first_response"
      ? row.firstRespondedAt === null && row.firstResponseDueAt?.toISOString() === job.dueAt
      : row.resolutionDueAt?.toISOString() === job.dueAt;
  if (!stillMissed) {
    return [];
  }
  const recipients =
    job.stage === 1
      ? [...(await personSummaries(deps.db, job.leaderIds)).values()].filter((p) => p.status === "active")
      : await nearestAdministrators(deps.db, row.unitId);
  const unitName = (await unitSummaries(deps.db, [row.unitId])).get(row.unitId)?.name ?? "";
  const channelName = row.channelId
    ? ((await channelNames(deps.db, [row.channelId])).get(row.channelId) ?? "")
    : "";
  const where = channelName
    ? `${sourceWords[row.source]} “${quotedLine(channelName, 80)}”`
    : sourceWords[row.source];
  const named = quotedLine(row.contactName, 80);
  const contact = named || "Người dân";
  const preview = quotedLine(row.preview);
  const link = `${deps.publicUrl}/inbox/c/${row.id}`;
  // Each half of the letter gives the time in its own language: "08:00 ngày 07/12/2026", "07/12/2026 08:00".
  const due = formatVietnamTime(new Date(job.dueAt), "vi");
  const dueEn = formatVietnamTime(new Date(job.dueAt), "en");
  const target =
    job.breach === "first_response"
      ? { vi: "chưa được trả lời lần đầu", en: "has had no first answer", subject: "Quá hạn trả lời" }
      : { vi: "chưa được xử lý xong", en: "is not resolved", subject: "Quá hạn xử lý" };
  const ladder =
    job.stage === 1
      ? {
          vi: "Đồng chí là trưởng ca trực khi hạn này hết. Vui lòng phân công người trả lời ngay hoặc tự trả lời.",
          en: "You led the shift in which this target ran out. Please have someone answer now, or answer yourself.",
        }
      : {
          vi: "Trưởng ca trực đã được báo nhưng cuộc hội thoại vẫn chưa được xử lý. Vui lòng chỉ đạo trả lời ngay.",
          en: "The shift leader was told, yet the conversation is still waiting. Please see that it is answered now.",
        };
  await deps.jobs.boss.createQueue(MAIL_JOB);
  const written: string[] = [];
  for (const person of recipients) {
    if (!person.email) {
      continue;
    }
    const message: MailMessage = {
      to: person.email,
      subject: `${target.subject}: tin nhắn của ${contact} gửi ${unitName}`,
      text: bilingualLetter({
        to: person.fullName,
        vi: [
          `Tin nhắn của ${contact} gửi ${unitName} qua ${where} ${target.vi}, đã quá hạn lúc ${due}.`,
          "",
          `Nội dung: “${preview}”`,
          "",
          ladder.vi,
          `Mở cuộc hội thoại: ${link}`,
        ],
        en: [
          `A message from ${named || "a member of the public"} to ${unitName} ${target.en}; its target ran out at ${dueEn} (Vietnam time).`,
          ladder.en,
          `Open the conversation: ${link}`,
        ],
      }),
    };
    await deps.jobs.boss.send(MAIL_JOB, message, {
      id: stableId(
        "inbox-escalation-mail",
        job.conversationId,
        String(job.stage),
        job.breach,
        job.dueAt,
        person.email,
      ),
      retryLimit: 5,
      retryBackoff: true,
    });
    written.push(person.email);
  }
  return written;
}
