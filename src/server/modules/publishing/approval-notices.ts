import { and, desc, eq, ne } from "drizzle-orm";
import type { Executor } from "../../db/client.ts";
import { variantTransitions } from "../../db/schema/index.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { bilingualLetter } from "../../mail/letter.ts";
import { type MailMessage, queueMail } from "../../mail/mailer.ts";
import type { Actor } from "../../platform/actor.ts";
import { getChannel } from "../channels/index.ts";
import { notify } from "../notifications/index.ts";
import { loadActor, personSummaries, roleHoldersAtOrAbove } from "../org/index.ts";
import { unconnectedState } from "./connections-needed.ts";
import type { ApprovalRules } from "./policy.ts";
import { canApproveVariant, nextApprovalLevel, rolesForApprovalLevel } from "./policy.ts";
import type { PostRow, VariantRow } from "./post-records.ts";

/*
 * Approval that people notice: sending a variant for approval tells the people who may give the
 * next approval, and each decision tells the author (and whoever sent it) what was decided and why.
 * The in-app notices are written in the caller's transaction; the e-mails it returns are queued once
 * that transaction has committed, so nobody is mailed about a step that was rolled back.
 */

/** What the notices need from the running server. */
export interface NoticeDeps {
  jobs: JobQueue;
  publicUrl: string;
}

/** The platform in words, as the glossary names it (never its code). */
/** A variant's platform as people call it, never its code. */
export const platformWords: Record<VariantRow["target"], { vi: string; en: string }> = {
  portal: { vi: "Trang tin", en: "Website" },
  facebook_page: { vi: "Trang Facebook", en: "Facebook Page" },
  zalo_oa: { vi: "Zalo OA", en: "Zalo OA" },
  youtube: { vi: "Kênh YouTube", en: "YouTube channel" },
  tiktok: { vi: "Tài khoản TikTok", en: "TikTok account" },
};

/** The channel as a reader knows it: its platform in words and its name (Trang Facebook “Thông tin Tuyên Quang”). */
export async function channelInWords(db: Executor, variant: Pick<VariantRow, "target" | "channelId">) {
  const channel = await getChannel(db, variant.channelId).catch(() => null);
  const platform = platformWords[variant.target];
  const name = channel?.displayName ? ` “${channel.displayName}”` : "";
  return { vi: `${platform.vi}${name}`, en: `${platform.en}${name}` };
}

/** What the approval rules look at, as the workflow loaded them. */
export interface ReviewState {
  post: PostRow;
  variant: VariantRow;
  unitPath: string;
  policy: ApprovalRules;
  approvals: readonly { approverId: string; level: number }[];
}

/**
 * The people who may give the variant's next approval now, by the same rule that lets them
 * (canApproveVariant): a role the unit's rules name for that level, on the unit or above, not the author.
 */
export async function eligibleApprovers(db: Executor, state: ReviewState): Promise<Actor[]> {
  if (state.variant.status !== "in_review") {
    return [];
  }
  const level = nextApprovalLevel(state.approvals);
  const candidates = await roleHoldersAtOrAbove(
    db,
    state.post.unitId,
    rolesForApprovalLevel(state.policy, level),
  );
  const eligible: Actor[] = [];
  for (const id of candidates) {
    const actor = await loadActor(db, id, "session");
    if (actor && canApproveVariant({ ...state, actor }).allowed) {
      eligible.push(actor);
    }
  }
  return eligible.sort(
    (a, b) =>
      givenName(a.fullName).localeCompare(givenName(b.fullName), "vi") ||
      a.fullName.localeCompare(b.fullName, "vi"),
  );
}

/** Vietnamese lists are ordered by the given name, the last word of the full name. */
const givenName = (fullName: string) => fullName.trim().split(/\s+/).at(-1) ?? "";

/** One letter per person with an e-mail address, in the formal bilingual form. */
async function lettersTo(
  db: Executor,
  personIds: readonly string[],
  letter: { subject: string; vi: readonly string[]; en: readonly string[] },
): Promise<MailMessage[]> {
  const people = await personSummaries(db, personIds);
  return [...people.values()].flatMap((person) =>
    person.email && person.status === "active"
      ? [
          {
            to: person.email,
            subject: letter.subject,
            text: bilingualLetter({
              to: person.fullName,
              vi: letter.vi,
              en: [`Dear ${person.fullName},`, "", ...letter.en],
            }),
          },
        ]
      : [],
  );
}

