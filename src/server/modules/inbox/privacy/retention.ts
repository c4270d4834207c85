import type { AppDependencies, StopWorker } from "../../../platform/module.ts";

/** Purges conversations older than each unit's retention. STUB (skeleton). */
export async function startRetentionWorker(_deps: AppDependencies): Promise<StopWorker | undefined> {
  return undefined;
}
