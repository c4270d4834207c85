import { createHash } from "node:crypto";
import { and, eq, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { VerdictLabel } from "../../../../shared/api/verification-values.ts";
import { type Executor, queryRows } from "../../../db/client.ts";
import { verificationCases, verificationTips } from "../../../db/schema/verification.ts";
import type { JobQueue } from "../../../jobs/queue.ts";
import { bilingualLetter } from "../../../mail/letter.ts";
import type { MailMessage } from "../../../mail/mailer.ts";
import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies, StopWorker } from "../../../platform/module.ts";
import { unitSummaries } from "../../org/index.ts";
import { publishedAddressOfPost } from "../../publishing/index.ts";
import { isPublicLabel, labelNames } from "./labels.ts";
import { changesOfVerdict, verdictOfCase } from "./state.ts";

/*
 * Reporters told of a published or corrected verdict. Each tip remembers the verdict version its
 * reporter was told of (notified_version). For each tip behind, the mail job is queued under an id
 * made from (tip, version), then the tip is marked told: if the process dies between the two, the
 * retry queues the same id again, which pg-boss ignores, so nobody gets the letter twice and nobody
 * is left out. A sweep picks up cases whose job was never queued (a crash right after publishing).
 */

const log = loggerFor("verification");

export const REPORTER_MAIL_JOB = "verification.reporter-mail";
/** The platform's mail job (src/server/mail/mailer.ts sends what it carries). */
const MAIL_JOB = "mail.send";
const sweepEveryMs = 5 * 60_000;

export async function queueReporterMail(jobs: JobQueue, caseId: string): Promise<void> {
  await jobs.send(REPORTER_MAIL_JOB, { caseId }, { retryLimit: 10, retryDelay: 30 });
}

