/*
 * A test-only hook for the kill -9 tests (crash.test.ts): with CAUNOI_TEST_PAUSE_AT=<stage> set
 * explicitly in its environment (never honoured when NODE_ENV=production), the server writes
 * "CAUNOI_TEST_PAUSED <stage> <variantId>" on stdout when a publish reaches that stage and then
 * waits there for ever, so that the test can kill it at exactly that point.
 */

export type CrashStage =
  /** pg-boss has handed the job over (it is "active"); nothing of the variant is touched yet. */
  | "job_fetched"
  /** The variant is `publishing` and its attempt row committed; the platform is not called yet. */
  | "claimed"
  /** The platform answered the publish call; its answer is not stored yet. */
  | "platform_answered";

const pauseAt = process.env.NODE_ENV === "production" ? undefined : process.env.CAUNOI_TEST_PAUSE_AT;

/** Does nothing unless this process was started to be killed at `stage`. */
export async function crashPoint(stage: CrashStage, variantId: string): Promise<void> {
  if (pauseAt !== stage) {
    return;
  }
  process.stdout.write(`CAUNOI_TEST_PAUSED ${stage} ${variantId}\n`);
  await new Promise<never>(() => {});
}