/**
 * Tells the people who may give the next approval that a variant waits for them (in the app now,
 * by e-mail once committed); the person who sent it is never told. Returns the e-mails to queue.
 */
export async function approvalRequestNotices(
  db: Executor,
  publicUrl: string,
  state: ReviewState,
  sender: Actor,
): Promise<MailMessage[]> {
  const approvers = (await eligibleApprovers(db, state)).filter(
    (approver) => approver.personId !== sender.personId,
  );
  if (approvers.length === 0) {
    return [];
  }
  const { post } = state;
  const channel = await channelInWords(db, state.variant);
  const second = nextApprovalLevel(state.approvals) === 2;
  const link = `/posts/${post.id}`;
  const ids = approvers.map((approver) => approver.personId);
  await notify(db, ids, {
    kind: "publishing.approval_requested",
    title: second
      ? { vi: `Cần duyệt lần hai: “${post.title}”`, en: `Second approval needed: “${post.title}”` }
      : { vi: `Chờ bạn duyệt: “${post.title}”`, en: `Waiting for your approval: “${post.title}”` },
    body: {
      vi: `${sender.fullName} gửi duyệt bản đăng trên ${channel.vi}.`,
      en: `${sender.fullName} sent the variant for the ${channel.en} for approval.`,
    },
    link,
  });
  return lettersTo(db, ids, {
    subject: `Cầu Nối — Bài viết chờ duyệt / A post waits for approval: “${post.title}”`,
    vi: [
      second
        ? `Bản đăng trên ${channel.vi} của bài “${post.title}” đã được duyệt lần một và cần duyệt lần hai vì bài có chủ đề nhạy cảm.`
        : `${sender.fullName} đã gửi duyệt bản đăng trên ${channel.vi} của bài “${post.title}”.`,
      "Bạn là người có quyền duyệt bản đăng này. Vui lòng xem, rồi duyệt hoặc trả lại kèm lý do tại:",
      `${publicUrl}${link}`,
      "",
      "Danh sách bài viết chờ bạn duyệt:",
      `${publicUrl}/approvals`,
    ],
    en: [
      second
        ? `The ${channel.en} variant of “${post.title}” has its first approval and needs a second one because of a sensitive topic.`
        : `${sender.fullName} sent the ${channel.en} variant of “${post.title}” for approval.`,
      "You may approve it. Please review it, then approve it or send it back with a reason, at the link above.",
    ],
  });
}

/** Who sent the variant for approval most recently (it may be someone other than the author). */
async function lastSender(db: Executor, variantId: string): Promise<string | null> {
  const [row] = await db
    .select({ actorId: variantTransitions.actorId })
    .from(variantTransitions)
    .where(
      and(
        eq(variantTransitions.variantId, variantId),
        eq(variantTransitions.toStatus, "in_review"),
        ne(variantTransitions.fromStatus, "in_review"),
      ),
    )
    .orderBy(desc(variantTransitions.id))
    .limit(1);
  return row?.actorId ?? null;
}

/** Why an approved variant cannot be scheduled yet, by the state of its channel's connection. */
const unconnectedWords: Record<"not_connected" | "expired" | "refused", { vi: string; en: string }> = {
  not_connected: {
    vi: "Kênh chưa được kết nối với Cầu Nối nên chưa hẹn giờ đăng tự động được.",
    en: "The channel is not connected to Cầu Nối, so it cannot be scheduled yet.",
  },
  expired: {
    vi: "Kết nối của kênh đã hết hạn nên chưa hẹn giờ đăng tự động được.",
    en: "The channel's connection has expired, so it cannot be scheduled yet.",
  },
  refused: {
    vi: "Nền tảng đã từ chối kết nối của kênh nên chưa hẹn giờ đăng tự động được.",
    en: "The platform refused the channel's connection, so it cannot be scheduled yet.",
  },
};

/** A decision on a variant: approved (fully, or the first of two), or sent back with its reason. */
export type Decision =
  | { kind: "approved"; complete: boolean; comment: string | null }
  | { kind: "rejected"; reason: string };

