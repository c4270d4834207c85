import { and, eq } from "drizzle-orm";
import { formatVietnamDate, vietnamTimeOn, vietnamToday } from "../../../shared/vietnam-time.ts";
import type { Executor } from "../../db/client.ts";
import { declarationReminders, declarationRequests, declarationResponses } from "../../db/schema/index.ts";
import type { JobQueue } from "../../jobs/queue.ts";
import { queueMail } from "../../mail/mailer.ts";
import { subtreePeople, unitSummaries } from "../org/index.ts";
import type { DeclarationRequestRow } from "./requests.ts";

/*
 * Reminders of a declaration request: planned when it is sent, mailed by a job to those who have not
 * answered yet. A reminder finding the request closed, past due or answered sends nothing.
 */

export const REMINDER_JOB = "declarations.reminder";

/** Reminders go at 08:00 Vietnam time, this many days before the due date. */
export const reminderDaysBefore = [3, 1] as const;

export interface ReminderJob {
  requestId: string;
  /** Which reminder: "3d", "1d". */
  reminder: string;
}

/** The reminders of a request due on `dueOn` that are still ahead of `now`. */
export function plannedReminders(dueOn: string, now: Date): { reminder: string; at: Date }[] {
  return reminderDaysBefore
    .map((days) => ({ reminder: `${days}d`, at: vietnamTimeOn(dueOn, 8, -days) }))
    .filter((planned) => planned.at.getTime() > now.getTime());
}

function reminderMail(
  person: { email: string; fullName: string; locale: "vi" | "en" },
  request: DeclarationRequestRow,
  unitName: string,
  publicUrl: string,
) {
  const link = `${publicUrl}/my-accounts`;
  const due = formatVietnamDate(request.dueOn);
  if (person.locale === "en") {
    return {
      to: person.email,
      subject: `[Cầu Nối] Reminder: review your account declarations by ${due}`,
      text: [
        `Dear ${person.fullName},`,
        "",
        `${unitName} asks you to review the public accounts you have declared by ${due}: “${request.title}”.`,
        ...(request.message ? ["", request.message] : []),
        "",
        `Review and confirm: ${link}`,
        "",
        "If you have no public account to declare, just confirm.",
      ].join("\n"),
    };
  }
  return {
    to: person.email,
    subject: `[Cầu Nối] Nhắc việc: rà soát kê khai tài khoản trước ngày ${due}`,
    text: [
      `Chào ${person.fullName},`,
      "",
      `${unitName} đề nghị bạn rà soát kê khai tài khoản công khai và xác nhận trước ngày ${due}: “${request.title}”.`,
      ...(request.message ? ["", request.message] : []),
      "",
      `Rà soát và xác nhận tại: ${link}`,
      "",
      "Nếu bạn không có tài khoản công khai nào cần kê khai, chỉ cần bấm xác nhận.",
    ].join("\n"),
  };
}

/**
 * Mails one reminder of a request to everyone in its subtree who has not answered. Safe to run
 * twice: who got which reminder is recorded first, so a retried job skips them.
 */
export async function sendDeclarationReminders(
  db: Executor,
  deps: { jobs: JobQueue; publicUrl: string },
  job: ReminderJob,
): Promise<number> {
  const [request] = await db
    .select()
    .from(declarationRequests)
    .where(eq(declarationRequests.id, job.requestId));
  if (!request || request.closedAt || request.dueOn < vietnamToday()) {
    return 0;
  }
  const unit = (await unitSummaries(db, [request.unitId])).get(request.unitId);
  if (!unit) {
    return 0;
  }
  const members = (await subtreePeople(db, unit.path)).filter((person) => person.email);
  if (members.length === 0) {
    return 0;
  }
  const answered = new Set(
    (
      await db
        .select({ personId: declarationResponses.personId })
        .from(declarationResponses)
        .where(eq(declarationResponses.requestId, request.id))
    ).map((row) => row.personId),
  );
  const due = members.filter((person) => !answered.has(person.id));
  let sent = 0;
  for (const person of due) {
    const marked = await db
      .insert(declarationReminders)
      .values({ requestId: request.id, personId: person.id, reminder: job.reminder })
      .onConflictDoNothing()
      .returning({ personId: declarationReminders.personId });
    if (marked.length === 0) {
      continue;
    }
    try {
      await queueMail(
        deps.jobs,
        reminderMail({ ...person, email: person.email ?? "" }, request, unit.name, deps.publicUrl),
      );
      sent += 1;
    } catch (error) {
      // Not queued: forget the mark so the job's retry tries this person again.
      await db
        .delete(declarationReminders)
        .where(
          and(
            eq(declarationReminders.requestId, request.id),
            eq(declarationReminders.personId, person.id),
            eq(declarationReminders.reminder, job.reminder),
          ),
        );
      throw error;
    }
  }
  return sent;
}

/** Makes this process a worker that sends due reminders. */
export async function registerDeclarationReminderWorker(
  db: Executor,
  deps: { jobs: JobQueue; publicUrl: string },
): Promise<void> {
  await deps.jobs.register<ReminderJob>(REMINDER_JOB, async (job) => {
    await sendDeclarationReminders(db, deps, job);
  });
}
