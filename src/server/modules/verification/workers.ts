import type { AppDependencies, StopWorker } from "../../platform/module.ts";
import { startReporterMail } from "./verdicts/reporter-mail.ts";

/** OCR of screenshots (cases part). */
export async function startOcrWorker(_deps: AppDependencies): Promise<StopWorker | undefined> {
  return undefined;
}

/** Reporters told of a published or corrected verdict (verdicts part). */
export async function startReporterMailWorker(deps: AppDependencies): Promise<StopWorker | undefined> {
  return startReporterMail(deps);
}

/** Reporters' contact details erased when a case's retention ends (tips part). */
export async function startRetentionWorker(_deps: AppDependencies): Promise<StopWorker | undefined> {
  return undefined;
}