/**
 * Tells the author and whoever sent the variant for approval what the approver decided, with the
 * comment or the reason (in the app now, by e-mail once committed). Returns the e-mails to queue.
 */
export async function decisionNotices(
  db: Executor,
  publicUrl: string,
  options: { post: PostRow; variant: VariantRow; decider: Actor; decision: Decision },
): Promise<MailMessage[]> {
  const { post, variant, decider, decision } = options;
  const sender = await lastSender(db, variant.id);
  const ids = [...new Set([post.authorId, sender])].filter(
    (id): id is string => id !== null && id !== decider.personId,
  );
  if (ids.length === 0) {
    return [];
  }
  const channel = await channelInWords(db, variant);
  const link = `/posts/${post.id}`;
  const who = decider.fullName;
  // An approved variant whose channel is not connected cannot be scheduled yet: say what to do instead.
  const blocked =
    decision.kind === "approved" && decision.complete ? await unconnectedState(db, variant) : null;
  const unconnected = blocked ? unconnectedWords[blocked] : null;
  const words =
    decision.kind === "rejected"
      ? {
          titleVi: `Bài bị trả lại: “${post.title}”`,
          titleEn: `Sent back: “${post.title}”`,
          vi: `${who} đã trả lại bản đăng trên ${channel.vi} của bài “${post.title}”.`,
          en: `${who} sent back the ${channel.en} variant of “${post.title}”.`,
          noteVi: `Lý do: ${decision.reason}`,
          noteEn: `Reason: ${decision.reason}`,
          nextVi: "Vui lòng sửa theo lý do trên rồi gửi duyệt lại tại:",
          nextEn: "Please make the changes asked for and send it for approval again (link above).",
        }
      : {
          titleVi: decision.complete ? `Đã duyệt: “${post.title}”` : `Đã duyệt lần một: “${post.title}”`,
          titleEn: decision.complete ? `Approved: “${post.title}”` : `First approval given: “${post.title}”`,
          vi: decision.complete
            ? `${who} đã duyệt bản đăng trên ${channel.vi} của bài “${post.title}”.`
            : `${who} đã duyệt lần một bản đăng trên ${channel.vi} của bài “${post.title}”; bài còn chờ duyệt lần hai.`,
          en: decision.complete
            ? `${who} approved the ${channel.en} variant of “${post.title}”.`
            : `${who} gave the first approval to the ${channel.en} variant of “${post.title}”; it still needs a second one.`,
          noteVi: decision.comment ? `Ý kiến: ${decision.comment}` : null,
          noteEn: decision.comment ? `Comment: ${decision.comment}` : null,
          nextVi: unconnected
            ? `${unconnected.vi} Vui lòng đề nghị quản trị viên của kênh kết nối lại trước khi hẹn giờ đăng, hoặc đăng thủ công rồi ghi nhận đã đăng thủ công tại:`
            : decision.complete
              ? "Bản đăng đã sẵn sàng để hẹn giờ đăng tại:"
              : "Bạn có thể theo dõi bài viết tại:",
          nextEn: unconnected
            ? `${unconnected.en} Please ask the channel's administrator to connect it before scheduling, or post it by hand and record it (link above).`
            : decision.complete
              ? "It is ready to be scheduled (link above)."
              : "You can follow the post at the link above.",
        };
  await notify(db, ids, {
    kind: decision.kind === "rejected" ? "publishing.rejected" : "publishing.approved",
    title: { vi: words.titleVi, en: words.titleEn },
    body: {
      vi: [words.vi, words.noteVi, unconnected?.vi].filter(Boolean).join(" "),
      en: [words.en, words.noteEn, unconnected?.en].filter(Boolean).join(" "),
    },
    link,
  });
  return lettersTo(db, ids, {
    subject: `Cầu Nối — ${words.titleVi} / ${words.titleEn}`,
    vi: [words.vi, ...(words.noteVi ? [words.noteVi] : []), "", words.nextVi, `${publicUrl}${link}`],
    en: [words.en, ...(words.noteEn ? [words.noteEn] : []), words.nextEn],
  });
}

/** Queues the e-mails of committed notices through the mail job. */
export async function sendNoticeMails(jobs: JobQueue, mails: readonly MailMessage[]): Promise<void> {
  for (const mail of mails) {
    await queueMail(jobs, mail);
  }
}
