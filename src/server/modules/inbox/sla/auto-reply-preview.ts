import type { Executor } from "../../../db/client.ts";
import { autoReplyText } from "../outbound/auto-reply.ts";
import { loadDutySchedule, nextDutyStart } from "../roster/clock.ts";
import type { TargetSettings } from "./settings.ts";

/* The settings page's preview of the auto-reply (kept apart from settings.ts, which the reply path imports). */

/** How far ahead the auto-reply looks for the next shift (outbound/auto-reply.ts looks as far). */
const lookAheadMs = 14 * 86_400_000;

/** The auto-reply as it would be sent at `at`, in the outbound part's own words and format. */
export async function autoReplyPreview(
  db: Executor,
  settings: Pick<TargetSettings, "unitId" | "autoReplyText">,
  at: Date,
): Promise<string> {
  const schedule = await loadDutySchedule(db, settings.unitId, at, new Date(at.getTime() + lookAheadMs));
  return autoReplyText(settings.autoReplyText, nextDutyStart(schedule, at));
}
