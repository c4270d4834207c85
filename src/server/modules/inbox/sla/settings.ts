import { eq } from "drizzle-orm";
import type { Executor } from "../../../db/client.ts";
import { inboxSettings } from "../../../db/schema/inbox.ts";
import { recordAudit } from "../../../platform/audit.ts";
import type { ActionContext } from "../../../platform/context.ts";
import { targetErrors } from "./errors.ts";

/*
 * A unit's inbox settings: response targets (counted in duty minutes), the warning before a breach,
 * retention and the auto-reply outside shifts. A unit without a row has the defaults below (the
 * table's own defaults): nobody has to save the settings page before targets run.
 */

export interface TargetSettings {
  unitId: string;
  firstResponseMinutes: number;
  resolutionHours: number;
  warnBeforeMinutes: number;
  retentionMonths: number;
  autoReplyEnabled: boolean;
  autoReplyText: string | null;
}

export const defaultTargets = {
  firstResponseMinutes: 60,
  resolutionHours: 8,
  warnBeforeMinutes: 15,
  retentionMonths: 24,
  autoReplyEnabled: true,
  autoReplyText: null,
} as const;

/** The unit's settings, or the defaults when it never saved any. */
export async function targetSettingsOf(db: Executor, unitId: string): Promise<TargetSettings> {
  const [row] = await db
    .select({
      firstResponseMinutes: inboxSettings.firstResponseMinutes,
      resolutionHours: inboxSettings.resolutionHours,
      warnBeforeMinutes: inboxSettings.warnBeforeMinutes,
      retentionMonths: inboxSettings.retentionMonths,
      autoReplyEnabled: inboxSettings.autoReplyEnabled,
      autoReplyText: inboxSettings.autoReplyText,
    })
    .from(inboxSettings)
    .where(eq(inboxSettings.unitId, unitId));
  return { unitId, ...(row ?? defaultTargets) };
}

/** The one variable the auto-reply fills (outbound/auto-reply.ts): when the office is next on duty. */
const knownVariables = new Set(["{gio_mo_cua}"]);

/** Refuses words that name a variable nobody fills (it would reach the citizen as typed). */
export function checkAutoReplyText(text: string | null): void {
  for (const match of text?.matchAll(/\{[^{}\s]{1,40}\}/g) ?? []) {
    if (!knownVariables.has(match[0])) {
      throw targetErrors.autoReplyUnknownVariable({ variable: match[0] });
    }
  }
}

export type TargetSettingsInput = Omit<TargetSettings, "unitId"> & { unitId: string };

/** Saves the unit's settings (audited); targets already armed keep their due times. */
export async function saveTargetSettings(
  ctx: ActionContext,
  unit: { id: string; path: string },
  input: TargetSettingsInput,
): Promise<TargetSettings> {
  if (input.warnBeforeMinutes >= input.firstResponseMinutes) {
    throw targetErrors.warnNotBeforeTarget({ firstResponseMinutes: input.firstResponseMinutes });
  }
  const autoReplyText = input.autoReplyText?.trim() ? input.autoReplyText.trim() : null;
  checkAutoReplyText(autoReplyText);
  const values = {
    firstResponseMinutes: input.firstResponseMinutes,
    resolutionHours: input.resolutionHours,
    warnBeforeMinutes: input.warnBeforeMinutes,
    retentionMonths: input.retentionMonths,
    autoReplyEnabled: input.autoReplyEnabled,
    autoReplyText,
  };
  return ctx.db.transaction(async (tx) => {
    const before = await targetSettingsOf(tx, unit.id);
    const changed = { ...values, updatedBy: ctx.actor?.personId ?? null, updatedAt: new Date() };
    await tx
      .insert(inboxSettings)
      .values({ unitId: unit.id, ...changed })
      .onConflictDoUpdate({ target: inboxSettings.unitId, set: changed });
    await recordAudit(tx, {
      actor: ctx.actor,
      action: "inbox.settings.update",
      unit,
      target: { type: "unit", id: unit.id },
      ip: ctx.ip,
      details: { before: { ...before, unitId: undefined }, after: values },
    });
    return { unitId: unit.id, ...values };
  });
}
