import { loggerFor } from "../../../platform/logger.ts";
import type { AppDependencies, StopWorker } from "../../../platform/module.ts";
import { checkTargets } from "./checks.ts";
import { ESCALATION_JOB, type EscalationJob, sendEscalationLetters } from "./escalation.ts";

const log = loggerFor("inbox");
const everyMs = 30_000;

/**
 * Flags conversations about to breach, records breaches and sends the escalation e-mails: a pass at
 * start and every 30 s (sla/checks.ts), and the job that writes the letters (sla/escalation.ts).
 */
export async function startTargetWorker(deps: AppDependencies): Promise<StopWorker | undefined> {
  const db = deps.database.db;
  await deps.jobs.register<EscalationJob>(ESCALATION_JOB, async (job) => {
    await sendEscalationLetters({ db, jobs: deps.jobs, publicUrl: deps.config.publicUrl }, job);
  });
  let running: Promise<void> | null = null;
  const pass = () => {
    // A slow pass (a large backlog after downtime) is not overlapped by the next tick.
    running ??= checkTargets({ db, jobs: deps.jobs }, new Date())
      .then(() => undefined)
      .catch((error: unknown) => log.error({ err: error }, "response target pass failed"))
      .finally(() => {
        running = null;
      });
    return running;
  };
  void pass();
  const timer = setInterval(pass, everyMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