/** A UUID that is the same for the same tip and version (so the same letter is queued once). */
function letterId(tipId: string, version: number | string): string {
  const hex = createHash("sha256").update(`reporter-mail:${tipId}:${version}`).digest("hex");
  const variant = ((Number.parseInt(hex[16] ?? "0", 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The case and every case merged into it (at any depth): their tips all asked about the same claim. */
async function familyOf(db: Executor, caseId: string): Promise<string[]> {
  const rows = await queryRows<{ id: string }>(
    db,
    sql`with recursive family(id) as (
      select ${caseId}::uuid
      union
      select c.id from verification_cases c join family f on c.merged_into_id = f.id
    ) select id from family`,
  );
  return rows.map((row) => row.id);
}

function letter(options: {
  label: "fake" | "false" | "true";
  claim: string;
  unitName: string;
  articleUrl: string;
  statusUrl: string;
  trackingCode: string;
  correction: string | null;
}): { subject: string; text: string } {
  const label = labelNames[options.label];
  const subject = options.correction
    ? `Đính chính kết quả xác minh tin Quý ông/bà đã báo: ${label.vi}`
    : `Kết quả xác minh tin Quý ông/bà đã báo: ${label.vi}`;
  const vi = options.correction
    ? [
        `${options.unitName} đã đính chính kết luận về nội dung “${options.claim}” mà Quý ông/bà đã báo (mã theo dõi ${options.trackingCode}).`,
        "",
        `Kết luận sau đính chính: ${label.vi}.`,
        `Nội dung đính chính: ${options.correction}`,
        "",
        `Bài đính chính: ${options.articleUrl}`,
        `Theo dõi tin đã báo: ${options.statusUrl}`,
      ]
    : [
        `Cảm ơn Quý ông/bà đã báo tin cần xác minh đến ${options.unitName} (mã theo dõi ${options.trackingCode}).`,
        "",
        `Sau khi đối chiếu với các nguồn chính thức, ${options.unitName} kết luận nội dung “${options.claim}” là: ${label.vi}.`,
        "",
        `Bài đính chính và các nguồn đối chiếu: ${options.articleUrl}`,
        `Theo dõi tin đã báo: ${options.statusUrl}`,
        "",
        "Quý ông/bà vui lòng chia sẻ bài đính chính để người thân và cộng đồng cùng biết.",
      ];
  const en = [
    options.correction
      ? `${options.unitName} corrected its verdict on “${options.claim}” (tracking code ${options.trackingCode}): ${label.en}. Correction: ${options.correction}`
      : `${options.unitName} checked the claim you reported, “${options.claim}” (tracking code ${options.trackingCode}): ${label.en}.`,
    `Article: ${options.articleUrl}`,
    `Your report: ${options.statusUrl}`,
  ];
  return { subject, text: bilingualLetter({ to: "Quý ông/bà", vi, en }) };
}

/** Tells every reporter of the case (and of cases merged into it) who is behind; returns how many were told. */
export async function tellReporters(
  deps: { db: Executor; jobs: JobQueue; publicUrl: string },
  caseId: string,
): Promise<number> {
  const verdict = await verdictOfCase(deps.db, caseId);
  if (verdict?.status === "signed_off" && !isPublicLabel(verdict.label) && verdict.signedOffAt) {
    return tellClosed(deps, caseId, { ...verdict, signedOffAt: verdict.signedOffAt });
  }
  if (verdict?.status !== "published" || !isPublicLabel(verdict.label) || !verdict.postId) {
    return 0;
  }
  const tips = await deps.db
    .select({ id: verificationTips.id, email: verificationTips.email, code: verificationTips.trackingCode })
    .from(verificationTips)
    .where(
      and(
        inArray(verificationTips.caseId, await familyOf(deps.db, caseId)),
        isNotNull(verificationTips.email),
        lt(verificationTips.notifiedVersion, verdict.version),
      ),
    );
  if (tips.length === 0) {
    return 0;
  }
  const address = await publishedAddressOfPost(deps.db, {
    postId: verdict.postId,
    publicUrl: deps.publicUrl,
  });
  const unitName = (await unitSummaries(deps.db, [verdict.unitId])).get(verdict.unitId)?.name ?? "";
  const latest = verdict.version > 1 ? (await changesOfVerdict(deps.db, verdict.id)).at(-1) : undefined;
  await deps.jobs.boss.createQueue(MAIL_JOB);
  let told = 0;
  for (const tip of tips) {
    const { subject, text } = letter({
      label: verdict.label,
      claim: verdict.claimReviewed,
      unitName,
      articleUrl: address?.url ?? "",
      statusUrl: `${deps.publicUrl}/bao-tin/${encodeURIComponent(tip.code)}`,
      trackingCode: tip.code,
      correction: latest?.version === verdict.version ? latest.note : null,
    });
    const message: MailMessage = { to: tip.email ?? "", subject, text };
    await deps.jobs.boss.send(MAIL_JOB, message, {
      id: letterId(tip.id, verdict.version),
      retryLimit: 5,
      retryBackoff: true,
    });
    const updated = await deps.db
      .update(verificationTips)
      .set({ notifiedVersion: verdict.version })
      .where(and(eq(verificationTips.id, tip.id), lt(verificationTips.notifiedVersion, verdict.version)))
      .returning({ id: verificationTips.id });
    told += updated.length;
  }
  return told;
}

/**
 * A case closed without publication ("not enough evidence", "out of scope"): each reporter is told it
 * was answered, once per sign-off (the letter's id is made from the tip and the sign-off time, so a
 * retried job queues nothing new). No version is published, so notified_version stays as it is.
 */
async function tellClosed(
  deps: { db: Executor; jobs: JobQueue; publicUrl: string },
  caseId: string,
  verdict: { unitId: string; label: VerdictLabel; claimReviewed: string; signedOffAt: Date },
): Promise<number> {
  const [row] = await deps.db
    .select({ status: verificationCases.status })
    .from(verificationCases)
    .where(eq(verificationCases.id, caseId));
  if (row?.status !== "closed") {
    return 0;
  }
  const tips = await deps.db
    .select({ id: verificationTips.id, email: verificationTips.email, code: verificationTips.trackingCode })
    .from(verificationTips)
    .where(
      and(
        inArray(verificationTips.caseId, await familyOf(deps.db, caseId)),
        isNotNull(verificationTips.email),
      ),
    );
  const unitName = (await unitSummaries(deps.db, [verdict.unitId])).get(verdict.unitId)?.name ?? "";
  const outcome =
    verdict.label === "out_of_scope"
      ? {
          vi: "nội dung này không thuộc phạm vi xác minh của đơn vị (không phải thông tin có thể kiểm chứng, hoặc thuộc thẩm quyền của cơ quan khác)",
          en: "this is outside the unit's verification scope",
        }
      : {
          vi: "hiện chưa đủ căn cứ từ các nguồn có thẩm quyền để kết luận công khai; hồ sơ sẽ được xem xét lại khi có thêm căn cứ",
          en: "there is not yet enough evidence from authoritative sources for a public verdict",
        };
  await deps.jobs.boss.createQueue(MAIL_JOB);
  for (const tip of tips) {
    const statusUrl = `${deps.publicUrl}/bao-tin/${encodeURIComponent(tip.code)}`;
    const message: MailMessage = {
      to: tip.email ?? "",
      subject: "Kết quả xử lý tin Quý ông/bà đã báo",
      text: bilingualLetter({
        to: "Quý ông/bà",
        vi: [
          `Cảm ơn Quý ông/bà đã báo tin cần xác minh đến ${unitName} (mã theo dõi ${tip.code}).`,
          "",
          `${unitName} đã xem xét nội dung “${verdict.claimReviewed}” và xin thông báo: ${outcome.vi}.`,
          "",
          `Theo dõi tin đã báo: ${statusUrl}`,
        ],
        en: [
          `${unitName} reviewed the claim you reported, “${verdict.claimReviewed}” (tracking code ${tip.code}): ${outcome.en}.`,
          `Your report: ${statusUrl}`,
        ],
      }),
    };
    await deps.jobs.boss.send(MAIL_JOB, message, {
      id: letterId(tip.id, `closed:${verdict.signedOffAt.toISOString()}`),
      retryLimit: 5,
      retryBackoff: true,
    });
  }
  return tips.length;
}

/** Cases with a published verdict and a reporter not yet told of its version. */
export async function casesBehind(db: Executor): Promise<string[]> {
  const rows = await queryRows<{ case_id: string }>(
    db,
    sql`with recursive family(root, id) as (
      select case_id, case_id from verification_verdicts where status = 'published'
      union
      select f.root, c.id from verification_cases c join family f on c.merged_into_id = f.id
    )
    select distinct f.root as case_id from family f
    join verification_tips t on t.case_id = f.id
    join verification_verdicts v on v.case_id = f.root
    where t.email is not null and t.notified_version < v.version`,
  );
  return rows.map((row) => row.case_id);
}

/** The job's worker, and the sweep that queues the job for cases whose job never came. */
export async function startReporterMail(deps: AppDependencies): Promise<StopWorker> {
  const db = deps.database.db;
  const publicUrl = deps.config.publicUrl;
  await deps.jobs.register<{ caseId: string }>(REPORTER_MAIL_JOB, async ({ caseId }) => {
    await tellReporters({ db, jobs: deps.jobs, publicUrl }, caseId);
  });
  const sweep = async () => {
    try {
      for (const caseId of await casesBehind(db)) {
        await queueReporterMail(deps.jobs, caseId);
      }
    } catch (error) {
      log.error({ err: error }, "reporter mail sweep failed");
    }
  };
  const timer = setInterval(sweep, sweepEveryMs);
  timer.unref();
  return () => clearInterval(timer);
}
