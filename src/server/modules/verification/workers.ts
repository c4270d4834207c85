import type { AppDependencies, StopWorker } from "../../platform/module.ts";
import { startOcrPolling } from "./cases/ocr.ts";
import { registerTipRetention } from "./tips/retention.ts";
import { startReporterMail } from "./verdicts/reporter-mail.ts";

/** OCR of screenshots (cases part). */
export async function startOcrWorker(deps: AppDependencies): Promise<StopWorker | undefined> {
  return startOcrPolling(deps.database.db);
}

/** Reporters told of a published or corrected verdict (verdicts part). */
export async function startReporterMailWorker(deps: AppDependencies): Promise<StopWorker | undefined> {
  return startReporterMail(deps);
}

/** Reporters' contact details erased when a case's retention ends (tips part). */
export async function startRetentionWorker(deps: AppDependencies): Promise<StopWorker | undefined> {
  await registerTipRetention(deps.database.db, deps.jobs);
  return undefined;
}
