import { and, eq } from "drizzle-orm";
import { inLanguage } from "../../../shared/bilingual.ts";
import { formatVietnamTime } from "../../../shared/vietnam-time.ts";
import type { Executor } from "../../db/client.ts";
import { variantApprovals } from "../../db/schema/index.ts";
import { queueMail } from "../../mail/mailer.ts";
import { personSummaries, unitSummaries } from "../org/index.ts";
import { platformWords } from "./approval-notices.ts";
import { plainText } from "./content.ts";
import type { PostRow, PublishingDeps, VariantRow } from "./post-records.ts";

/** Why a variant did not go out: the platform's own words, or its time passed with nothing sent. */
export type NotPublishedReason = { platform: string } | { missedSchedule: Date };

function reasonLine(reason: NotPublishedReason, locale: "vi" | "en"): string {
  if ("platform" in reason) {
    return locale === "en"
      ? `Reason: ${plainText(inLanguage(reason.platform, "en"))}`
      : `Lý do: ${plainText(inLanguage(reason.platform, "vi"))}`;
  }
  const at = formatVietnamTime(reason.missedSchedule, locale);
  return locale === "en"
    ? `Missed schedule: it was due at ${at} (Vietnam time) and could not be published within 30 minutes of that time (the server was not running or did not get to it). Nothing was posted.`
    : `Lỡ giờ đăng: bài hẹn đăng lúc ${at} nhưng hệ thống không đăng được trong vòng 30 phút sau giờ hẹn (máy chủ không chạy hoặc không kịp xử lý). Chưa có gì được đăng.`;
}

/** Tells the author and the approvers of the variant's current content that it did not go out. */
export async function notifyNotPublished(
  deps: Pick<PublishingDeps, "jobs" | "publicUrl"> & { database: { db: Executor } },
  post: PostRow,
  variant: VariantRow,
  reason: NotPublishedReason,
): Promise<void> {
  const db = deps.database.db;
  const platformInWords = platformWords[variant.target];
  const approvers = await db
    .select({ id: variantApprovals.approverId })
    .from(variantApprovals)
    .where(
      and(
        eq(variantApprovals.variantId, variant.id),
        eq(variantApprovals.contentVersion, variant.contentVersion),
      ),
    );
  const people = await personSummaries(db, [
    ...(post.authorId ? [post.authorId] : []),
    ...approvers.map((row) => row.id),
  ]);
  const unit = (await unitSummaries(db, [post.unitId])).get(post.unitId);
  const link = `${deps.publicUrl}/posts/${post.id}`;
  for (const person of people.values()) {
    if (!person.email) {
      continue;
    }
    const en = person.locale === "en";
    const platform = en ? platformInWords.en : platformInWords.vi;
    await queueMail(deps.jobs, {
      to: person.email,
      subject: en
        ? `[Cầu Nối] Not published: “${post.title}” (${platform})`
        : `[Cầu Nối] Chưa đăng được: “${post.title}” (${platform})`,
      text: (en
        ? [
            `The ${platform} variant of “${post.title}” (${unit?.name ?? ""}) was not published.`,
            "",
            reasonLine(reason, "en"),
            "",
            `Fix it and publish again: ${link}`,
          ]
        : [
            `Bản đăng trên ${platform} của bài “${post.title}” (${unit?.name ?? ""}) chưa đăng được.`,
            "",
            reasonLine(reason, "vi"),
            "",
            `Xử lý và đăng lại tại: ${link}`,
          ]
      ).join("\n"),
    });
  }
}
