import type { AppDependencies, StopWorker } from "../../../platform/module.ts";

/** Flags conversations about to breach, records breaches and sends the escalation e-mails. STUB (skeleton). */
export async function startTargetWorker(_deps: AppDependencies): Promise<StopWorker | undefined> {
  return undefined;
}
