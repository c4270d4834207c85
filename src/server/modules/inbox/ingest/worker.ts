import type { AppDependencies, StopWorker } from "../../../platform/module.ts";

/** Turns stored webhook deliveries into conversations, and drains what a crash left. STUB (skeleton). */
export async function startDeliveryWorker(_deps: AppDependencies): Promise<StopWorker | undefined> {
  return undefined;
}
