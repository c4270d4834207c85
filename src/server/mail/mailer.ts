import nodemailer from "nodemailer";
import type { JobQueue } from "../jobs/queue.ts";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface Mailer {
  send(message: MailMessage): Promise<void>;
}

/**
 * Sends over SMTP when `smtpUrl` is set. Without it (a laptop trying the demo), messages are
 * printed to the log instead, so a reset link can still be followed.
 */
export function createMailer(options: {
  smtpUrl: string | undefined;
  from: string;
  log: (line: string) => void;
}): Mailer {
  if (!options.smtpUrl) {
    return {
      async send(message) {
        options.log(`[mail] to ${message.to}: ${message.subject}\n${message.text}`);
      },
    };
  }
  const transport = nodemailer.createTransport(options.smtpUrl);
  return {
    async send(message) {
      await transport.sendMail({ from: options.from, ...message });
    },
  };
}

const MAIL_JOB = "mail.send";

/** Queues a message; the job retries with backoff while the SMTP server is unreachable. */
export async function queueMail(jobs: JobQueue, message: MailMessage): Promise<void> {
  await jobs.send(MAIL_JOB, message);
}

/** Makes this process a worker that sends queued mail. */
export async function registerMailWorker(jobs: JobQueue, mailer: Mailer): Promise<void> {
  await jobs.register<MailMessage>(MAIL_JOB, (message) => mailer.send(message));
}
