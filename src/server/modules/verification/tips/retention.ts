import { and, inArray, isNotNull, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { verificationCases, verificationTips } from "../../../db/schema/verification.ts";
import type { JobQueue } from "../../../jobs/queue.ts";
import { loggerFor } from "../../../platform/logger.ts";

/*
 * A reporter's e-mail is kept only to tell them the outcome (the verdict's publication, and any
 * correction of it shortly after). Once a case has been closed, or its verdict published, for
 * REPORTER_EMAIL_RETENTION_DAYS, the e-mails of every tip in it are erased; the tips themselves (what
 * was reported, when) stay with the case. A paused case (a published verdict being corrected) keeps
 * them, since its reporters will be told of the correction. Runs daily as a pg-boss job.
 */

/** Days after a case is closed or published before its reporters' e-mails are erased. */
export const REPORTER_EMAIL_RETENTION_DAYS = 90;

export const TIP_RETENTION_JOB = "verification.tip-retention";

const log = loggerFor("verification");

/** Erases the reporters' e-mails of cases past their retention; returns how many were erased. */
export async function eraseExpiredReporterEmails(db: Executor, now = new Date()): Promise<number> {
  const cutoff = new Date(now.getTime() - REPORTER_EMAIL_RETENTION_DAYS * 24 * 60 * 60 * 1000);
  const expiredCases = db
    .select({ id: verificationCases.id })
    .from(verificationCases)
    .where(
      sql`(${verificationCases.status} = 'closed' and coalesce(${verificationCases.closedAt}, ${verificationCases.updatedAt}) < ${cutoff})
        or (${verificationCases.status} = 'published' and coalesce(${verificationCases.publishedAt}, ${verificationCases.updatedAt}) < ${cutoff})`,
    );
  const erased = await db
    .update(verificationTips)
    .set({ email: null })
    .where(and(isNotNull(verificationTips.email), inArray(verificationTips.caseId, expiredCases)))
    .returning({ id: verificationTips.id });
  return erased.length;
}

/** Registers the daily job (03:15, a quiet hour) and its schedule. */
export async function registerTipRetention(db: Executor, jobs: JobQueue): Promise<void> {
  await jobs.register(TIP_RETENTION_JOB, async () => {
    const erased = await eraseExpiredReporterEmails(db);
    if (erased > 0) {
      log.info({ erased }, "reporters' e-mails erased at the end of their cases' retention");
    }
  });
  await jobs.boss.schedule(TIP_RETENTION_JOB, "15 3 * * *", {}, { tz: "Asia/Ho_Chi_Minh" });
}
